//go:build !js

package main

import (
	"bytes"
	"fmt"
	"regexp"
)

// Start-up of the page (docs/benchmarks.md, "Start-up and size"): two
// changes to what go-app generates, measured in headless Chromium.
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
//
// Tried and dropped: registering the service worker only once the page is
// ready, so that its install (which downloads app.wasm again) does not
// compete with the page's own compile. Cold start did not measurably
// improve and the first paste got slower, since the install then runs just
// when the user pastes.

// wasmPreload is the <link> that starts the download of app.wasm with the
// HTML. It matches the request of fetch() (mode cors, credentials
// same-origin), so the browser reuses it.
const wasmPreload = `<link rel="preload" href="web/app.wasm" as="fetch" type="application/wasm" crossorigin="anonymous">`

var (
	wasmFetchDef = regexp.MustCompile(`(?m)^async function fetchWithProgress\(`)
)

// startupJS is appended to app.js.
const startupJS = `
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
	if n := len(wasmFetchDef.FindAll(b, -1)); n != 1 {
		return nil, fmt.Errorf("app.js: found %d definitions of fetchWithProgress, want 1", n)
	}
	b = wasmFetchDef.ReplaceAll(b, []byte("async function goappFetchWithProgressUnused("))
	return append(bytes.TrimRight(b, "\n"), []byte("\n"+startupJS)...), nil
}
