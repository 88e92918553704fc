package ui

import (
	"testing"
	"time"

	"whydenied/inspect"
)

// A made-up HS256 token: {"sub":"alice","aud":"api://orders","exp":2000000000}.
const okToken = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhbGljZSIsImF1ZCI6ImFwaTovL29yZGVycyIsImV4cCI6MjAwMDAwMDAwMH0.c2lnbmF0dXJl"

var now = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)

func TestSubject(t *testing.T) {
	cases := []struct {
		name string
		in   inputs
		want source
	}{
		// Nothing entered: the verdict speaks of nothing.
		{"empty", inputs{}, ""},
		// Only whitespace counts as nothing.
		{"blank", inputs{Token: " \n"}, ""},
		// A single input is the subject even if it was never "touched"
		// (text restored after the page started).
		{"restored token", inputs{Token: okToken}, srcToken},
		// Both filled: the one changed last wins.
		{"curl last", inputs{Token: okToken, Curl: "curl x", order: []source{srcCurl, srcToken}}, srcCurl},
		{"token last", inputs{Token: okToken, Curl: "curl x", order: []source{srcToken, srcCurl}}, srcToken},
		// The last-changed input was emptied: fall back to the other.
		{"emptied", inputs{Curl: "curl x", order: []source{srcToken, srcCurl}}, srcCurl},
	}
	for _, c := range cases {
		if got := c.in.subject(); got != c.want {
			t.Errorf("%s: subject() = %q, want %q", c.name, got, c.want)
		}
	}
}

func TestTouchOrder(t *testing.T) {
	var in inputs
	in.touch(srcToken)
	in.touch(srcCurl)
	in.touch(srcToken)
	if len(in.order) != 2 || in.order[0] != srcToken || in.order[1] != srcCurl {
		t.Errorf("order = %v, want [token curl]", in.order)
	}
}

func TestDiagnose(t *testing.T) {
	// Nothing entered: unknown, whatever the requirement says.
	if r := diagnose(inputs{Requirement: "aud=x"}, now); r.Report.Verdict != inspect.VerdictUnknown || r.About != "" {
		t.Errorf("empty input: verdict %q about %q, want unknown about nothing", r.Report.Verdict, r.About)
	}
	// The requirement applies to the token.
	r := diagnose(inputs{Token: okToken, Requirement: "aud=api://billing"}, now)
	if r.Report.Verdict != inspect.Verdict401 || r.About != srcToken {
		t.Errorf("wrong audience: verdict %q about %q, want 401 about the token", r.Report.Verdict, r.About)
	}
	// The leeway is passed on: expired 10 s ago is ok with 30 s.
	later := time.Unix(2000000010, 0)
	if r := diagnose(inputs{Token: okToken}, later); r.Report.Verdict != inspect.Verdict401 {
		t.Errorf("expired without leeway: %q, want 401", r.Report.Verdict)
	}
	if r := diagnose(inputs{Token: okToken, Leeway: 30 * time.Second, LeewaySet: true}, later); r.Report.Verdict != inspect.VerdictOK {
		t.Errorf("expired within leeway: %q, want ok", r.Report.Verdict)
	}
	// The server profile is passed on: Spring's default 60 s of skew
	// accepts it, and a leeway the user sets replaces that skew.
	if r := diagnose(inputs{Token: okToken, Server: "spring"}, later); r.Report.Verdict != inspect.VerdictOK || r.Report.Server == nil || r.Report.Server.Name != "spring" {
		t.Errorf("expired 10 s ago under spring: %q (%+v), want ok", r.Report.Verdict, r.Report.Server)
	}
	if r := diagnose(inputs{Token: okToken, Server: "spring", Leeway: 0, LeewaySet: true}, later); r.Report.Verdict != inspect.Verdict401 {
		t.Errorf("expired 10 s ago under spring with a leeway of 0 set: %q, want 401", r.Report.Verdict)
	}
}

func TestParseLeeway(t *testing.T) {
	cases := []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"90", 90 * time.Second, true},         // bare number: seconds
		{"1.5", 1500 * time.Millisecond, true}, // fractions of a second
		{"2m", 2 * time.Minute, true},          // Go duration
		{" 1m30s ", 90 * time.Second, true},    // surrounding space from a paste
		{"-5s", 0, false},                      // a negative leeway would narrow the window
		{"-5", 0, false},                       // same, as seconds
		{"soon", 0, false},                     // not a duration
	}
	for _, c := range cases {
		got, err := parseLeeway(c.in)
		if (err == nil) != c.ok || got != c.want {
			t.Errorf("parseLeeway(%q) = %v, %v; want %v, ok=%v", c.in, got, err, c.want, c.ok)
		}
	}
}

func TestLeewayChoose(t *testing.T) {
	var l leewayState
	l.choose("5m", "")
	if l.value != 5*time.Minute {
		t.Errorf("preset 5m = %v", l.value)
	}
	l.choose(leewayCustom, "45")
	if l.value != 45*time.Second || l.err != "" {
		t.Errorf("custom 45 = %v (%s)", l.value, l.err)
	}
	// A bad custom value keeps the last good one and says why.
	l.choose(leewayCustom, "abc")
	if l.value != 45*time.Second || l.err == "" {
		t.Errorf("custom abc = %v, err %q; want 45s kept and an error", l.value, l.err)
	}
	// An unknown select value means the server's default.
	l.choose("bogus", "")
	if l.value != 0 || l.choice != leewayDefault || l.set {
		t.Errorf("unknown choice = %v %q set=%v", l.value, l.choice, l.set)
	}
	// 0 chosen is a leeway set: it replaces a profile's skew.
	l.choose("0", "")
	if l.value != 0 || !l.set {
		t.Errorf("choice 0 = %v set=%v, want 0 set", l.value, l.set)
	}
}
