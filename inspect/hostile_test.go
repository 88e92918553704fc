package inspect

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
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

// A text with more different tokens than MaxTokens: the first MaxTokens
// are judged, the rest counted in input.too_many_tokens; repeats of a
// token count once.
func TestParseTokensCap(t *testing.T) {
	var b strings.Builder
	for i := range MaxTokens + 500 {
		fmt.Fprintf(&b, "Authorization: Bearer %s%d\nAuthorization: Bearer %s%d\n", scaleJWT, i, scaleJWT, i)
	}
	c := ParseTokens(b.String())
	if len(c.Tokens) != MaxTokens {
		t.Fatalf("%d tokens judged, want %d", len(c.Tokens), MaxTokens)
	}
	if got := c.Tokens[MaxTokens-1].Raw; got != fmt.Sprintf("%s%d", scaleJWT, MaxTokens-1) {
		t.Errorf("the last token judged is %q, want the %dth of the text", got, MaxTokens)
	}
	var f *Finding
	for i := range c.Findings {
		if c.Findings[i].Code == CodeInputTooManyTokens {
			f = &c.Findings[i]
		}
	}
	if f == nil || f.Severity != SeverityWarning || f.Title != "Only the first 1,000 of 1,500 different tokens were judged" || f.Evidence != "1,500 different tokens found, 1,000 judged" {
		t.Fatalf("finding %+v", f)
	}
	// Exactly MaxTokens: all judged, no finding.
	if c := ParseTokens(strings.Repeat("x "+scaleJWT+" ", 3)); len(c.Findings) != 0 {
		t.Errorf("one distinct token: findings %+v", c.Findings)
	}
	r := Diagnose(c, Requirement{}, time.Unix(1700000000, 0), 0)
	if !hasCode(r.Findings, CodeInputTooManyTokens) {
		t.Errorf("the report does not carry %s", CodeInputTooManyTokens)
	}
}
