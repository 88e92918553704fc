package inspect

import (
	"context"
	"slices"
	"testing"
)

func TestHARTimings(t *testing.T) {
	for _, c := range []struct {
		name, timings string
		want          []Timing
	}{
		// Chrome: every phase, -1 for those that did not apply, and its
		// own _blocked_queueing, in file order.
		{"chrome", `{"blocked":0.5,"dns":-1,"connect":-1,"ssl":-1,"send":0.1,"wait":30.2,"receive":1.3,"_blocked_queueing":0.3}`,
			[]Timing{{"blocked", 0.5}, {"dns", -1}, {"connect", -1}, {"ssl", -1}, {"send", 0.1}, {"wait", 30.2}, {"receive", 1.3}, {"_blocked_queueing", 0.3}}},
		// Numbers written as strings are read; other values are skipped.
		{"lenient", `{"send":"2","wait":null,"receive":{"x":1}}`, []Timing{{"send", 2}}},
		// Not an object: no timings, and the entry is still read.
		{"not an object", `[1,2]`, nil},
	} {
		har := `{"log":{"entries":[{"startedDateTime":"2026-01-01T00:00:00Z","request":{"method":"GET","url":"https://x.test/"},"response":{"status":200,"headers":[]},"timings":` + c.timings + `}]}}`
		got, err := ParseHAR(context.Background(), []byte(har), nil)
		if err != nil || len(got.Entries) != 1 {
			t.Fatalf("%s: ParseHAR: %d entries, %v", c.name, len(got.Entries), err)
		}
		if !slices.Equal(got.Entries[0].Timings, c.want) {
			t.Errorf("%s: timings %v, want %v", c.name, got.Entries[0].Timings, c.want)
		}
	}
}
