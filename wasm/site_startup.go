//go:build !js

package main

import (
	"bytes"
	"fmt"
	"regexp"

	ui "whydenied/app"
)

// Start-up of the page (docs/benchmarks.md, "Start-up and size"): two
// changes to what go-app generates, measured in headless Chromium.
//
//   - index.html preloads app.wasm. go-app's scripts are deferred, so
//     without it the download starts only once the HTML is parsed and
//     app.js has run.
//   - app.js hands the response of fetch() itself to
//     WebAssembly.instantiateStreaming, and reads nothing of it. go-app
//     wraps the body in a new ReadableStream to count bytes for its
//     progress label: a constructed Response has no URL, so the browser
//     can neither match it to the preload nor cache the compiled code, and
//     every chunk of the 11 MB then passes through the page's main thread.
//     Counting bytes on a clone instead (tried) still tees the stream
//     through JavaScript: cold start was about 400 ms slower than with no
//     progress at all. The label therefore says what is loading, without
//     a percentage.
//   - On a first visit the service worker is registered once the page is
//     ready. Its install downloads app.wasm once more and stores it, which
//     competed with the page's own download and compile for the processor:
//     interleaved on the 2-core test machine, cold start took 1.56 s
//     median registering at once, 1.10 s registering never. A page that a
//     worker already controls registers at once, as go-app does, so that
//     an update found during the load is still reported.
//
// An earlier measurement, taken without interleaving, had shown no gain from
// registering once ready and a slower first paste, the install then running
// just when the user pastes: the interleaved one above shows the gain, and
// the registration also waits for the browser to be idle.

// wasmPreload is the <link> that starts the download of app.wasm with the
// HTML. It matches the request of fetch() (mode cors, credentials
// same-origin), so the browser reuses it.
const wasmPreload = `<link rel="preload" href="web/app.wasm" as="fetch" type="application/wasm" crossorigin="anonymous">`

var (
	wasmFetchDef = regexp.MustCompile(`(?m)^async function fetchWithProgress\(`)
	workerInit   = regexp.MustCompile(`(?m)^goappInitServiceWorker\(\);$`)
	goRun        = regexp.MustCompile(`(?m)^([ \t]*)go\.run\(wasm\.instance\);$`)
)

// startupJS is appended to app.js.
const startupJS = `
// whydenied (site_startup.go): the response of fetch() itself, unread, so
// that it compiles while it downloads, off the main thread, matches the
// preload and its compiled code can be cached.
// It replaces go-app's fetchWithProgress, renamed goappFetchWithProgressUnused.
async function fetchWithProgress(url, progress) {
  return fetch(url);
}

// whydenied (site_startup.go): on a first visit, the service worker (whose
// install downloads app.wasm again) is registered once the page is ready and
// the browser idle, not while the page itself compiles.
function whydeniedInitServiceWorker() {
  const html = document.documentElement, ready = "` + ui.ReadyAttr + `";
  if (!("serviceWorker" in navigator) || navigator.serviceWorker.controller || html.hasAttribute(ready)) {
    goappInitServiceWorker();
    return;
  }
  const obs = new MutationObserver(() => {
    if (!html.hasAttribute(ready)) return;
    obs.disconnect();
    (window.requestIdleCallback || setTimeout)(() => goappInitServiceWorker(), {timeout: 2000});
  });
  obs.observe(html, {attributes: true, attributeFilter: [ready]});
}
`

// fixAppJS applies the start-up changes to go-app's app.js. It fails when
// go-app's script no longer has the lines it changes, so that an upgrade
// of go-app cannot drop them silently.
func fixAppJS(b []byte) ([]byte, error) {
	if n := len(wasmFetchDef.FindAll(b, -1)); n != 1 {
		return nil, fmt.Errorf("app.js: found %d definitions of fetchWithProgress, want 1", n)
	}
	if n := len(workerInit.FindAll(b, -1)); n != 1 {
		return nil, fmt.Errorf("app.js: found %d calls of goappInitServiceWorker, want 1", n)
	}
	if n := len(goRun.FindAll(b, -1)); n != 1 {
		return nil, fmt.Errorf("app.js: found %d calls of go.run, want 1", n)
	}
	// The moment the module is compiled and instantiated, for the
	// start-up breakdown of make bench.
	b = goRun.ReplaceAll(b, []byte("${1}performance.mark(\""+ui.InstantiatedMark+"\");\n${1}go.run(wasm.instance);"))
	b = wasmFetchDef.ReplaceAll(b, []byte("async function goappFetchWithProgressUnused("))
	b = workerInit.ReplaceAll(b, []byte("whydeniedInitServiceWorker();"))
	return append(bytes.TrimRight(b, "\n"), []byte("\n"+startupJS)...), nil
}
