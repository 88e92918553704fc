//go:build !js && browser

package main

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/golang-jwt/jwt/v5"

	ui "whydenied/app"
)

// requestText is the text of the parsed request(s) in the DOM.
func (tb *tab) requestText() string {
	tb.t.Helper()
	return eval[string](tb, `(() => { const e = document.getElementById("requests"); return e ? e.innerText : ""; })()`)
}

// waitText waits until the parsed request shows every string in want.
func (tb *tab) waitText(want ...string) {
	tb.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		text := tb.requestText()
		missing := ""
		for _, w := range want {
			if !strings.Contains(text, w) {
				missing = w
				break
			}
		}
		if missing == "" {
			return
		}
		if time.Now().After(deadline) {
			tb.t.Fatalf("the parsed request lacks %q:\n%s", missing, text)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestCurlCommands pastes commands as DevTools copies them — bash, cmd and
// PowerShell — into #curl-input and checks the verdict, the finding codes
// and that the parsed request shows as text.
func TestCurlCommands(t *testing.T) {
	e := setup(t)
	tb := newTab(t, e)
	tb.open(e.origin.URL + "/")
	expired := token(t, claims(func(c jwt.MapClaims) { c["exp"] = time.Now().Add(-time.Hour).Unix() }))
	valid := token(t, claims(nil))

	cases := []struct {
		name    string
		command string
		verdict string
		codes   []string
		shows   []string // text the parsed request must show
	}{
		// bash "Copy as cURL": an expired bearer token is a 401.
		{"bash expired", "curl 'https://api.example.test/orders?status=open&page=2' \\\n  -H 'accept: application/json' \\\n  -H 'authorization: Bearer " + expired + "' \\\n  --compressed",
			"401", []string{"token.expired"}, []string{"GET", "https://api.example.test/orders?status=open&page=2", "accept", "application/json", "status", "open"}},
		// bash without any credential: a protected API answers 401.
		{"bash no credentials", "curl -X DELETE https://api.example.test/orders/7 -H 'X-Request-Id: abc-123'",
			"401", []string{"auth.missing"}, []string{"DELETE", "https://api.example.test/orders/7", "X-Request-Id", "abc-123"}},
		// A variable the shell would expand is reported, never run.
		{"bash unexpanded", `curl -H "Authorization: Bearer $TOKEN" https://api.example.test/orders`,
			"unknown", []string{"curl.unexpanded"}, []string{"Bearer $TOKEN"}},
		// cmd "Copy as cURL (cmd)": ^ escapes, ^" quotes and ^ continuations;
		// a valid token that lacks nothing: ok.
		{"cmd", "curl ^\"https://api.example.test/orders?x=1^&y=2^\" ^\n  -H ^\"accept: application/json^\" ^\n  -H ^\"authorization: Bearer " + valid + "^\" ^\n  --data-raw ^\"^{^\\^\"item^\\^\":^\\^\"A-1^\\^\"^}^\"",
			"ok", nil, []string{"POST", "https://api.example.test/orders?x=1&y=2", "authorization", `{"item":"A-1"}`}},
		// PowerShell "Copy as PowerShell": a web session with a user agent
		// and a cookie, -Headers @{…}; the expired token is a 401.
		{"powershell", "$session = New-Object Microsoft.PowerShell.Commands.WebRequestSession\n" +
			"$session.UserAgent = \"Mozilla/5.0 (made up)\"\n" +
			"$session.Cookies.Add((New-Object System.Net.Cookie(\"sid\", \"made-up-session\", \"/\", \"api.example.test\")))\n" +
			"Invoke-WebRequest -UseBasicParsing -Uri \"https://api.example.test/orders\" `\n" +
			"-Method \"POST\" `\n-WebSession $session `\n" +
			"-Headers @{\n  \"authorization\"=\"Bearer " + expired + "\"\n  \"accept\"=\"application/json\"\n} `\n" +
			"-ContentType \"application/json\" `\n-Body \"{`\"item`\":`\"A-1`\"}\"",
			"401", []string{"token.expired"}, []string{"POST", "https://api.example.test/orders", "authorization", "sid", "made-up-session"}},
	}
	tb.paste(ui.RequirementInputID, requirement)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tb.t = t
			tb.paste(ui.CurlInputID, c.command)
			s := tb.expect(c.verdict, c.codes, nil)
			if c.verdict == "ok" && len(s.Codes) > 0 {
				for _, code := range s.Codes {
					if strings.HasPrefix(code, "token.") || code == "auth.missing" {
						t.Errorf("ok command has finding %s", code)
					}
				}
			}
			tb.waitText(c.shows...)
			if e := eval[string](tb, `(document.querySelector(".input-error") || {}).innerText || ""`); e != "" {
				t.Errorf("parse error shown: %s", e)
			}
		})
	}
	tb.t = t

	// Basic credentials: the user is shown, the password never. The
	// requirement names aud, iss and scope, claims only a Bearer token
	// carries: the API expects one, so Basic is refused (401).
	tb.paste(ui.CurlInputID, "curl -u 'bob:made-up-pass' https://api.example.test/orders")
	tb.expect("401", []string{"auth.basic"}, nil)
	tb.waitText("bob", "only encoded")
	if text := tb.requestText(); strings.Contains(text, "made-up-pass") || strings.Contains(text, "Ym9iOm1hZGUtdXAtcGFzcw") {
		t.Errorf("the Basic password is shown:\n%s", text)
	}

	// A cut-off paste is called that, with its position.
	tb.paste(ui.CurlInputID, "curl 'https://api.example.test/orders")
	tb.waitFor("the incomplete-paste error", `((document.querySelector(".input-error") || {}).innerText || "").startsWith("Incomplete paste")`, 10*time.Second)
	msg := eval[string](tb, `document.querySelector(".input-error").innerText`)
	if !strings.Contains(msg, "1:6: unterminated single quote") {
		t.Errorf("error %q, want the position and the reason", msg)
	}
	// The findings hold it too, with the position, beside the verdict of
	// what was read.
	tb.waitFor("curl.malformed in #findings", `document.querySelector('#findings [data-code="curl.malformed"]') !== null`, 10*time.Second)
	if text := eval[string](tb, `document.querySelector('#findings [data-code="curl.malformed"]').innerText`); !strings.Contains(text, "1:6") {
		t.Errorf("the curl.malformed finding says %q, want the position 1:6", text)
	}
}

// TestKeyVerifiesSignature pastes an HMAC secret into #key-input: the right
// one verifies the token, a wrong one makes it a 401.
func TestKeyVerifiesSignature(t *testing.T) {
	e := setup(t)
	tb := newTab(t, e)
	tb.open(e.origin.URL + "/")
	signed := token(t, claims(nil)) // signed with the tests' made-up key
	tb.paste(ui.TokenInputID, signed)
	tb.expect("ok", nil, []string{"token.signature_valid", "token.signature_invalid"})

	tb.paste(ui.KeyInputID, "made-up test key, not a secret")
	tb.expect("ok", []string{"token.signature_valid"}, nil)
	tb.waitFor("Signature verified", `document.querySelector(".signature-valid") !== null`, 5*time.Second)

	tb.paste(ui.KeyInputID, "another made-up key")
	tb.expect("401", []string{"token.signature_invalid"}, []string{"token.signature_valid"})

	// A key that cannot be read is said so, and no signature is judged.
	tb.paste(ui.KeyInputID, `{"kty": "RSA"}`)
	tb.expect("ok", nil, []string{"token.signature_invalid", "token.signature_valid"})
	tb.waitFor("the key error", `((document.querySelector("#key-input").closest(".field").querySelector(".input-error") || {}).innerText || "").includes("not understood")`, 5*time.Second)
}

// TestExamples clicks each "Try an example" button: one click fills the
// input and the verdict renders.
func TestExamples(t *testing.T) {
	e := setup(t)
	tb := newTab(t, e)
	tb.open(e.origin.URL + "/")
	cases := []struct {
		button, verdict string
		codes           []string
	}{
		{"example-token", "401", []string{"token.expired"}},
		{"example-curl", "403", []string{"scope.missing"}},
		{"example-har", "401", []string{"server.invalid_token"}},
	}
	for _, c := range cases {
		t.Run(c.button, func(t *testing.T) {
			tb.t = t
			tb.do(chromedp.Click(chromedp.ID(c.button)))
			tb.expect(c.verdict, c.codes, nil)
		})
	}
	tb.t = t
	// The HAR example lists its requests like a chosen file.
	rows := eval[int](tb, `document.querySelectorAll("[data-har-entry]").length`)
	if rows != 2 {
		t.Errorf("HAR example rows: %d, want 2", rows)
	}
}
