package ui

import (
	"time"

	app "github.com/maxence-charriere/go-app/v10/pkg/app"

	"whydenied/inspect"
)

// timeNames says what each time claim means, for the table's first column.
var timeNames = map[string]string{
	"exp":       "expires",
	"nbf":       "not before",
	"iat":       "issued at",
	"auth_time": "user signed in",
}

// Layouts for the two clocks shown. In the browser time.Local is the
// browser's offset (Go's js/wasm port reads it from Date); it has no zone
// name worth showing, so the offset is written out.
const (
	utcLayout   = "2006-01-02 15:04:05 UTC"
	localLayout = "2006-01-02 15:04:05 (UTC-07:00)"
)

func renderTimes(ts []inspect.TimeClaim) app.UI {
	if len(ts) == 0 {
		return nil
	}
	rows := make([]app.UI, 0, len(ts))
	for _, tc := range ts {
		rows = append(rows, timeRow(tc,
			app.Td().Text(tc.Time.In(time.Local).Format(localLayout)),
			app.Td().Class("relative").Text(tc.Relative),
		))
	}
	return app.Table().Class("times").Body(
		app.Caption().Text("Times (checked against this computer's clock)"),
		app.THead().Body(app.Tr().Body(
			app.Th().Scope("col").Text("Claim"),
			app.Th().Scope("col").Text("Value"),
			app.Th().Scope("col").Text("UTC"),
			app.Th().Scope("col").Text("Your time zone"),
			app.Th().Scope("col").Text("Now"),
		)),
		app.TBody().Body(rows...),
	)
}

// timeRow is one row of a times table: the claim, its number as written and
// the moment in UTC, then the cells a table adds.
func timeRow(tc inspect.TimeClaim, more ...app.UI) app.UI {
	name := tc.Name
	if n, ok := timeNames[tc.Name]; ok {
		name = tc.Name + " (" + n + ")"
	}
	cells := []app.UI{
		app.Th().Scope("row").Text(name),
		app.Td().Body(app.Code().Text(tc.Raw)),
		app.Td().Body(app.Time().DateTime("%s", tc.Time.UTC().Format(time.RFC3339)).Text(tc.Time.UTC().Format(utcLayout))),
	}
	return app.Tr().Class("time", "time-"+tc.State).Body(append(cells, more...)...)
}
