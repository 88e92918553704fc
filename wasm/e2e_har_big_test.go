//go:build !js && browser

package main

import (
	"bytes"
	"fmt"
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
// button show, cancelling stops the reading, a file chosen after a cancel is
// read, the page answers typing while the file loads, and #verdict gives the
// primary failure only once the whole file is read, with every failed entry
// in the DOM. The page's steps are observed in the page, not polled: how
// long each lasts depends on the machine.
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

	// Cancel as soon as the progress bar shows: the page clicks it itself,
	// from an observer of the document, so that the click cannot come after
	// a fast machine has read the whole file.
	eval[chromedp.Void](tb, `(() => {
		const obs = new MutationObserver(() => {
			const b = document.getElementById("har-cancel");
			if (b) { obs.disconnect(); b.click(); }
		});
		obs.observe(document.body, {subtree: true, childList: true});
	})()`)
	tb.do(chromedp.SetUploadFiles(chromedp.ID(ui.HARInputID), []string{first}))
	tb.waitFor("reading to stop", `(document.getElementById("har-error")?.textContent ?? "").includes("Reading stopped")`, 60*time.Second)
	if v := tb.state().Verdict; v != "unknown" {
		t.Errorf("after cancel #verdict is %q, want unknown", v)
	}

	// Load it again (another path: choosing the same one again need not
	// fire change). An observer of the document sees every state the page
	// goes through, however short: polling from here missed the progress
	// of a fast load, and text pasted from here once landed after the file
	// was read. The moment the progress bar first moves, the observer
	// notes #verdict (nothing is entered: unknown) and types an expired
	// token, as a paste would (an input event); it then notes whether the
	// token's verdict (401) came while the file was still loading. Once
	// the file is read, #verdict gives the file's verdict (403): the file
	// changed after the token. Meanwhile a probe measures the longest time
	// the page's main thread was busy.
	expired := token(t, claims(func(c jwt.MapClaims) { c["exp"] = time.Now().Add(-time.Hour).Unix() }))
	eval[chromedp.Void](tb, fmt.Sprintf(`(() => {
		const probe = window.__probe = {maxGap: 0, last: performance.now(), progress: 0, before: null, typed: null};
		probe.timer = setInterval(() => {
			const now = performance.now();
			probe.maxGap = Math.max(probe.maxGap, now - probe.last);
			probe.last = now;
		}, 5);
		const input = document.getElementById("token-input"), v = document.getElementById("verdict");
		let t0 = 0;
		const answered = new MutationObserver(() => {
			if (v.dataset.verdict !== "401") return;
			answered.disconnect();
			probe.typed = {ms: performance.now() - t0, loading: !!document.getElementById("har-progress")};
		});
		const watch = new MutationObserver(() => {
			const bar = document.getElementById("har-progress");
			if (!bar || +bar.value <= 0) return;
			probe.progress = Math.max(probe.progress, +bar.value);
			if (probe.before !== null) return;
			probe.before = v.dataset.verdict;
			answered.observe(v, {attributes: true});
			t0 = performance.now();
			input.focus();
			input.value = %q;
			input.dispatchEvent(new Event("input", {bubbles: true}));
		});
		watch.observe(document.body, {subtree: true, childList: true, attributes: true, characterData: true});
		probe.stop = () => { watch.disconnect(); answered.disconnect(); clearInterval(probe.timer); };
	})()`, expired))
	tb.do(chromedp.SetUploadFiles(chromedp.ID(ui.HARInputID), []string{second}))
	tb.waitFor("the HAR's verdict", `document.getElementById("verdict").dataset.verdict === "403" && !document.getElementById("har-progress")`, 120*time.Second)
	probe := eval[struct {
		Progress float64 `json:"progress"`
		Before   *string `json:"before"`
		Typed    *struct {
			MS      float64 `json:"ms"`
			Loading bool    `json:"loading"`
		} `json:"typed"`
		MaxGap float64 `json:"maxGap"`
	}](tb, `window.__probe.stop(), window.__probe`)
	switch {
	case probe.Before == nil:
		t.Errorf("the progress bar never moved while the file was read")
	case *probe.Before != "unknown":
		t.Errorf("#verdict is %q while the file loads, want it to wait (unknown)", *probe.Before)
	}
	switch {
	case probe.Before == nil:
	case probe.Typed == nil:
		t.Errorf("the token typed while the file loaded never got its verdict (401)")
	case !probe.Typed.Loading:
		t.Errorf("the token typed while the file loaded was answered only once the file was read (after %.0f ms)", probe.Typed.MS)
	default:
		t.Logf("input → verdict while a %d MB HAR loads: %.0f ms (the bar reached %.0f%%)", len(data)>>20, probe.Typed.MS, probe.Progress)
	}
	if v := eval[string](tb, `document.getElementById("token-input").value`); v != expired {
		t.Errorf("the text typed while loading did not land: %q", v)
	}
	if n := eval[int](tb, `document.querySelectorAll("[data-har-entry].entry-failed").length`); n != failed {
		t.Errorf("%d failed entries in the DOM, want all %d", n, failed)
	}
	// How long the thread was held is a figure for make bench, not a
	// verdict here: on a busy machine the browser itself waits for a CPU.
	t.Logf("longest busy stretch of the main thread while loading: %.0f ms", probe.MaxGap)
	// The timeline draws every request, aggregated into a bounded number
	// of marks.
	tb.waitFor("the timeline", `!!document.querySelector("#timeline [data-timeline-request]")`, 30*time.Second)
	counts := eval[[]int](tb, `Array.from(document.querySelectorAll("#timeline [data-timeline-request]"), m => +m.dataset.count)`)
	drawn := 0
	for _, c := range counts {
		drawn += c
	}
	if dated := bytes.Count(data, []byte(`"startedDateTime"`)); drawn != dated || len(counts) > 240*5 {
		t.Errorf("the timeline draws %d requests in %d marks; the file has %d", drawn, len(counts), dated)
	} else {
		t.Logf("timeline: %d requests in %d marks", drawn, len(counts))
	}
	if n := eval[int](tb, `document.querySelectorAll("[data-har-entry]").length`); n > failed+300 {
		t.Errorf("%d rows rendered: the table should render a window", n)
	}

	// The requirement applies to the loaded HAR, which is judged again in
	// the background: two quick changes end with the second one's
	// judgement (the longest busy stretch of the thread is logged).
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
	gap := eval[float64](tb, `clearInterval(window.__probe.timer), window.__probe.maxGap`)
	t.Logf("longest busy stretch of the main thread while the HAR was judged again: %.0f ms", gap)
}

// TestHARAgainWhileLoading chooses a HAR and drops the same file on the page
// while it is read (a drop, unlike the file input, is not ignored when the
// file is the same): the second reading replaces the first and is read to
// the end. The first, stopped by the second, must not end it: both carry
// the same name.
func TestHARAgainWhileLoading(t *testing.T) {
	e := setup(t)
	tb := newTab(t, e)
	tb.open(e.origin.URL + "/")
	data, failed := bigHAR(10<<20, 8<<10)
	file := filepath.Join(t.TempDir(), "again.har")
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
	// The drop comes from an observer of the document the moment the
	// progress bar first shows, long before 10 MB can be read.
	eval[chromedp.Void](tb, `(() => {
		const obs = new MutationObserver(() => {
			if (!document.getElementById("har-progress")) return;
			obs.disconnect();
			const dt = new DataTransfer();
			dt.items.add(document.getElementById("har-input").files[0]);
			document.body.dispatchEvent(new DragEvent("drop", {dataTransfer: dt, bubbles: true, cancelable: true}));
			window.__dropped = true;
		});
		obs.observe(document.body, {subtree: true, childList: true});
	})()`)
	tb.do(chromedp.SetUploadFiles(chromedp.ID(ui.HARInputID), []string{file}))
	tb.waitFor("the reading to end", `window.__dropped === true && !document.getElementById("har-progress")`, 120*time.Second)
	if msg := eval[string](tb, `document.getElementById("har-error")?.textContent ?? ""`); msg != "" {
		t.Errorf("the file dropped while it was read says %q", msg)
	}
	if v := tb.state().Verdict; v != "403" {
		t.Errorf("#verdict is %q once the file dropped again is read, want its 403", v)
	}
	if n := eval[int](tb, `document.querySelectorAll("[data-har-entry].entry-failed").length`); n != failed {
		t.Errorf("%d failed entries in the DOM, want all %d", n, failed)
	}
}
