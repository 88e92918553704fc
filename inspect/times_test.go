package inspect

import (
	"testing"
	"time"
)

func TestHumanDuration(t *testing.T) {
	tests := []struct {
		d    time.Duration
		want string
	}{
		{0, "0 s"},
		{250 * time.Millisecond, "250 ms"},
		{3*time.Minute + 12*time.Second, "3 min 12 s"},
		{54 * time.Minute, "54 min"},
		// Units are adjacent: 2 h 0 min 5 s is "2 h", not "2 h 5 s".
		{2*time.Hour + 5*time.Second, "2 h"},
		{(2*24 + 3) * time.Hour, "2 d 3 h"},
		{-90 * time.Second, "1 min 30 s"},
	}
	for _, tt := range tests {
		if got := humanDuration(tt.d); got != tt.want {
			t.Errorf("humanDuration(%v) = %q, want %q", tt.d, got, tt.want)
		}
	}
}

// The time rule must match golang-jwt's: valid while now < exp+leeway and
// now >= nbf-leeway. Walk the boundaries second by second.
func TestTimeBoundaries(t *testing.T) {
	exp := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	claims := map[string]any{"exp": float64(exp.Unix()), "nbf": float64(exp.Add(-time.Hour).Unix())}
	tests := []struct {
		at     time.Time
		leeway time.Duration
		code   string
	}{
		{exp.Add(-time.Second), 0, ""},
		{exp, 0, CodeTokenExpired},
		{exp.Add(59 * time.Second), time.Minute, ""},
		{exp.Add(time.Minute), time.Minute, CodeTokenExpired},
		{exp.Add(-time.Hour), 0, ""},
		{exp.Add(-time.Hour - time.Second), 0, CodeTokenNotYetValid},
		{exp.Add(-time.Hour - 30*time.Second), 30 * time.Second, ""},
	}
	for _, tt := range tests {
		_, fs := checkTimes(claims, tt.at, rules{leeway: tt.leeway, leewaySet: tt.leeway != 0})
		got := ""
		for _, f := range fs {
			if f.Severity == SeverityError {
				got = f.Code
				break
			}
		}
		if got != tt.code {
			t.Errorf("checkTimes at %v leeway %v = %q, want %q", tt.at, tt.leeway, got, tt.code)
		}
	}
}
