//go:build !js

package main

import (
	"fmt"
	"io"

	"whydenied/web"
)

// buildCmd writes the static site: whydenied build DIR.
func buildCmd(args []string, stdout, stderr io.Writer) int {
	if len(args) != 1 || args[0] == "" || args[0][0] == '-' {
		return fail(stderr, exitUsage, "usage: whydenied build DIR")
	}
	info, err := buildSite(args[0], Options{})
	if err != nil {
		return fail(stderr, exitInternal, "build: %v", err)
	}
	fmt.Fprintf(stdout, "wrote %s (version %s; app.wasm %d bytes, gzip %d, brotli %d)\n",
		args[0], info.Version, info.WasmSize, info.WasmGzip, info.WasmBrotli)
	return exitOK
}

// buildSite writes the site from the app.wasm and assets embedded in this
// binary.
func buildSite(dir string, opt Options) (Info, error) {
	wasm, err := web.Wasm()
	if err != nil {
		return Info{}, err
	}
	return Build(dir, wasm, web.FS(), web.Assets, opt)
}
