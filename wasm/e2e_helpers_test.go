//go:build !js && browser

package main

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	cdpinput "github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"

	ui "whydenied/app"
)

// tab is one page in its own browser context (its own storage, cache and
// service workers), with its console recorded.
type tab struct {
	t       *testing.T
	ctx     context.Context
	mu      sync.Mutex
	console []chromedp.ConsoleMessage
	// close ends the browser context before the test does, with whatever
	// still runs in it (timers, a service worker's install).
	close func()
}

// newTab opens a tab in a fresh browser context. When the test ends it fails
// the test on any Content-Security-Policy violation or uncaught exception
// the console saw.
func newTab(t *testing.T, e *env) *tab {
	t.Helper()
	ctx, cancel := chromedp.NewContext(e.browser, chromedp.WithNewBrowserContext())
	// As for the browser, the tab lives as long as the context of its first
	// action: open it with ctx, then bound the test's actions.
	if err := chromedp.Do(ctx); err != nil {
		cancel()
		t.Fatalf("opening a tab: %v", err)
	}
	ctx, cancelTimeout := context.WithTimeout(ctx, 2*time.Minute)
	tb := &tab{t: t, ctx: ctx, close: cancel}
	messages := chromedp.Console(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for m, err := range messages {
			if err != nil {
				return
			}
			tb.mu.Lock()
			tb.console = append(tb.console, m)
			tb.mu.Unlock()
		}
	}()
	t.Cleanup(func() {
		cancelTimeout()
		cancel()
		<-done
		tb.mu.Lock()
		defer tb.mu.Unlock()
		for _, m := range tb.console {
			text := m.String()
			switch {
			case strings.Contains(text, "Content Security Policy"), strings.Contains(text, "Refused to"):
				t.Errorf("CSP violation in the console: %s", text)
			case m.IsException():
				t.Errorf("uncaught exception in the page: %s", text)
			}
		}
	})
	return tb
}

// do runs actions in the tab and fails the test on error.
func (tb *tab) do(actions ...chromedp.Action[chromedp.Void]) {
	tb.t.Helper()
	if err := chromedp.Do(tb.ctx, actions...); err != nil {
		tb.t.Fatal(err)
	}
}

// eval evaluates JavaScript in the page (awaiting a promise) into T.
func eval[T any](tb *tab, js string) T {
	tb.t.Helper()
	v, err := chromedp.Run(tb.ctx, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
	if err != nil {
		tb.t.Fatalf("evaluating %.80q: %v", js, err)
	}
	return v
}

// waitFor polls a JavaScript condition until it is true. It polls from Go:
// an in-page poll would need eval, which the page's CSP forbids.
func (tb *tab) waitFor(what, js string, timeout time.Duration) {
	tb.t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		ok, err := chromedp.Run(tb.ctx, chromedp.Evaluate[bool](js, chromedp.EvalAwaitPromise))
		if err == nil && ok {
			return
		}
		if time.Now().After(deadline) {
			tb.t.Fatalf("timed out after %v waiting for %s (last error: %v)", timeout, what, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// open navigates and waits for the page to accept input.
func (tb *tab) open(url string) {
	tb.t.Helper()
	tb.do(chromedp.Navigate(url))
	tb.waitReady()
}

func (tb *tab) waitReady() {
	tb.t.Helper()
	tb.waitFor("<html data-ready>", `document.documentElement.hasAttribute("data-ready")`, 30*time.Second)
}

// paste replaces the content of an input with text the way a paste does:
// it focuses the element, clears it (an input event) and inserts the text
// through the browser's input pipeline (another input event).
func (tb *tab) paste(id, text string) {
	tb.t.Helper()
	tb.clear(id)
	if text == "" {
		return
	}
	tb.do(chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, cdpinput.InsertText, cdpinput.InsertTextParams{Text: text})
		return err
	}))
}

// clear empties an input and tells the page, as deleting its text would.
// Inputs folded away (a HAR is loaded) are brought back first, as a person
// would to type in them.
func (tb *tab) clear(id string) {
	tb.t.Helper()
	if eval[bool](tb, fmt.Sprintf(`(() => {
		const b = document.getElementById(%q);
		if (document.getElementById(%q).checkVisibility() || !b || b.getAttribute("aria-expanded") !== "false") return false;
		b.click();
		return true;
	})()`, ui.InputsToggleID, id)) {
		tb.waitFor("the inputs to unfold", fmt.Sprintf(`document.getElementById(%q).checkVisibility()`, id), 5*time.Second)
	}
	eval[chromedp.Void](tb, fmt.Sprintf(`(() => {
		const e = document.getElementById(%q);
		e.focus();
		if (e.value !== "") { e.value = ""; e.dispatchEvent(new Event("input", {bubbles: true})); }
	})()`, id))
}

// typeKeys types text key by key (keydown, keypress, keyup per character).
func (tb *tab) typeKeys(id, text string) {
	tb.t.Helper()
	tb.do(chromedp.SendKeys(chromedp.ID(id), text))
}

// state is what the DOM contract exposes.
type state struct {
	Verdict string   `json:"verdict"`
	Codes   []string `json:"codes"`
}

func (tb *tab) state() state {
	tb.t.Helper()
	b := eval[[]byte](tb, `({
		verdict: document.getElementById("verdict").dataset.verdict,
		codes: Array.from(document.querySelectorAll("#findings [data-code]"), e => e.dataset.code),
	})`)
	var s state
	if err := json.Unmarshal(b, &s); err != nil {
		tb.t.Fatal(err)
	}
	return s
}

// expect waits until #verdict has the verdict and #findings holds every code
// in codes (and none of absent), then returns the state.
func (tb *tab) expect(verdict string, codes, absent []string) state {
	tb.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		s := tb.state()
		ok := s.Verdict == verdict
		for _, c := range codes {
			ok = ok && slices.Contains(s.Codes, c)
		}
		for _, c := range absent {
			ok = ok && !slices.Contains(s.Codes, c)
		}
		if ok {
			return s
		}
		if time.Now().After(deadline) {
			tb.t.Fatalf("verdict %q with codes %v, want %q with %v (and none of %v)", s.Verdict, s.Codes, verdict, codes, absent)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
