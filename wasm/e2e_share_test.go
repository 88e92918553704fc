//go:build !js && browser

package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/golang-jwt/jwt/v5"

	ui "whydenied/app"
)

// browserCall runs a Browser-domain command for the tab's browser context.
func browserCall[P, R any](tb *tab, c cdp.Command[P, R], params P) R {
	tb.t.Helper()
	var out R
	tb.do(chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		var err error
		out, err = cdp.Call(ctx, chromedp.FromContext(tb.ctx).Browser, c, params)
		return err
	}))
	return out
}

func (tb *tab) contextID() cdp.BrowserContextID {
	return chromedp.FromContext(tb.ctx).BrowserContextID
}

// grantClipboard lets the page write and read the clipboard.
func (tb *tab) grantClipboard(origin string) {
	tb.t.Helper()
	for _, name := range []string{"clipboard-read", "clipboard-write"} {
		browserCall(tb, browser.SetPermission, browser.SetPermissionParams{
			Permission: &browser.PermissionDescriptor{Name: name, AllowWithoutSanitization: true},
			Setting:    browser.PermissionSettingGranted, Origin: origin, BrowserContextID: tb.contextID(),
		})
	}
}

// markedSource is the marked package `make browser` installs, evaluated in
// the page to parse the report as a forge would (never fetched by it).
func markedSource(t *testing.T) string {
	t.Helper()
	p := filepath.Join("..", ".cache", "npm", "node_modules", "marked", "lib", "marked.umd.js")
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatalf("marked is needed to parse the report (make .cache/npm/node_modules/marked/lib/marked.umd.js): %v", err)
	}
	return string(b)
}

// liveMarkdown parses md with marked (GFM) in the page and lists the tokens
// that would render as HTML, links or images.
func liveMarkdown(tb *tab, md string) []string {
	tb.t.Helper()
	src, _ := json.Marshal(md)
	return eval[[]string](tb, `(() => {
		const live = [];
		const walk = (ts) => { for (const t of ts || []) {
			if (["html", "link", "image"].includes(t.type)) live.push(t.type + ": " + t.raw);
			// Inline text (no tokens inside): nothing a forge turns into a
			// mention or a tag.
			if (t.type === "text" && !t.tokens && /@[a-z0-9]|<[a-z!\/]/i.test(t.text || "")) live.push("text: " + t.raw);
			walk(t.tokens); walk(t.items);
			if (t.header) for (const c of t.header) walk(c.tokens);
			if (t.rows) for (const r of t.rows) for (const c of r) walk(c.tokens);
		} };
		walk(marked.lexer(`+string(src)+`, {gfm: true}));
		return live;
	})()`)
}

// TestCopyReport copies the report of a token whose values are hostile
// (markup, a link, a mention, backticks, pipes) and carries secrets: what
// reaches the clipboard is Markdown that parses with nothing alive in it,
// with neither the signature nor (unticked) the personal claims; ticked,
// the whole payload comes along, never the signature.
func TestCopyReport(t *testing.T) {
	e := setup(t)
	tb := newTab(t, e)
	tb.grantClipboard(e.origin.URL)
	tb.open(e.origin.URL + "/")
	eval[chromedp.Void](tb, markedSource(t))

	hostile := "<img src=x onerror=alert(1)> [x](https://evil.example) @octocat ``` a | b"
	tok := token(t, claims(func(c jwt.MapClaims) {
		c["aud"] = hostile
		c["name"] = "Alice Canary-Name"
		c["email"] = "alice@example.test"
		c["exp"] = time.Now().Add(-time.Hour).Unix()
	}))
	sig := tok[strings.LastIndex(tok, ".")+1:]
	tb.paste(ui.RequirementInputID, requirement)
	tb.paste(ui.TokenInputID, "Authorization: Bearer "+tok)
	tb.expect("401", []string{"token.expired", "aud.mismatch"}, nil)

	copyReport := func() string {
		tb.t.Helper()
		eval[chromedp.Void](tb, `navigator.clipboard.writeText("nothing copied yet")`)
		tb.do(chromedp.Click(chromedp.ID(ui.CopyReportID)))
		tb.waitFor("the copy to finish", `navigator.clipboard.readText().then(t => t !== "nothing copied yet")`, 10*time.Second)
		tb.waitFor("the copy status", `!!document.getElementById("copy-status")`, 10*time.Second)
		if status := eval[string](tb, `document.getElementById("copy-status").textContent`); !strings.HasPrefix(status, "Report copied") {
			t.Fatalf("copy status %q", status)
		}
		return eval[string](tb, `navigator.clipboard.readText()`)
	}

	if eval[bool](tb, `document.getElementById("keep-payload").checked`) {
		t.Errorf("#keep-payload is ticked by default")
	}
	md := copyReport()
	for _, want := range []string{"**Verdict: 401**", "`token.expired`", "`aud.mismatch`", "Requirement, line by line", "`exp`"} {
		if !strings.Contains(md, want) {
			t.Errorf("the report lacks %q:\n%s", want, md)
		}
	}
	for _, secret := range []string{tok, sig, "Alice Canary-Name", "alice@example.test"} {
		if strings.Contains(md, secret) {
			t.Errorf("the report holds %.30q…", secret)
		}
	}
	if live := liveMarkdown(tb, md); len(live) > 0 {
		t.Errorf("Markdown that comes alive: %v\n%s", live, md)
	}

	tb.do(chromedp.Click(chromedp.ID(ui.KeepPayloadID)))
	md = copyReport()
	if strings.Contains(md, sig) || strings.Contains(md, tok) {
		t.Errorf("with the payload kept, the report holds the signature")
	}
	if !strings.Contains(md, "Alice Canary-Name") || !strings.Contains(md, "```json") {
		t.Errorf("with the payload kept, the report lacks the payload:\n%s", md)
	}
	if live := liveMarkdown(tb, md); len(live) > 0 {
		t.Errorf("Markdown that comes alive (payload kept): %v\n%s", live, md)
	}
}

// downloads records the downloads of a tab's browser context into dir.
type downloads struct {
	mu    sync.Mutex
	urls  []string
	files []string
}

func (tb *tab) recordDownloads(dir string) *downloads {
	tb.t.Helper()
	d := &downloads{}
	on := true
	browserCall(tb, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior: browser.SetDownloadBehaviorBehaviorAllowAndName, DownloadPath: dir,
		BrowserContextID: tb.contextID(), EventsEnabled: &on,
	})
	if err := chromedp.ListenBrowser(tb.ctx, func(ev any) {
		d.mu.Lock()
		defer d.mu.Unlock()
		switch ev := ev.(type) {
		case *browser.EventDownloadWillBegin:
			d.urls = append(d.urls, ev.URL)
		case *browser.EventDownloadProgress:
			if ev.State == browser.DownloadProgressStateCompleted {
				d.files = append(d.files, filepath.Join(dir, ev.GUID))
			}
		}
	}); err != nil {
		tb.t.Fatal(err)
	}
	return d
}

func (d *downloads) wait(t *testing.T, n int) ([]string, []string) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		d.mu.Lock()
		urls, files := append([]string(nil), d.urls...), append([]string(nil), d.files...)
		d.mu.Unlock()
		if len(files) >= n {
			return urls, files
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d downloads completed, want %d (began: %v)", len(files), n, urls)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// checkHAR12 checks what HAR 1.2 requires of a log and its entries, and
// returns each entry's start and method, in order.
func checkHAR12(t *testing.T, what string, data []byte) []string {
	t.Helper()
	var h struct {
		Log struct {
			Version string         `json:"version"`
			Creator map[string]any `json:"creator"`
			Entries []map[string]any
		} `json:"log"`
	}
	if err := json.Unmarshal(data, &h); err != nil {
		t.Fatalf("%s is not JSON: %v", what, err)
	}
	if h.Log.Version != "1.2" || h.Log.Creator["name"] == nil || h.Log.Creator["version"] == nil {
		t.Errorf("%s: log.version %q, creator %v", what, h.Log.Version, h.Log.Creator)
	}
	var order []string
	for i, e := range h.Log.Entries {
		for _, k := range []string{"startedDateTime", "time", "request", "response", "cache", "timings"} {
			if _, ok := e[k]; !ok {
				t.Errorf("%s: entry %d lacks %s", what, i+1, k)
			}
		}
		req, _ := e["request"].(map[string]any)
		for _, k := range []string{"method", "url", "httpVersion", "cookies", "headers", "queryString", "headersSize", "bodySize"} {
			if _, ok := req[k]; !ok {
				t.Errorf("%s: entry %d request lacks %s", what, i+1, k)
			}
		}
		resp, _ := e["response"].(map[string]any)
		for _, k := range []string{"status", "statusText", "httpVersion", "cookies", "headers", "content", "redirectURL", "headersSize", "bodySize"} {
			if _, ok := resp[k]; !ok {
				t.Errorf("%s: entry %d response lacks %s", what, i+1, k)
			}
		}
		order = append(order, fmt.Sprint(e["startedDateTime"], " ", req["method"]))
	}
	return order
}

// validateHARSchema validates HAR files against the HAR 1.2 JSON schema
// (har-schema, through har-validator from npm, which `make browser`
// installs), run by Node.
func validateHARSchema(t *testing.T, files ...string) {
	t.Helper()
	modules := filepath.Join("..", ".cache", "npm", "node_modules")
	if _, err := os.Stat(filepath.Join(modules, "har-validator")); err != nil {
		t.Fatalf("har-validator is needed to validate HAR files (make .cache/npm/node_modules/har-validator/package.json): %v", err)
	}
	args := append([]string{filepath.Join("..", "testdata", "secrets", "validate-har.cjs"), modules}, files...)
	out, err := exec.Command("node", args...).CombinedOutput()
	if err != nil {
		t.Errorf("not valid against the HAR 1.2 schema (%v): %s", err, out)
	}
}

// TestDownloadSanitized loads a HAR full of secrets and downloads it
// sanitized: the file comes from a blob: URL, holds the bytes `whydenied
// sanitize` writes, is a valid HAR 1.2 (checked against the HAR schema) with the same entries in the same
// order, and the page says what it redacted.
func TestDownloadSanitized(t *testing.T) {
	e := setup(t)
	tb := newTab(t, e)
	tb.open(e.origin.URL + "/")
	if eval[bool](tb, `!!document.getElementById("download-sanitized")`) {
		t.Errorf("#download-sanitized is there before a HAR is loaded")
	}
	har, markers := secretHAR()
	file := filepath.Join(t.TempDir(), "secrets.har")
	if err := os.WriteFile(file, []byte(har), 0o644); err != nil {
		t.Fatal(err)
	}
	d := tb.recordDownloads(t.TempDir())
	tb.do(chromedp.SetUploadFiles(chromedp.ID(ui.HARInputID), []string{file}))
	tb.expect("401", nil, nil)
	tb.do(chromedp.Click(chromedp.ID(ui.DownloadSanitizedID)))
	urls, files := d.wait(t, 1)
	if len(urls) != 1 || !strings.HasPrefix(urls[0], "blob:"+e.origin.URL+"/") {
		t.Errorf("the download came from %v, want one blob: URL of the page", urls)
	}
	got, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	code, want, errText := runCLI(t, "", "sanitize", file)
	if code != 0 {
		t.Fatalf("whydenied sanitize: exit %d: %s", code, errText)
	}
	if string(got) != want {
		t.Errorf("the download (%d bytes) differs from whydenied sanitize (%d bytes)", len(got), len(want))
	}
	for _, m := range markers {
		if strings.Contains(string(got), m) {
			t.Errorf("the download holds the secret %s", m)
		}
	}
	before, after := checkHAR12(t, "the input", []byte(har)), checkHAR12(t, "the download", got)
	// The planted HAR (a secret in each place one hides) sanitized by the
	// CLI is valid too.
	pcode, planted, perr := runCLI(t, "", "sanitize", filepath.Join("..", "testdata", "secrets", "planted.har"))
	if pcode != 0 {
		t.Fatalf("whydenied sanitize planted.har: exit %d: %s", pcode, perr)
	}
	plantedOut := filepath.Join(t.TempDir(), "planted.sanitized.har")
	if err := os.WriteFile(plantedOut, []byte(planted), 0o644); err != nil {
		t.Fatal(err)
	}
	validateHARSchema(t, file, files[0], filepath.Join("..", "testdata", "secrets", "planted.har"), plantedOut)
	if strings.Join(before, "\n") != strings.Join(after, "\n") {
		t.Errorf("entries differ: %v, then %v", before, after)
	}
	tb.waitFor("the redaction counts", `!!document.getElementById("redaction-counts")`, 10*time.Second)
	counts := eval[string](tb, `document.getElementById("redaction-counts").textContent`)
	// The CLI says the same on stderr.
	cliCounts := errText[strings.Index(errText, "redacted ")+len("redacted ") : len(errText)-1]
	if !strings.Contains(counts, "Redacted: "+cliCounts+".") || !strings.Contains(counts, "2 Authorization headers") {
		t.Errorf("the page says %q; the CLI redacted %q", counts, cliCounts)
	}
}

// sessionHAR is a session whose token expires midway: a token endpoint
// call, calls with the token, one sent after it expired (401), a refresh
// and a call with the new token.
func sessionHAR(t *testing.T, start time.Time) string {
	t.Helper()
	tokA := token(t, jwt.MapClaims{"sub": "u1", "aud": "api://orders", "iat": start.Unix(), "exp": start.Add(60 * time.Second).Unix()})
	tokB := token(t, jwt.MapClaims{"sub": "u1", "aud": "api://orders", "iat": start.Add(71 * time.Second).Unix(), "exp": start.Add(3600 * time.Second).Unix()})
	q := func(s string) string { b, _ := json.Marshal(s); return string(b) }
	entry := func(at time.Duration, method, url, auth, body string, status int, resp string) string {
		headers := ""
		if auth != "" {
			headers = `{"name":"Authorization","value":` + q("Bearer "+auth) + `}`
		}
		post := ""
		if body != "" {
			post = `,"postData":{"mimeType":"application/x-www-form-urlencoded","text":` + q(body) + `}`
		}
		respHeaders := `{"name":"Content-Type","value":"application/json"}`
		if status == 401 {
			respHeaders += `,{"name":"WWW-Authenticate","value":"Bearer error=\"invalid_token\""}`
		}
		return `{"startedDateTime":` + q(start.Add(at).UTC().Format("2006-01-02T15:04:05.000Z")) + `,"time":40,` +
			`"request":{"method":"` + method + `","url":` + q(url) + `,"httpVersion":"HTTP/1.1","cookies":[],"headers":[` + headers + `],"queryString":[]` + post + `,"headersSize":-1,"bodySize":0},` +
			`"response":{"status":` + fmt.Sprint(status) + `,"statusText":"","httpVersion":"HTTP/1.1","cookies":[],"headers":[` + respHeaders + `],` +
			`"content":{"size":` + fmt.Sprint(len(resp)) + `,"mimeType":"application/json","text":` + q(resp) + `},"redirectURL":"","headersSize":-1,"bodySize":-1},` +
			`"cache":{},"timings":{"send":0,"wait":38,"receive":2}}`
	}
	var es []string
	es = append(es, entry(0, "POST", "https://login.example.test/oauth/token", "", "grant_type=authorization_code&code=abc", 200, `{"access_token":"`+tokA+`","expires_in":60}`))
	for i := 1; i <= 5; i++ {
		es = append(es, entry(time.Duration(i)*10*time.Second, "GET", "https://api.example.test/v1/orders", tokA, "", 200, `[]`))
	}
	es = append(es, entry(70*time.Second, "GET", "https://api.example.test/v1/orders", tokA, "", 401, `{"error":"invalid_token"}`))
	es = append(es, entry(71*time.Second, "POST", "https://login.example.test/oauth/token", "", "grant_type=refresh_token&refresh_token=r1", 200, `{"access_token":"`+tokB+`","expires_in":3600}`))
	es = append(es, entry(72*time.Second, "GET", "https://api.example.test/v1/orders", tokB, "", 200, `[]`))
	return `{"log":{"version":"1.2","creator":{"name":"WebInspector","version":"537.36"},"entries":[` + strings.Join(es, ",") + `]}}`
}

// TestTimeline loads a session whose token expires midway: the timeline
// draws a mark per request, a bar per token, marks the expired use, and
// the keyboard reaches the marks and opens the request in the table.
func TestTimeline(t *testing.T) {
	e := setup(t)
	tb := newTab(t, e)
	tb.open(e.origin.URL + "/")
	file := filepath.Join(t.TempDir(), "session.har")
	if err := os.WriteFile(file, []byte(sessionHAR(t, time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC))), 0o644); err != nil {
		t.Fatal(err)
	}
	tb.do(chromedp.SetUploadFiles(chromedp.ID(ui.HARInputID), []string{file}))
	tb.expect("401", []string{"token.expired"}, nil)
	tb.waitFor("the timeline", `!!document.querySelector("#timeline [data-timeline-request]")`, 10*time.Second)

	counts := eval[[]string](tb, `Array.from(document.querySelectorAll("#timeline [data-timeline-request]"), m => m.dataset.count)`)
	total := 0
	for _, c := range counts {
		var n int
		fmt.Sscan(c, &n)
		total += n
	}
	if total != 9 {
		t.Errorf("the marks count %d requests (%v), want 9", total, counts)
	}
	if n := eval[int](tb, `document.querySelectorAll("#timeline [data-timeline-token]").length`); n != 2 {
		t.Errorf("%d token bars, want 2", n)
	}
	if n := eval[int](tb, `document.querySelectorAll("#timeline .tl-expired-use").length`); n != 1 {
		t.Errorf("%d expired uses marked, want 1", n)
	}
	if n := eval[int](tb, `document.querySelectorAll("#timeline .tl-expiry").length`); n != 1 {
		t.Errorf("%d expiry lines, want 1 (the second token expires after the session)", n)
	}
	// The text alternative names the token that was used after it expired.
	if alt := eval[string](tb, `document.querySelector("#timeline .timeline-list").textContent`); !strings.Contains(alt, "Token 1") || !strings.Contains(alt, "1 after it expired") {
		t.Errorf("text alternative: %q", alt)
	}

	// One tab stop: the first failed request, #7. Tab reaches it, the tip
	// shows it, Enter opens it.
	if n := eval[int](tb, `document.querySelectorAll('#timeline [tabindex="0"]').length`); n != 1 {
		t.Fatalf("%d tab stops in the timeline, want 1", n)
	}
	eval[chromedp.Void](tb, `document.querySelector('#timeline [tabindex="0"]').focus()`)
	if tip := eval[string](tb, `document.getElementById("timeline-tip").textContent`); !strings.HasPrefix(tip, "#7 ") || !strings.Contains(tip, "401") {
		t.Errorf("focus shows %q, want request #7", tip)
	}
	tb.do(chromedp.KeyEvent("\r"))
	tb.waitFor("the request to open", `document.querySelector("[data-har-detail]") && document.querySelector("[data-har-detail]").dataset.harDetail === "6"`, 10*time.Second)
	// The arrow keys move along the time axis.
	tb.do(chromedp.KeyEvent(kb.ArrowRight))
	if tip := eval[string](tb, `document.activeElement.getAttribute("aria-label")`); !strings.HasPrefix(tip, "#8 ") {
		t.Errorf("ArrowRight moved to %q, want #8", tip)
	}
	// Nothing of the file became markup.
	if n := eval[int](tb, `document.querySelectorAll("#timeline img, #timeline script, #timeline a").length`); n != 0 {
		t.Errorf("%d elements made from the file in the timeline", n)
	}
}
