package ui

import app "github.com/maxence-charriere/go-app/v10/pkg/app"

// Early is what the user entered into the prerendered page before the
// WebAssembly started. go-app replaces the prerendered body when it mounts the
// page, which would drop that text; main captures it just before and the page
// puts it back when it mounts. Nothing between the two yields to the browser,
// so no keystroke falls in between.
type Early struct {
	// Values holds the value of each captured element, by id.
	Values map[string]string
	// Focus is the id of the element that had the focus, if any, with its
	// selection.
	Focus            string
	SelStart, SelEnd int
}

// earlyIDs are the elements whose values are carried over. The HAR file input
// is not: a browser does not let a page set a file input's value.
var earlyIDs = []string{TokenInputID, RequirementInputID, CurlInputID, KeyInputID, leewaySelectID, leewayCustomID, ServerInputID}

// CaptureEarly reads the prerendered inputs. It returns nothing outside a
// browser.
func CaptureEarly() Early {
	if !app.IsClient {
		return Early{}
	}
	doc := app.Window().Get("document")
	e := Early{Values: make(map[string]string)}
	for _, id := range earlyIDs {
		el := doc.Call("getElementById", id)
		if !el.Truthy() {
			continue
		}
		if v := el.Get("value"); v.Truthy() {
			e.Values[id] = v.String()
		}
	}
	if el := doc.Get("activeElement"); el.Truthy() {
		if id := el.Get("id"); id.Truthy() && e.has(id.String()) {
			e.Focus = id.String()
			if s := el.Get("selectionStart"); s.Truthy() {
				e.SelStart = s.Int()
				e.SelEnd = el.Get("selectionEnd").Int()
			}
		}
	}
	return e
}

func (e Early) has(id string) bool {
	for _, x := range earlyIDs {
		if x == id {
			return true
		}
	}
	return false
}

// restore writes the captured values into the mounted page's elements and
// gives the focus back. It must run after the page's elements are in the
// document (OnMount).
func (e Early) restore() {
	if !app.IsClient {
		return
	}
	doc := app.Window().Get("document")
	for id, v := range e.Values {
		if el := doc.Call("getElementById", id); el.Truthy() {
			el.Set("value", v)
		}
	}
	if e.Focus == "" {
		return
	}
	if el := doc.Call("getElementById", e.Focus); el.Truthy() {
		el.Call("focus")
		if e.SelEnd > 0 && el.Get("setSelectionRange").Truthy() {
			el.Call("setSelectionRange", e.SelStart, e.SelEnd)
		}
	}
}
