package ui

import (
	"html"
	"strings"

	app "github.com/maxence-charriere/go-app/v10/pkg/app"

	"whydenied/inspect"
)

// verdictTitle is the headline for each verdict.
func verdictTitle(v inspect.Verdict) string {
	switch v {
	case inspect.VerdictOK:
		return "OK — nothing here makes a server refuse"
	case inspect.Verdict401:
		return "401 Unauthorized — the server cannot tell who you are"
	case inspect.Verdict403:
		return "403 Forbidden — the server knows who you are and refuses"
	case inspect.VerdictNetwork:
		return "Network — no HTTP answer reached the page"
	}
	return "Unknown — not enough to go on"
}

// verdictView is what #verdict says. data-verdict is the contract; the
// text is for people. An empty line is hidden.
type verdictView struct {
	verdict                        inspect.Verdict
	title, summary, explain, about string
}

// viewVerdict is the verdict of res. Before the WebAssembly runs it says
// what is loading.
func viewVerdict(res result, ready bool) verdictView {
	v := res.Report.Verdict
	if v == "" || !ready {
		v = inspect.VerdictUnknown
	}
	out := verdictView{verdict: v, title: verdictTitle(v), summary: res.Report.Summary,
		about: "About: " + res.About.label() + "."}
	switch {
	case !ready:
		out.summary = "Loading the checker (a WebAssembly module, a few MB, from this site). You can already paste: nothing you type is lost."
		out.about = ""
	case res.About == "":
		out.summary = "Paste a token or a curl command to see what a server will answer."
		out.about = ""
	case res.About == srcHAR && res.Report.Kind == inspect.KindHAR:
		out.explain = harExplanation(res.Report)
	}
	return out
}

// lines are the verdict's paragraphs, in order, with their classes.
func (v verdictView) lines() [4]struct{ class, text string } {
	return [4]struct{ class, text string }{
		{"verdict-title", v.title},
		{"verdict-summary", v.summary},
		{"verdict-explain", v.explain},
		{"verdict-about", v.about},
	}
}

// verdictHTML is #verdict as go-app renders it, the same in every render:
// the loading state, which the prerendered page shows. go-app never
// changes a raw element whose markup stays the same, so what is inside is
// showVerdict's alone. The markup is built from constant text, escaped all
// the same.
var verdictHTML = func() string {
	v := viewVerdict(result{}, false)
	var b strings.Builder
	b.WriteString(`<div id="` + VerdictID + `" class="verdict verdict-` + string(v.verdict) +
		`" data-verdict="` + string(v.verdict) + `" role="status" aria-live="polite">`)
	for _, l := range v.lines() {
		b.WriteString(`<p class="` + l.class + `"`)
		if l.text == "" {
			b.WriteString(` hidden`)
		}
		b.WriteString(`>` + html.EscapeString(l.text) + `</p>`)
	}
	b.WriteString(`</div>`)
	return b.String()
}()

// renderVerdict is #verdict for go-app: a constant frame that showVerdict
// fills in.
func renderVerdict() app.UI {
	return app.Raw(verdictHTML)
}

// verdictWriter writes the verdict into #verdict as soon as it is known,
// from the input handler itself, instead of on go-app's next frame: go-app
// starts a frame 8.3 ms after an event (engine.Start(120)) and then renders
// the whole page, so a keystroke's verdict would miss the frame it was
// typed in. Text goes in through textContent, never as markup.
type verdictWriter struct {
	shown verdictView
	// el is the element last written to: a new one (go-app mounting the
	// page again) is written whole.
	el app.Value
}

// show writes v if it differs from what is shown; it does nothing before
// #verdict is in the document.
func (w *verdictWriter) show(v verdictView) {
	el := app.Window().Get("document").Call("getElementById", VerdictID)
	if !el.Truthy() {
		return
	}
	written := w.el != nil && w.el.Equal(el)
	if written && w.shown == v {
		return
	}
	if !written || w.shown.verdict != v.verdict {
		el.Call("setAttribute", "data-verdict", string(v.verdict))
		el.Set("className", "verdict verdict-"+string(v.verdict))
	}
	old := w.shown.lines()
	ps := el.Get("children")
	for i, l := range v.lines() {
		if written && old[i].text == l.text {
			continue
		}
		p := ps.Index(i)
		p.Set("textContent", l.text)
		p.Set("hidden", l.text == "")
	}
	w.shown, w.el = v, el
}
