package inspect

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"
)

// Several requests: the report's token list holds every token sent, each
// once, the primary request's first (DESIGN.md: the token list holds every
// token), for a HAR as for a command holding several requests.
func TestTokenListHoldsEveryRequestsTokens(t *testing.T) {
	a, b := madeUpJWT("SIGfirst"), madeUpJWT("SIGsecond")
	entry := func(at, tok string, status int) string {
		return `{"startedDateTime":"2026-01-01T00:00:0` + at + `Z","request":{"method":"GET","url":"https://api.test/` + at +
			`","headers":[{"name":"Authorization","value":"Bearer ` + tok + `"}]},"response":{"status":` + strconv.Itoa(status) + `,"headers":[]}}`
	}
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		name    string
		har     string
		primary int
		want    []string
	}{
		{"denied second", `{"log":{"entries":[` + entry("1", a, 200) + `,` + entry("2", b, 401) + `,` + entry("3", a, 200) + `]}}`, 1, []string{b, a}},
		{"nothing denied", `{"log":{"entries":[` + entry("1", a, 200) + `,` + entry("2", b, 200) + `]}}`, -1, []string{a, b}},
	} {
		hc, err := ParseHAR(context.Background(), []byte(c.har), nil)
		if err != nil {
			t.Fatal(err)
		}
		r := Diagnose(hc, Requirement{}, now, 0)
		if r.Primary != c.primary {
			t.Errorf("%s: primary %d, want %d", c.name, r.Primary, c.primary)
		}
		var got []string
		for _, tr := range r.Tokens {
			got = append(got, tr.Raw)
		}
		if strings.Join(got, " ") != strings.Join(c.want, " ") {
			t.Errorf("%s: tokens\n %q\nwant\n %q", c.name, got, c.want)
		}
	}
	cc, err := Parse("curl https://api.test/1 -H 'Authorization: Bearer " + a + "' && curl https://api.test/2 -H 'Authorization: Bearer " + b + "'")
	if err != nil {
		t.Fatal(err)
	}
	if r := Diagnose(cc, Requirement{}, now, 0); len(r.Tokens) != 2 {
		t.Errorf("command: %d tokens listed, want 2", len(r.Tokens))
	}
}
