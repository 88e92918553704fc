//go:build !js && browser

package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/golang-jwt/jwt/v5"

	ui "whydenied/app"
)

// TestPrivacy pastes distinctive data into every input and checks that none
// of it leaves the page: every request the browser makes (the page's, the
// service worker's, the browser's own — all pass through the recording
// proxy, and the page's are also read from the DevTools protocol) goes to
// the page's origin and carries none of it, and no storage holds it.
func TestPrivacy(t *testing.T) {
	e := setup(t)
	tb := newTab(t, e)

	// Canaries: the token, its signature alone, a claim value (only ever
	// visible decoded), the requirement and the command.
	canaryClaim := "canary-subject-5be1c9"
	tok := token(t, claims(func(c jwt.MapClaims) { c["sub"] = canaryClaim }))
	sig := tok[strings.LastIndex(tok, ".")+1:]
	canaryReq := "aud=canary-audience-77d2"
	canaryCurl := "curl -H 'X-Canary: canary-curl-3f90' https://api.example.test/orders"
	canaries := []string{tok, sig, canaryClaim, "canary-audience-77d2", "canary-curl-3f90"}

	// The page's requests as DevTools reports them, a second witness
	// beside the proxy.
	var (
		mu          sync.Mutex
		cdpRequests []*network.Request
	)
	requests := chromedp.Events(tb.ctx, network.RequestWillBeSent)
	go func() {
		for ev, err := range requests {
			if err != nil {
				return
			}
			mu.Lock()
			cdpRequests = append(cdpRequests, ev.Request)
			mu.Unlock()
		}
	}()
	mark := e.proxy.mark()

	tb.open(e.origin.URL + "/")
	tb.paste(ui.TokenInputID, tok)
	tb.paste(ui.RequirementInputID, canaryReq)
	tb.expect("401", []string{"aud.mismatch"}, nil)
	tb.paste(ui.CurlInputID, canaryCurl)
	tb.typeKeys(ui.TokenInputID, " ")
	tb.expect("401", []string{"aud.mismatch"}, nil)

	// Let the service worker install and fill its cache, so the Cache
	// Storage check below has something to look at.
	tb.waitFor("the service worker cache", `caches.keys().then(k => k.length > 0)`, 30*time.Second)
	tb.waitFor("the service worker to finish precaching", `(async () => {
		for (const k of await caches.keys()) { if ((await (await caches.open(k)).keys()).length >= 8) return true; }
		return false;
	})()`, 30*time.Second)
	// A reload is served by the service worker and must not leak either.
	tb.open(e.origin.URL + "/")
	tb.paste(ui.RequirementInputID, canaryReq)
	tb.paste(ui.TokenInputID, tok)
	tb.expect("401", []string{"aud.mismatch"}, nil)

	// Sharing: a HAR full of secrets loaded, its report copied and its
	// sanitized copy downloaded. The copy is the person's to paste; the
	// download comes from a blob: URL made in the page; neither sends a
	// request.
	har, markers := secretHAR()
	canaries = append(canaries, markers...)
	harPath := filepath.Join(t.TempDir(), "secrets.har")
	if err := os.WriteFile(harPath, []byte(har), 0o644); err != nil {
		t.Fatal(err)
	}
	tb.grantClipboard(e.origin.URL)
	saved := tb.recordDownloads(t.TempDir())
	tb.do(chromedp.SetUploadFiles(chromedp.ID(ui.HARInputID), []string{harPath}))
	tb.expect("401", nil, nil)
	tb.do(chromedp.Click(chromedp.ID(ui.CopyReportID)))
	tb.waitFor("the copy status", `!!document.getElementById("copy-status")`, 10*time.Second)
	tb.do(chromedp.Click(chromedp.ID(ui.DownloadSanitizedID)))
	if urls, _ := saved.wait(t, 1); len(urls) != 1 || !strings.HasPrefix(urls[0], "blob:"+e.origin.URL+"/") {
		t.Errorf("the sanitized HAR came from %v, want a blob: URL of the page", urls)
	}

	origin, _ := url.Parse(e.origin.URL)
	got := e.proxy.since(mark)
	if len(got) < 5 {
		t.Fatalf("the proxy saw %d requests; the browser is not using it", len(got))
	}
	for _, r := range got {
		u, err := url.Parse(r.URL)
		browsers := err == nil && u.Host == hostOf(e.own) // checked for pasted text below, all the same
		if !browsers && (err != nil || u.Scheme != "http" || u.Host != origin.Host) {
			t.Errorf("request left the page's origin %s: %s %s", origin.Host, r.Method, r.URL)
		}
		dump := fmt.Sprintf("%s %s\n%v\n%s", r.Method, r.URL, r.Header, r.Body)
		for _, c := range canaries {
			if strings.Contains(dump, c) {
				t.Errorf("request %s %s carries pasted text %.20q…", r.Method, r.URL, c)
			}
		}
		if ref := r.Header.Get("Referer"); ref != "" && !swUpdateReferer(r.Header, ref, origin) {
			t.Errorf("request %s sent a Referer %q despite Referrer-Policy: no-referrer", r.URL, ref)
		}
	}

	mu.Lock()
	seenByDevTools := append([]*network.Request(nil), cdpRequests...)
	mu.Unlock()
	if len(seenByDevTools) == 0 {
		t.Errorf("DevTools reported no request at all")
	}
	for _, r := range seenByDevTools {
		b, _ := json.Marshal(r)
		for _, c := range canaries {
			if strings.Contains(string(b), c) {
				t.Errorf("DevTools saw a request carrying pasted text: %s", r.URL)
			}
		}
		if !strings.HasPrefix(r.URL, e.origin.URL+"/") && !strings.HasPrefix(r.URL, "blob:"+e.origin.URL+"/") {
			t.Errorf("DevTools saw a request off the origin: %s", r.URL)
		}
	}

	// Storage: nothing pasted in localStorage, sessionStorage, IndexedDB or
	// the Cache Storage (URLs and bodies).
	list, _ := json.Marshal(canaries)
	leaks := eval[[]string](tb, `(async (canaries) => {
		const found = [];
		const check = (where, text) => { for (const c of canaries) if (text.includes(c)) found.push(where); };
		for (const [k, v] of Object.entries(localStorage)) check("localStorage " + k, k + v);
		for (const [k, v] of Object.entries(sessionStorage)) check("sessionStorage " + k, k + v);
		for (const db of (indexedDB.databases ? await indexedDB.databases() : [])) {
			check("IndexedDB name", db.name);
			const conn = await new Promise((ok, fail) => { const r = indexedDB.open(db.name); r.onsuccess = () => ok(r.result); r.onerror = () => fail(r.error); });
			for (const store of conn.objectStoreNames) {
				const all = await new Promise(ok => { const q = conn.transaction(store).objectStore(store).getAll(); q.onsuccess = () => ok(q.result); q.onerror = () => ok([]); });
				check("IndexedDB " + db.name + "/" + store, JSON.stringify(all));
			}
			conn.close();
		}
		for (const name of await caches.keys()) {
			const cache = await caches.open(name);
			for (const req of await cache.keys()) {
				check("Cache Storage URL " + req.url, req.url);
				const res = await cache.match(req);
				check("Cache Storage body " + req.url, await res.text());
			}
		}
		return found;
	})(`+string(list)+`)`)
	for _, l := range leaks {
		t.Errorf("pasted text stored in %s", l)
	}
	// The URL never holds it either.
	if loc := eval[string](tb, `location.href`); strings.Contains(loc, sig) || strings.Contains(loc, "canary") {
		t.Errorf("pasted text in the URL: %s", loc)
	}
}

// swUpdateReferer says whether a Referer is the one a browser's own update
// check of the service worker script may send: the Service Worker spec's
// soft update fetches the script with no client, so no page's
// Referrer-Policy applies, and Chromium sometimes sends the registering
// page's address. It is allowed only there, only of the page's own origin
// and with no query or fragment (nothing pasted can be in it); any other
// Referer is a failure.
func swUpdateReferer(h http.Header, ref string, origin *url.URL) bool {
	u, err := url.Parse(ref)
	return err == nil && h.Get("Service-Worker") == "script" &&
		u.Scheme == origin.Scheme && u.Host == origin.Host && u.RawQuery == "" && u.Fragment == "" && !strings.Contains(ref, "?")
}
