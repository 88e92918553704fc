//go:build !js

package main

import (
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strconv"
	"strings"
)

// contentTypes are set explicitly: a system's mime table may lack them, and
// with nosniff a wrong type breaks the page (application/wasm is required
// for streaming compilation).
var contentTypes = map[string]string{
	".html":        "text/html; charset=utf-8",
	".js":          "text/javascript; charset=utf-8",
	".css":         "text/css; charset=utf-8",
	".wasm":        "application/wasm",
	".webmanifest": "application/manifest+json",
	".json":        "application/json",
	".svg":         "image/svg+xml",
	".png":         "image/png",
}

// Handler serves a built site from fsys with the security headers, the
// right content types, no directory listings and, for app.wasm, the
// precompressed .br or .gz file when the request accepts it.
func Handler(fsys fs.FS) http.Handler {
	return WithSecurityHeaders(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		name := strings.TrimPrefix(path.Clean("/"+r.URL.Path), "/")
		if name == "" || strings.HasSuffix(r.URL.Path, "/") {
			name = path.Join(name, "index.html")
		}
		st, err := fs.Stat(fsys, name)
		if err != nil || st.IsDir() {
			http.NotFound(w, r)
			return
		}
		h := w.Header()
		// The service worker decides what is cached; the server only makes
		// sure a new build is seen.
		h.Set("Cache-Control", "no-cache")
		ext := path.Ext(name)
		if ct, ok := contentTypes[ext]; ok {
			h.Set("Content-Type", ct)
		} else if ct := mime.TypeByExtension(ext); ct != "" {
			h.Set("Content-Type", ct)
		}
		if ext == ".wasm" {
			h.Add("Vary", "Accept-Encoding")
			for _, enc := range []struct{ name, ext string }{{"br", ".br"}, {"gzip", ".gz"}} {
				if !accepts(r.Header.Get("Accept-Encoding"), enc.name) {
					continue
				}
				if _, err := fs.Stat(fsys, name+enc.ext); err == nil {
					h.Set("Content-Encoding", enc.name)
					// go-app's loader reads the uncompressed size from
					// app.js; this header says it again for other clients.
					h.Set("X-Uncompressed-Content-Length", strconv.FormatInt(st.Size(), 10))
					name += enc.ext
					break
				}
			}
		}
		f, err := fsys.Open(name)
		if err != nil {
			http.NotFound(w, r)
			return
		}
		defer f.Close()
		st, err = f.Stat()
		if err != nil {
			http.Error(w, "cannot read file", http.StatusInternalServerError)
			return
		}
		rs, ok := f.(interface {
			Read([]byte) (int, error)
			Seek(int64, int) (int64, error)
		})
		if !ok {
			http.Error(w, "cannot read file", http.StatusInternalServerError)
			return
		}
		http.ServeContent(w, r, "", st.ModTime(), rs)
	}))
}

// accepts reports whether an Accept-Encoding value allows coding (q > 0).
func accepts(header, coding string) bool {
	for _, part := range strings.Split(header, ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if !strings.EqualFold(strings.TrimSpace(name), coding) {
			continue
		}
		q := 1.0
		for _, p := range strings.Split(params, ";") {
			k, v, ok := strings.Cut(strings.TrimSpace(p), "=")
			if ok && strings.EqualFold(k, "q") {
				if f, err := strconv.ParseFloat(v, 64); err == nil {
					q = f
				}
			}
		}
		return q > 0
	}
	return false
}
