//go:build !js && browser

package main

import (
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/golang-jwt/jwt/v5"

	ui "whydenied/app"
	"whydenied/web"
)

// switchable serves one built site, then another: a deployment of a new
// version, or no server at all (nil: the network is gone).
type switchable struct{ h atomic.Pointer[http.Handler] }

func (s *switchable) set(h http.Handler) { s.h.Store(&h) }

func (s *switchable) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := s.h.Load()
	if h == nil || *h == nil {
		// What a proxy answers when the server is unreachable.
		http.Error(w, "offline", http.StatusBadGateway)
		return
	}
	(*h).ServeHTTP(w, r)
}

// buildVersion writes the site with app.wasm plus a custom section named
// salt: the same program, but another version of the site, as a new
// deployment would be.
func buildVersion(t *testing.T, wasm []byte, salt string) (string, Info) {
	t.Helper()
	dir := t.TempDir()
	// A WebAssembly custom section: id 0, size, name length, name.
	section := append([]byte{byte(len(salt))}, salt...)
	w := append(append(append([]byte(nil), wasm...), 0, byte(len(section))), section...)
	info, err := Build(dir, w, web.FS(), web.Assets, Options{BrotliLevel: 1})
	if err != nil {
		t.Fatal(err)
	}
	return dir, info
}

func newSiteServer(t *testing.T, e *env) (*switchable, *httptest.Server) {
	sw := &switchable{}
	srv := httptest.NewServer(sw)
	t.Cleanup(srv.Close)
	e.proxy.allow(srv)
	return sw, srv
}

// goOffline cuts the tab and its service worker off the network, as
// DevTools' "Offline" does.
func (tb *tab) goOffline() {
	tb.t.Helper()
	yes := true
	if _, err := chromedp.Call(tb.ctx, network.Enable, network.EnableParams{}); err != nil {
		tb.t.Fatal(err)
	}
	if _, err := chromedp.Call(tb.ctx, network.EmulateNetworkConditionsByRule, network.EmulateNetworkConditionsByRuleParams{
		EmulateOfflineServiceWorker: &yes,
		MatchedNetworkConditions:    []*network.Conditions{{Offline: true, DownloadThroughput: -1, UploadThroughput: -1}},
	}); err != nil {
		tb.t.Fatal(err)
	}
	if _, err := chromedp.Call(tb.ctx, network.OverrideNetworkState, network.OverrideNetworkStateParams{Offline: true, DownloadThroughput: -1, UploadThroughput: -1}); err != nil {
		tb.t.Fatal(err)
	}
}

// waitControlled waits until the service worker controls the page and has
// precached the site.
func (tb *tab) waitControlled() {
	tb.t.Helper()
	tb.waitFor("the service worker to control the page",
		`navigator.serviceWorker.ready.then(() => !!navigator.serviceWorker.controller)`, 30*time.Second)
}

// After one visit the page works with no network: the server is gone and
// the browser is offline, the page reloads from the service worker's cache
// and still diagnoses a token.
func TestOffline(t *testing.T) {
	e := setup(t)
	wasm, err := loadWasm()
	if err != nil {
		t.Fatal(err)
	}
	dir, _ := buildVersion(t, wasm, "offline-v1")
	sw, srv := newSiteServer(t, e)
	sw.set(Handler(os.DirFS(dir)))

	tb := newTab(t, e)
	tb.open(srv.URL + "/")
	tb.waitControlled()

	sw.set(nil)
	tb.goOffline()
	mark := e.proxy.mark()
	tb.do(chromedp.Reload())
	tb.waitReady()
	tb.paste(ui.TokenInputID, token(t, claims(func(c jwt.MapClaims) { c["exp"] = time.Now().Add(-time.Hour).Unix() })))
	tb.expect("401", []string{"token.expired"}, nil)
	for _, r := range e.proxy.since(mark) {
		if r.Host == hostOf(srv) {
			t.Errorf("offline, the page still asked the server for %s", r.URL)
		}
	}
}

// A new deployment replaces the old version cleanly: the page says a new
// version is ready, keeps running the old one until the person reloads, and
// after the reload runs the new version from a cache holding only it.
func TestUpdate(t *testing.T) {
	e := setup(t)
	wasm, err := loadWasm()
	if err != nil {
		t.Fatal(err)
	}
	dir1, v1 := buildVersion(t, wasm, "update-v1")
	dir2, v2 := buildVersion(t, wasm, "update-v2")
	if v1.Version == v2.Version {
		t.Fatal("the two builds have the same version")
	}
	sw, srv := newSiteServer(t, e)
	sw.set(Handler(os.DirFS(dir1)))

	tb := newTab(t, e)
	tb.open(srv.URL + "/")
	tb.waitControlled()
	// A returning visitor: the page now comes from the service worker.
	tb.do(chromedp.Reload())
	tb.waitReady()
	if got := eval[string](tb, `document.documentElement.getAttribute("`+ui.VersionAttr+`")`); got != v1.Version {
		t.Fatalf("running version %q, want %q", got, v1.Version)
	}
	if eval[bool](tb, `!!document.getElementById("`+ui.UpdateNoticeID+`")`) {
		t.Fatal("update notice shown before any update")
	}

	sw.set(Handler(os.DirFS(dir2)))
	eval[bool](tb, `navigator.serviceWorker.getRegistration().then(r => r.update()).then(() => true)`)
	tb.waitFor("the update notice", `!!document.getElementById("`+ui.UpdateNoticeID+`")`, 30*time.Second)
	// Until the reload, the page is still the old version.
	if got := eval[string](tb, `document.documentElement.getAttribute("`+ui.VersionAttr+`")`); got != v1.Version {
		t.Errorf("before reloading, running version %q, want the old %q", got, v1.Version)
	}
	tb.do(chromedp.Click("#" + ui.UpdateReloadID))
	tb.waitFor("the new version", `document.documentElement.getAttribute("`+ui.VersionAttr+`") === "`+v2.Version+`"`, 30*time.Second)
	keys := eval[[]string](tb, `caches.keys()`)
	if len(keys) != 1 || keys[0] != "app-"+v2.Version {
		t.Errorf("caches after the update = %q, want only app-%s", keys, v2.Version)
	}
}

// The page can be installed as an app: Chromium finds the manifest valid,
// with the project's own icons, and reports nothing that prevents
// installing it.
func TestInstallable(t *testing.T) {
	e := setup(t)
	tb := newTab(t, e)
	tb.open(e.origin.URL + "/")
	tb.waitControlled()
	m, err := chromedp.Call(tb.ctx, page.GetAppManifest, page.GetAppManifestParams{})
	if err != nil {
		t.Fatal(err)
	}
	for _, me := range m.Errors {
		t.Errorf("manifest error: %s (line %d)", me.Message, me.Line)
	}
	if m.Manifest == nil || len(m.Manifest.Icons) == 0 {
		t.Fatalf("manifest without icons: %s", m.Data)
	}
	for _, ic := range m.Manifest.Icons {
		if !strings.HasPrefix(ic.URL, e.origin.URL+"/") {
			t.Errorf("icon %s is not on the page's origin", ic.URL)
		}
	}
	inst, err := chromedp.Call(tb.ctx, page.GetInstallabilityErrors, cdp.Empty{})
	if err != nil {
		t.Fatal(err)
	}
	for _, ie := range inst.InstallabilityErrors {
		if ie.ErrorID == "in-incognito" {
			continue // each test tab is its own throw-away browser context
		}
		t.Errorf("not installable: %s %v", ie.ErrorID, ie.ErrorArguments)
	}
}
