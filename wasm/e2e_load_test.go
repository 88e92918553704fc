//go:build !js && browser

package main

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/golang-jwt/jwt/v5"

	ui "whydenied/app"
)

// TestPasteWhileLoading pastes into the prerendered page before the
// WebAssembly runs (the server holds app.wasm back) and checks that the
// text survives go-app replacing the page and gets its verdict.
func TestPasteWhileLoading(t *testing.T) {
	e := setup(t)
	tb := newTab(t, e)
	tb.do(chromedp.Navigate(e.slow.URL + "/"))
	if eval[bool](tb, `document.documentElement.hasAttribute("data-ready")`) {
		t.Fatal("the page is ready before app.wasm arrived: the test proves nothing")
	}
	if got := eval[string](tb, `document.getElementById("verdict").innerText`); !strings.Contains(got, "Loading") {
		t.Errorf("the prerendered verdict says %q, want it to say what is loading", got)
	}
	tok := token(t, claims(func(c jwt.MapClaims) { c["scope"] = "orders.list" }))
	tb.paste(ui.RequirementInputID, requirement)
	tb.paste(ui.TokenInputID, tok)
	if eval[bool](tb, `document.documentElement.hasAttribute("data-ready")`) {
		t.Fatal("the page became ready while pasting: the test proves nothing")
	}

	tb.waitReady()
	if got := eval[string](tb, `document.getElementById("token-input").value`); got != tok {
		t.Errorf("token input after start = %.40q…, want the pasted token", got)
	}
	if got := eval[string](tb, `document.getElementById("requirement-input").value`); got != requirement {
		t.Errorf("requirement input after start = %q, want %q", got, requirement)
	}
	if got := eval[string](tb, `document.activeElement.id`); got != ui.TokenInputID {
		t.Errorf("focus after start on %q, want it back in %s", got, ui.TokenInputID)
	}
	// The verdict for the restored text is there as soon as the page is
	// ready, without another keystroke.
	if s := tb.state(); s.Verdict != "403" {
		t.Errorf("verdict right after start = %+v, want 403 for the restored input", s)
	}
	// And typing goes on from there.
	tb.typeKeys(ui.RequirementInputID, "\naud=api://billing")
	tb.expect("401", []string{"aud.mismatch"}, nil)
}

// TestSubPath loads the site from a plain file server under
// /tools/whydenied/ and checks that it starts, diagnoses and fetched
// everything from under that path.
func TestSubPath(t *testing.T) {
	e := setup(t)
	tb := newTab(t, e)
	mark := e.proxy.mark()
	tb.open(e.subpath.URL + "/tools/whydenied/")
	tb.paste(ui.TokenInputID, token(t, claims(func(c jwt.MapClaims) { c["exp"] = time.Now().Add(-time.Minute).Unix() })))
	tb.expect("401", []string{"token.expired"}, nil)

	// Let the service worker precache, which fetches every file again.
	tb.waitFor("the service worker cache", `caches.keys().then(k => k.length > 0)`, 30*time.Second)
	for _, r := range e.proxy.since(mark) {
		if strings.Contains(r.URL, hostOf(e.subpath)) && !strings.Contains(r.URL, hostOf(e.subpath)+"/tools/whydenied/") {
			t.Errorf("request outside the sub-path: %s %s", r.Method, r.URL)
		}
	}
	scope := eval[string](tb, `navigator.serviceWorker.getRegistration().then(r => r ? r.scope : "")`)
	if !strings.HasSuffix(scope, "/tools/whydenied/") {
		t.Errorf("service worker scope %q, want the sub-path", scope)
	}
}
