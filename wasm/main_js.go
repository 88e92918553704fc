//go:build js

package main

import (
	app "github.com/maxence-charriere/go-app/v10/pkg/app"

	ui "whydenied/app"
)

// main in the browser: read what was typed while the page loaded, register
// the page for every path and hand over to go-app.
func main() {
	ui.Register(ui.CaptureEarly())
	app.RunWhenOnBrowser()
}
