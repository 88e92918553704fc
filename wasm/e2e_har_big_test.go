//go:build !js && browser

package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/golang-jwt/jwt/v5"

	ui "whydenied/app"
)

// TestHARBig loads a generated 60 MB HAR: the progress bar and the cancel
// button show, cancelling stops the reading, the page answers a paste while
// the file loads, and #verdict gives the primary failure only once the whole
// file is read, with every failed entry in the DOM.
func TestHARBig(t *testing.T) {
	e := setup(t)
	tb := newTab(t, e)
	tb.open(e.origin.URL + "/")
	data, failed := bigHAR(60<<20, 8<<10)
	dir := t.TempDir()
	first, second := filepath.Join(dir, "big.har"), filepath.Join(dir, "big-again.har")
	for _, f := range []string{first, second} {
		if err := os.WriteFile(f, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}

	// Cancel as soon as the progress bar shows.
	tb.do(chromedp.SetUploadFiles(chromedp.ID(ui.HARInputID), []string{first}))
	tb.waitFor("the progress bar", `!!document.getElementById("har-progress") && !!document.getElementById("har-cancel")`, 10*time.Second)
	eval[chromedp.Void](tb, `document.getElementById("har-cancel").click()`)
	tb.waitFor("reading to stop", `(document.getElementById("har-error")?.textContent ?? "").includes("Reading stopped")`, 10*time.Second)
	if v := tb.state().Verdict; v != "unknown" {
		t.Errorf("after cancel #verdict is %q, want unknown", v)
	}

	// Load it again. While it loads, a probe measures the longest time the
	// page's main thread was busy, and text typed into the token input gets
	// its verdict (401) before the file is done (403).
	eval[chromedp.Void](tb, `(() => {
		const probe = window.__probe = {maxGap: 0, last: performance.now(), typed: null};
		probe.timer = setInterval(() => {
			const now = performance.now();
			probe.maxGap = Math.max(probe.maxGap, now - probe.last);
			probe.last = now;
		}, 5);
		const input = document.getElementById("token-input"), v = document.getElementById("verdict");
		// Capture on the document runs before the page's own listener.
		document.addEventListener("input", ev => {
			if (ev.target !== input) return;
			const t0 = performance.now();
			const obs = new MutationObserver(() => {
				if (v.dataset.verdict !== "401") return;
				obs.disconnect();
				probe.typed = {ms: performance.now() - t0, loading: !!document.getElementById("har-progress")};
			});
			obs.observe(v, {attributes: true});
		}, {capture: true});
	})()`)
	tb.do(chromedp.SetUploadFiles(chromedp.ID(ui.HARInputID), []string{second}))
	tb.waitFor("reading to progress", `+(document.getElementById("har-progress")?.value ?? 0) > 0`, 20*time.Second)
	if v := tb.state().Verdict; v != "unknown" {
		t.Errorf("#verdict is %q while the file loads, want it to wait (unknown)", v)
	}
	expired := token(t, claims(func(c jwt.MapClaims) { c["exp"] = time.Now().Add(-time.Hour).Unix() }))
	tb.paste(ui.TokenInputID, expired)
	tb.waitFor("the typed token's verdict", `window.__probe.typed !== null`, 20*time.Second)
	typed := eval[struct {
		MS      float64 `json:"ms"`
		Loading bool    `json:"loading"`
	}](tb, `window.__probe.typed`)
	t.Logf("input → verdict while a %d MB HAR loads: %.0f ms (still loading: %v)", len(data)>>20, typed.MS, typed.Loading)
	if !typed.Loading {
		t.Errorf("the HAR finished loading before the typed text was answered (%.0f ms)", typed.MS)
	}
	if typed.MS > 1000 {
		t.Errorf("typing was answered after %.0f ms while the HAR loaded", typed.MS)
	}
	if v := eval[string](tb, `document.getElementById("token-input").value`); v != expired {
		t.Errorf("the text typed while loading did not land: %q", v)
	}

	tb.waitFor("the HAR's verdict", `document.getElementById("verdict").dataset.verdict === "403" && !document.getElementById("har-progress")`, 60*time.Second)
	if n := eval[int](tb, `document.querySelectorAll("[data-har-entry].entry-failed").length`); n != failed {
		t.Errorf("%d failed entries in the DOM, want all %d", n, failed)
	}
	gap := eval[float64](tb, `clearInterval(window.__probe.timer), window.__probe.maxGap`)
	t.Logf("longest busy stretch of the main thread while loading: %.0f ms", gap)
	if gap > 2000 {
		t.Errorf("the page froze for %.0f ms while loading", gap)
	}
	if n := eval[int](tb, `document.querySelectorAll("[data-har-entry]").length`); n > failed+300 {
		t.Errorf("%d rows rendered: the table should render a window", n)
	}

	// The requirement applies to the loaded HAR, which is judged again in
	// the background: two quick changes end with the second one's
	// judgement, and the page's thread is never held long.
	eval[chromedp.Void](tb, `(() => {
		const probe = window.__probe = {maxGap: 0, last: performance.now()};
		probe.timer = setInterval(() => {
			const now = performance.now();
			probe.maxGap = Math.max(probe.maxGap, now - probe.last);
			probe.last = now;
		}, 5);
	})()`)
	tb.paste(ui.RequirementInputID, "aud=")
	tb.paste(ui.RequirementInputID, "scope=")
	tb.waitFor("the requirement's error", `(document.querySelector(".input-error")?.textContent ?? "").includes("scope has no value")`, 20*time.Second)
	time.Sleep(time.Second) // a late result of the first change would land by now
	if msg := eval[string](tb, `document.querySelector(".input-error")?.textContent ?? ""`); !strings.Contains(msg, "scope has no value") {
		t.Errorf("the requirement's error is %q, want the last change's", msg)
	}
	tb.paste(ui.RequirementInputID, "scope=items.write")
	tb.waitFor("the error to go", `!document.querySelector(".input-error")`, 20*time.Second)
	if v := tb.state().Verdict; v != "403" {
		t.Errorf("#verdict is %q after the requirement changed, want the HAR's 403", v)
	}
	gap = eval[float64](tb, `clearInterval(window.__probe.timer), window.__probe.maxGap`)
	t.Logf("longest busy stretch of the main thread while the HAR was judged again: %.0f ms", gap)
	if gap > 2000 {
		t.Errorf("the page froze for %.0f ms while judging the HAR again", gap)
	}
}
