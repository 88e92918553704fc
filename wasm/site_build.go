//go:build !js

package main

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"sync"

	"github.com/andybalholm/brotli"
	app "github.com/maxence-charriere/go-app/v10/pkg/app"

	ui "whydenied/app"
)

// Info describes a written site.
type Info struct {
	Version string
	// Sizes of app.wasm as written and precompressed.
	WasmSize, WasmGzip, WasmBrotli int
}

// Options tune a build.
type Options struct {
	// BrotliLevel is the brotli quality for app.wasm.br (0–11); 0 means the
	// best (11), which takes a while for a 13 MB file.
	BrotliLevel int
}

var registerOnce sync.Once

// generated are the files go-app renders, by the path it serves them at.
var generated = []struct{ path, file string }{
	{"/", "index.html"},
	{"/wasm_exec.js", "wasm_exec.js"},
	{"/app.js", "app.js"},
	{"/app-worker.js", "app-worker.js"},
	{"/manifest.webmanifest", "manifest.webmanifest"},
	{"/app.css", "app.css"},
}

// Build writes the static site into dir: the pages go-app renders, wasm as
// web/app.wasm with .br and .gz beside it, and the assets of assets (the
// web package's files, named in web.Assets). The version is a hash of
// app.wasm, the assets and the prerendered page, so it changes exactly when
// one of them does. Build fails if a generated file still holds an absolute
// path or an off-origin URL.
func Build(dir string, wasm []byte, assets fs.FS, names []string, opt Options) (Info, error) {
	registerOnce.Do(func() { ui.Register(ui.Early{}) })

	files := make(map[string][]byte)
	for _, n := range names {
		b, err := fs.ReadFile(assets, n)
		if err != nil {
			return Info{}, fmt.Errorf("asset %s: %w", n, err)
		}
		files["web/"+n] = b
	}

	// The page itself does not depend on the version: render it once to
	// hash it, then render everything with the version.
	probe, err := render(newHandler("0", len(wasm)))
	if err != nil {
		return Info{}, err
	}
	info := Info{Version: version(wasm, files, probe["index.html"]), WasmSize: len(wasm)}
	pages, err := render(newHandler(info.Version, len(wasm)))
	if err != nil {
		return Info{}, err
	}
	for k, v := range pages {
		files[k] = v
	}
	if err := check(files); err != nil {
		return Info{}, err
	}

	files["web/app.wasm"] = wasm
	gz, err := gzipBytes(wasm)
	if err != nil {
		return Info{}, err
	}
	files["web/app.wasm.gz"] = gz
	level := opt.BrotliLevel
	if level <= 0 || level > brotli.BestCompression {
		level = brotli.BestCompression
	}
	br, err := brotliBytes(wasm, level)
	if err != nil {
		return Info{}, err
	}
	files["web/app.wasm.br"] = br
	info.WasmGzip, info.WasmBrotli = len(gz), len(br)

	for name, b := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return Info{}, err
		}
		if err := os.WriteFile(p, b, 0o644); err != nil {
			return Info{}, err
		}
	}
	return info, nil
}

// render asks go-app's handler for each generated file and fixes the two
// places go-app writes absolute URLs regardless of the resolver.
func render(h *app.Handler) (map[string][]byte, error) {
	return renderSite(h, true)
}

// renderSite is render, with (startup) or without the start-up changes of
// site_startup.go; make bench measures both.
func renderSite(h *app.Handler, startup bool) (map[string][]byte, error) {
	if !startup {
		h.RawHeaders = nil
	}
	out := make(map[string][]byte)
	for _, g := range generated {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, g.path, nil))
		if rec.Code != http.StatusOK {
			return nil, fmt.Errorf("rendering %s: status %d", g.path, rec.Code)
		}
		out[g.file] = rec.Body.Bytes()
	}
	var err error
	if out["index.html"], err = fixPage(out["index.html"]); err != nil {
		return nil, err
	}
	if out["manifest.webmanifest"], err = fixManifest(out["manifest.webmanifest"]); err != nil {
		return nil, err
	}
	if !startup {
		return out, nil
	}
	if out["app.js"], err = fixAppJS(out["app.js"]); err != nil {
		return nil, err
	}
	return out, nil
}

// version hashes everything the site's behaviour depends on.
func version(wasm []byte, files map[string][]byte, page []byte) string {
	h := sha256.New()
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(h, "%s %d\n", n, len(files[n]))
		h.Write(files[n])
	}
	fmt.Fprintf(h, "app.wasm %d\n", len(wasm))
	h.Write(wasm)
	h.Write(page)
	return hex.EncodeToString(h.Sum(nil))[:16]
}

func gzipBytes(b []byte) ([]byte, error) {
	var buf bytes.Buffer
	w, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return nil, err
	}
	if _, err := w.Write(b); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func brotliBytes(b []byte, level int) ([]byte, error) {
	var buf bytes.Buffer
	w := brotli.NewWriterLevel(&buf, level)
	if _, err := w.Write(b); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// fixManifest makes the manifest's scope relative: go-app hard-codes "/",
// which under a sub-path would claim the whole origin.
func fixManifest(b []byte) ([]byte, error) {
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("manifest: %w", err)
	}
	m["scope"] = "./"
	return json.Marshal(m)
}
