//go:build !js && browser

package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	ui "whydenied/app"
)

// TestHARTooBig chooses a 500 MB file: the page refuses it before reading a
// byte, with a message that names the limit and the command line, and the
// verdict stays what it was.
func TestHARTooBig(t *testing.T) {
	e := setup(t)
	tb := newTab(t, e)
	tb.open(e.origin.URL + "/")
	file := filepath.Join(t.TempDir(), "recording.har")
	f, err := os.Create(file)
	if err != nil {
		t.Fatal(err)
	}
	// A sparse file: its content is never read.
	if err := f.Truncate(500 << 20); err != nil {
		t.Fatal(err)
	}
	f.Close()
	ms := refuseHAR(tb, file)
	msg := eval[string](tb, `document.getElementById("har-error").textContent`)
	for _, want := range []string{"500 MB", fmt.Sprintf("%d MB", ui.MaxHARBytes>>20), "whydenied inspect"} {
		if !strings.Contains(msg, want) {
			t.Errorf("#har-error %q does not say %q", msg, want)
		}
	}
	if v := eval[string](tb, `document.getElementById("verdict").dataset.verdict`); v != "unknown" {
		t.Errorf("#verdict is %q after a refused file, want unknown", v)
	}
	t.Logf("refused in %.0f ms: %s", ms, msg)
}

// refuseHAR chooses file and returns the milliseconds from the change event
// to #har-error; no progress bar may show meanwhile.
func refuseHAR(tb *tab, file string) float64 {
	tb.t.Helper()
	eval[chromedp.Void](tb, `(() => {
		const input = document.getElementById("har-input");
		window.__refused = null; window.__progress = false;
		document.addEventListener("change", ev => {
			if (ev.target !== input) return;
			const t0 = performance.now();
			const obs = new MutationObserver(() => {
				window.__progress ||= !!document.getElementById("har-progress");
				if (!document.getElementById("har-error")) return;
				obs.disconnect();
				window.__refused = performance.now() - t0;
			});
			obs.observe(document.body, {childList: true, subtree: true});
		}, {capture: true, once: true});
	})()`)
	tb.do(chromedp.SetUploadFiles(chromedp.ID(ui.HARInputID), []string{file}))
	tb.waitFor("the refusal", `window.__refused !== null`, time.Minute)
	if eval[bool](tb, `window.__progress`) {
		tb.t.Errorf("a progress bar showed for a file refused up front")
	}
	return eval[float64](tb, `window.__refused`)
}

// TestHARCancelFreesMemory cancels the reading of a 60 MB HAR half-way,
// twice: after each, the Go heap holds no more than before the file was
// chosen (the file and what was read of it are let go), and the second
// reading finds the room the first one left instead of growing the
// WebAssembly memory by the file's size.
func TestHARCancelFreesMemory(t *testing.T) {
	e := setup(t)
	tb := newTab(t, e)
	tb.open(e.origin.URL + "/")
	data, _ := bigHAR(60<<20, 8<<10)
	// Two names: choosing the same file again fires no change event.
	dir := t.TempDir()
	files := []string{filepath.Join(dir, "big.har"), filepath.Join(dir, "big-again.har")}
	for _, f := range files {
		if err := os.WriteFile(f, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	size := float64(len(data))
	data = nil
	type memory struct {
		When                    string
		HeapInuse, HeapSys, Sys float64
	}
	var sys []float64
	for round := 1; round <= 2; round++ {
		eval[chromedp.Void](tb, `(() => {
			performance.clearMarks(`+fmt.Sprintf("%q", ui.HARMemoryMark)+`);
			const input = document.getElementById("har-input");
			document.addEventListener("change", ev => {
				if (ev.target !== input) return;
				// Cancel once the reading is a tenth of the way.
				const obs = new MutationObserver(() => {
					const p = document.getElementById("har-progress");
					if (!p || p.value < 10) return;
					obs.disconnect();
					document.getElementById("har-cancel").click();
				});
				obs.observe(document.body, {attributes: true, childList: true, subtree: true});
			}, {capture: true, once: true});
		})()`)
		tb.do(chromedp.SetUploadFiles(chromedp.ID(ui.HARInputID), []string{files[round-1]}))
		tb.waitFor("the cancelled reading", fmt.Sprintf(`performance.getEntriesByName(%q).length === 2`, ui.HARMemoryMark), 3*time.Minute)
		ms := eval[[]memory](tb, fmt.Sprintf(`performance.getEntriesByName(%q).map(m => m.detail)`, ui.HARMemoryMark))
		start, after := ms[0], ms[1]
		if start.When != "start" || after.When != "cancelled" {
			t.Fatalf("round %d: memory marks %+v", round, ms)
		}
		if msg := eval[string](tb, `document.getElementById("har-error")?.textContent ?? ""`); !strings.Contains(msg, "stopped") {
			t.Errorf("round %d: #har-error %q after cancelling", round, msg)
		}
		t.Logf("round %d: Go heap in use %.1f MB when chosen, %.1f MB once cancelled; obtained from WebAssembly memory %.1f → %.1f MB (file %.0f MB)",
			round, start.HeapInuse/(1<<20), after.HeapInuse/(1<<20), start.Sys/(1<<20), after.Sys/(1<<20), size/(1<<20))
		if after.HeapInuse > start.HeapInuse+size/8 {
			t.Errorf("round %d: the heap holds %.1f MB after cancelling, %.1f MB before the file: the file was not let go",
				round, after.HeapInuse/(1<<20), start.HeapInuse/(1<<20))
		}
		sys = append(sys, after.Sys)
	}
	if sys[1] > sys[0]+size/4 {
		t.Errorf("the second reading grew the memory from %.1f to %.1f MB: it did not reuse what the first freed", sys[0]/(1<<20), sys[1]/(1<<20))
	}
}
