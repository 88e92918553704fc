//go:build !js && browser

package main

import (
	"encoding/base64"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	ui "whydenied/app"
)

// TestHostileInputs pastes the inputs that once crashed the Go program
// (a stack overflow ends it, and the page stops answering) or froze the tab
// for minutes, each in its own tab: the page answers each one (with an error
// that names the limit where one applies), and a valid token pasted next,
// with the hostile input still in place, gets its verdict.
func TestHostileInputs(t *testing.T) {
	e := setup(t)
	expired := token(t, claims(func(c jwt.MapClaims) { c["exp"] = time.Now().Add(-time.Hour).Unix() }))
	valid := token(t, claims(nil))
	var challenges strings.Builder
	challenges.WriteString("WWW-Authenticate: ")
	for i := range 30000 {
		fmt.Fprintf(&challenges, `Bearer realm="r%d", `, i)
	}
	deep := `{"exp":2000000000,"a":` + strings.Repeat("[", 5000) + strings.Repeat("]", 5000) + `}`
	deepToken := base64.RawURLEncoding.EncodeToString([]byte(`{"alg":"HS256"}`)) + "." + base64.RawURLEncoding.EncodeToString([]byte(deep)) + ".c2lnbmF0dXJl"
	for _, c := range []struct {
		name, id, text string
		// The page's answer: an error line holding wantErr, or a
		// verdict with a code; then, when check is set, more of it.
		wantErr, verdict, code string
		check                  string
	}{
		{name: "400,000 $(", id: ui.CurlInputID, text: "curl https://a.test/ " + strings.Repeat("$(", 400000),
			wantErr: "1:423: nested more than 200 levels deep"},
		{name: "PowerShell nested 400,000 deep", id: ui.CurlInputID, text: `Invoke-WebRequest -Uri "https://a.test/" -Body ` + strings.Repeat("(", 400000),
			wantErr: "nested more than 64 levels deep"},
		{name: "fetch nested 400,000 deep", id: ui.CurlInputID, text: `fetch("https://a.test/", {"headers": ` + strings.Repeat("[", 400000),
			wantErr: "1:101: nested more than 64 levels deep"},
		{name: "2,000 JWTs on one line", id: ui.TokenInputID, text: strings.Repeat("x "+expired+" ", 2000),
			verdict: "401", code: "token.expired"},
		{name: "JSON nested 400,000 deep", id: ui.TokenInputID, text: `{"access_token":"` + expired + `","a":` + strings.Repeat("[", 400000),
			verdict: "401", code: "token.expired"},
		{name: "a token whose payload nests 5,000 deep", id: ui.TokenInputID, text: deepToken,
			verdict: "unknown", code: "token.malformed", check: `document.querySelector(".segment-note")?.textContent.includes("nested 5001 levels deep")`},
		{name: "30,000 challenges", id: ui.RequirementInputID, text: challenges.String(),
			wantErr: "more than 32 challenges in one header"},
	} {
		t.Run(c.name, func(t *testing.T) {
			tb := newTab(t, e)
			tb.open(e.origin.URL + "/")
			tb.paste(c.id, c.text)
			if c.wantErr != "" {
				tb.waitFor("an error saying "+c.wantErr, fmt.Sprintf(`Array.from(document.querySelectorAll(".input-error[role=alert]"), e => e.textContent).some(s => s.includes(%q))`, c.wantErr), time.Minute)
			} else {
				tb.waitFor("verdict "+c.verdict+" with "+c.code, fmt.Sprintf(`document.getElementById("verdict").dataset.verdict === %q && (%q === "" || document.querySelector('#findings [data-code=%q]') !== null)`, c.verdict, c.code, c.code), time.Minute)
			}
			if c.check != "" && !eval[bool](tb, c.check) {
				t.Errorf("after %s: %s is false", c.name, c.check)
			}
			// The page still answers, the hostile input in place: a
			// token pasted next gets its verdict.
			if c.id == ui.TokenInputID {
				tb.paste(ui.CurlInputID, "curl -H 'Authorization: Bearer "+valid+"' https://api.example.test/orders")
				tb.waitFor("the valid token's verdict", `document.getElementById("verdict").dataset.verdict === "ok"`, time.Minute)
			} else {
				tb.paste(ui.TokenInputID, expired)
				tb.waitFor("the expired token's verdict", `document.getElementById("verdict").dataset.verdict === "401" && document.querySelector('#findings [data-code="token.expired"]') !== null`, time.Minute)
			}
		})
	}
}
