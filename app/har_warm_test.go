package ui

import (
	"context"
	"testing"

	"whydenied/inspect"
)

// TestWarmHARSample checks that the warm-up's HARs exercise what a real
// file does: every piece reads without error or skipped entry, and across
// the pieces there are successes, a token decoded, and failures of each
// verdict the diagnosis gives (an unread sample would warm up only the
// error path).
func TestWarmHARSample(t *testing.T) {
	verdicts := map[inspect.Verdict]int{}
	tokens := 0
	for i := range warmPieces {
		data := warmHARSample(i*warmEntries, warmEntries)
		c, err := inspect.ParseHAR(context.Background(), data, nil)
		if err != nil {
			t.Fatalf("piece %d: %v", i, err)
		}
		if len(c.Entries) != warmEntries {
			t.Errorf("piece %d: %d entries, want %d", i, len(c.Entries), warmEntries)
		}
		for _, f := range c.Findings {
			if f.Code == inspect.CodeHARMalformed {
				t.Errorf("piece %d: %s", i, f.Title)
			}
		}
		in := inputs{HAR: &c}
		in.touch(srcHAR)
		r := diagnoseHAR(in, now, nil).Report
		for _, e := range r.Entries {
			verdicts[e.Verdict]++
			tokens += len(e.Tokens)
		}
	}
	for _, v := range []inspect.Verdict{inspect.VerdictOK, inspect.Verdict401, inspect.Verdict403, inspect.VerdictNetwork} {
		if verdicts[v] == 0 {
			t.Errorf("no entry judged %q (verdicts %v)", v, verdicts)
		}
	}
	if tokens == 0 {
		t.Error("no token found in the entries")
	}
}

// TestWarmSteps runs the warm-up's steps on each piece, natively: every
// step must succeed (a step that fails stops the warm-up early) without
// panicking, also the one that lays out the whole page.
func TestWarmSteps(t *testing.T) {
	for i := range warmPieces {
		for k, step := range warmSteps(warmHARSample(i*warmEntries, warmEntries)) {
			if !step() {
				t.Fatalf("piece %d: step %d failed", i, k)
			}
		}
	}
}
