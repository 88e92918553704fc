//go:build !js && browser

package main

import (
	"context"
	"encoding/base64"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	cdpinput "github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
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

// pasteClipboard puts text on the clipboard and pastes it into the field
// with that id with Ctrl+V, as a person does: the browser fires a real
// paste event, and inserts the text unless the page does it instead.
func (tb *tab) pasteClipboard(origin, id, text string) {
	tb.t.Helper()
	tb.grantClipboard(origin)
	tb.clear(id)
	eval[chromedp.Void](tb, fmt.Sprintf(`navigator.clipboard.writeText(%q)`, text))
	tb.do(chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		down := cdpinput.DispatchKeyEventParams{Type: cdpinput.DispatchKeyEventTypeRawKeyDown, Modifiers: 2, Key: "v", Code: "KeyV", WindowsVirtualKeyCode: 86, Commands: []string{"paste"}}
		up := cdpinput.DispatchKeyEventParams{Type: cdpinput.DispatchKeyEventTypeKeyUp, Modifiers: 2, Key: "v", Code: "KeyV", WindowsVirtualKeyCode: 86}
		for _, p := range []cdpinput.DispatchKeyEventParams{down, up} {
			if _, err := cdp.Call(ctx, tg, cdpinput.DispatchKeyEvent, p); err != nil {
				return err
			}
		}
		return nil
	}))
}

// TestLongPaste pastes long texts with Ctrl+V. Chromium's own paste into a
// textarea takes about as long per line as all lines before it (2,000
// lines 0.25 s, 8,000 lines 2.3 s: a million would freeze the tab for
// hours), so the page inserts long pastes itself: a curl command followed
// by a million newlines is judged (the blank tail dropped), a paste of
// more lines than a field takes is refused with a message that names the
// limit while the field keeps its text, and the page answers afterwards.
func TestLongPaste(t *testing.T) {
	e := setup(t)
	expired := token(t, claims(func(c jwt.MapClaims) { c["exp"] = time.Now().Add(-time.Hour).Unix() }))
	valid := token(t, claims(nil))
	tb := newTab(t, e)
	tb.open(e.origin.URL + "/")

	curl := "curl -H 'Authorization: Bearer " + expired + "' https://a.test/orders"
	tb.pasteClipboard(e.origin.URL, ui.CurlInputID, curl+strings.Repeat("\n", 1000000))
	tb.waitFor("verdict 401 with token.expired", `document.getElementById("verdict").dataset.verdict === "401" && document.querySelector('#findings [data-code="token.expired"]') !== null`, time.Minute)
	if got := eval[string](tb, fmt.Sprintf(`document.getElementById(%q).value`, ui.CurlInputID)); got != curl+"\n" {
		t.Errorf("the curl field holds %d characters, want the command and one line break (%d)", len(got), len(curl)+1)
	}

	// 5,000 requirement lines: more than the browser pastes quickly,
	// fewer than the limit; inserted whole.
	tb.pasteClipboard(e.origin.URL, ui.RequirementInputID, "aud=api://orders\n"+strings.Repeat("scope=orders.read\n", 4999))
	tb.waitFor("the requirement's 5,000 lines", fmt.Sprintf(`document.getElementById(%q).value.split("\n").length === 5001`, ui.RequirementInputID), time.Minute)

	// 30,000 lines: refused, the field keeps its 5,000 lines.
	tb.pasteClipboard(e.origin.URL, ui.TokenInputID, strings.Repeat("x\n", 29999)+valid)
	tb.waitFor("the paste refused", `Array.from(document.querySelectorAll(".input-error[role=alert]"), e => e.textContent).some(s => s.includes("the text has 30,000 lines") && s.includes("at most 20,000"))`, time.Minute)
	if got := eval[string](tb, fmt.Sprintf(`document.getElementById(%q).value`, ui.TokenInputID)); got != "" {
		t.Errorf("the token field holds %d characters after a refused paste, want none", len(got))
	}
	if n := eval[int](tb, fmt.Sprintf(`document.getElementById(%q).value.split("\n").length`, ui.RequirementInputID)); n != 5001 {
		t.Errorf("the requirement holds %d lines, want the 5,001 pasted before", n)
	}

	// The page still answers; typing in the field clears the message.
	tb.paste(ui.TokenInputID, valid)
	tb.waitFor("the valid token's verdict with the requirement", `document.getElementById("verdict").dataset.verdict === "ok"`, time.Minute)
	if eval[bool](tb, `Array.from(document.querySelectorAll(".input-error[role=alert]"), e => e.textContent).some(s => s.includes("Not pasted"))`) {
		t.Errorf("the refused paste's message is still shown after the field changed")
	}
}
