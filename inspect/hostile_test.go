package inspect

import (
	"errors"
	"strings"
	"testing"
)

// Deep nesting crashed the process (Go cannot recover from a stack
// overflow: "fatal error: stack overflow" inside mvdan.cc/sh). Each
// construct below recursed in the shell parser once per level; each must
// now be refused before parsing, with the position where the limit was
// passed.
func TestDeepShellNestingRefused(t *testing.T) {
	for _, tc := range []struct{ prefix, unit string }{
		{"curl https://a/ ", "$("}, // the case reported: 400,000 of them, 800 KB
		{"curl https://a/ ", "${a:-"},
		{"curl https://a/ ", "$(("},
		{"curl https://a/ ", "<("},
		{"curl https://a/ ", `"$(`},
		{"curl https://a/ $((", "("},
		{"curl https://a/; ", "{ "},
		{"curl https://a/; ", "( "},
		{"curl https://a/; ", "if "},
		{"curl https://a/; ", "while "},
		{"curl https://a/; ", "until "},
		{"curl https://a/; ", "a=$("},
		{"curl https://a/; ", ">$("},
		{"curl https://a/; ", "${a["},
		{"curl https://a/; ", "${a/"},
		{"curl https://a/; ", "$["},
		{"curl https://a/; ", `"${a:-`},
		{"curl https://a/; ", "a["},
		{"curl https://a/; ", "<<<$("},
		{"curl https://a/; ", `"` + "`"},
	} {
		text := tc.prefix + strings.Repeat(tc.unit, 400000)
		c, err := Parse(text)
		var ce *CommandError
		if !errors.As(err, &ce) || !strings.Contains(ce.Msg, "nested more than 200 levels") {
			t.Errorf("Parse(%q × 400000) = %v, want a CommandError about nesting", tc.unit, err)
			continue
		}
		if ce.Line != 1 || ce.Col <= len(tc.prefix) || ce.Col > len(tc.prefix)+len(tc.unit)*(MaxShellNesting+1) {
			t.Errorf("Parse(%q × 400000): error at %d:%d, want line 1 near level %d", tc.unit, ce.Line, ce.Col, MaxShellNesting)
		}
		if len(c.Entries) != 0 {
			t.Errorf("Parse(%q × 400000) read %d requests from a refused command", tc.unit, len(c.Entries))
		}
	}
}

// The nesting bound must not refuse real commands: JSON bodies nest in
// quotes, where brackets are text, and commands nest a few levels.
func TestShellNestingAllowsRealCommands(t *testing.T) {
	deepJSON := strings.Repeat(`{"a":`, 500) + "1" + strings.Repeat("}", 500)
	for _, text := range []string{
		"curl https://a/ --data-raw '" + deepJSON + "'",
		"curl https://a/ -d \"$(printf '%s' '" + deepJSON + "')\"",
		"curl https://a/ -H \"X: " + strings.Repeat("$(echo ", 20) + "x" + strings.Repeat(")", 20) + "\"",
		"curl https://a/ -H 'X: " + strings.Repeat("((", 300) + "'",
		"curl https://a/ # " + strings.Repeat("(", 300),
		"curl https://a/ -d $'" + strings.Repeat(`\'(`, 300) + "'",
	} {
		c, err := Parse(text)
		if err != nil || len(c.Entries) != 1 {
			t.Errorf("Parse(%.60q…) = %d requests, %v; want 1 request", text, len(c.Entries), err)
		}
	}
	// One level under the limit is read.
	text := "curl https://a/ -H \"X: " + strings.Repeat("$(", MaxShellNesting-2) + "x" + strings.Repeat(")", MaxShellNesting-2) + "\""
	if c, err := Parse(text); err != nil || len(c.Entries) != 1 {
		t.Errorf("%d nested $( ) = %d requests, %v; want it read", MaxShellNesting-2, len(c.Entries), err)
	}
}

// A command larger than MaxCommandBytes is refused by name, not parsed.
func TestCommandSizeLimit(t *testing.T) {
	text := "curl https://a/ -d '" + strings.Repeat("x", MaxCommandBytes) + "'"
	_, err := Parse(text)
	var ce *CommandError
	if !errors.As(err, &ce) || !strings.Contains(ce.Msg, "at most 4 MB") {
		t.Fatalf("Parse(4 MB command) = %v, want a CommandError naming the 4 MB limit", err)
	}
}

// Error messages stay one short line, whatever the input: a JSON path of
// 10,000 steps and 100,000 requirement errors are cut with a count.
func TestErrorMessagesStayShort(t *testing.T) {
	_, err := ParseHAR(t.Context(), []byte(`{"log":{"entries":`+strings.Repeat("[0,", 10000)+"x"), nil)
	if err == nil {
		t.Fatal("ParseHAR(10,000 nested arrays, cut) = nil error")
	}
	msg := err.Error()
	if len(msg) > 200 || strings.Contains(msg, "\n") || !strings.Contains(msg, "more") {
		t.Errorf("HAR error is %d bytes: %.300q; want one short line with a count", len(msg), msg)
	}
	_, err = ParseRequirement(strings.Repeat("nonsense\n", 100000))
	msg = err.Error()
	if len(msg) > 300 || strings.Contains(msg, "\n") || !strings.Contains(msg, "… and 99,998 more") {
		t.Errorf("requirement error is %d bytes: %.300q; want one short line ending in a count", len(msg), msg)
	}
	var re *RequirementError
	if !errors.As(err, &re) || re.Line != 1 {
		t.Errorf("errors.As(requirement error) = %v, want the first line's *RequirementError", re)
	}
}

// A header of 30,000 challenges made every finding repeat all of them (the
// text output grew with their square); a header holds a few.
func TestParseChallengesLimit(t *testing.T) {
	v := strings.Repeat(`Bearer error="invalid_token", `, 30000)
	cs, err := ParseChallenges(v)
	var ce *ChallengeError
	if len(cs) != MaxChallenges || !errors.As(err, &ce) || ce.Offset != MaxChallenges*len(`Bearer error="invalid_token", `) {
		t.Fatalf("ParseChallenges(30,000 challenges) = %d, %v; want %d and an error at the next", len(cs), err, MaxChallenges)
	}
	if cs, err := ParseChallenges(strings.TrimSuffix(strings.Repeat(`Bearer error="invalid_token", `, MaxChallenges), ", ")); len(cs) != MaxChallenges || err != nil {
		t.Errorf("ParseChallenges(%d challenges) = %d, %v; want all, no error", MaxChallenges, len(cs), err)
	}
}
