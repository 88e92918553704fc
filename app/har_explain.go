package ui

import (
	app "github.com/maxence-charriere/go-app/v10/pkg/app"

	"whydenied/inspect"
)

// renderStripped explains, when the export dropped credentials, how to make
// one that keeps them.
func renderStripped(fs []inspect.Finding) app.UI {
	stripped := false
	for _, f := range fs {
		stripped = stripped || f.Code == inspect.CodeHARCredentialsStripped
	}
	if !stripped {
		return nil
	}
	return app.Aside().ID("har-stripped").Class("har-stripped").Attr("role", "note").Body(
		app.H3().Text("This file probably lacks the credentials that were sent"),
		app.P().Text("Chrome and Edge 130 and later leave Authorization, Cookie and Set-Cookie headers out of a HAR export by default, and sanitizers replace them with placeholders. Missing credentials in this file do not mean none were sent."),
		app.P().Text("To export with credentials:"),
		app.Ol().Body(
			app.Li().Text("Open DevTools (F12) → Settings (the gear) → Preferences → Network, and tick “Allow to generate HAR with sensitive data”."),
			app.Li().Text("Reload and reproduce the failure with the Network panel open."),
			app.Li().Text("In the Network panel open the menu of the download button (Export HAR) and choose “Export HAR (with sensitive data)…”."),
		),
		app.P().Text("Firefox keeps credentials in “Save All As HAR”. The file then holds live secrets: this page reads it locally and sends it nowhere, but share it only with people you trust, or redact it first with `whydenied sanitize file.har`."),
	)
}
