package ui

import (
	"context"
	"testing"

	"whydenied/inspect"
)

// TestHARSearchFilter checks the free-text filter, whose lower-cased text is
// built on the first search: it finds entries by URL, status and verdict,
// case-insensitively, and an empty search matches everything.
func TestHARSearchFilter(t *testing.T) {
	c, err := inspect.ParseHAR(context.Background(), warmHARSample(0, 12), nil)
	if err != nil {
		t.Fatal(err)
	}
	in := inputs{HAR: &c}
	in.touch(srcHAR)
	es := diagnoseHAR(in, now, nil).Report.Entries
	var v harView
	v.reset()
	v.index(&c, es)
	count := func(text string) int {
		v.text = text
		n := 0
		for i, e := range es {
			if v.matches(i, e) {
				n++
			}
		}
		return n
	}
	cases := []struct {
		text string
		want int
	}{
		{"", 12},                 // no search: every entry
		{"ITEMS/7?", 1},          // the URL, whatever the case
		{"401", 1},               // the status (and verdict) of the one 401
		{"NETWORK", 2},           // the verdict of the two requests without answer
		{"no such thing", 0},     // nothing matches
		{"api1.example.test", 4}, // a host
	}
	for _, c := range cases {
		if got := count(c.text); got != c.want {
			t.Errorf("search %q: %d entries, want %d", c.text, got, c.want)
		}
	}
}
