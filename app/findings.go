package ui

import (
	app "github.com/maxence-charriere/go-app/v10/pkg/app"

	"whydenied/inspect"
)

// renderFindings is #findings: one element per finding, carrying data-code.
// Everything in a finding comes from the input, so it is set as text only.
func renderFindings(fs []inspect.Finding, ready bool) app.UI {
	items := make([]app.UI, 0, len(fs))
	for _, f := range fs {
		items = append(items, renderFinding(f))
	}
	return app.Div().Class("findings").Body(
		app.H2().Text("Findings"),
		app.If(ready && len(fs) == 0, func() app.UI {
			return app.P().Class("empty").Text("No findings.")
		}),
		app.Ul().ID(FindingsID).Body(items...),
	)
}

func renderFinding(f inspect.Finding) app.UI {
	return app.Li().DataSet("code", f.Code).Class("finding", "severity-"+string(f.Severity)).Body(
		app.P().Class("finding-head").Body(
			app.Span().Class("severity").Text(string(f.Severity)),
			app.Code().Class("code").Text(f.Code),
			app.Strong().Class("finding-title").Text(f.Title),
		),
		app.If(f.Detail != "", func() app.UI {
			return app.P().Class("finding-detail").Text(f.Detail)
		}),
		app.If(f.Evidence != "", func() app.UI {
			return app.Div().Class("evidence").Body(
				app.Span().Class("evidence-label").Text("Evidence"),
				app.Pre().Body(app.Code().Text(f.Evidence)),
			)
		}),
	)
}
