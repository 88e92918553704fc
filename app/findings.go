package ui

import (
	"html"
	"strings"

	app "github.com/maxence-charriere/go-app/v10/pkg/app"

	"whydenied/inspect"
)

// findingsFrame is the findings part as go-app renders it, the same in
// every render: go-app never changes a raw element whose markup stays the
// same, so the list inside is the resultWriter's alone, written with the
// verdict in the task of the event that changed them (verdict.go).
const findingsFrame = `<div class="findings"><h2>Findings</h2>` +
	`<p class="empty" hidden>No findings.</p><ul id="` + FindingsID + `"></ul></div>`

// renderFindings is the frame that holds #findings.
func renderFindings() app.UI {
	return app.Raw(findingsFrame)
}

// findingsHTML is the content of #findings: one li per finding, carrying
// data-code. Everything in a finding comes from the input, so every text
// and attribute value is escaped and never becomes markup.
func findingsHTML(fs []inspect.Finding) string {
	esc := html.EscapeString
	var b strings.Builder
	for _, f := range fs {
		b.WriteString(`<li data-code="` + esc(f.Code) + `" class="finding severity-` + esc(string(f.Severity)) + `">`)
		b.WriteString(`<p class="finding-head"><span class="severity">` + esc(string(f.Severity)) + `</span>`)
		b.WriteString(`<code class="code">` + esc(f.Code) + `</code>`)
		b.WriteString(`<strong class="finding-title">` + esc(f.Title) + `</strong></p>`)
		if f.Detail != "" {
			b.WriteString(`<p class="finding-detail">` + esc(f.Detail) + `</p>`)
		}
		if f.Evidence != "" {
			b.WriteString(`<div class="evidence"><span class="evidence-label">Evidence</span><pre><code>` + esc(f.Evidence) + `</code></pre></div>`)
		}
		b.WriteString(`</li>`)
	}
	return b.String()
}
