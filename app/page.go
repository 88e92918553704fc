package ui

import (
	"sync/atomic"
	"time"

	app "github.com/maxence-charriere/go-app/v10/pkg/app"

	"whydenied/inspect"
)

// Page is the whole page. It holds what was entered and its judgement, and
// lays out the components that show them, each one part of the result:
// the inputs (inputsPanel) on one side; on the other the verdict and its
// findings (verdictPanel), a command's requests (requestsPanel), a HAR's
// requests (harPanel) and the decoded tokens (tokensPanel). A component
// receives what it shows in its exported fields, and go-app renders it
// again only when they changed. A new part of the page is a component of
// its own and a line in Render.
type Page struct {
	app.Compo

	early Early
	in    inputs
	// ready is false while the page is prerendered, true once it runs in
	// the browser.
	ready  bool
	leeway leewayState
	res    result
	har    harState
	drops  dropListeners
	// paste is the document's paste listener; pasteErr the paste it
	// refused last.
	paste    app.Func
	pasteErr pasteRefused
	stop     chan struct{}
	// folded is true while the inputs are folded away (foldInputs).
	folded bool
	// updateReady is set when a new version waits for a reload;
	// controlledAtStart when the page itself came from the service worker.
	updateReady, controlledAtStart bool
	// judgement counts the diagnoses set or started: a HAR judged in the
	// background (rejudge) is shown only if nothing came after it.
	judgement atomic.Int64
	// verdict is the page's one verdict panel, through which it writes
	// #verdict and #findings straight from the handlers.
	verdict *verdictPanel
	// tokensHeld keeps a new HAR's tokens panel out of the frame that
	// brings its verdict and rows: it follows in the next one (setResult).
	tokensHeld bool
}

// NewPage returns the page, to be filled with early once mounted.
func NewPage(early Early) *Page {
	return &Page{early: early, verdict: &verdictPanel{}}
}

// OnMount puts back what was typed before the WebAssembly started, computes
// the first verdict and marks the document ready once that verdict is in the
// DOM.
func (p *Page) OnMount(ctx app.Context) {
	mark(MountedMark)
	p.early.restore()
	p.controlledAtStart = controlled()
	v := p.early.Values
	p.in.Token, p.in.Requirement, p.in.Curl = v[TokenInputID], v[RequirementInputID], v[CurlInputID]
	p.in.Key = v[KeyInputID]
	p.leeway.choose(v[leewaySelectID], v[leewayCustomID])
	p.in.Leeway, p.in.LeewaySet = p.leeway.value, p.leeway.set
	p.in.Server = v[ServerInputID]
	// The input that had the focus is the one the user was typing in.
	for _, s := range []source{srcCurl, srcToken} {
		if p.early.Focus == inputID(s) {
			p.in.touch(s)
		}
	}
	p.ready = true
	p.listenDrop(ctx)
	p.listenPaste(ctx)
	p.recompute(ctx)
	ctx.Defer(func(app.Context) {
		p.showVerdict()
		doc := app.Window().Get("document")
		markVersion()
		doc.Get("documentElement").Call("setAttribute", ReadyAttr, "")
		mark(ReadyMark)
		if p.res.About == "" {
			warmUp()
		}
	})
	p.tick(ctx)
	p.warmHAR(ctx)
}

// OnDismount stops the clock.
func (p *Page) OnDismount() {
	p.unlistenDrop()
	p.unlistenPaste()
	if p.stop != nil {
		close(p.stop)
		p.stop = nil
	}
}

// tick re-checks the times once a second while something is entered, so
// "expires in 5 s" turns into "expired" without a keystroke.
func (p *Page) tick(ctx app.Context) {
	stop := make(chan struct{})
	p.stop = stop
	ctx.Async(func() {
		t := time.NewTicker(time.Second)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
				ctx.Dispatch(func(ctx app.Context) {
					// A HAR's verdict rests on when its requests were
					// made; re-diagnosing thousands of entries every
					// second would only cost time.
					if p.res.About == "" || p.res.About == srcHAR {
						ctx.PreventUpdate()
						return
					}
					p.recompute(ctx)
				})
			}
		}
	})
}

// recompute diagnoses the inputs again: at once, or for a big HAR off the
// page's turn (rejudge).
func (p *Page) recompute(ctx app.Context) {
	if p.bigHAR() {
		p.rejudge(ctx)
		return
	}
	p.setResult(ctx, diagnose(p.in, time.Now()))
}

// setResult makes res the page's diagnosis. Its verdict and findings are
// written at once, in the task of the event that led to it; the rest of
// the page follows on go-app's next frame. When a HAR's rows come, go or
// change with it, the verdict waits for that frame instead: #verdict never
// speaks of rows that are not in the DOM yet.
func (p *Page) setResult(ctx app.Context, res result) {
	p.judgement.Add(1)
	rows := p.res.About == srcHAR || res.About == srcHAR
	// A new file's tokens (a section of a hundred elements or more per
	// token, built by go-app one call at a time) come a frame after its
	// verdict: they are shown below the requests, out of the first
	// screen, and the verdict need not wait for them.
	p.tokensHeld = res.About == srcHAR && res.HAR != nil && (p.res.About != srcHAR || p.res.HAR != res.HAR)
	p.res = res
	if rows {
		ctx.Defer(func(ctx app.Context) {
			p.showVerdict()
			if p.tokensHeld {
				ctx.Dispatch(func(app.Context) { p.tokensHeld = false })
			}
		})
		return
	}
	p.showVerdict()
}

// showVerdict puts p.res's verdict and findings into the page now.
func (p *Page) showVerdict() {
	p.verdict.show(p.res, p.ready)
}

// mark records a performance mark for the start-up breakdown of make bench.
func mark(name string) {
	if perf := app.Window().Get("performance"); perf.Truthy() && perf.Get("mark").Truthy() {
		perf.Call("mark", name)
	}
}

func inputID(s source) string {
	switch s {
	case srcToken:
		return TokenInputID
	case srcCurl:
		return CurlInputID
	}
	return HARInputID
}

// setInput takes the new value of the input or select with that id, as
// the inputs panel reports it, and judges again.
func (p *Page) setInput(ctx app.Context, id, value string) {
	if p.pasteErr.id == id {
		p.pasteErr = pasteRefused{}
	}
	switch id {
	case TokenInputID:
		p.in.Token = value
		p.in.touch(srcToken)
	case CurlInputID:
		p.in.Curl = value
		p.in.touch(srcCurl)
	case RequirementInputID:
		p.in.Requirement = value
	case KeyInputID:
		p.in.Key = value
	case leewaySelectID:
		p.leeway.choose(value, p.leeway.custom)
		p.in.Leeway, p.in.LeewaySet = p.leeway.value, p.leeway.set
	case leewayCustomID:
		p.leeway.choose(leewayCustom, value)
		p.in.Leeway, p.in.LeewaySet = p.leeway.value, p.leeway.set
	case ServerInputID:
		p.in.Server = value
	default:
		return
	}
	p.recompute(ctx)
}

// foldInputs folds the inputs away, so that the results get the width, or
// brings them back.
func (p *Page) foldInputs(ctx app.Context, fold bool) {
	p.folded = fold
}

// foldForHAR folds the inputs away once a file is loaded: its table is what
// there is to read. The focus, when it was among the inputs (on the file
// input or the example's button), goes to the button that brings them back.
func (p *Page) foldForHAR(ctx app.Context) {
	if p.folded {
		return
	}
	p.folded = true
	body := app.Window().GetElementByID(InputsBodyID)
	if !body.Truthy() || !body.Call("contains", app.Window().Get("document").Get("activeElement")).Bool() {
		return
	}
	ctx.Defer(func(app.Context) {
		if b := app.Window().GetElementByID(InputsToggleID); b.Truthy() {
			b.Call("focus")
		}
	})
}

func (p *Page) layoutClass() []string {
	if p.folded && p.in.HAR != nil {
		return []string{"layout", "layout-folded"}
	}
	return []string{"layout"}
}

// Render lays the page out. Before the WebAssembly runs (prerendered) the
// inputs already accept text and the result area says what is loading.
func (p *Page) Render() app.UI {
	r := p.res.Report
	// A command's tokens are shown with the request that carries them.
	requests, tokens := r.Entries, r.Tokens
	if p.res.About == srcCurl || p.tokensHeld {
		tokens = nil
	}
	if p.res.About != srcCurl {
		requests = nil
	}
	return app.Div().Class("page").Body(
		p.renderUpdate(),
		app.Header().Class("masthead").Body(
			app.H1().Text("whydenied"),
			app.P().Class("tagline").Text("Why was this request refused? Paste a token, an Authorization header or a curl command: the page decodes it, checks it against what the server requires and says whether the server will answer 401, 403 or let it through."),
		),
		app.Main().Class(p.layoutClass()...).Body(
			&inputsPanel{
				Ready:          p.ready,
				RequirementErr: p.res.RequirementErr,
				CommandErr:     p.res.InputErr,
				KeyErr:         p.res.KeyErr,
				KeyNote:        p.res.KeyNote,
				HAR:            p.har.harProgress,
				Leeway:         p.leeway,
				Server:         p.in.Server,
				Foldable:       p.in.HAR != nil,
				Folded:         p.folded,
				PasteErr:       p.pasteErr,
				page:           p,
			},
			app.Section().Class("result").Aria("label", "Diagnosis").Body(
				// Each part always has its place, empty when it has
				// nothing to show, so that go-app updates it in place.
				p.verdict,
				&sharePanel{Judged: p.res.About != "", HAR: p.res.About == srcHAR && p.res.HAR != nil, Reading: p.har.reading, page: p},
				&requestsPanel{Entries: requests, Primary: r.Primary},
				p.harPanel(),
				&tokensPanel{Tokens: tokens},
			),
		),
		app.Footer().Class("colophon").Body(
			app.P().Text("Everything runs in this page. Nothing you paste is sent anywhere or stored: close the tab and it is gone. Signatures are checked only against a key you paste."),
		),
	)
}

// harPanel is the panel of the HAR judged, or of the one being judged once
// its rows are shown (showPending).
func (p *Page) harPanel() *harPanel {
	if p.har.loading && p.har.pending != nil {
		return &harPanel{File: p.har.pending, Name: p.har.name, Entries: p.har.pendingRows, Primary: -1, Pending: true}
	}
	return newHARPanel(p.res, p.har.name)
}

// report is the judgement shown, for the share panel.
func (p *Page) report() inspect.Report { return p.res.Report }

// harFile is the HAR file the judgement speaks of, for the share panel.
func (p *Page) harFile() (app.Value, string) {
	if p.res.About != srcHAR || p.har.file == nil {
		return app.Null(), ""
	}
	return p.har.file, p.har.name
}

// warmSample is a made-up token that exercises the decoder and the checks.
// Diagnosing it once at start, when nothing was entered yet, halves the
// delay of the first real paste (about 170 → 90 ms measured): first runs of
// WebAssembly code and the lazily built tables of inspect are paid then.
const warmSample = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhbGljZSIsImF1ZCI6ImFwaTovL29yZGVycyIsImV4cCI6MjAwMDAwMDAwMH0.c2lnbmF0dXJl"

func warmUp() {
	// The result is dropped; nothing of it reaches the page.
	diagnose(inputs{Token: warmSample, Requirement: "aud=api://x\nscope=a b"}, time.Now())
}
