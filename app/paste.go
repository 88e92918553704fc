package ui

import (
	"whydenied/inspect"

	app "github.com/maxence-charriere/go-app/v10/pkg/app"
)

// pasteFields are the text fields whose pastes the page inserts itself
// when they are long (inspect.PreparePaste).
var pasteFields = map[string]bool{TokenInputID: true, RequirementInputID: true, KeyInputID: true, CurlInputID: true}

// pasteRefused is the last paste the page refused: in which field and why.
// It is shown under that field until its text changes.
type pasteRefused struct {
	id, msg string
}

// listenPaste installs the document's paste listener. A paste of
// inspect.PasteLines lines or more into a text field is inserted by the
// page at once (setRangeText, then an input event as a paste gives),
// without its blank tail; one longer than inspect.MaxPasteLines is refused
// with a message, the field keeping its text. Shorter pastes are left to
// the browser, which keeps them in its undo history.
func (p *Page) listenPaste(ctx app.Context) {
	if !app.IsClient || p.paste != nil {
		return
	}
	p.paste = app.FuncOf(func(this app.Value, args []app.Value) any {
		e := args[0]
		field := e.Get("target")
		id := field.Get("id").String()
		data := e.Get("clipboardData")
		if !pasteFields[id] || !data.Truthy() {
			return nil
		}
		text := data.Call("getData", "text/plain").String()
		if lines := countLines(text, inspect.PasteLines); lines < inspect.PasteLines {
			return nil
		}
		e.Call("preventDefault")
		insert, err := inspect.PreparePaste(text)
		if err != nil {
			msg := err.Error()
			ctx.Dispatch(func(app.Context) { p.pasteErr = pasteRefused{id: id, msg: msg} })
			return nil
		}
		field.Call("setRangeText", insert, field.Get("selectionStart"), field.Get("selectionEnd"), "end")
		field.Call("dispatchEvent", app.Window().Get("InputEvent").New("input", map[string]any{
			"bubbles": true, "inputType": "insertFromPaste",
		}))
		return nil
	})
	app.Window().Get("document").Call("addEventListener", "paste", p.paste, true)
}

// unlistenPaste removes it.
func (p *Page) unlistenPaste() {
	if p.paste == nil {
		return
	}
	app.Window().Get("document").Call("removeEventListener", "paste", p.paste, true)
	p.paste.Release()
	p.paste = nil
}

// countLines counts the lines of s, stopping at most.
func countLines(s string, most int) int {
	n := 1
	for i := 0; i < len(s) && n < most; i++ {
		if s[i] == '\n' {
			n++
		}
	}
	return n
}
