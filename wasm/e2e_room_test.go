//go:build !js && browser

package main

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/golang-jwt/jwt/v5"

	ui "whydenied/app"
)

// box is an element's place on the screen, from getBoundingClientRect.
type box struct {
	Top     float64 `json:"top"`
	Bottom  float64 `json:"bottom"`
	Width   float64 `json:"width"`
	Visible bool    `json:"visible"`
}

func (tb *tab) box(selector string) box {
	tb.t.Helper()
	return eval[box](tb, fmt.Sprintf(`(() => {
		const e = document.querySelector(%q);
		if (!e) return {top: 0, bottom: 0, width: 0, visible: false};
		const r = e.getBoundingClientRect();
		return {top: r.top, bottom: r.bottom, width: r.width, visible: e.checkVisibility()};
	})()`, selector))
}

// TestFoldInputsForHAR checks that at 1280 px a loaded HAR gets the width:
// the inputs fold away by themselves once the file is read, the table is
// at least half as wide again as beside the inputs, and one press of the
// fold button (a real button, aria-expanded) brings the inputs back and
// folds them again. The focus, on the example's button when the file
// loads, goes to the fold button rather than to nowhere.
func TestFoldInputsForHAR(t *testing.T) {
	e := setup(t)
	tb := newTab(t, e)
	tb.do(chromedp.EmulateViewport(1280, 900))
	tb.open(e.origin.URL + "/")
	toggle := "#" + ui.InputsToggleID
	if tb.box(toggle).Visible {
		t.Errorf("the fold button shows before a file is loaded")
	}

	tb.do(chromedp.Click(chromedp.ID("example-har")))
	tb.expect("401", []string{"server.invalid_token"}, nil)
	tb.waitFor("the folded inputs", fmt.Sprintf(`document.getElementById(%q).getAttribute("aria-expanded") === "false" && !document.getElementById(%q).checkVisibility()`, ui.InputsToggleID, ui.TokenInputID), 5*time.Second)
	if f := eval[string](tb, `document.activeElement.id`); f != ui.InputsToggleID {
		t.Errorf("the focus is on %q once the inputs folded, want the fold button", f)
	}
	if c := eval[string](tb, fmt.Sprintf(`document.getElementById(%q).getAttribute("aria-controls")`, ui.InputsToggleID)); c != ui.InputsBodyID {
		t.Errorf("the fold button controls %q, want %q", c, ui.InputsBodyID)
	}
	folded := tb.box(".har-table")

	// Back with the keyboard: the focus is on the button.
	tb.do(chromedp.KeyEvent("\r"))
	tb.waitFor("the inputs to come back", fmt.Sprintf(`document.getElementById(%q).getAttribute("aria-expanded") === "true" && document.getElementById(%q).checkVisibility()`, ui.InputsToggleID, ui.TokenInputID), 5*time.Second)
	beside := tb.box(".har-table")
	t.Logf("HAR table at 1280 px: %.0f px beside the inputs, %.0f px with them folded", beside.Width, folded.Width)
	if folded.Width < 1.5*beside.Width {
		t.Errorf("the table is %.0f px wide with the inputs folded, %.0f px beside them: want at least half as wide again", folded.Width, beside.Width)
	}
	// The rows are still all there, and the verdict too.
	if n := eval[int](tb, `document.querySelectorAll("[data-har-entry]").length`); n != 2 {
		t.Errorf("%d rows, want 2", n)
	}

	// And away again with a click.
	tb.do(chromedp.Click(toggle))
	tb.waitFor("the inputs to fold again", fmt.Sprintf(`document.getElementById(%q).getAttribute("aria-expanded") === "false"`, ui.InputsToggleID), 5*time.Second)
	if w := tb.box(".har-table").Width; w != folded.Width {
		t.Errorf("folded again, the table is %.0f px wide, was %.0f px", w, folded.Width)
	}
	tb.expect("401", []string{"server.invalid_token"}, nil)
}

// TestVerdictBesideInput checks that on a 360 px phone, where #verdict is
// below all the inputs, the verdict of a token just pasted is in view: its
// echo under the token input says the same as #verdict, follows the next
// paste, moves to the curl command when that is the subject, and its
// button brings #verdict (with the findings) into view and focus. At
// 1280 px, where #verdict is beside the inputs, there is no echo.
func TestVerdictBesideInput(t *testing.T) {
	e := setup(t)
	tb := newTab(t, e)
	tb.do(chromedp.EmulateViewport(360, 740, chromedp.EmulateScale(2), chromedp.EmulateMobile))
	tb.open(e.origin.URL + "/")
	echo := "#" + ui.TokenInputID + "-verdict"
	if tb.box(echo).Visible {
		t.Errorf("an echo shows before anything is entered")
	}

	expired := token(t, claims(func(c jwt.MapClaims) { c["exp"] = time.Now().Add(-time.Hour).Unix() }))
	tb.paste(ui.TokenInputID, expired)
	tb.expect("401", []string{"token.expired"}, nil)
	inView := func(what string, want string) {
		t.Helper()
		b := tb.box(echo)
		h := eval[float64](tb, `window.innerHeight`)
		if !b.Visible || b.Top < 0 || b.Bottom > h {
			t.Errorf("%s: the verdict's echo is not in view (%+v, viewport height %.0f)", what, b, h)
		}
		text := eval[string](tb, fmt.Sprintf(`document.querySelector(%q).innerText`, echo))
		if !strings.HasPrefix(text, want) {
			t.Errorf("%s: the echo says %q, want it to start with %q", what, text, want)
		}
	}
	inView("expired token", "401 Unauthorized")
	if v := tb.box("#" + ui.VerdictID); v.Top < eval[float64](tb, `window.innerHeight`) {
		t.Errorf("#verdict is in view at 360 px (top %.0f): this test no longer shows the echo is needed", v.Top)
	}

	tb.paste(ui.TokenInputID, token(t, claims(nil)))
	tb.expect("ok", nil, []string{"token.expired"})
	inView("valid token", "OK")

	// The button: #verdict comes into view, with the focus.
	tb.do(chromedp.Click(echo + " .verdict-echo-go"))
	tb.waitFor("#verdict in view", fmt.Sprintf(`(() => { const r = document.getElementById(%q).getBoundingClientRect(); return r.top >= 0 && r.top < window.innerHeight; })()`, ui.VerdictID), 5*time.Second)
	if f := eval[string](tb, `document.activeElement.id`); f != ui.VerdictID {
		t.Errorf("the focus is on %q, want #verdict", f)
	}

	// A command pasted last is the subject: its echo shows, the token's goes.
	tb.paste(ui.CurlInputID, curlExample(t))
	tb.expect("401", []string{"token.expired"}, nil)
	if tb.box(echo).Visible || !tb.box("#"+ui.CurlInputID+"-verdict").Visible {
		t.Errorf("the echo did not move to the curl command")
	}

	// Beside the inputs there is no echo.
	tb.do(chromedp.EmulateViewport(1280, 900))
	if tb.box("#" + ui.CurlInputID + "-verdict").Visible {
		t.Errorf("an echo shows at 1280 px, where #verdict is beside the inputs")
	}
}
