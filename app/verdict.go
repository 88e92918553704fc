package ui

import (
	app "github.com/maxence-charriere/go-app/v10/pkg/app"

	"whydenied/inspect"
)

// verdictTitle is the headline for each verdict.
func verdictTitle(v inspect.Verdict) string {
	switch v {
	case inspect.VerdictOK:
		return "OK — nothing here makes a server refuse"
	case inspect.Verdict401:
		return "401 Unauthorized — the server cannot tell who you are"
	case inspect.Verdict403:
		return "403 Forbidden — the server knows who you are and refuses"
	case inspect.VerdictNetwork:
		return "Network — no HTTP answer reached the page"
	}
	return "Unknown — not enough to go on"
}

// renderVerdict is #verdict. data-verdict is the contract; the text is for
// people. Before the WebAssembly runs it says what is loading.
func renderVerdict(res result, ready bool) app.UI {
	v := res.Report.Verdict
	if v == "" || !ready {
		v = inspect.VerdictUnknown
	}
	summary := res.Report.Summary
	about := "About: " + res.About.label() + "."
	switch {
	case !ready:
		summary = "Loading the checker (a WebAssembly module, a few MB, from this site). You can already paste: nothing you type is lost."
		about = ""
	case res.About == "":
		summary = "Paste a token or a curl command to see what a server will answer."
		about = ""
	}
	return app.Div().ID(VerdictID).DataSet("verdict", string(v)).
		Class("verdict", "verdict-"+string(v)).
		Attr("role", "status").Aria("live", "polite").Body(
		app.P().Class("verdict-title").Text(verdictTitle(v)),
		app.If(summary != "", func() app.UI { return app.P().Class("verdict-summary").Text(summary) }),
		app.If(ready && res.About == srcHAR && res.Report.Kind == inspect.KindHAR, func() app.UI {
			return app.P().Class("verdict-explain").Text(harExplanation(res.Report))
		}),
		app.If(about != "", func() app.UI { return app.P().Class("verdict-about").Text(about) }),
	)
}
