//go:build !js && browser

package main

import (
	"fmt"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// TestMeasure reports start-up and keystroke timings of the page in
// headless Chromium on 127.0.0.1 (make bench). It measures, it does not
// judge, so it runs only when WHYDENIED_MEASURE is set.
//
//   - first paint: the prerendered HTML is visible (first-contentful-paint);
//   - ready: <html data-ready> is set, which the page does right after it
//     rendered its first verdict (the performance mark whydenied-ready);
//   - paste → verdict: from the input event to #verdict changing, for the
//     first paste into a fresh page and for later ones.
//
// Cold loads use a fresh browser context each (empty HTTP cache, no
// service worker); warm loads reload in a context whose service worker has
// cached everything.
func TestMeasure(t *testing.T) {
	if os.Getenv("WHYDENIED_MEASURE") == "" {
		t.Skip("set WHYDENIED_MEASURE=1 (make bench) to measure")
	}
	e := setup(t)
	const runs = 7
	tok := token(t, claims(func(c jwt.MapClaims) { c["exp"] = time.Now().Add(-time.Minute).Unix() }))

	var paint, ready, first, later, warm []float64
	for i := 0; i < runs; i++ {
		tb := newTab(t, e)
		tb.open(e.origin.URL + "/")
		paint = append(paint, eval[float64](tb, `performance.getEntriesByName("first-contentful-paint")[0].startTime`))
		ready = append(ready, eval[float64](tb, `performance.getEntriesByName("whydenied-ready")[0].startTime`))
		// The first paste of a page, then later ones alternating between
		// two verdicts so that each one changes #verdict.
		ok := token(t, claims(nil))
		for j := 0; j < 6; j++ {
			tk, want := tok, "401"
			if j%2 == 1 {
				tk, want = ok, "ok"
			}
			d := pasteLatency(tb, tk, want)
			if j == 0 {
				first = append(first, d)
			} else {
				later = append(later, d)
			}
		}

		tb.waitFor("the service worker cache", `(async () => {
			for (const k of await caches.keys()) { if ((await (await caches.open(k)).keys()).length >= 8) return true; }
			return false;
		})()`, 30*time.Second)
		tb.open(e.origin.URL + "/")
		warm = append(warm, eval[float64](tb, `performance.getEntriesByName("whydenied-ready")[0].startTime`))
	}
	t.Logf("app.wasm: %d bytes, gzip %d, brotli %d",
		e.info.WasmSize, e.info.WasmGzip, e.info.WasmBrotli)
	t.Logf("median of %d loads on 127.0.0.1, headless Chromium, served brotli-compressed:", runs)
	t.Logf("  first paint (prerendered page)        %6.0f ms  %v", median(paint), ms(paint))
	t.Logf("  ready, first verdict rendered (cold)  %6.0f ms  %v", median(ready), ms(ready))
	t.Logf("  ready, first verdict rendered (warm)  %6.0f ms  %v", median(warm), ms(warm))
	t.Logf("  first paste → verdict                 %6.1f ms  %v", median(first), ms(first))
	t.Logf("  later pastes → verdict                %6.1f ms  %v", median(later), ms(later))
}

// pasteLatency replaces the token input's text, fires the input event and
// returns the milliseconds until #verdict says want.
func pasteLatency(tb *tab, tok, want string) float64 {
	tb.t.Helper()
	return eval[float64](tb, fmt.Sprintf(`new Promise(done => {
		const v = document.getElementById("verdict"), input = document.getElementById("token-input");
		const obs = new MutationObserver(() => {
			if (v.dataset.verdict === %q) { obs.disconnect(); done(performance.now() - t0); }
		});
		obs.observe(v, {attributes: true});
		input.value = %q;
		const t0 = performance.now();
		input.dispatchEvent(new Event("input", {bubbles: true}));
	})`, want, tok))
}

func median(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	return s[len(s)/2]
}

func ms(xs []float64) []int {
	out := make([]int, len(xs))
	for i, x := range xs {
		out[i] = int(x + 0.5)
	}
	return out
}
