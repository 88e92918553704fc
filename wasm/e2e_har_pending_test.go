//go:build !js && browser

package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	ui "whydenied/app"
)

// TestHARPendingRows chooses a HAR of more than 2,000 requests: its rows are
// shown before the requests are judged, each with data-verdict="pending";
// #verdict changes once, to the file's verdict, and by then no row is
// pending and every failed request has its row. A MutationObserver set up
// before the file is chosen sees every state the DOM goes through; nothing
// is timed.
func TestHARPendingRows(t *testing.T) {
	e := setup(t)
	tb := newTab(t, e)
	tb.open(e.origin.URL + "/")
	data, failed := bigHAR(4<<20, 256)
	entries := strings.Count(string(data), `"startedDateTime"`)
	if entries <= 2000 {
		t.Fatalf("the file has %d requests; the test needs more than 2,000", entries)
	}
	file := filepath.Join(t.TempDir(), "pending.har")
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
	eval[chromedp.Void](tb, `(() => {
		const v = document.getElementById("verdict");
		const s = window.__seen = {first: v.dataset.verdict, verdicts: [], pendingBefore: 0, otherBefore: [], pendingAfter: 0, rowsAtVerdict: 0, failedAtVerdict: 0};
		new MutationObserver(() => {
			const last = s.verdicts.length ? s.verdicts[s.verdicts.length - 1] : s.first;
			const changed = v.dataset.verdict !== last;
			if (changed) s.verdicts.push(v.dataset.verdict);
			const rows = document.querySelectorAll("tr[data-har-entry]");
			let pending = 0;
			for (const r of rows) {
				if (r.dataset.verdict === "pending") pending++;
				else if (s.verdicts.length === 0 && !s.otherBefore.includes(r.dataset.verdict)) s.otherBefore.push(r.dataset.verdict);
			}
			if (changed && s.verdicts.length === 1) {
				s.rowsAtVerdict = rows.length;
				s.failedAtVerdict = document.querySelectorAll("tr[data-har-entry].entry-failed").length;
			}
			if (s.verdicts.length === 0) s.pendingBefore = Math.max(s.pendingBefore, pending);
			else s.pendingAfter = Math.max(s.pendingAfter, pending);
		}).observe(document.body, {attributes: true, childList: true, subtree: true, characterData: true});
	})()`)
	tb.do(chromedp.SetUploadFiles(chromedp.ID(ui.HARInputID), []string{file}))
	tb.waitFor("the file's verdict", `document.getElementById("verdict").dataset.verdict === "403" && !document.getElementById("har-progress")`, 2*time.Minute)

	type seen struct {
		First          string   `json:"first"`
		Verdicts       []string `json:"verdicts"`
		PendingBefore  int      `json:"pendingBefore"`
		OtherBefore    []string `json:"otherBefore"`
		PendingAfter   int      `json:"pendingAfter"`
		RowsAtVerdict  int      `json:"rowsAtVerdict"`
		FailedAtVerdct int      `json:"failedAtVerdict"`
	}
	s := eval[seen](tb, `window.__seen`)
	if s.PendingBefore == 0 {
		t.Errorf("no row was pending before the verdict: the rows came with it")
	}
	if len(s.OtherBefore) > 0 {
		t.Errorf("rows with the verdicts %v before #verdict changed; only pending rows may come before it", s.OtherBefore)
	}
	if s.First != "unknown" || !slices.Equal(s.Verdicts, []string{"403"}) {
		t.Errorf("#verdict went %s → %v; want unknown → [403], once, when the whole file was judged", s.First, s.Verdicts)
	}
	if s.PendingAfter != 0 {
		t.Errorf("%d rows still pending after the verdict", s.PendingAfter)
	}
	if s.FailedAtVerdct != failed {
		t.Errorf("%d failed rows in the DOM when the verdict came, want %d (every failed request)", s.FailedAtVerdct, failed)
	}
	if n := eval[int](tb, `document.querySelectorAll('[data-verdict="pending"]').length`); n != 0 {
		t.Errorf("%d elements still pending at the end", n)
	}
	t.Logf("%d requests: up to %d rows pending before the verdict; %d rows and %d failed rows in the DOM with it", entries, s.PendingBefore, s.RowsAtVerdict, s.FailedAtVerdct)
}
