package ui

import (
	"strings"
	"time"

	app "github.com/maxence-charriere/go-app/v10/pkg/app"

	"whydenied/inspect"
)

// leewayCustom is the select value that enables the free-form field.
const leewayCustom = "custom"

// leewayPresets are the choices of the leeway select, in order.
var leewayPresets = []struct {
	value string
	label string
	d     time.Duration
}{
	{"0", "none (0 s)", 0},
	{"30s", "30 s", 30 * time.Second},
	{"60s", "60 s", 60 * time.Second},
	{"5m", "5 min", 5 * time.Minute},
}

// leewayState is the leeway control: a preset or a custom duration.
type leewayState struct {
	choice string // a preset value or leewayCustom; "" means "0"
	custom string // the custom field's text
	value  time.Duration
	err    string
}

// choose applies a select value and the custom text. An unknown choice falls
// back to no leeway; a custom text that is not a duration keeps the previous
// value and explains why.
func (l *leewayState) choose(choice, custom string) {
	l.custom = custom
	l.err = ""
	if choice == "" {
		choice = "0"
	}
	l.choice = choice
	if choice == leewayCustom {
		if strings.TrimSpace(custom) == "" {
			l.value = 0
			return
		}
		d, err := parseLeeway(custom)
		if err != nil {
			l.err = err.Error()
			return
		}
		l.value = d
		return
	}
	for _, p := range leewayPresets {
		if p.value == choice {
			l.value = p.d
			return
		}
	}
	l.choice, l.value = "0", 0
}

// parseLeeway is inspect's leeway syntax, the CLI's too.
func parseLeeway(s string) (time.Duration, error) { return inspect.ParseLeeway(s) }

func (p *Page) renderLeeway() app.UI {
	l := p.leeway
	choice := l.choice
	if choice == "" {
		choice = "0"
	}
	opts := make([]app.UI, 0, len(leewayPresets)+1)
	for _, pr := range leewayPresets {
		opts = append(opts, option(pr.value, pr.label, choice))
	}
	opts = append(opts, option(leewayCustom, "custom…", choice))
	return app.Div().Class("field", "leeway").Body(
		app.Label().For("%s", leewaySelectID).Text("Clock leeway"),
		app.P().ID("leeway-hint").Class("hint").Text("Tolerance for clock differences between machines, as validators allow: a token counts as valid while now < exp + leeway and now ≥ nbf − leeway."),
		app.Div().Class("leeway-row").Body(
			app.Select().ID(leewaySelectID).Aria("describedby", "leeway-hint").OnChange(p.onLeewaySelect).Body(opts...),
			app.Label().For("%s", leewayCustomID).Class("visually-hidden").Text("Custom leeway"),
			app.Input().ID(leewayCustomID).Type("text").Attr("inputmode", "text").
				Placeholder("e.g. 90s or 2m").Disabled(choice != leewayCustom).
				Attr("autocomplete", "off").OnInput(p.onLeewayCustom),
		),
		errorLine(l.err),
	)
}

// option marks only the chosen option: go-app writes Selected(false) as
// selected="false" into the prerendered HTML, which selects the option.
func option(value, label, choice string) app.UI {
	o := app.Option().Value(value).Text(label)
	if value == choice {
		o = o.Selected(true)
	}
	return o
}
