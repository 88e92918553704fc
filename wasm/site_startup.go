//go:build !js

package main

import (
	"bytes"
	"fmt"
	"regexp"
)

// Start-up of the page (docs/benchmarks.md, "Start-up and size"): three
// changes to what go-app generates, each measured in headless Chromium.
//
//   - index.html preloads app.wasm. go-app's scripts are deferred, so
//     without it the download starts only once the HTML is parsed and
//     app.js has run.
//   - app.js hands the response of fetch() itself to
//     WebAssembly.instantiateStreaming. go-app wraps the body in a new
//     ReadableStream to count bytes for its progress label, and a
//     constructed Response has no URL, so the browser can neither match it
//     to the preload nor cache the compiled code. The bytes are counted on a
//     clone instead, and the label changes once per percent, not per chunk.
//   - app.js registers the service worker once the page is ready (<html
//     data-ready>). Registered at once, the worker's install fetches and
//     stores every file again, app.wasm included, while the page's own
//     app.wasm downloads and compiles on the same cores.

// wasmPreload is the <link> that starts the download of app.wasm with the
// HTML. It matches the request of fetch() (mode cors, credentials
// same-origin), so the browser reuses it.
const wasmPreload = `<link rel="preload" href="web/app.wasm" as="fetch" type="application/wasm" crossorigin="anonymous">`

var (
	swCall       = regexp.MustCompile(`(?m)^goappInitServiceWorker\(\);$`)
	wasmFetchDef = regexp.MustCompile(`(?m)^async function fetchWithProgress\(`)
)

// startupJS is appended to app.js.
const startupJS = `
// whydenied (site_startup.go): start the service worker once the page runs.
function goappAfterReady(f) {
  const root = document.documentElement;
  if (root.hasAttribute("data-ready")) { f(); return; }
  let done = false;
  const once = () => { if (!done) { done = true; obs.disconnect(); f(); } };
  const obs = new MutationObserver(() => { if (root.hasAttribute("data-ready")) once(); });
  obs.observe(root, { attributes: true, attributeFilter: ["data-ready"] });
  // If the WebAssembly never starts, still offer offline use of the page.
  setTimeout(once, 15000);
}

// whydenied (site_startup.go): the response of fetch() itself, so that it
// compiles while it downloads, matches the preload and its compiled code can
// be cached; the progress label counts the bytes of a clone.
// It replaces go-app's fetchWithProgress, renamed goappFetchWithProgressUnused.
async function fetchWithProgress(url, progress) {
  const response = await fetch(url);
  const total = parseInt(goappWasmContentLength, 10);
  if (!(total > 0) || !response.body || !response.ok) {
    return response;
  }
  const reader = response.clone().body.getReader();
  (async () => {
    let loaded = 0, shown = -1;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      loaded += value.byteLength;
      const pct = Math.min(100, Math.floor((loaded * 100) / total));
      if (pct !== shown) { shown = pct; progress(pct); }
    }
  })().catch(() => {});
  return response;
}
`

// fixAppJS applies the start-up changes to go-app's app.js. It fails when
// go-app's script no longer has the lines it changes, so that an upgrade
// of go-app cannot drop them silently.
func fixAppJS(b []byte) ([]byte, error) {
	if n := len(swCall.FindAll(b, -1)); n != 1 {
		return nil, fmt.Errorf("app.js: found %d calls of goappInitServiceWorker, want 1", n)
	}
	if n := len(wasmFetchDef.FindAll(b, -1)); n != 1 {
		return nil, fmt.Errorf("app.js: found %d definitions of fetchWithProgress, want 1", n)
	}
	b = swCall.ReplaceAll(b, []byte("goappAfterReady(goappInitServiceWorker);"))
	b = wasmFetchDef.ReplaceAll(b, []byte("async function goappFetchWithProgressUnused("))
	return append(bytes.TrimRight(b, "\n"), []byte("\n"+startupJS)...), nil
}
