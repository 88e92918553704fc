//go:build !js

package main

import (
	"bytes"
	"testing"

	ui "whydenied/app"
)

// TestStartupChanges checks that the generated page preloads app.wasm and
// that app.js streams the fetched response itself (site_startup.go).
func TestStartupChanges(t *testing.T) {
	registerOnce.Do(func() { ui.Register(ui.Early{}) })
	files, err := render(newHandler("v", 1))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ file, want string }{
		// The download starts with the HTML, relative to the page.
		{"index.html", `<link as="fetch" crossorigin="anonymous" href="web/app.wasm" rel="preload" type="application/wasm">`},
		// go-app's stream-wrapping fetch is replaced.
		{"app.js", "async function goappFetchWithProgressUnused("},
		// The response goes to the compiler unread: no clone, no tee.
		{"app.js", "async function fetchWithProgress(url, progress) {\n  return fetch(url);\n}"},
		// A first visit registers the service worker once the page is ready.
		{"app.js", "\nwhydeniedInitServiceWorker();\n"},
		// The start-up breakdown's mark before the Go runtime starts.
		{"app.js", "performance.mark(\"whydenied-instantiated\");\n    go.run(wasm.instance);"},
		// The label says what loads, without a percentage to count.
		{"index.html", `id="app-wasm-loader-label">Loading the checker…<`},
	} {
		if !bytes.Contains(files[c.file], []byte(c.want)) {
			t.Errorf("%s does not contain %s", c.file, c.want)
		}
	}
	if _, err := fixAppJS([]byte("console.log(1);")); err == nil {
		t.Error("fixAppJS accepted a script without go-app's lines")
	}
}
