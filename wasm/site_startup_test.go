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
		{"app.js", "const reader = response.clone().body.getReader();"},
	} {
		if !bytes.Contains(files[c.file], []byte(c.want)) {
			t.Errorf("%s does not contain %s", c.file, c.want)
		}
	}
	if _, err := fixAppJS([]byte("console.log(1);")); err == nil {
		t.Error("fixAppJS accepted a script without go-app's lines")
	}
}
