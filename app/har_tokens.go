package ui

import (
	"time"

	app "github.com/maxence-charriere/go-app/v10/pkg/app"

	"whydenied/inspect"
)

// renderEntryTokens shows each token the request carried, decoded by the
// token panel's component. Its times are checked twice: inspect checked them
// against startedDateTime (what the server saw); the second column says
// where they stand against now.
func renderEntryTokens(e inspect.EntryReport, now time.Time) app.UI {
	if len(e.Tokens) == 0 {
		return app.P().Class("hint").Text("No token found in this request (Authorization header, cookies, query parameters, JSON body).")
	}
	items := make([]app.UI, 0, len(e.Tokens))
	for i, t := range e.Tokens {
		items = append(items, renderTokenWith(i, len(e.Tokens), t, renderTwoClocks(t.Times, e.Started, now)))
	}
	return app.Div().Class("tokens", "har-tokens").Body(
		app.H4().Text("Tokens in this request"),
		app.Div().Body(items...),
	)
}

// renderTwoClocks is the time claims of a token from a HAR entry: against
// the moment of the request (inspect's verdict rests on it) and against now.
func renderTwoClocks(ts []inspect.TimeClaim, started, now time.Time) app.UI {
	if len(ts) == 0 {
		return nil
	}
	at := "Now (request time unknown)"
	if !started.IsZero() {
		at = "When sent (" + started.UTC().Format(utcLayout) + ")"
	}
	rows := make([]app.UI, 0, len(ts))
	for _, tc := range ts {
		rows = append(rows, timeRow(tc,
			app.Td().Class("relative").Text(tc.Relative),
			app.Td().Class("relative").Text(sinceNow(tc, now)),
		))
	}
	return app.Table().Class("times", "times-two").Body(
		app.Caption().Text("Times, checked when the request was sent and now"),
		app.THead().Body(app.Tr().Body(
			app.Th().Scope("col").Text("Claim"),
			app.Th().Scope("col").Text("Value"),
			app.Th().Scope("col").Text("UTC"),
			app.Th().Scope("col").Text(at),
			app.Th().Scope("col").Text("Now"),
		)),
		app.TBody().Body(rows...),
	)
}

// sinceNow says where a time claim stands against now.
func sinceNow(tc inspect.TimeClaim, now time.Time) string {
	d := tc.Time.Sub(now)
	switch {
	case tc.Name == "exp" && d <= 0:
		return "expired " + inspect.HumanDuration(-d) + " ago"
	case tc.Name == "exp":
		return "valid for another " + inspect.HumanDuration(d)
	case d > 0:
		return "in " + inspect.HumanDuration(d)
	}
	return inspect.HumanDuration(-d) + " ago"
}
