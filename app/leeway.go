package ui

import (
	"strings"
	"time"

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
