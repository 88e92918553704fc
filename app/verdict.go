package ui

import (
	"html"
	"slices"
	"strings"

	app "github.com/maxence-charriere/go-app/v10/pkg/app"

	"whydenied/inspect"
)

// verdictView is what #verdict says. data-verdict is the contract; the
// text is for people. An empty line is hidden.
type verdictView struct {
	verdict                        inspect.Verdict
	title, summary, explain, about string
	// subject is the input the verdict speaks of, "" before the page runs
	// and when nothing is entered (verdictEcho).
	subject source
}

// viewVerdict is the verdict of res. Before the WebAssembly runs it says
// what is loading.
func viewVerdict(res result, ready bool) verdictView {
	v := res.Report.Verdict
	if v == "" || !ready {
		v = inspect.VerdictUnknown
	}
	out := verdictView{verdict: v, title: inspect.Headline(v), summary: res.Report.Summary,
		about: "About: " + res.About.label() + ".", subject: res.About}
	switch {
	case !ready:
		out.summary = "Loading the checker (a WebAssembly module, a few MB, from this site). You can already paste: nothing you type is lost."
		out.about, out.subject = "", ""
	case res.About == "":
		out.summary = "Paste a token or a curl command to see what a server will answer."
		out.about = ""
	case res.About == srcHAR && res.Report.Kind == inspect.KindHAR:
		out.explain = res.Report.Explanation()
	}
	if s := res.Report.Server; ready && res.About != "" && s != nil && (s.Name != inspect.ProfileGeneric || s.LeewaySet) {
		out.about += " Judged as " + s.Note + "."
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
		`" data-verdict="` + string(v.verdict) + `" role="status" aria-live="polite" tabindex="-1">`)
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

// resultWriter writes the verdict and the findings into #verdict and
// #findings as soon as they are known, from the input handler itself,
// instead of on go-app's next frame: go-app starts a frame 8.3 ms after an
// event (engine.Start(120)) and then renders the whole page, so a
// keystroke's verdict would miss the frame it was typed in. Both are
// written together, so #verdict never speaks of findings not yet shown.
// The verdict's text goes in through textContent; the findings as escaped
// HTML (findingsHTML).
type resultWriter struct {
	shown    verdictView
	findings []inspect.Finding
	// verdict and list are the elements last written to: new ones (go-app
	// mounting the page again) are written whole.
	verdict, list app.Value
}

// show writes v and fs where they differ from what is shown; it does
// nothing before #verdict and #findings are in the document.
func (w *resultWriter) show(v verdictView, fs []inspect.Finding) {
	doc := app.Window().Get("document")
	el, list := doc.Call("getElementById", VerdictID), doc.Call("getElementById", FindingsID)
	if !el.Truthy() || !list.Truthy() {
		return
	}
	// The findings go first: whoever watches #verdict finds them there.
	if w.list == nil || !w.list.Equal(list) || !slices.Equal(w.findings, fs) {
		list.Set("innerHTML", findingsHTML(fs))
		if empty := list.Get("previousElementSibling"); empty.Truthy() {
			empty.Set("hidden", len(fs) != 0)
		}
		w.findings, w.list = slices.Clone(fs), list
	}
	written := w.verdict != nil && w.verdict.Equal(el)
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
	w.shown, w.verdict = v, el
}
