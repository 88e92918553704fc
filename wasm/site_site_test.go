//go:build !js

package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"whydenied/web"
)

func TestRelativeResolve(t *testing.T) {
	cases := []struct{ in, want string }{
		{"/", "./"},                       // the page itself: "/" would leave a sub-path
		{"", "./"},                        // go-app resolves StartURL "" the same way
		{"/app.js", "app.js"},             // go-app's own files
		{"/web/app.wasm", "web/app.wasm"}, // the wasm go-app fetches
		{"web/icon.svg", "web/icon.svg"},  // already relative: unchanged, so resolving twice is harmless
		{"https://example.com/x", "https://example.com/x"}, // remote stays remote so that check() sees it
	}
	for _, c := range cases {
		if got := (relative{}).Resolve(c.in); got != c.want {
			t.Errorf("Resolve(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// buildFake builds a site around a fake app.wasm: enough to test everything
// but the page running.
func buildFake(t *testing.T, wasm string, assets fstest.MapFS) (string, Info) {
	t.Helper()
	dir := t.TempDir()
	var names []string
	fsys := fstest.MapFS{}
	for _, n := range web.Assets {
		b, err := os.ReadFile(filepath.Join("..", "web", n))
		if err != nil {
			t.Fatal(err)
		}
		fsys[n] = &fstest.MapFile{Data: b}
		names = append(names, n)
	}
	for n, f := range assets {
		fsys[n] = f
	}
	info, err := Build(dir, []byte(wasm), fsys, names, Options{BrotliLevel: 1})
	if err != nil {
		t.Fatal(err)
	}
	return dir, info
}

func TestBuildWritesTheSite(t *testing.T) {
	dir, info := buildFake(t, "\x00asm-fake", nil)
	for _, f := range []string{"index.html", "app.js", "app-worker.js", "wasm_exec.js", "manifest.webmanifest", "app.css",
		"web/app.wasm", "web/app.wasm.br", "web/app.wasm.gz", "web/whydenied.css", "web/icon.svg", "web/icon-192.png", "web/icon-512.png"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("missing %s: %v", f, err)
		}
	}
	page, _ := os.ReadFile(filepath.Join(dir, "index.html"))
	for _, want := range []string{`id="token-input"`, `id="requirement-input"`, `id="curl-input"`, `id="har-input"`, `id="verdict"`, `id="findings"`, `href="web/whydenied.css"`} {
		if !bytes.Contains(page, []byte(want)) {
			t.Errorf("index.html lacks %s", want)
		}
	}
	for _, unwanted := range []string{`="https://`, `="http://`, `="//`, `="/`, "og:url", `selected="false"`} {
		if bytes.Contains(page, []byte(unwanted)) {
			t.Errorf("index.html contains %s", unwanted)
		}
	}
	js, _ := os.ReadFile(filepath.Join(dir, "app.js"))
	if !bytes.Contains(js, []byte(`const goappWasmContentLength = "9"`)) { // len("\x00asm-fake")
		t.Errorf("app.js does not carry the uncompressed wasm size")
	}
	if !bytes.Contains(js, []byte(info.Version)) {
		t.Errorf("app.js does not carry version %s", info.Version)
	}
}

// The version names the service worker's cache: it must stay put while
// nothing changes and move when app.wasm or an asset does.
func TestVersionFollowsContent(t *testing.T) {
	_, a := buildFake(t, "\x00asm-one", nil)
	_, b := buildFake(t, "\x00asm-one", nil)
	_, c := buildFake(t, "\x00asm-two", nil)
	_, d := buildFake(t, "\x00asm-one", fstest.MapFS{"whydenied.css": {Data: []byte("body{}")}})
	if a.Version != b.Version {
		t.Errorf("same input, versions %s and %s", a.Version, b.Version)
	}
	if a.Version == c.Version {
		t.Errorf("app.wasm changed, version stayed %s", a.Version)
	}
	if a.Version == d.Version {
		t.Errorf("an asset changed, version stayed %s", a.Version)
	}
}

// go-app serves its own wasm_exec.js; it must be the one of the Go that
// builds app.wasm, or the page fails to start with an obscure error.
func TestWasmExecMatchesGo(t *testing.T) {
	dir, _ := buildFake(t, "\x00asm", nil)
	got, _ := os.ReadFile(filepath.Join(dir, "wasm_exec.js"))
	out, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile(filepath.Join(strings.TrimSpace(string(out)), "lib", "wasm", "wasm_exec.js"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("wasm_exec.js from go-app differs from $(go env GOROOT)/lib/wasm/wasm_exec.js: update go-app or serve Go's copy")
	}
}

func TestCheckRejects(t *testing.T) {
	good, err := render(newHandler("v", 1))
	if err != nil {
		t.Fatal(err)
	}
	if err := check(good); err != nil {
		t.Fatalf("check(generated site) = %v", err)
	}
	cases := []struct {
		name, file, old, new string
	}{
		// An absolute stylesheet path works at / and breaks under a sub-path.
		{"absolute href", "index.html", `href="web/whydenied.css"`, `href="/web/whydenied.css"`},
		// A script from a CDN would leave the origin.
		{"off-origin src", "index.html", `src="app.js"`, `src="https://cdn.example.com/app.js"`},
		// Protocol-relative is off-origin too.
		{"protocol-relative", "index.html", `src="app.js"`, `src="//cdn.example.com/app.js"`},
		// The wasm path go-app writes into app.js.
		{"absolute wasm", "app.js", `fetchWithProgress("web/app.wasm"`, `fetchWithProgress("/web/app.wasm"`},
		// go-app's default icon host, precached by the worker.
		{"remote precache", "app-worker.js", `"web/icon-192.png"`, `"https://raw.githubusercontent.com/icon.png"`},
		// A manifest scope of "/" claims the whole origin.
		{"manifest scope", "manifest.webmanifest", `"scope":"./"`, `"scope":"/"`},
		// A template change that moves the wasm path must not pass unnoticed.
		{"moved template", "app.js", `fetchWithProgress("web/app.wasm"`, `load("web/app.wasm"`},
	}
	for _, c := range cases {
		files := make(map[string][]byte)
		for k, v := range good {
			files[k] = v
		}
		if !bytes.Contains(files[c.file], []byte(c.old)) {
			t.Fatalf("%s: %s does not contain %s", c.name, c.file, c.old)
		}
		files[c.file] = bytes.Replace(files[c.file], []byte(c.old), []byte(c.new), 1)
		if err := check(files); err == nil {
			t.Errorf("%s: check accepted it", c.name)
		}
	}
}
