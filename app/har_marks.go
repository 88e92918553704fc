package ui

import app "github.com/maxence-charriere/go-app/v10/pkg/app"

// HARMarkPrefix starts the names of the performance.mark() entries a HAR
// ingest records at each of its steps (make bench prints them): the file's
// bytes are in the page (…-buffer), copied into Go memory (…-copied), read
// (…-parsed), judged (…-judged), and the verdict and the table rendered
// (…-shown).
const HARMarkPrefix = "whydenied-har-"

// harMark records HARMarkPrefix+step. It is a no-op outside a browser.
func harMark(step string) {
	if !app.IsClient {
		return
	}
	if perf := app.Window().Get("performance"); perf.Truthy() && perf.Get("mark").Truthy() {
		perf.Call("mark", HARMarkPrefix+step)
	}
}
