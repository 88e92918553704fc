package ui

import (
	app "github.com/maxence-charriere/go-app/v10/pkg/app"

	"whydenied/inspect"
)

// renderServer is the "Server" choice: which validator's default rules
// decide the verdict (inspect's server profiles, the CLI's --server).
func (c *inputsPanel) renderServer() app.UI {
	choice := c.Server
	if choice == "" {
		choice = string(inspect.ProfileGeneric)
	}
	profiles := inspect.Profiles()
	opts := make([]app.UI, 0, len(profiles))
	for _, p := range profiles {
		label := p.Title
		if p.Name == inspect.ProfileGeneric {
			label = "generic: what most stacks answer"
		}
		opts = append(opts, option(string(p.Name), label, choice))
	}
	return app.Div().Class("field", "server").Body(
		app.Label().For("%s", ServerInputID).Text("Server"),
		app.P().ID(ServerInputID+"-hint").Class("hint").Text("Which validator checks the token. Stacks differ on clock skew, a future iat, a missing exp or typ; with one chosen, the verdict is what that stack answers with its default settings, and the findings name its rule."),
		app.Select().ID(ServerInputID).Aria("describedby", ServerInputID+"-hint").OnChange(c.onInput).Body(opts...),
	)
}
