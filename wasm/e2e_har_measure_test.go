//go:build !js && browser

package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	ui "whydenied/app"
)

// TestMeasureHAR reports the page's HAR ingest time against JSON.parse in
// the same page and against the native `whydenied inspect` (make bench),
// for generated 10 MB and 100 MB HARs. It measures, it does not judge, so it
// runs only when WHYDENIED_MEASURE is set; WHYDENIED_HAR_MB=N measures
// only an N MB file.
//
//   - ingest: from the change event of #har-input (file chosen) to #verdict
//     holding the file's verdict, in a fresh tab each run;
//   - JSON.parse: the same bytes, served by the test server from its own
//     origin under a test-only path, fetched as text by the page, then
//     JSON.parse(text) timed alone (the fetch is not counted);
//   - native: the wall time of `whydenied inspect --format text FILE`.
func TestMeasureHAR(t *testing.T) {
	if os.Getenv("WHYDENIED_MEASURE") == "" {
		t.Skip("set WHYDENIED_MEASURE=1 (make bench) to measure")
	}
	e := setup(t)
	bin := nativeBinary(t)
	// The site's directory is what the origin serves: a file put there is
	// reachable from the page's origin, as connect-src 'self' allows.
	dir := filepath.Join(e.dir, "_test-har")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })

	const runs = 3
	t.Logf("median of %d runs (all runs in brackets), headless Chromium and native on this machine:", runs)
	t.Logf("  %-8s %8s %8s %10s %10s %7s %10s", "HAR", "entries", "failed", "ingest", "JSON.parse", "ratio", "native")
	sizes := []int{10 << 20, 100 << 20}
	if mb := os.Getenv("WHYDENIED_HAR_MB"); mb != "" {
		// One size, for a quicker look while working on the ingest.
		n, err := strconv.Atoi(mb)
		if err != nil {
			t.Fatalf("WHYDENIED_HAR_MB=%q: %v", mb, err)
		}
		sizes = []int{n << 20}
	}
	for _, size := range sizes {
		data, failed := bigHAR(size, 8<<10)
		name := fmt.Sprintf("bench-%dmb.har", size>>20)
		file := filepath.Join(dir, name)
		if err := os.WriteFile(file, data, 0o644); err != nil {
			t.Fatal(err)
		}
		var ingest, parse, native, warm []float64
		entries := bytes.Count(data, []byte(`"startedDateTime"`))
		for r := 0; r < runs; r++ {
			tb := newTab(t, e)
			tb.open(e.origin.URL + "/")
			// A user chooses a file seconds after the page opened, by
			// when it has warmed its HAR code up (ui.HARWarmAttr).
			tb.waitFor("the HAR warm-up", fmt.Sprintf(`document.documentElement.hasAttribute(%q)`, ui.HARWarmAttr), time.Minute)
			warm = append(warm, eval[float64](tb, fmt.Sprintf(`performance.getEntriesByName(%q)[0].startTime - performance.getEntriesByName(%q)[0].startTime`, ui.HARMarkPrefix+"warm", ui.ReadyMark)))
			ms, steps := ingestHAR(tb, file)
			ingest = append(ingest, ms)
			t.Logf("           run %d: %.0f ms; %s", r+1, ms, steps)
			parse = append(parse, jsonParse(tb, e.origin.URL+"/_test-har/"+name))
			native = append(native, inspectNative(t, bin, file))
			// Close the tab now: two 100 MB copies per tab add up.
			tb.do(chromedp.Navigate("about:blank"))
		}
		t.Logf("  %-8s %8d %8d %7.0f ms %7.0f ms %6.1f× %7.0f ms", fmt.Sprintf("%d MB", len(data)>>20), entries, failed,
			median(ingest), median(parse), median(ingest)/median(parse), median(native))
		t.Logf("           ingest %v ms, JSON.parse %v ms, native %v ms; warm-up done %v ms after ready", ms(ingest), ms(parse), ms(native), ms(warm))
		os.Remove(file)
	}
}

// ingestHAR chooses file in #har-input and returns the milliseconds from the
// input's change event to #verdict showing the HAR's verdict (403 for
// bigHAR), and when the page marked each step of it (ui.HARMarkPrefix).
func ingestHAR(tb *tab, file string) (float64, string) {
	tb.t.Helper()
	eval[chromedp.Void](tb, `(() => {
		const input = document.getElementById("har-input"), v = document.getElementById("verdict");
		window.__ingest = null;
		document.addEventListener("change", ev => {
			if (ev.target !== input) return;
			const t0 = window.__t0 = performance.now();
			const done = () => v.dataset.verdict === "403" && !document.getElementById("har-progress");
			const obs = new MutationObserver(() => {
				if (!done()) return;
				obs.disconnect();
				window.__ingest = performance.now() - t0;
			});
			obs.observe(document.body, {attributes: true, childList: true, subtree: true});
		}, {capture: true, once: true});
	})()`)
	tb.do(chromedp.SetUploadFiles(chromedp.ID(ui.HARInputID), []string{file}))
	tb.waitFor("the HAR's verdict", `window.__ingest !== null`, 3*time.Minute)
	ms := eval[float64](tb, `window.__ingest`)
	if e := eval[string](tb, `document.getElementById("har-error")?.textContent ?? ""`); e != "" {
		tb.t.Errorf("ingest: %s", e)
	}
	steps := eval[string](tb, fmt.Sprintf(`performance.getEntriesByType("mark").
		filter(m => m.name.startsWith(%q) && m.startTime >= window.__t0).
		map(m => m.name.slice(%d) + " " + Math.round(m.startTime - window.__t0)).join(", ")`, ui.HARMarkPrefix, len(ui.HARMarkPrefix)))
	return ms, "steps at (ms): " + steps
}

// jsonParse fetches url as text in the page and times JSON.parse of it.
func jsonParse(tb *tab, url string) float64 {
	tb.t.Helper()
	return eval[float64](tb, fmt.Sprintf(`(async () => {
		let text = await (await fetch(%q)).text();
		const t0 = performance.now();
		const v = JSON.parse(text);
		const ms = performance.now() - t0;
		if (!v.log || !v.log.entries.length) throw new Error("not a HAR");
		text = null;
		return ms;
	})()`, url))
}

// nativeBinary builds the native CLI (with the app.wasm the test uses).
func nativeBinary(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("WHYDENIED_BIN"); p != "" {
		return p
	}
	bin := filepath.Join(t.TempDir(), "whydenied")
	cmd := exec.Command("go", "build", "-trimpath", "-o", bin, ".")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("building the CLI: %v\n%s", err, out)
	}
	return bin
}

// inspectNative times `whydenied inspect` on file; exit status 3 (a request
// failed) is what bigHAR gives.
func inspectNative(t *testing.T, bin, file string) float64 {
	t.Helper()
	t0 := time.Now()
	err := exec.Command(bin, "inspect", "--format", "text", file).Run()
	d := time.Since(t0)
	var exit *exec.ExitError
	if err != nil && !(errors.As(err, &exit) && exit.ExitCode() == 3) {
		t.Fatalf("whydenied inspect %s: %v", file, err)
	}
	return float64(d) / float64(time.Millisecond)
}
