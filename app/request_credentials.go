package ui

import (
	app "github.com/maxence-charriere/go-app/v10/pkg/app"

	"whydenied/inspect"
)

// credentialKinds names the credentials that are not JWTs, by finding code.
var credentialKinds = map[string]string{
	inspect.CodeAuthBasic:  "Basic credentials — only encoded (base64), not encrypted",
	inspect.CodeAuthAPIKey: "API key",
	inspect.CodeAuthOther:  "Other credential",
}

// renderCredentials shows every credential a request carries, decoded:
// JWTs exactly as the token panel shows them (checked against the
// requirement and the key), and Basic credentials, API keys and other
// schemes as inspect describes them, their secrets masked.
func renderCredentials(e inspect.EntryReport) app.UI {
	var items []app.UI
	for _, f := range e.Findings {
		kind, ok := credentialKinds[f.Code]
		if !ok {
			continue
		}
		items = append(items, app.Li().Class("credential", "credential-"+string(f.Severity)).DataSet("credential", f.Code).Body(
			app.P().Class("credential-kind").Text(kind),
			app.P().Class("credential-title").Text(f.Title),
			app.If(f.Evidence != "", func() app.UI {
				return app.P().Body(app.Code().Class("credential-evidence").Text(f.Evidence))
			}),
			app.If(f.Detail != "", func() app.UI {
				return app.P().Class("credential-detail").Text(f.Detail)
			}),
		))
	}
	tokens := make([]app.UI, 0, len(e.Tokens))
	for i, t := range e.Tokens {
		tokens = append(tokens, renderToken(i, len(e.Tokens), t))
	}
	none := len(items) == 0 && len(tokens) == 0
	return app.Div().Class("request-credentials").Body(
		app.H4().Text("Credentials"),
		app.If(none, func() app.UI {
			return app.P().Class("empty").Text("None: no Authorization header, no token in a cookie, the query or the body, no API key header.")
		}),
		app.If(len(items) > 0, func() app.UI { return app.Ul().Class("credentials").Body(items...) }),
		app.If(len(tokens) > 0, func() app.UI { return app.Div().Class("tokens").Body(tokens...) }),
	)
}
