//go:build js

package main

import (
	app "github.com/maxence-charriere/go-app/v10/pkg/app"

	ui "whydenied/app"
)

// main in the browser: read what was typed while the page loaded, register
// the page for every path and hand over to go-app.
func main() {
	// The moment Go code starts running, for the start-up breakdown of
	// make bench (fetch and compile before it, go-app and the first render
	// after it).
	if perf := app.Window().Get("performance"); perf.Truthy() && perf.Get("mark").Truthy() {
		perf.Call("mark", ui.MainMark)
	}
	ui.Register(ui.CaptureEarly())
	app.RunWhenOnBrowser()
}
