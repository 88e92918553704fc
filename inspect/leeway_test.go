package inspect

import (
	"testing"
	"time"
)

// One leeway syntax for the page and the CLI: seconds (with decimals) or a
// Go duration, never negative.
func TestParseLeeway(t *testing.T) {
	cases := []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"90", 90 * time.Second, true},
		{"1.5", 1500 * time.Millisecond, true},
		{"0", 0, true},
		{"90s", 90 * time.Second, true},
		{"5m", 5 * time.Minute, true},
		{" 1m30s ", 90 * time.Second, true},
		{"-5s", 0, false},
		{"-5", 0, false},
		{"NaN", 0, false},
		{"1e12", 0, false},
		{"soon", 0, false},
		{"", 0, false},
	}
	for _, c := range cases {
		got, err := ParseLeeway(c.in)
		if (err == nil) != c.ok || got != c.want {
			t.Errorf("ParseLeeway(%q) = %v, %v; want %v, ok=%v", c.in, got, err, c.want, c.ok)
		}
	}
}
