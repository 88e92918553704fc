package ui

import (
	app "github.com/maxence-charriere/go-app/v10/pkg/app"
)

// UpdateNoticeID and UpdateReloadID name the notice shown when a new
// version has been installed in the background, and its reload button.
const (
	UpdateNoticeID = "update-notice"
	UpdateReloadID = "update-reload"
	// VersionAttr on <html> names the version the page runs.
	VersionAttr = "data-version"
)

// OnAppUpdate is called by go-app when the service worker has installed and
// activated a new version. The page keeps running the version it loaded (no
// file of the new one is mixed in) until the person reloads, which they
// choose: reloading clears what they pasted.
//
// On a first visit the page was not controlled by a service worker when it
// loaded; the worker installing then is not an update, and go-app reports it
// as one when the worker claims the page: that report is ignored.
func (p *Page) OnAppUpdate(ctx app.Context) {
	if p.controlledAtStart {
		p.updateReady = true
	}
}

// controlled reports whether a service worker controls the page now.
func controlled() bool {
	sw := app.Window().Get("navigator").Get("serviceWorker")
	return sw.Truthy() && sw.Get("controller").Truthy()
}

func (p *Page) renderUpdate() app.UI {
	if !p.updateReady {
		return nil
	}
	return app.Div().ID(UpdateNoticeID).Class("update-notice").Attr("role", "status").Body(
		app.P().Text("A new version of whydenied is ready. Reload to use it — the page will be empty again, nothing you pasted is kept."),
		app.Button().ID(UpdateReloadID).Type("button").Text("Reload now").OnClick(func(ctx app.Context, e app.Event) {
			app.Window().Get("location").Call("reload")
		}),
	)
}

// markVersion writes the running version on <html>, for support and tests.
func markVersion() {
	if v := app.Getenv("GOAPP_VERSION"); v != "" {
		app.Window().Get("document").Get("documentElement").Call("setAttribute", VersionAttr, v)
	}
}
