//go:build !js && browser

package main

import (
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	ui "whydenied/app"
)

// A made-up HAR: a request that succeeded, then one refused with
// invalid_token.
const harFile = `{"log": {"version": "1.2", "creator": {"name": "WebInspector", "version": "537.36"},
 "entries": [
  {"startedDateTime": "2026-01-01T00:00:00.000Z", "time": 12,
   "request": {"method": "GET", "url": "https://api.example.test/health", "httpVersion": "HTTP/1.1", "headers": [], "cookies": [], "queryString": [], "headersSize": -1, "bodySize": 0},
   "response": {"status": 200, "statusText": "OK", "httpVersion": "HTTP/1.1", "headers": [], "cookies": [], "content": {"size": 2, "mimeType": "text/plain", "text": "ok"}, "redirectURL": "", "headersSize": -1, "bodySize": 2},
   "cache": {}, "timings": {"send": 0, "wait": 10, "receive": 2}},
  {"startedDateTime": "2026-01-01T00:00:01.000Z", "time": 12,
   "request": {"method": "GET", "url": "https://api.example.test/orders", "httpVersion": "HTTP/1.1", "headers": [{"name": "Authorization", "value": "Bearer not-a-jwt"}], "cookies": [], "queryString": [], "headersSize": -1, "bodySize": 0},
   "response": {"status": 401, "statusText": "Unauthorized", "httpVersion": "HTTP/1.1", "headers": [{"name": "WWW-Authenticate", "value": "Bearer error=\"invalid_token\""}], "cookies": [], "content": {"size": 0, "mimeType": "text/plain"}, "redirectURL": "", "headersSize": -1, "bodySize": 0},
   "cache": {}, "timings": {"send": 0, "wait": 10, "receive": 2}}]}}`

// TestHARFile chooses a HAR in #har-input and checks the primary verdict
// and the rows of the DOM contract.
func TestHARFile(t *testing.T) {
	e := setup(t)
	tb := newTab(t, e)
	tb.open(e.origin.URL + "/")
	file := filepath.Join(t.TempDir(), "session.har")
	if err := os.WriteFile(file, []byte(harFile), 0o644); err != nil {
		t.Fatal(err)
	}
	tb.do(chromedp.SetUploadFiles(chromedp.ID(ui.HARInputID), []string{file}))
	tb.expect("401", []string{"server.invalid_token"}, nil)
	rows := eval[[]string](tb, `Array.from(document.querySelectorAll("[data-har-entry]"),
		r => r.dataset.harEntry + ":" + r.dataset.status + ":" + r.dataset.verdict)`)
	want := []string{"0:200:ok", "1:401:401"}
	if len(rows) != len(want) || rows[0] != want[0] || rows[1] != want[1] {
		t.Errorf("HAR rows %v, want %v", rows, want)
	}
}

// TestHARFileGzip chooses a .har.gz (the picker offers it): it is read and
// judged like the .har it holds.
func TestHARFileGzip(t *testing.T) {
	e := setup(t)
	tb := newTab(t, e)
	tb.open(e.origin.URL + "/")
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	zw.Write([]byte(harFile))
	zw.Close()
	file := filepath.Join(t.TempDir(), "session.har.gz")
	if err := os.WriteFile(file, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	tb.do(chromedp.SetUploadFiles(chromedp.ID(ui.HARInputID), []string{file}))
	tb.expect("401", []string{"server.invalid_token"}, nil)
	tb.waitFor("the rows", `document.querySelectorAll("[data-har-entry]").length === 2`, 10*time.Second)
	rows := harRows(tb)
	if want := []string{"0:200:ok", "1:401:401"}; !slices.Equal(rows, want) {
		t.Errorf("HAR rows %v, want %v", rows, want)
	}
	if n := eval[int](tb, `document.querySelectorAll("#har-error").length`); n != 0 {
		t.Errorf("an error is shown for the .har.gz: %s", eval[string](tb, `document.getElementById("har-error").textContent`))
	}
}
