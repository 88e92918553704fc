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
	"whydenied/internal/hargen"
)

// TestMeasureHAR reports the page's HAR ingest time against JSON.parse in
// the same page and against the native `whydenied inspect` (make bench),
// for two generated HARs at 10 MB and 100 MB: the benchmark file (bigHAR:
// Chrome-like entries with JSON, HTML and script bodies, no credentials)
// and a session file (hargen.WriteSession: every request with a bearer
// token and cookies, half the bodies base64 PDFs, the one denied request
// last). It measures, it does not judge, so it runs only when
// WHYDENIED_MEASURE is set; WHYDENIED_HAR_MB=N measures only N MB files,
// WHYDENIED_HAR_FILES=bench or session only one kind. Without
// WHYDENIED_HAR_MB it also chooses a 500 MB file, which the page refuses.
//
//   - ingest: from the change event of #har-input (file chosen) to #verdict
//     holding the file's verdict, in a fresh tab each run;
//   - JSON.parse: the same bytes, served by the test server from its own
//     origin under a test-only path, fetched as text by the page, then
//     JSON.parse(text) timed alone (the fetch is not counted);
//   - native: `whydenied inspect FILE` with --format text and json: wall
//     time (process start included), MB/s, and the peak RSS as
//     /usr/bin/time reports it, mapped pages of the file included.
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
	t.Logf("  %-14s %8s %8s %10s %10s %7s %22s %22s", "HAR", "entries", "failed", "ingest", "JSON.parse", "ratio", "native text", "native json")
	sizes := []int{10 << 20, 100 << 20}
	if mb := os.Getenv("WHYDENIED_HAR_MB"); mb != "" {
		// One size, for a quicker look while working on the ingest.
		n, err := strconv.Atoi(mb)
		if err != nil {
			t.Fatalf("WHYDENIED_HAR_MB=%q: %v", mb, err)
		}
		sizes = []int{n << 20}
	}
	kinds := []string{"bench", "session"}
	if k := os.Getenv("WHYDENIED_HAR_FILES"); k != "" {
		kinds = []string{k}
	}
	// 500 MB: refused up front (ui.MaxHARBytes); the content of the
	// sparse file is never read. Not with WHYDENIED_HAR_MB, which may
	// measure a build from before the limit.
	if os.Getenv("WHYDENIED_HAR_MB") == "" {
		big := filepath.Join(dir, "500mb.har")
		f, err := os.Create(big)
		if err == nil {
			err = f.Truncate(500 << 20)
			f.Close()
		}
		if err != nil {
			t.Fatal(err)
		}
		tb := newTab(t, e)
		tb.open(e.origin.URL + "/")
		ms := refuseHAR(tb, big)
		t.Logf("  500 MB HAR: refused before reading, in %.0f ms: %q", ms, eval[string](tb, `document.getElementById("har-error").textContent`))
		tb.do(chromedp.Navigate("about:blank"))
		os.Remove(big)
	}
	for _, kind := range kinds {
		for _, size := range sizes {
			var data []byte
			var failed int
			verdict := "403"
			switch kind {
			case "bench":
				data, failed = bigHAR(size, 8<<10)
			case "session":
				var b bytes.Buffer
				if _, err := hargen.WriteSession(&b, int64(size), 1); err != nil {
					t.Fatal(err)
				}
				data, failed = b.Bytes(), 1
			default:
				t.Fatalf("WHYDENIED_HAR_FILES=%q: want bench or session", kind)
			}
			name := fmt.Sprintf("%s-%dmb.har", kind, size>>20)
			file := filepath.Join(dir, name)
			if err := os.WriteFile(file, data, 0o644); err != nil {
				t.Fatal(err)
			}
			var ingest, parse, warm []float64
			var text, js []nativeRun
			entries := bytes.Count(data, []byte(`"startedDateTime"`)) - bytes.Count(data, []byte(`"pages":[{"startedDateTime"`))
			mb := float64(len(data)) / (1 << 20)
			data = nil
			for r := 0; r < runs; r++ {
				tb := newTab(t, e)
				tb.open(e.origin.URL + "/")
				// A user chooses a file seconds after the page opened, by
				// when it has warmed its HAR code up (ui.HARWarmAttr).
				tb.waitFor("the HAR warm-up", fmt.Sprintf(`document.documentElement.hasAttribute(%q)`, ui.HARWarmAttr), time.Minute)
				warm = append(warm, eval[float64](tb, fmt.Sprintf(`performance.getEntriesByName(%q)[0].startTime - performance.getEntriesByName(%q)[0].startTime`, ui.HARMarkPrefix+"warm", ui.ReadyMark)))
				ms, steps := ingestHAR(tb, file, verdict)
				ingest = append(ingest, ms)
				t.Logf("           %s run %d: %.0f ms; %s", name, r+1, ms, steps)
				parse = append(parse, jsonParse(tb, e.origin.URL+"/_test-har/"+name))
				// Close the tab now: two 100 MB copies per tab add up.
				tb.do(chromedp.Navigate("about:blank"))
				text = append(text, inspectNative(t, bin, file, "text"))
				js = append(js, inspectNative(t, bin, file, "json"))
			}
			t.Logf("  %-14s %8d %8d %7.0f ms %7.0f ms %6.1f× %22s %22s", fmt.Sprintf("%s %.0f MB", kind, mb), entries, failed,
				median(ingest), median(parse), median(ingest)/median(parse), summarizeNative(text, mb), summarizeNative(js, mb))
			t.Logf("           ingest %v ms, JSON.parse %v ms; warm-up done %v ms after ready", ms(ingest), ms(parse), ms(warm))
			t.Logf("           native text: %s", describeNative(text, mb))
			t.Logf("           native json: %s", describeNative(js, mb))
			os.Remove(file)
		}
	}
}

// nativeRun is one run of the CLI: wall and CPU milliseconds, peak RSS.
type nativeRun struct {
	wall, cpu float64
	rssKB     int64
}

// summarizeNative is the median MB/s (wall) and peak RSS of runs, as a
// multiple of the file's size.
func summarizeNative(rs []nativeRun, mb float64) string {
	var w []float64
	var rss []float64
	for _, r := range rs {
		w = append(w, r.wall)
		rss = append(rss, float64(r.rssKB)/1024)
	}
	return fmt.Sprintf("%4.0f MB/s %4.0f MB %.1f×", mb/median(w)*1000, median(rss), median(rss)/mb)
}

// describeNative lists every run.
func describeNative(rs []nativeRun, mb float64) string {
	var s string
	for i, r := range rs {
		if i > 0 {
			s += "; "
		}
		s += fmt.Sprintf("%.0f ms (%.0f MB/s, cpu %.0f ms) %.0f MB", r.wall, mb/r.wall*1000, r.cpu, float64(r.rssKB)/1024)
	}
	return s
}

// ingestHAR chooses file in #har-input and returns the milliseconds from the
// input's change event to #verdict showing the HAR's verdict (403 for
// bigHAR), and when the page marked each step of it (ui.HARMarkPrefix).
func ingestHAR(tb *tab, file, verdict string) (float64, string) {
	tb.t.Helper()
	eval[chromedp.Void](tb, fmt.Sprintf(`(() => {
		const input = document.getElementById("har-input"), v = document.getElementById("verdict");
		window.__ingest = null;
		document.addEventListener("change", ev => {
			if (ev.target !== input) return;
			const t0 = window.__t0 = performance.now();
			const done = () => v.dataset.verdict === %q && !document.getElementById("har-progress");
			const obs = new MutationObserver(() => {
				if (!done()) return;
				obs.disconnect();
				window.__ingest = performance.now() - t0;
			});
			obs.observe(document.body, {attributes: true, childList: true, subtree: true});
		}, {capture: true, once: true});
	})()`, verdict))
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

// inspectNative runs `whydenied inspect --format FORMAT file`; exit status
// 3 (a request was denied) is what both generated files give. The peak RSS
// is what /usr/bin/time reports (the rusage of a process started from
// this one would count the test's own memory, shared until exec); without
// /usr/bin/time it is not measured.
func inspectNative(t *testing.T, bin, file, format string) nativeRun {
	t.Helper()
	args := []string{bin, "inspect", "--format", format, file}
	timed := false
	if _, err := os.Stat("/usr/bin/time"); err == nil {
		args, timed = append([]string{"/usr/bin/time", "-f", "maxrss-kb %M"}, args...), true
	}
	var stderr bytes.Buffer
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Stderr = &stderr
	t0 := time.Now()
	err := cmd.Run()
	d := time.Since(t0)
	var exit *exec.ExitError
	if err != nil && !(errors.As(err, &exit) && exit.ExitCode() == 3) {
		t.Fatalf("whydenied inspect %s: %v\n%s", file, err, stderr.Bytes())
	}
	r := nativeRun{wall: float64(d) / float64(time.Millisecond)}
	r.cpu = float64(cmd.ProcessState.UserTime()+cmd.ProcessState.SystemTime()) / float64(time.Millisecond)
	if timed {
		if _, after, ok := bytes.Cut(stderr.Bytes(), []byte("maxrss-kb ")); ok {
			r.rssKB, _ = strconv.ParseInt(string(bytes.TrimSpace(after)), 10, 64)
		}
	}
	return r
}
