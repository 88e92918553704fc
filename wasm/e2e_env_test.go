//go:build !js && browser

package main

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"whydenied/web"
)

// env is what every test shares: one built site, the servers in front of
// it, one recording proxy every browser request goes through, and one
// browser. It is set up by the first test that needs it.
type env struct {
	dir     string
	origin  *httptest.Server // Handler: the page at /, as `whydenied serve` serves it
	subpath *httptest.Server // a plain file server with the site under /tools/whydenied/
	slow    *httptest.Server // like origin, but app.wasm arrives late
	// own stands in for the servers the browser calls on its own, whatever
	// the page does: its account server (ListAccounts for every new
	// profile) and its component updater (on-demand installs). Pointing
	// --gaia-url and the updater's url-source here keeps those requests on
	// 127.0.0.1 and tells them apart from the page's.
	own     *httptest.Server
	proxy   *recorder
	browser context.Context
	info    Info
	cleanup []func()
}

var (
	shared   *env
	setupErr error
	once     sync.Once
)

func TestMain(m *testing.M) {
	code := m.Run()
	// Over the whole run, nothing may have gone anywhere but the test
	// servers, whatever test was running.
	if shared != nil && shared.proxy != nil {
		for _, r := range shared.proxy.all() {
			if r.Method == http.MethodConnect || !shared.proxy.allowed[r.Host] {
				fmt.Fprintf(os.Stderr, "FAIL: the browser requested %s %s, outside the test servers\n", r.Method, r.URL)
				code = 1
			}
		}
	}
	if shared != nil {
		for i := len(shared.cleanup) - 1; i >= 0; i-- {
			shared.cleanup[i]()
		}
	}
	os.Exit(code)
}

// setup returns the shared environment, building it on first use. A missing
// browser or a failed build fails the test: these tests never pass by not
// running.
func setup(t *testing.T) *env {
	t.Helper()
	once.Do(func() { shared, setupErr = newEnv() })
	if setupErr != nil {
		t.Fatal(setupErr)
	}
	return shared
}

func newEnv() (*env, error) {
	e := &env{}
	wasm, err := loadWasm()
	if err != nil {
		return e, err
	}
	e.dir, err = os.MkdirTemp("", "whydenied-e2e-")
	if err != nil {
		return e, err
	}
	e.cleanup = append(e.cleanup, func() { os.RemoveAll(e.dir) })
	// A fast brotli level for the tests; the measurement (make bench) serves
	// what make dist ships.
	opt := Options{BrotliLevel: 1}
	if os.Getenv("WHYDENIED_MEASURE") != "" {
		opt.BrotliLevel = 0
	}
	e.info, err = Build(e.dir, wasm, web.FS(), web.Assets, opt)
	if err != nil {
		return e, fmt.Errorf("building the site: %w", err)
	}

	files := os.DirFS(e.dir)
	e.origin = httptest.NewServer(Handler(files))
	mux := http.NewServeMux()
	mux.Handle("/tools/whydenied/", http.StripPrefix("/tools/whydenied", http.FileServer(http.Dir(e.dir))))
	e.subpath = httptest.NewServer(WithSecurityHeaders(mux))
	e.slow = httptest.NewServer(delayWasm(Handler(files), 2*time.Second))
	e.own = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusNoContent)
	}))
	e.cleanup = append(e.cleanup, e.origin.Close, e.subpath.Close, e.slow.Close, e.own.Close)

	e.proxy, err = newRecorder(e.origin, e.subpath, e.slow, e.own)
	if err != nil {
		return e, err
	}
	e.cleanup = append(e.cleanup, e.proxy.close)

	browser, err := findBrowser()
	if err != nil {
		return e, err
	}
	profile, err := os.MkdirTemp("", "whydenied-chromium-")
	if err != nil {
		return e, err
	}
	e.cleanup = append(e.cleanup, func() { os.RemoveAll(profile) })
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(browser),
		chromedp.UserDataDir(profile),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("no-first-run", true),
		// The browser's own traffic, which a privacy test must not blame on
		// the page: autofill asks a server about every form it sees, and
		// sign-in and hints services call home.
		chromedp.Flag("disable-features", "Translate,BlinkGenPropertyTrees,AutofillServerCommunication,OptimizationHints,MediaRouter,DialMediaRouteProvider,AccountConsistency,SigninInterception,NetworkTimeServiceQuerying"),
		chromedp.Flag("disable-domain-reliability", true),
		chromedp.Flag("gaia-url", e.own.URL+"/"),
		chromedp.Flag("component-updater", "url-source="+e.own.URL+"/update"),
		chromedp.Flag("disable-client-side-phishing-detection", true),
		// Every request, also to 127.0.0.1, goes through the recorder.
		chromedp.ProxyServer("http://"+e.proxy.addr),
		chromedp.Flag("proxy-bypass-list", "<-loopback>"),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	browserCtx, cancelBrowser := chromedp.NewContext(allocCtx)
	e.cleanup = append(e.cleanup, cancelAlloc, cancelBrowser)
	// The browser lives as long as the context of its first action, so that
	// action gets browserCtx itself, not a shorter-lived child.
	if err := chromedp.Do(browserCtx); err != nil {
		return e, fmt.Errorf("starting %s: %w", browser, err)
	}
	e.browser = browserCtx
	return e, nil
}

// loadWasm reads the app.wasm `make test` built, or builds one.
func loadWasm() ([]byte, error) {
	if p := os.Getenv("WHYDENIED_WASM"); p != "" {
		b, err := os.ReadFile(p)
		if err != nil {
			return nil, fmt.Errorf("WHYDENIED_WASM=%s: %w", p, err)
		}
		return b, nil
	}
	out := filepath.Join(os.TempDir(), fmt.Sprintf("whydenied-e2e-%d.wasm", os.Getpid()))
	defer os.Remove(out)
	cmd := exec.Command("go", "build", "-trimpath", "-ldflags=-s -w", "-o", out, "whydenied/wasm")
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	if b, err := cmd.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("building app.wasm: %v\n%s", err, b)
	}
	return os.ReadFile(out)
}

// findBrowser looks for Chromium the way Debian installs it. Debian's
// /usr/bin/chromium is a script that adds flags from /etc/chromium.d
// (--enable-remote-extensions, --load-extension=…) which make the browser
// check for extension updates on its own; the binary behind it is started
// directly when it is there.
func findBrowser() (string, error) {
	if _, err := os.Stat("/usr/lib/chromium/chromium"); err == nil {
		return "/usr/lib/chromium/chromium", nil
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", fmt.Errorf("no Chromium found for the browser tests: apt-get install -y chromium (.ci/run installs it)")
}

// delayWasm holds back app.wasm so a test can act before the page starts.
func delayWasm(h http.Handler, d time.Duration) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, ".wasm") {
			time.Sleep(d)
		}
		h.ServeHTTP(w, r)
	})
}

// hostOf returns host:port of a test server.
func hostOf(s *httptest.Server) string {
	return s.Listener.Addr().(*net.TCPAddr).String()
}
