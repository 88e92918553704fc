package ui

import (
	"fmt"
	"strings"

	app "github.com/maxence-charriere/go-app/v10/pkg/app"

	"whydenied/inspect"
)

// harExplanation is the paragraph #verdict shows for a HAR: which request is
// the primary failure and the evidence its verdict rests on (the entry, its
// method and URL, the header or claim quoted by its strongest finding).
func harExplanation(r inspect.Report) string {
	if r.Primary < 0 || r.Primary >= len(r.Entries) {
		return "" // the verdict's sentence (inspect) says what failed, if anything
	}
	e := r.Entries[r.Primary]
	failed := 0
	for _, x := range r.Entries {
		if x.Failed {
			failed++
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "The first request in time order that was denied or blocked is entry #%d, %s %s", e.Index+1, e.Request.Method, e.Request.URL)
	if s := entryStatus(e); s > 0 {
		fmt.Fprintf(&b, ", answered %d", s)
	} else if e.Error != nil && *e.Error != "" {
		fmt.Fprintf(&b, ", which got no answer (%s)", *e.Error)
	} else {
		b.WriteString(", which got no answer")
	}
	b.WriteString(". ")
	if e.Summary != "" {
		b.WriteString(strings.TrimSuffix(e.Summary, ".") + ". ")
	}
	if f, ok := strongest(e.Findings); ok {
		fmt.Fprintf(&b, "Evidence (%s): %s. ", f.Code, oneLine(f.Evidence, 200))
	}
	if failed > 1 {
		fmt.Fprintf(&b, "%d of the %d requests failed; each row has its own verdict.", failed, len(r.Entries))
	}
	return strings.TrimSpace(b.String())
}

// strongest is the first error finding with evidence, else the first
// warning with evidence.
func strongest(fs []inspect.Finding) (inspect.Finding, bool) {
	for _, sev := range []inspect.Severity{inspect.SeverityError, inspect.SeverityWarning} {
		for _, f := range fs {
			if f.Severity == sev && f.Evidence != "" {
				return f, true
			}
		}
	}
	return inspect.Finding{}, false
}

// oneLine folds s to one line of at most n runes.
func oneLine(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return strings.TrimSuffix(s, ".")
}

// renderStripped explains, when the export dropped credentials, how to make
// one that keeps them.
func renderStripped(fs []inspect.Finding) app.UI {
	stripped := false
	for _, f := range fs {
		stripped = stripped || f.Code == inspect.CodeHARCredentialsStripped
	}
	if !stripped {
		return nil
	}
	return app.Aside().ID("har-stripped").Class("har-stripped").Attr("role", "note").Body(
		app.H3().Text("This file probably lacks the credentials that were sent"),
		app.P().Text("Chrome and Edge 130 and later leave Authorization, Cookie and Set-Cookie headers out of a HAR export by default, and sanitizers replace them with placeholders. Missing credentials in this file do not mean none were sent."),
		app.P().Text("To export with credentials:"),
		app.Ol().Body(
			app.Li().Text("Open DevTools (F12) → Settings (the gear) → Preferences → Network, and tick “Allow to generate HAR with sensitive data”."),
			app.Li().Text("Reload and reproduce the failure with the Network panel open."),
			app.Li().Text("In the Network panel open the menu of the download button (Export HAR) and choose “Export HAR (with sensitive data)…”."),
		),
		app.P().Text("Firefox keeps credentials in “Save All As HAR”. The file then holds live secrets: this page reads it locally and sends it nowhere, but share it only with people you trust, or redact it first with `whydenied sanitize file.har`."),
	)
}
