// Package web holds the page's own static files: the stylesheet and the icons
// (committed), and app.wasm once `make wasm` has built it here.
//
// Only native code imports this package (the static build and `serve`); the
// WebAssembly binary never does, so app.wasm is not embedded in itself.
package web

import (
	"embed"
	"errors"
	"io/fs"
)

// Assets are the files every static build copies into its web/ directory,
// beside app.wasm. The service worker precaches them.
var Assets = []string{
	"whydenied.css",
	"icon.svg",
	"icon-192.png",
	"icon-512.png",
}

// The pattern is "*" rather than naming app.wasm, so that the package still
// compiles (without the WebAssembly) on a fresh checkout.
//
//go:embed *
var files embed.FS

// FS returns the embedded files.
func FS() fs.FS { return files }

// ErrNoWasm says that this binary was built before app.wasm existed.
var ErrNoWasm = errors.New("app.wasm is not embedded in this binary: build it with `make build`")

// Wasm returns the app.wasm embedded at build time, or ErrNoWasm.
func Wasm() ([]byte, error) {
	b, err := files.ReadFile("app.wasm")
	if err != nil {
		return nil, ErrNoWasm
	}
	return b, nil
}
