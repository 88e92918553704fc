package ui

import (
	app "github.com/maxence-charriere/go-app/v10/pkg/app"
)

// The verdict's echo is a short copy of #verdict (its headline and
// sentence) under the input the verdict speaks of: the token, the curl
// command or the HAR file. On a narrow screen #verdict sits below every
// input, out of sight of someone who has just pasted a token; the echo is
// right under what they pasted, with a button that brings #verdict into
// view. The stylesheet shows it only where the page is one column.
//
// Like #verdict, each echo is a frame go-app renders once and never
// changes; echoWriter fills the one of the subject and hides the others,
// in the same task as #verdict.

// echoID is the id of the echo under the input of s.
func echoID(s source) string { return inputID(s) + "-verdict" }

// echoFrame is the echo under the input of s, hidden and empty.
func echoFrame(s source) string {
	return `<div id="` + echoID(s) + `" class="verdict-echo" hidden>` +
		`<p class="verdict-echo-title"></p><p class="verdict-echo-summary"></p>` +
		`<button type="button" class="verdict-echo-go">Findings and evidence</button></div>`
}

// echoSources are the inputs that can be the subject of a verdict.
var echoSources = [...]source{srcToken, srcCurl, srcHAR}

// echoWriter writes the echo: the subject's is shown and filled, the
// others hidden. It writes only what changed.
type echoWriter struct {
	shown verdictView
	// els are the echo elements last written to, by echoSources' order:
	// new ones (go-app mounting the inputs again) are written whole.
	els [len(echoSources)]app.Value
}

func (w *echoWriter) show(v verdictView) {
	doc := app.Window().Get("document")
	for i, s := range echoSources {
		el := doc.Call("getElementById", echoID(s))
		if !el.Truthy() {
			continue
		}
		fresh := w.els[i] == nil || !w.els[i].Equal(el)
		w.els[i] = el
		if v.subject != s {
			if fresh || w.shown.subject == s {
				el.Set("hidden", true)
			}
			continue
		}
		whole := fresh || w.shown.subject != s
		if whole || w.shown.verdict != v.verdict {
			el.Set("className", "verdict-echo verdict-"+string(v.verdict))
		}
		ps := el.Get("children")
		if whole || w.shown.title != v.title {
			ps.Index(0).Set("textContent", v.title)
		}
		if whole || w.shown.summary != v.summary {
			ps.Index(1).Set("textContent", v.summary)
		}
		if whole {
			el.Set("hidden", false)
		}
	}
	w.shown = v
}

// toVerdict brings #verdict into view and gives it the focus, for the
// echo's button: the findings and the evidence follow it.
func toVerdict() {
	v := app.Window().GetElementByID(VerdictID)
	if !v.Truthy() {
		return
	}
	v.Call("scrollIntoView", map[string]any{"block": "start"})
	v.Call("focus", map[string]any{"preventScroll": true})
}
