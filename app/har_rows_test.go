package ui

import (
	"strings"
	"testing"
	"time"

	"whydenied/inspect"
)

// TestTableHTMLEscapes checks that what a HAR holds stays text in the
// table's HTML: markup and quotes in the file name, the method, the URL,
// the host and path, the error text and the resource type are escaped in
// text and in attribute values, so no element or attribute comes from
// them.
func TestTableHTMLEscapes(t *testing.T) {
	evil := `"><img src=x onerror=alert(1)>'&`
	errText := evil
	e := inspect.EntryReport{
		Index: 2, Started: time.Date(2026, 5, 1, 10, 0, 0, 0, time.UTC), Duration: 1500 * time.Millisecond,
		Request:      inspect.Request{Method: evil, URL: "https://x.test/" + evil},
		Error:        &errText,
		ResourceType: evil,
		Verdict:      inspect.VerdictNetwork, Failed: true,
	}
	rows := []harRow{{pos: 0, e: &e, m: rowMeta{host: evil, path: evil}, primary: true, open: true, tabbable: true}}
	out := tableHTML(evil+".har", rows)
	for _, bad := range []string{"<img", "'&", "onerror=alert(1)>"} {
		if strings.Contains(out, bad) {
			t.Errorf("the HTML holds %q unescaped:\n%s", bad, out)
		}
	}
	// 1 (caption) + method + URL title + host + path + status + type: each escaped once.
	if n := strings.Count(out, "&lt;img src=x onerror=alert(1)&gt;"); n != 7 {
		t.Errorf("%d escaped copies of the markup, want 7:\n%s", n, out)
	}
	for _, want := range []string{
		`<tr class="entry har-row entry-failed entry-primary har-row-open" tabindex="0" data-har-entry="2" data-status="0" data-verdict="network" data-pos="0" aria-selected="true">`,
		`<time datetime="2026-05-01T10:00:00Z" title="2026-05-01 10:00:00.000 UTC">`,
		`<td class="har-num">1.50 s</td>`,
		`<span class="har-verdict verdict-network">network</span>`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the HTML lacks %s:\n%s", want, out)
		}
	}
	if strings.Count(out, "<tr") != 2 || strings.Count(out, "</tr>") != 2 {
		t.Errorf("want the header row and one row:\n%s", out)
	}
}

// TestFailuresHTMLEscapes checks the same for the list of failures, whose
// labels hold the method, the URL and the error text.
func TestFailuresHTMLEscapes(t *testing.T) {
	out := failuresHTML([]failure{{pos: 7, verdict: "403", label: `#8 GET x.test/"><script>alert(1)</script> — 403: Forbidden`}})
	if strings.Contains(out, "<script") || !strings.Contains(out, "&lt;script&gt;") {
		t.Errorf("the label is not escaped:\n%s", out)
	}
	want := `<li><button type="button" class="har-failure verdict-403" data-pos="7" data-failure-verdict="403">`
	if !strings.Contains(out, want) {
		t.Errorf("the HTML lacks %s:\n%s", want, out)
	}
}
