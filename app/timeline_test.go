package ui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	app "github.com/maxence-charriere/go-app/v10/pkg/app"

	"whydenied/inspect"
)

func timelineEntries(n int, url string) []inspect.EntryReport {
	start := time.Date(2025, 6, 2, 9, 0, 0, 0, time.UTC)
	es := make([]inspect.EntryReport, n)
	for i := range es {
		es[i] = inspect.EntryReport{Index: i, Started: start.Add(time.Duration(i) * 50 * time.Millisecond), Verdict: inspect.VerdictOK,
			Request:  inspect.Request{Method: "GET", URL: url, Headers: []inspect.Header{{Name: "Authorization", Value: fmt.Sprintf("Bearer opaque-%d", i/100)}}},
			Response: &inspect.Response{Status: 200}}
		if i%7 == 3 {
			es[i].Verdict, es[i].Failed, es[i].Response.Status = inspect.Verdict401, true, 401
		}
	}
	return es
}

// However many requests, the marks stay bounded by the columns and rows,
// every request is counted in one mark, and each token has its bar.
func TestTimelineAggregatesDenseFiles(t *testing.T) {
	es := timelineEntries(10000, "https://api.example.test/v1/orders")
	tl := inspect.BuildTimeline(inspect.Report{Entries: es, Kind: inspect.KindHAR})
	html := app.HTMLString(&timelineView{TL: &tl, Entries: es})
	marks := strings.Count(html, "data-timeline-request")
	if marks == 0 || marks > tlCols*tlRows {
		t.Fatalf("%d marks for 10000 requests", marks)
	}
	l := layoutTimeline(&tl, es)
	total := 0
	for _, m := range l.marks {
		total += m.count
	}
	if total != 10000 {
		t.Errorf("marks count %d requests, want 10000", total)
	}
	if got := strings.Count(html, "data-timeline-token="); got != tlMaxTokens {
		t.Errorf("%d token bars, want %d (the first of 100 tokens)", got, tlMaxTokens)
	}
	if strings.Count(html, `tabindex="0"`) != 1 {
		t.Errorf("want exactly one tab stop among the marks")
	}
}

// What the file says is text: a hostile method or URL is escaped in the
// text alternative (and set with setAttribute in the labels; the browser
// test checks no element comes of them).
func TestTimelineTextOnly(t *testing.T) {
	es := timelineEntries(3, `https://evil.test/<img src=x onerror=alert(1)>`)
	es[1].Request.Method = `<b>GET</b>`
	es[1].Failed, es[1].Verdict = true, inspect.Verdict403
	tl := inspect.BuildTimeline(inspect.Report{Entries: es, Kind: inspect.KindHAR})
	html := app.HTMLString(&timelineView{TL: &tl, Entries: es})
	if !strings.Contains(html, "<li>#2 at 09:00:00.050 UTC: &lt;b&gt;GET&lt;/b&gt; evil.test/%3Cimg%20src=x%20onerror=alert%281%29%3E → 200, verdict 403, token 1</li>") {
		t.Errorf("the failed request is not listed as text:\n%s", html)
	}
}

// The drawing is markup built by the page (timelineSVG): what the file says
// stays inside the attribute values, escaped, and the marks carry the DOM
// contract's attributes.
func TestTimelineSVGEscapes(t *testing.T) {
	es := timelineEntries(3, `https://evil.test/a`)
	es[1].Request.Method = `"><img src=x onerror=alert(1)><b a="`
	tl := inspect.BuildTimeline(inspect.Report{Entries: es, Kind: inspect.KindHAR})
	l := layoutTimeline(&tl, es)
	svg := timelineSVG(l, firstFocus(l.marks))
	if strings.Contains(svg, "<img") || strings.Contains(svg, "<b ") || strings.Contains(svg, `"><`+"img") {
		t.Fatalf("the file's text became markup:\n%s", svg)
	}
	if !strings.Contains(svg, `aria-label="#2 at 09:00:00.050 UTC: &#34;&gt;&lt;img src=x onerror=alert(1)&gt;&lt;b a=&#34; evil.test/a → 200`) {
		t.Errorf("the label of request #2 is not escaped text:\n%s", svg)
	}
	for _, want := range []string{`data-timeline-request="1"`, `data-count="1"`, `data-timeline-token="1"`, `tabindex="0"`} {
		if !strings.Contains(svg, want) {
			t.Errorf("no %s in:\n%s", want, svg)
		}
	}
	if n := strings.Count(svg, `tabindex="0"`); n != 1 {
		t.Errorf("%d tab stops, want 1", n)
	}
}

// The timeline is built once per judgement, not once per file: the same
// file judged again (another requirement, another server profile) gets the
// new verdicts' marks.
func TestTimelineFollowsTheJudgement(t *testing.T) {
	file := &inspect.Case{Kind: inspect.KindHAR}
	first := timelineEntries(20, "https://api.example.test/v1/orders")
	h := &harPanel{File: file, Entries: first}
	if tl := h.sessionTimeline(); tl.Requests[3].Verdict != inspect.Verdict401 {
		t.Fatalf("request 4 is %s, want 401", tl.Requests[3].Verdict)
	}
	if h.sessionTimeline() != h.sessionTimeline() {
		t.Errorf("the same judgement built its timeline again")
	}
	again := timelineEntries(20, "https://api.example.test/v1/orders")
	again[3].Verdict = inspect.Verdict403
	h.Entries = again
	if tl := h.sessionTimeline(); tl.Requests[3].Verdict != inspect.Verdict403 {
		t.Errorf("after the file was judged again request 4 is still %s, want 403", tl.Requests[3].Verdict)
	}
}
