//go:build !js

package main

import (
	"strconv"

	app "github.com/maxence-charriere/go-app/v10/pkg/app"
)

// Page metadata, also written to the manifest.
const (
	name        = "whydenied"
	title       = "whydenied — why was this request refused?"
	description = "Paste a JWT, an Authorization header or a curl command and see why a server answers 401 or 403. Runs entirely in your browser; nothing is uploaded."
	themeColor  = "#1d3557"
	background  = "#f7f7f5"
)

// newHandler configures go-app with every default replaced by the project's
// own: icons from web/ (go-app's defaults live on another host, and one
// off-origin icon makes the service worker's precache fail as a whole),
// names, colours, the loading label, a pinned version and the uncompressed
// size of app.wasm for the progress shown while it loads.
func newHandler(version string, wasmSize int) *app.Handler {
	return &app.Handler{
		Name:        name,
		ShortName:   name,
		Title:       title,
		Description: description,
		Lang:        "en",
		Icon: app.Icon{
			Default:  "/web/icon-192.png",
			Large:    "/web/icon-512.png",
			SVG:      "/web/icon.svg",
			Maskable: "/web/icon-512.png",
		},
		BackgroundColor:    background,
		ThemeColor:         themeColor,
		LoadingLabel:       "Loading the checker…",
		Styles:             []string{"/web/whydenied.css"},
		RawHeaders:         []string{wasmPreload},
		CacheableResources: []string{"/web/icon.svg"},
		Resources:          relative{},
		StartURL:           "/",
		Version:            version,
		WasmContentLength:  strconv.Itoa(wasmSize),
		// See site_worker.go: precache from the server, answer from the
		// cache, store nothing at run time.
		ServiceWorkerTemplate: workerJS,
	}
}
