//go:build !js && browser

package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/golang-jwt/jwt/v5"

	ui "whydenied/app"
)

// curlExample is a made-up "Copy as cURL" command with an expired token.
func curlExample(t *testing.T) string {
	tok := token(t, claims(func(c jwt.MapClaims) { c["exp"] = time.Now().Add(-time.Hour).Unix() }))
	return "curl 'https://api.example.test/orders?page=2' \\\n  -H 'Accept: application/json' \\\n  -H 'Authorization: Bearer " + tok + "'"
}

// pageState is one of the states the audit, the layout checks and the
// screenshots go through.
type pageState struct {
	name string
	// phone states are audited and shot on a 360 px phone, as far as the
	// screen shows without scrolling; the others at 1280 px, whole.
	phone bool
	enter func(t *testing.T, tb *tab)
}

func pageStates() []pageState {
	return []pageState{
		// Nothing entered: what a new visitor sees.
		{"empty", false, func(t *testing.T, tb *tab) {}},
		// A token with a requirement it fails: findings, times, claims.
		{"token", false, func(t *testing.T, tb *tab) {
			tb.paste(ui.RequirementInputID, requirement)
			tb.paste(ui.TokenInputID, token(t, claims(func(c jwt.MapClaims) {
				c["scope"] = "orders.list"
				c["exp"] = time.Now().Add(-5 * time.Minute).Unix()
			})))
			tb.expect("401", []string{"token.expired"}, nil)
		}},
		// A HAR with a refused request: the requests table, with the
		// inputs folded away.
		{"har", false, func(t *testing.T, tb *tab) {
			file := filepath.Join(t.TempDir(), "session.har")
			if err := os.WriteFile(file, []byte(harFile), 0o644); err != nil {
				t.Fatal(err)
			}
			tb.do(chromedp.SetUploadFiles(chromedp.ID(ui.HARInputID), []string{file}))
			tb.expect("401", []string{"server.invalid_token"}, nil)
		}},
		// A session whose token expired midway: the timeline, the report
		// copied and the sanitized HAR saved, with what was redacted.
		{"timeline", false, func(t *testing.T, tb *tab) {
			file := filepath.Join(t.TempDir(), "session.har")
			if err := os.WriteFile(file, []byte(sessionHAR(t, time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC))), 0o644); err != nil {
				t.Fatal(err)
			}
			tb.grantClipboard(eval[string](tb, `location.origin`))
			tb.do(chromedp.SetUploadFiles(chromedp.ID(ui.HARInputID), []string{file}))
			tb.expect("401", []string{"token.expired"}, nil)
			tb.waitFor("the timeline", `!!document.querySelector("#timeline [data-timeline-request]")`, 10*time.Second)
			tb.do(chromedp.Click(chromedp.ID(ui.CopyReportID)))
			tb.waitFor("the copy status", `!!document.getElementById("copy-status")`, 10*time.Second)
			tb.do(chromedp.Click(chromedp.ID(ui.DownloadSanitizedID)))
			tb.waitFor("the redaction counts", `!!document.getElementById("redaction-counts")`, 10*time.Second)
			// Focus on a mark, as a keyboard user would see it.
			eval[chromedp.Void](tb, `document.querySelector('#timeline [tabindex="0"]').focus()`)
		}},
		// A parsed curl command: the request it sends.
		{"curl", false, func(t *testing.T, tb *tab) {
			tb.paste(ui.CurlInputID, curlExample(t))
			tb.expect("401", []string{"token.expired"}, nil)
		}},
		// A token pasted on a phone: the verdict's echo under the input.
		{"token-phone", true, func(t *testing.T, tb *tab) {
			tb.paste(ui.TokenInputID, token(t, claims(func(c jwt.MapClaims) { c["exp"] = time.Now().Add(-5 * time.Minute).Unix() })))
			tb.expect("401", []string{"token.expired"}, nil)
			// The screen as the person sees it: the top of the page.
			eval[chromedp.Void](tb, `document.activeElement.blur(), window.scrollTo(0, 0)`)
		}},
	}
}

// TestAccessibility runs axe-core in the page for each state, in the light
// and the dark theme, and requires zero violations. axe-core is read from
// the npm package `make browser` installs (WHYDENIED_AXE names another
// copy) and evaluated in the page: it is never fetched over the network.
// With WHYDENIED_SCREENSHOTS set it also saves a PNG of each state under
// docs/screenshots/ (and the token and timeline states in the dark theme).
func TestAccessibility(t *testing.T) {
	e := setup(t)
	axe := axeSource(t)
	shots := os.Getenv("WHYDENIED_SCREENSHOTS") != ""
	for _, st := range pageStates() {
		t.Run(st.name, func(t *testing.T) {
			tb := newTab(t, e)
			if st.phone {
				tb.do(chromedp.EmulateViewport(360, 740, chromedp.EmulateScale(2), chromedp.EmulateMobile))
			} else {
				tb.do(chromedp.EmulateViewport(1280, 900))
			}
			tb.open(e.origin.URL + "/")
			st.enter(t, tb)
			eval[chromedp.Void](tb, axe)
			for _, theme := range []string{"light", "dark"} {
				tb.colorScheme(theme)
				if v := axeViolations(tb); len(v) > 0 {
					t.Errorf("%s theme: %d axe-core violations:\n%s", theme, len(v), strings.Join(v, "\n"))
				}
				if shots && (theme == "light" || st.name == "token" || st.name == "har" || st.name == "timeline" || st.phone) {
					tb.screenshot(fmt.Sprintf("%s-%s.png", st.name, theme), !st.phone)
				}
			}
		})
	}
}

// TestNarrowAndZoomed checks that no state scrolls sideways on a 360 px
// wide phone and at 200 % zoom of a 1024 px window (a 512 px wide viewport
// at device scale 2, which is what zooming does to the layout).
func TestNarrowAndZoomed(t *testing.T) {
	e := setup(t)
	views := []struct {
		name          string
		width, height int64
		scale         float64
		mobile        bool
	}{
		{"360px phone", 360, 740, 3, true},
		{"200% zoom", 512, 384, 2, false},
	}
	for _, st := range pageStates() {
		t.Run(st.name, func(t *testing.T) {
			tb := newTab(t, e)
			tb.open(e.origin.URL + "/")
			st.enter(t, tb)
			for _, v := range views {
				opts := []chromedp.EmulateViewportOption{chromedp.EmulateScale(v.scale)}
				if v.mobile {
					opts = append(opts, chromedp.EmulateMobile)
				}
				tb.do(chromedp.EmulateViewport(v.width, v.height, opts...))
				got := eval[[]int](tb, `(() => { const s = document.scrollingElement; return [s.scrollWidth, s.clientWidth]; })()`)
				if got[0] > got[1] {
					wide := eval[[]string](tb, `Array.from(document.querySelectorAll("body *")).filter(el => el.getBoundingClientRect().right > document.scrollingElement.clientWidth + 1).slice(0, 5).map(el => el.tagName + "." + el.className + "#" + el.id)`)
					t.Errorf("%s: the page scrolls sideways (scrollWidth %d > clientWidth %d); too wide: %v", v.name, got[0], got[1], wide)
				}
			}
		})
	}
}

// TestKeyboard tabs through the page from the top and checks that every
// control of the DOM contract is reached, in reading order, with a visible
// focus indicator.
func TestKeyboard(t *testing.T) {
	e := setup(t)
	tb := newTab(t, e)
	// A fresh page: tabbing starts at the top of the document.
	tb.open(e.origin.URL + "/")
	var order []string
	for range 40 {
		tb.do(chromedp.KeyEvent("\t"))
		f := eval[focusInfo](tb, `(() => {
			const el = document.activeElement, cs = getComputedStyle(el);
			return {id: el.id || el.tagName, visible: el.matches(":focus-visible") && cs.outlineStyle !== "none" && parseFloat(cs.outlineWidth) >= 2};
		})()`)
		if f.ID == "BODY" || (len(order) > 0 && f.ID == order[0]) {
			break
		}
		if !f.Visible {
			t.Errorf("focus on %s is not visible (no :focus-visible outline)", f.ID)
		}
		order = append(order, f.ID)
	}
	want := []string{ui.TokenInputID, ui.RequirementInputID, ui.CurlInputID, ui.HARInputID}
	at := 0
	for _, id := range order {
		if at < len(want) && id == want[at] {
			at++
		}
	}
	if at < len(want) {
		t.Errorf("tab order %v: want %v reached in this order", order, want)
	}
}

type focusInfo struct {
	ID      string `json:"id"`
	Visible bool   `json:"visible"`
}

// axeSource returns axe-core's script. It fails the test when it is missing:
// an audit that did not run must not pass.
func axeSource(t *testing.T) string {
	t.Helper()
	p := os.Getenv("WHYDENIED_AXE")
	if p == "" {
		p = filepath.Join("..", ".cache", "npm", "node_modules", "axe-core", "axe.min.js")
	}
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatalf("axe-core is needed for the accessibility audit: %v (make browser installs it: npm install --prefix .cache/npm axe-core@4)", err)
	}
	return string(b) + "\n;undefined"
}

// axeViolations runs the audit over the whole document and returns one line
// per violation and element.
func axeViolations(tb *tab) []string {
	tb.t.Helper()
	b := eval[[]byte](tb, `axe.run(document, {resultTypes: ["violations"]}).then(r => {
		// An audit that checked nothing must not pass.
		if (r.passes.length === 0) throw new Error("axe-core ran no rule");
		return r.violations.map(v => ({
			id: v.id, impact: v.impact, help: v.help,
			nodes: v.nodes.map(n => n.target.join(" ") + ": " + (n.failureSummary || "").replace(/\s+/g, " ")),
		}));
	})`)
	var vs []struct {
		ID, Impact, Help string
		Nodes            []string
	}
	if err := json.Unmarshal(b, &vs); err != nil {
		tb.t.Fatal(err)
	}
	var out []string
	for _, v := range vs {
		for _, n := range v.Nodes {
			out = append(out, fmt.Sprintf("  %s (%s) %s — %s", v.ID, v.Impact, v.Help, n))
		}
	}
	return out
}

// colorScheme emulates prefers-color-scheme.
func (tb *tab) colorScheme(scheme string) {
	tb.t.Helper()
	tb.do(chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
		})
		return err
	}))
}

// screenshot saves the whole page (or what the screen shows) as
// docs/screenshots/name.
func (tb *tab) screenshot(name string, whole bool) {
	tb.t.Helper()
	shot := chromedp.CaptureScreenshot()
	if whole {
		shot = chromedp.FullScreenshot(100)
	}
	b, err := chromedp.Run(tb.ctx, shot)
	if err != nil {
		tb.t.Fatalf("screenshot %s: %v", name, err)
	}
	dir := filepath.Join("..", "docs", "screenshots")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		tb.t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
		tb.t.Fatal(err)
	}
}
