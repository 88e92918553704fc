package ui

import (
	"strings"
	"time"

	"whydenied/inspect"
)

// leewayCustom is the select value that enables the free-form field;
// leewayDefault leaves the skew to the server profile (0 s for generic).
const (
	leewayCustom  = "custom"
	leewayDefault = "default"
)

// leewayPresets are the choices of the leeway select, in order.
var leewayPresets = []struct {
	value string
	label string
	d     time.Duration
}{
	{leewayDefault, "the server's default", 0},
	{"0", "none (0 s)", 0},
	{"30s", "30 s", 30 * time.Second},
	{"60s", "60 s", 60 * time.Second},
	{"5m", "5 min", 5 * time.Minute},
}

// leewayState is the leeway control: a preset or a custom duration.
type leewayState struct {
	choice string // a preset value or leewayCustom; "" means leewayDefault
	custom string // the custom field's text
	value  time.Duration
	// set says the user chose a leeway, which then replaces the server
	// profile's default skew.
	set bool
	err string
}

// choose applies a select value and the custom text. An unknown choice falls
// back to no leeway; a custom text that is not a duration keeps the previous
// value and explains why.
func (l *leewayState) choose(choice, custom string) {
	l.custom = custom
	l.err = ""
	if choice == "" {
		choice = leewayDefault
	}
	l.choice = choice
	l.set = choice != leewayDefault
	if choice == leewayCustom {
		if strings.TrimSpace(custom) == "" {
			l.value, l.set = 0, false
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
	l.choice, l.value, l.set = leewayDefault, 0, false
}

// parseLeeway is inspect's leeway syntax, the CLI's too.
func parseLeeway(s string) (time.Duration, error) { return inspect.ParseLeeway(s) }
