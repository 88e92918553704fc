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
	v.reset(&c)
	v.index(es)
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

// TestHARPanelKeepsItsView checks that the HAR panel's filters and opened
// request last while its file does: a token becoming the subject and the
// HAR coming back keeps them, a new judgement of the same file (another
// requirement) too, and another file starts afresh. go-app hands a mounted
// panel its new fields and renders it again, as done here by hand.
func TestHARPanelKeepsItsView(t *testing.T) {
	read := func() *inspect.Case {
		c, err := inspect.ParseHAR(context.Background(), warmHARSample(0, 12), nil)
		if err != nil {
			t.Fatal(err)
		}
		return &c
	}
	judge := func(c *inspect.Case, requirement string) result {
		in := inputs{HAR: c, Requirement: requirement}
		in.touch(srcHAR)
		return diagnoseHAR(in, now, nil)
	}
	h := &harPanel{}
	show := func(p *harPanel) {
		h.File, h.Name, h.Entries, h.Findings, h.Primary = p.File, p.Name, p.Entries, p.Findings, p.Primary
		h.Render()
	}
	file := read()
	show(newHARPanel(judge(file, ""), "a.har"))
	if h.view.open != -1 || h.view.cursor != -1 || h.view.shown != rowsStep {
		t.Fatalf("a new file's view: %+v", h.view)
	}
	h.view.failedOnly, h.view.open = true, 3

	show(newHARPanel(diagnose(inputs{Token: okToken}, now), "a.har"))
	if h.File != nil {
		t.Fatal("the panel holds a file while a token is the subject")
	}
	show(newHARPanel(judge(file, "scope=x"), "a.har"))
	if !h.view.failedOnly || h.view.open != 3 {
		t.Errorf("the view of the same file was lost: %+v", h.view)
	}
	show(newHARPanel(judge(read(), ""), "b.har"))
	if h.view.failedOnly || h.view.open != -1 {
		t.Errorf("another file kept the view: %+v", h.view)
	}
}
