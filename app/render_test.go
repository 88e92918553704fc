package ui

import (
	"strings"
	"testing"

	app "github.com/maxence-charriere/go-app/v10/pkg/app"

	"whydenied/inspect"
)

// The DOM contract (DESIGN.md) as the prerendered page shows it.
func TestPrerenderedContract(t *testing.T) {
	html := app.HTMLString(NewPage(Early{}))
	for _, want := range []string{
		`id="token-input"`, `id="requirement-input"`, `id="curl-input"`,
		`id="har-input"`, `type="file"`, `id="verdict"`, `data-verdict="unknown"`,
		`id="findings"`, `for="token-input"`, `for="requirement-input"`, `for="curl-input"`, `for="har-input"`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("prerendered page lacks %s", want)
		}
	}
	// Before the WebAssembly runs the page says what is happening.
	if !strings.Contains(html, "Loading the checker") {
		t.Errorf("prerendered verdict does not say it is loading")
	}
	// go-app writes a boolean attribute set to false as ="false", which
	// HTML reads as true: an input inside hidden="false" is not there to
	// paste into before the WebAssembly runs.
	for _, bad := range []string{`hidden="false"`, `disabled="false"`, `selected="false"`, `checked="false"`} {
		if strings.Contains(html, bad) {
			t.Errorf("prerendered page holds %s", bad)
		}
	}
	// The CSP blocks inline styles: none may be rendered.
	if strings.Contains(html, "style=") {
		t.Errorf("prerendered page has an inline style")
	}
}

// Untrusted text is rendered as text: markup in a finding stays inert.
func TestFindingsAreText(t *testing.T) {
	f := inspect.Finding{Code: "token.malformed", Severity: inspect.SeverityError,
		Title: "<img src=x onerror=alert(1)>", Detail: "<b>bold</b>", Evidence: "<script>alert(1)</script>"}
	html := findingsHTML([]inspect.Finding{f, {Code: `x"><b>`, Severity: inspect.SeverityInfo}})
	if strings.Contains(html, "<img") || strings.Contains(html, "<script") || strings.Contains(html, "<b>") {
		t.Errorf("finding text became markup: %s", html)
	}
	for _, want := range []string{`data-code="token.malformed"`, "&lt;b&gt;bold&lt;/b&gt;", `data-code="x&#34;&gt;&lt;b&gt;"`} {
		if !strings.Contains(html, want) {
			t.Errorf("findings lack %s: %s", want, html)
		}
	}
	// A finding without detail or evidence has no empty paragraph or box.
	if n := strings.Count(html, `class="evidence"`); n != 1 {
		t.Errorf("%d evidence boxes, want 1: %s", n, html)
	}
}

// The findings frame is constant and holds an empty #findings, so go-app
// leaves the list to the writer.
func TestFindingsFrame(t *testing.T) {
	html := app.HTMLString(renderFindings())
	if !strings.Contains(html, `<ul id="findings"></ul>`) || !strings.Contains(html, `<p class="empty" hidden>No findings.</p>`) {
		t.Errorf("findings frame: %s", html)
	}
}

func TestVerdictView(t *testing.T) {
	res := result{Report: inspect.Report{Verdict: inspect.Verdict403, Summary: "Missing scope."}, About: srcToken}
	v := viewVerdict(res, true)
	if v.verdict != inspect.Verdict403 || v.summary != "Missing scope." || v.about != "About: the token input." || v.explain != "" {
		t.Errorf("verdict view: %+v", v)
	}
	// Not ready: always unknown and loading, whatever was computed.
	if v := viewVerdict(res, false); v.verdict != inspect.VerdictUnknown || !strings.Contains(v.summary, "Loading the checker") || v.about != "" {
		t.Errorf("verdict before start: %+v", v)
	}
	// Nothing entered: an invitation, no "About".
	if v := viewVerdict(result{}, true); v.verdict != inspect.VerdictUnknown || !strings.Contains(v.summary, "Paste") || v.about != "" {
		t.Errorf("empty verdict: %+v", v)
	}
}

// #verdict as go-app renders it is the loading state, with the contract's
// attributes, and its empty lines hidden; it never changes, so go-app leaves
// its content to the writer.
func TestVerdictFrame(t *testing.T) {
	html := app.HTMLString(renderVerdict())
	for _, want := range []string{`id="verdict"`, `data-verdict="unknown"`, `role="status"`, "Loading the checker",
		`<p class="verdict-explain" hidden></p>`, `<p class="verdict-about" hidden></p>`} {
		if !strings.Contains(html, want) {
			t.Errorf("verdict frame lacks %s: %s", want, html)
		}
	}
	if html != app.HTMLString(renderVerdict()) {
		t.Error("the verdict frame differs between renders")
	}
}

func TestOnlyChosenOptionSelected(t *testing.T) {
	html := app.HTMLString((&inputsPanel{}).renderLeeway())
	if strings.Count(html, "selected") != 1 {
		t.Errorf("want exactly one selected option: %s", html)
	}
}

// A payload nested deeper than inspect.MaxIndentDepth is shown on one line
// with a note, not indented into a text that grows with its square.
func TestSegmentDeepJSON(t *testing.T) {
	deep := `{"a":` + strings.Repeat("[", 2000) + strings.Repeat("]", 2000) + `}`
	html := app.HTMLString(renderSegment("Payload", []byte(deep), ""))
	if !strings.Contains(html, strings.ReplaceAll(deep, `"`, "&#34;")) || !strings.Contains(html, "Not indented: nested 2001 levels deep") {
		t.Errorf("deep payload not shown compact with its note: %.500s", html)
	}
	html = app.HTMLString(renderSegment("Payload", []byte(`{"a":[1]}`), ""))
	if !strings.Contains(html, "{\n  &#34;a&#34;: [\n    1\n  ]\n}") || strings.Contains(html, "Not indented") {
		t.Errorf("shallow payload not indented: %s", html)
	}
}
