//go:build !js && browser

package main

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/golang-jwt/jwt/v5"

	ui "whydenied/app"
)

// harCase is a HAR with the verdicts the page must give it.
type harCase struct {
	name    string
	entries []harEntry
	verdict string   // #verdict
	codes   []string // in #findings
	rows    []string // "index:status:verdict" of every row, in time order
	explain []string // in the verdict's explanation
}

func harCases(t *testing.T) []harCase {
	started := time.Now().Add(-10 * time.Minute).UTC().Truncate(time.Millisecond)
	at := func(s int) time.Time { return started.Add(time.Duration(s) * time.Second) }
	expired := token(t, claims(func(c jwt.MapClaims) {
		c["iat"] = started.Add(-2 * time.Hour).Unix()
		c["nbf"] = started.Add(-2 * time.Hour).Unix()
		c["exp"] = started.Add(-time.Hour).Unix()
	}))
	readOnly := token(t, claims(func(c jwt.MapClaims) { c["scope"] = "orders.read" }))
	page := harEntry{started: at(0), method: "GET", url: "https://app.example.test/", status: 200, statusText: "OK",
		mime: "text/html", body: "<!doctype html><title>App</title><script>alert(1)</script>", resourceType: "document",
		respHeaders: [][2]string{{"content-type", "text/html"}}}
	return []harCase{
		// Chrome records a CORS failure as net::ERR_FAILED on a
		// cross-origin request with an Origin header and no answer the page
		// could read: a network verdict, not a 4xx.
		{name: "cors", entries: []harEntry{page, {
			started: at(1), method: "GET", url: "https://api.example.test/orders?page=2",
			reqHeaders: [][2]string{{"Accept", "application/json"}, {"Origin", "https://app.example.test"}, {"Authorization", "Bearer " + readOnly}},
			status:     0, errText: "net::ERR_FAILED"}},
			verdict: "network", codes: []string{"network.cors"},
			rows: []string{"0:200:ok", "1:0:network"}, explain: []string{"#2", "GET https://api.example.test/orders?page=2", "net::ERR_FAILED"}},
		// A token that had expired an hour before the request was made,
		// refused with invalid_token.
		{name: "expired", entries: []harEntry{page, {
			started: at(2), method: "GET", url: "https://api.example.test/orders",
			reqHeaders: [][2]string{{"Authorization", "Bearer " + expired}, {"Accept", "application/json"}},
			status:     401, statusText: "Unauthorized", mime: "application/json", body: `{"error":"invalid_token"}`,
			respHeaders: [][2]string{{"WWW-Authenticate", `Bearer error="invalid_token", error_description="The token expired"`}}}},
			verdict: "401", codes: []string{"token.expired", "server.invalid_token"},
			rows: []string{"0:200:ok", "1:401:401"}, explain: []string{"#2", "GET https://api.example.test/orders", "answered 401"}},
		// The token lacks the scope the server names in its challenge; a
		// Playwright-style -1 status on an earlier aborted request must read
		// as 0 and not fail.
		{name: "insufficient scope", entries: []harEntry{page,
			{started: at(1), method: "GET", url: "https://app.example.test/favicon.ico", status: -1, errText: "net::ERR_ABORTED", resourceType: "other"},
			{started: at(3), method: "POST", url: "https://api.example.test/orders",
				reqHeaders: [][2]string{{"Authorization", "Bearer " + readOnly}, {"Content-Type", "application/json"}},
				status:     403, statusText: "Forbidden", mime: "application/json", body: `{"error":"insufficient_scope"}`,
				respHeaders: [][2]string{{"WWW-Authenticate", `Bearer error="insufficient_scope", scope="orders.write"`}}}},
			verdict: "403", codes: []string{"server.insufficient_scope"},
			rows: []string{"0:200:ok", "1:0:network", "2:403:403"}, explain: []string{"#3", "POST https://api.example.test/orders", "answered 403"}},
	}
}

// TestHARVerdicts loads each HAR, alternately by choosing it in #har-input
// and by dropping it on the page, and checks the primary verdict, the rows'
// data-status and data-verdict, and that the explanation cites the entry.
func TestHARVerdicts(t *testing.T) {
	e := setup(t)
	tb := newTab(t, e)
	tb.open(e.origin.URL + "/")
	dir := t.TempDir()
	for i, c := range harCases(t) {
		data := buildHAR(c.entries)
		if i%2 == 0 {
			file := filepath.Join(dir, fmt.Sprintf("case%d.har", i))
			if err := os.WriteFile(file, data, 0o644); err != nil {
				t.Fatal(err)
			}
			tb.do(chromedp.SetUploadFiles(chromedp.ID(ui.HARInputID), []string{file}))
		} else {
			dropFile(tb, fmt.Sprintf("case%d.har", i), string(data))
		}
		tb.expect(c.verdict, c.codes, nil)
		tb.waitFor("the rows of "+c.name, fmt.Sprintf(`document.querySelectorAll("[data-har-entry]").length === %d`, len(c.rows)), 5*time.Second)
		rows := harRows(tb)
		// The aborted favicon fetch is a cancellation: its row keeps its
		// own verdict but does not fail.
		if !slices.Equal(rows, c.rows) {
			t.Errorf("%s: rows %v, want %v", c.name, rows, c.rows)
		}
		explain := eval[string](tb, `document.querySelector("#verdict .verdict-explain")?.textContent ?? ""`)
		for _, want := range c.explain {
			if !strings.Contains(explain, want) {
				t.Errorf("%s: explanation %q does not cite %q", c.name, explain, want)
			}
		}
	}
}

// TestHAREntryDetail opens the failed request by keyboard and checks what
// the details show: headers in order, query parameters, the body as text,
// the token decoded with both clocks.
func TestHAREntryDetail(t *testing.T) {
	e := setup(t)
	tb := newTab(t, e)
	tb.open(e.origin.URL + "/")
	c := harCases(t)[1] // expired token
	dropFile(tb, "expired.har", string(buildHAR(c.entries)))
	tb.expect("401", nil, nil)
	// Tab lands on the primary failure's row; ArrowUp moves to the first
	// row, ArrowDown back, Enter opens it.
	eval[chromedp.Void](tb, `document.querySelector('.har-table tbody tr[tabindex="0"]').focus()`)
	tb.do(chromedp.KeyEvent(kb.ArrowUp))
	tb.waitFor("the cursor on row 0", `document.activeElement?.dataset?.harEntry === "0"`, 5*time.Second)
	tb.do(chromedp.KeyEvent(kb.ArrowDown))
	tb.waitFor("the cursor on row 1", `document.activeElement?.dataset?.harEntry === "1"`, 5*time.Second)
	tb.do(chromedp.KeyEvent(kb.Enter))
	tb.waitFor("the details of entry 1", `document.querySelector("#har-detail")?.dataset?.harDetail === "1"`, 5*time.Second)
	text := eval[string](tb, `document.getElementById("har-detail").innerText`)
	for _, want := range []string{"Authorization", "WWW-Authenticate", `{"error":"invalid_token"}`, "Tokens in this request", "expired", "When sent", "wait (waiting for the first byte)"} {
		if !strings.Contains(text, want) {
			t.Errorf("details lack %q:\n%s", want, text)
		}
	}
	// The first row's HTML body is shown as text: no element from it.
	eval[chromedp.Void](tb, `document.querySelector('.har-table tbody tr[data-har-entry="0"]').click()`)
	tb.waitFor("the details of entry 0", `document.querySelector("#har-detail")?.dataset?.harDetail === "0"`, 5*time.Second)
	if n := eval[int](tb, `document.querySelectorAll("#har-detail script, #har-detail title").length`); n != 0 {
		t.Errorf("the body's markup became %d elements", n)
	}
	if !strings.Contains(eval[string](tb, `document.getElementById("har-detail").textContent`), "<script>alert(1)</script>") {
		t.Error("the body excerpt is not shown as text")
	}
	// Filters: failed only leaves the failed row visible.
	eval[chromedp.Void](tb, `document.getElementById("har-failed-only").click()`)
	tb.waitFor("the filter", `document.querySelectorAll(".har-table tbody tr:not([hidden])").length === 1`, 5*time.Second)
}

// TestHARNotAHAR chooses files that are not HARs: each gives one error
// saying what and where, and the page keeps working.
func TestHARNotAHAR(t *testing.T) {
	e := setup(t)
	tb := newTab(t, e)
	tb.open(e.origin.URL + "/")
	dir := t.TempDir()
	for i, c := range []struct{ body, want string }{
		// Plain text: not JSON, at byte 0.
		{"hello, this is a log file\n", "byte 0: not JSON"},
		// JSON, but no log.entries.
		{`{"log": {"version": "1.2", "creator": {"name": "x"}}}`, "no entries"},
		// A HAR cut off in the middle of an entry.
		{buildHARString(harCases(t)[0].entries)[:300], "byte"},
	} {
		file := filepath.Join(dir, fmt.Sprintf("bad%d.har", i))
		if err := os.WriteFile(file, []byte(c.body), 0o644); err != nil {
			t.Fatal(err)
		}
		tb.do(chromedp.SetUploadFiles(chromedp.ID(ui.HARInputID), []string{file}))
		tb.waitFor("an error for "+file, fmt.Sprintf(`(document.getElementById("har-error")?.textContent ?? "").includes(%q)`, fmt.Sprintf("bad%d.har", i)), 10*time.Second)
		msg := eval[string](tb, `document.getElementById("har-error").textContent`)
		if !strings.Contains(msg, c.want) {
			t.Errorf("error %q, want it to say %q", msg, c.want)
		}
		if n := eval[int](tb, `document.querySelectorAll("[role=alert]#har-error").length`); n != 1 {
			t.Errorf("%d errors shown, want 1", n)
		}
	}
	// The page still works.
	tb.paste(ui.TokenInputID, token(t, claims(func(c jwt.MapClaims) { c["exp"] = time.Now().Add(-time.Hour).Unix() })))
	tb.expect("401", []string{"token.expired"}, nil)
}

func buildHARString(es []harEntry) string { return string(buildHAR(es)) }

// dropFile drops a file holding text on the page: a synthetic drop event
// whose DataTransfer holds a File built from a Blob, dispatched on <body>
// (outside the page's column).
func dropFile(tb *tab, name, text string) {
	tb.t.Helper()
	eval[chromedp.Void](tb, fmt.Sprintf(`(() => {
		const dt = new DataTransfer();
		dt.items.add(new File([new Blob([%q], {type: "application/json"})], %q, {type: "application/json"}));
		const ev = new DragEvent("drop", {dataTransfer: dt, bubbles: true, cancelable: true});
		document.body.dispatchEvent(ev);
	})()`, text, name))
}

func harRows(tb *tab) []string {
	return eval[[]string](tb, `Array.from(document.querySelectorAll(".har-table [data-har-entry]"),
		r => r.dataset.harEntry + ":" + r.dataset.status + ":" + r.dataset.verdict)`)
}
