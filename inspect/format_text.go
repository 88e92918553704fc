package inspect

import (
	"encoding/json"
	"fmt"
	"strings"
)

// FormatText renders a report for a terminal: the verdict and its sentence
// first, then every finding, then each token and entry. Token secrets are not
// printed; header and payload are shown as their original JSON, indented.
func FormatText(r Report) string {
	var b strings.Builder
	fmt.Fprintf(&b, "verdict: %s\n", r.Verdict)
	if r.Headline != "" {
		fmt.Fprintf(&b, "%s\n", r.Headline)
	}
	if r.Server != nil && r.Server.Name != ProfileGeneric {
		fmt.Fprintf(&b, "server: %s\n", oneLine(r.Server.Note))
		if isDenial(r.Verdict) && r.Server.Answer != "" {
			fmt.Fprintf(&b, "answers: %s\n", oneLine(r.Server.Answer))
		}
	}
	if r.Summary != "" {
		fmt.Fprintf(&b, "%s\n", r.Summary)
	}
	writeFindings(&b, r.Findings, "")
	for i, t := range r.Tokens {
		writeToken(&b, i+1, t)
	}
	b.Grow(len(r.Entries) * 160) // about what each entry's lines take
	for i, e := range r.Entries {
		writeEntry(&b, e, i == r.Primary)
	}
	return b.String()
}

func writeFindings(b *strings.Builder, fs []Finding, indent string) {
	if len(fs) == 0 {
		return
	}
	fmt.Fprintf(b, "\n%sfindings:\n", indent)
	for _, f := range fs {
		fmt.Fprintf(b, "%s  [%s] %s  %s\n", indent, f.Severity, f.Code, oneLine(f.Title))
		if f.Detail != "" {
			fmt.Fprintf(b, "%s      %s\n", indent, oneLine(f.Detail))
		}
		if f.Evidence != "" {
			fmt.Fprintf(b, "%s      evidence: %s\n", indent, oneLine(f.Evidence))
		}
	}
}

func writeToken(b *strings.Builder, n int, t TokenReport) {
	fmt.Fprintf(b, "\ntoken %d: %s (%s", n, t.Source, strings.ToUpper(string(t.Kind)))
	if t.Alg != "" {
		fmt.Fprintf(b, ", alg %s", t.Alg)
	}
	fmt.Fprintf(b, ") verdict %s\n  signature: %s\n", t.Verdict, t.Signature)
	writeJSON(b, "header", t.Header)
	switch {
	case len(t.Payload) > 0 && string(t.Payload) != "null":
		writeJSON(b, "payload", t.Payload)
	case t.PayloadText != "":
		fmt.Fprintf(b, "  payload (not JSON):\n    %s\n", oneLine(t.PayloadText))
	}
	if len(t.Times) > 0 {
		b.WriteString("  times:\n")
		for _, tc := range t.Times {
			when := "(not a date)"
			if !tc.Time.IsZero() {
				when = formatUTC(tc.Time)
			}
			fmt.Fprintf(b, "    %-9s %-24s %s\n", tc.Name, when, tc.Relative)
		}
	}
	if len(t.Checks) > 0 {
		b.WriteString("  checks:\n")
		for _, c := range t.Checks {
			fmt.Fprintf(b, "    line %d  %-4s  %s: %s\n", c.Line, c.Result, oneLine(c.Text), oneLine(c.Detail))
		}
	}
}

func writeJSON(b *strings.Builder, name string, raw json.RawMessage) {
	if len(raw) == 0 {
		return
	}
	text, note := IndentJSON(raw, "    ")
	if note != "" {
		name += " (" + note + ")"
	}
	fmt.Fprintf(b, "  %s:\n    %s\n", name, text)
}

func writeEntry(b *strings.Builder, e EntryReport, primary bool) {
	status := "no response"
	if e.Response != nil {
		status = fmt.Sprint(e.Response.Status)
	}
	mark := ""
	if primary {
		mark = "  <- primary failure"
	}
	fmt.Fprintf(b, "\nentry %d: %s %s -> %s, verdict %s%s\n", e.Index+1, e.Request.Method, e.Request.URL, status, e.Verdict, mark)
	if e.Error != nil {
		fmt.Fprintf(b, "  error: %s\n", oneLine(*e.Error))
	}
	if e.Summary != "" {
		fmt.Fprintf(b, "  %s\n", oneLine(e.Summary))
	}
	// The primary entry's findings are the report's, printed above.
}

// oneLine keeps untrusted text on one line so it cannot forge output lines.
func oneLine(s string) string {
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return r == '\n' || r == '\r' }), " ⏎ ")
}
