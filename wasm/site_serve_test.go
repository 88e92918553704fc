//go:build !js

package main

import (
	"net/http"
	"net/http/httptest"
	"os"
	"testing"
)

func TestAccepts(t *testing.T) {
	cases := []struct {
		header, coding string
		want           bool
	}{
		{"gzip, deflate, br, zstd", "br", true}, // what Chromium sends
		{"gzip;q=1.0, br;q=0", "br", false},     // q=0 means "not acceptable"
		{"GZIP", "gzip", true},                  // codings are case-insensitive
		{"", "gzip", false},                     // no header: identity only
		{"brotli", "br", false},                 // a different coding name
	}
	for _, c := range cases {
		if got := accepts(c.header, c.coding); got != c.want {
			t.Errorf("accepts(%q, %q) = %v, want %v", c.header, c.coding, got, c.want)
		}
	}
}

func TestHandler(t *testing.T) {
	dir, info := buildFake(t, "\x00asm-fake", nil)
	srv := httptest.NewServer(Handler(os.DirFS(dir)))
	defer srv.Close()

	get := func(path, acceptEncoding string) *http.Response {
		t.Helper()
		req, _ := http.NewRequest("GET", srv.URL+path, nil)
		// An explicit Accept-Encoding turns off the client's transparent
		// decompression, so the test sees what the server sent.
		req.Header.Set("Accept-Encoding", acceptEncoding)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res
	}

	res := get("/", "identity")
	if res.StatusCode != 200 || res.Header.Get("Content-Type") != "text/html; charset=utf-8" {
		t.Errorf("GET / = %d %q", res.StatusCode, res.Header.Get("Content-Type"))
	}
	for k, v := range SecurityHeaders {
		if got := res.Header.Get(k); got != v {
			t.Errorf("GET /: %s = %q, want %q", k, got, v)
		}
	}

	cases := []struct {
		path, accept, encoding string
		length                 int
	}{
		{"/web/app.wasm", "gzip, deflate, br", "br", info.WasmBrotli}, // brotli preferred
		{"/web/app.wasm", "gzip", "gzip", info.WasmGzip},              // gzip when br is not accepted
		{"/web/app.wasm", "identity", "", info.WasmSize},              // the file itself otherwise
	}
	for _, c := range cases {
		res := get(c.path, c.accept)
		if res.Header.Get("Content-Encoding") != c.encoding || res.ContentLength != int64(c.length) {
			t.Errorf("GET %s (Accept-Encoding %q) = encoding %q length %d, want %q %d",
				c.path, c.accept, res.Header.Get("Content-Encoding"), res.ContentLength, c.encoding, c.length)
		}
		if res.Header.Get("Content-Type") != "application/wasm" || res.Header.Get("Vary") != "Accept-Encoding" {
			t.Errorf("GET %s: Content-Type %q, Vary %q", c.path, res.Header.Get("Content-Type"), res.Header.Get("Vary"))
		}
	}

	if ct := get("/manifest.webmanifest", "").Header.Get("Content-Type"); ct != "application/manifest+json" {
		t.Errorf("manifest Content-Type = %q", ct)
	}
	// No directory listings, no files outside the site.
	for _, p := range []string{"/web/", "/../go.mod", "/nope.js"} {
		if code := get(p, "").StatusCode; code != 404 {
			t.Errorf("GET %s = %d, want 404", p, code)
		}
	}
}
