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
	// The CSP blocks inline styles: none may be rendered.
	if strings.Contains(html, "style=") {
		t.Errorf("prerendered page has an inline style")
	}
}

// Untrusted text is rendered as text: markup in a finding stays inert.
func TestFindingsAreText(t *testing.T) {
	f := inspect.Finding{Code: "token.malformed", Severity: inspect.SeverityError,
		Title: "<img src=x onerror=alert(1)>", Detail: "<b>bold</b>", Evidence: "<script>alert(1)</script>"}
	html := app.HTMLString(renderFindings([]inspect.Finding{f}, true))
	if strings.Contains(html, "<img") || strings.Contains(html, "<script") || strings.Contains(html, "<b>") {
		t.Errorf("finding text became markup: %s", html)
	}
	if !strings.Contains(html, `data-code="token.malformed"`) {
		t.Errorf("finding lacks data-code: %s", html)
	}
}

func TestVerdictRendering(t *testing.T) {
	res := result{Report: inspect.Report{Verdict: inspect.Verdict403, Summary: "Missing scope."}, About: srcToken}
	html := app.HTMLString(renderVerdict(res, true))
	for _, want := range []string{`data-verdict="403"`, "Missing scope.", "About: the token input."} {
		if !strings.Contains(html, want) {
			t.Errorf("verdict lacks %s: %s", want, html)
		}
	}
	// Not ready: always unknown, whatever was computed.
	if html := app.HTMLString(renderVerdict(res, false)); !strings.Contains(html, `data-verdict="unknown"`) {
		t.Errorf("verdict before start: %s", html)
	}
}

func TestOnlyChosenOptionSelected(t *testing.T) {
	html := app.HTMLString(NewPage(Early{}).renderLeeway())
	if strings.Count(html, "selected") != 1 {
		t.Errorf("want exactly one selected option: %s", html)
	}
}
