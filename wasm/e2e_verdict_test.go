//go:build !js && browser

package main

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/golang-jwt/jwt/v5"

	ui "whydenied/app"
)

// TestVerdicts pastes a token and the requirement and checks #verdict and
// the finding codes for each way a token gets refused, in one tab, each
// case replacing the previous input.
func TestVerdicts(t *testing.T) {
	e := setup(t)
	tb := newTab(t, e)
	tb.open(e.origin.URL + "/")

	// Nothing entered: unknown, no findings.
	if s := tb.state(); s.Verdict != "unknown" || len(s.Codes) != 0 {
		t.Fatalf("empty page: %+v, want unknown and no findings", s)
	}

	cases := []struct {
		name    string
		token   string
		verdict string
		codes   []string
	}{
		// Everything the requirement asks for is there.
		{"ok", token(t, claims(nil)), "ok", nil},
		// Expired five minutes ago, no leeway: 401.
		{"expired", token(t, claims(func(c jwt.MapClaims) { c["exp"] = time.Now().Add(-5 * time.Minute).Unix() })), "401", []string{"token.expired"}},
		// Issued for another API: 401 (invalid_token), not 403.
		{"wrong audience", token(t, claims(func(c jwt.MapClaims) { c["aud"] = "api://billing" })), "401", []string{"aud.mismatch"}},
		// Known caller without the scope: 403.
		{"missing scope", token(t, claims(func(c jwt.MapClaims) { c["scope"] = "orders.list" })), "403", []string{"scope.missing"}},
		// Cut off in the middle of the payload: 401 with where and why.
		{"malformed", "Authorization: Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c2VyLTEyMzQiLCJhdWQiOiJhcGk6Ly9vcmRlcnMi", "401", []string{"token.malformed"}},
	}
	tb.paste(ui.RequirementInputID, requirement)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tb.t = t
			tb.paste(ui.TokenInputID, c.token)
			s := tb.expect(c.verdict, c.codes, nil)
			if c.verdict == "ok" {
				for _, code := range s.Codes {
					if code == "token.expired" || code == "aud.mismatch" || code == "scope.missing" {
						t.Errorf("ok token has finding %s", code)
					}
				}
			}
		})
	}
	tb.t = t

	// The requirement applies as it is typed, key by key: adding a scope the
	// token lacks turns ok into 403.
	tb.paste(ui.TokenInputID, token(t, claims(nil)))
	tb.expect("ok", nil, []string{"scope.missing"})
	tb.typeKeys(ui.RequirementInputID, "\nscope=orders.delete")
	tb.expect("403", []string{"scope.missing"}, nil)

	// Clearing every input brings the page back to unknown.
	tb.clear(ui.TokenInputID)
	tb.expect("unknown", nil, []string{"scope.missing"})
}

// TestLastChangedInput checks that #verdict speaks of the input changed
// last, with the requirement applied to whichever it is.
func TestLastChangedInput(t *testing.T) {
	e := setup(t)
	tb := newTab(t, e)
	tb.open(e.origin.URL + "/")
	tb.paste(ui.RequirementInputID, requirement)
	tb.paste(ui.TokenInputID, token(t, claims(nil)))
	tb.expect("ok", nil, nil)

	expired := token(t, claims(func(c jwt.MapClaims) { c["exp"] = time.Now().Add(-time.Hour).Unix() }))
	tb.paste(ui.CurlInputID, "curl -H 'Authorization: Bearer "+expired+"' https://api.example.test/orders")
	tb.expect("401", []string{"token.expired"}, nil)
	if about := eval[string](tb, `document.querySelector("#verdict .verdict-about").innerText`); !strings.Contains(about, "curl") {
		t.Errorf("verdict about %q, want the curl command", about)
	}

	// A keystroke in the token input makes it the subject again.
	tb.typeKeys(ui.TokenInputID, " ")
	tb.expect("ok", nil, []string{"token.expired"})

	// Emptying it hands the verdict back to the command, still filled.
	tb.clear(ui.TokenInputID)
	tb.expect("401", []string{"token.expired"}, nil)
}

// TestLeeway checks that the leeway control is applied: a token expired 20 s
// ago is refused with no leeway and accepted with 30 s.
func TestLeeway(t *testing.T) {
	e := setup(t)
	tb := newTab(t, e)
	tb.open(e.origin.URL + "/")
	tb.paste(ui.TokenInputID, token(t, claims(func(c jwt.MapClaims) { c["exp"] = time.Now().Add(-20 * time.Second).Unix() })))
	tb.expect("401", []string{"token.expired"}, nil)
	eval[chromedp.Void](tb, `(() => { const s = document.getElementById("leeway-select"); s.value = "30s"; s.dispatchEvent(new Event("change", {bubbles: true})); })()`)
	// Accepted; the token.expired finding left says the leeway absorbs it.
	tb.expect("ok", []string{"token.expired"}, nil)
}

// TestServerProfile checks the "Server" choice: a token expired 3 min ago
// is refused by generic and accepted by ASP.NET Core (5 min of skew by
// default), the verdict says which stack judged, and a leeway chosen
// replaces the profile's skew.
func TestServerProfile(t *testing.T) {
	e := setup(t)
	tb := newTab(t, e)
	tb.open(e.origin.URL + "/")
	tb.paste(ui.TokenInputID, token(t, claims(func(c jwt.MapClaims) { c["exp"] = time.Now().Add(-3 * time.Minute).Unix() })))
	tb.expect("401", []string{"token.expired"}, nil)
	choose := func(id, value string) {
		eval[chromedp.Void](tb, `(() => { const s = document.getElementById(`+strconv.Quote(id)+`); s.value = `+strconv.Quote(value)+`; s.dispatchEvent(new Event("change", {bubbles: true})); })()`)
	}
	choose(ui.ServerInputID, "aspnetcore")
	tb.expect("ok", []string{"token.expired"}, nil)
	if about := eval[string](tb, `document.querySelector("#verdict").textContent`); !strings.Contains(about, "ASP.NET Core JwtBearer: default clock skew 5 min") {
		t.Errorf("#verdict does not name the stack that judged: %q", about)
	}
	choose("leeway-select", "60s")
	tb.expect("401", []string{"token.expired"}, nil)
	if about := eval[string](tb, `document.querySelector("#verdict").textContent`); !strings.Contains(about, "your leeway of 1 min replaces the default clock skew of 5 min") {
		t.Errorf("#verdict does not say the leeway replaces the skew: %q", about)
	}
}
