package ui

import (
	"strings"

	app "github.com/maxence-charriere/go-app/v10/pkg/app"

	"whydenied/inspect"
)

// renderFlags lists the client options that matter, important ones first.
func renderFlags(flags []string) app.UI {
	if len(flags) == 0 {
		return nil
	}
	var first, rest []app.UI
	for _, f := range flags {
		name, value, _ := strings.Cut(f, "=")
		text, important := inspect.FlagNote(name)
		shown := name
		if value != "" {
			shown = name + " " + value
		}
		class := "flag"
		if important {
			class = "flag flag-important"
		}
		li := app.Li().Class(class).DataSet("flag", name).Body(
			app.Code().Text(shown), app.Text(" — "), app.Span().Text(text),
		)
		if important {
			first = append(first, li)
		} else {
			rest = append(rest, li)
		}
	}
	return app.Div().Class("request-flags").Body(
		app.H4().Text("Client options that matter"),
		app.Ul().Body(append(first, rest...)...),
	)
}
