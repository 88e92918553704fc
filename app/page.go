package ui

import (
	"sync/atomic"
	"time"

	app "github.com/maxence-charriere/go-app/v10/pkg/app"
)

// Page is the whole page: the inputs on one side, the verdict, the findings
// and the decoded tokens on the other.
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
	view   harView
	drops  dropListeners
	stop   chan struct{}
	// updateReady is set when a new version waits for a reload;
	// controlledAtStart when the page itself came from the service worker.
	updateReady, controlledAtStart bool
	// judgement counts the diagnoses set or started: a HAR judged in the
	// background (rejudge) is shown only if nothing came after it.
	judgement atomic.Int64
	// result writes #verdict and #findings straight from the handlers
	// (verdict.go).
	result resultWriter
}

// NewPage returns the page, to be filled with early once mounted.
func NewPage(early Early) *Page {
	return &Page{early: early}
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
	p.in.Leeway = p.leeway.value
	// The input that had the focus is the one the user was typing in.
	for _, s := range []source{srcCurl, srcToken} {
		if p.early.Focus == inputID(s) {
			p.in.touch(s)
		}
	}
	p.ready = true
	p.view.reset()
	p.listenDrop(ctx)
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
	p.res = res
	if rows {
		ctx.Defer(func(app.Context) { p.showVerdict() })
		return
	}
	p.showVerdict()
}

// showVerdict puts p.res's verdict and findings into the page now.
func (p *Page) showVerdict() {
	if p.ready {
		p.result.show(viewVerdict(p.res, p.ready), p.res.Report.Findings)
	}
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

func (p *Page) onToken(ctx app.Context, e app.Event) {
	p.in.Token = ctx.JSSrc().Get("value").String()
	p.in.touch(srcToken)
	p.recompute(ctx)
}

func (p *Page) onCurl(ctx app.Context, e app.Event) {
	p.in.Curl = ctx.JSSrc().Get("value").String()
	p.in.touch(srcCurl)
	p.recompute(ctx)
}

func (p *Page) onRequirement(ctx app.Context, e app.Event) {
	p.in.Requirement = ctx.JSSrc().Get("value").String()
	p.recompute(ctx)
}

func (p *Page) onLeewaySelect(ctx app.Context, e app.Event) {
	p.leeway.choose(ctx.JSSrc().Get("value").String(), p.leeway.custom)
	p.in.Leeway = p.leeway.value
	p.recompute(ctx)
}

func (p *Page) onLeewayCustom(ctx app.Context, e app.Event) {
	p.leeway.choose(leewayCustom, ctx.JSSrc().Get("value").String())
	p.in.Leeway = p.leeway.value
	p.recompute(ctx)
}

// Render lays the page out. Before the WebAssembly runs (prerendered) the
// inputs already accept text and the result area says what is loading.
func (p *Page) Render() app.UI {
	return app.Div().Class("page").Body(
		p.renderUpdate(),
		app.Header().Class("masthead").Body(
			app.H1().Text("whydenied"),
			app.P().Class("tagline").Text("Why was this request refused? Paste a token, an Authorization header or a curl command: the page decodes it, checks it against what the server requires and says whether the server will answer 401, 403 or let it through."),
		),
		app.Main().Class("layout").Body(
			p.renderInputs(),
			p.renderResult(),
		),
		app.Footer().Class("colophon").Body(
			app.P().Text("Everything runs in this page. Nothing you paste is sent anywhere or stored: close the tab and it is gone. Signatures are checked only against a key you paste."),
		),
	)
}

func (p *Page) renderInputs() app.UI {
	return app.Section().Class("inputs").Aria("label", "What to check").Body(
		field(TokenInputID, "Token",
			"A JWT, an “Authorization: Bearer …” line, a JSON token response or any text that contains JWTs.",
			textarea(TokenInputID, 6, "eyJhbGciOi…").OnInput(p.onToken),
			exampleButton(exampleTokenID, "an expired token and what the server requires", p.ready, p.onExampleToken),
		),
		field(RequirementInputID, "What the server requires (optional)",
			"One per line: aud=…, iss=…, scope=a b c, role=…; or paste the server's WWW-Authenticate header.",
			textarea(RequirementInputID, 4, "aud=api://orders").OnInput(p.onRequirement),
			errorLine(p.res.RequirementErr),
		),
		p.renderKeyField(),
		field(CurlInputID, "curl command",
			"A command from “Copy as cURL” (bash or cmd), “Copy as PowerShell” or “Copy as fetch”. Nothing is run or expanded.",
			textarea(CurlInputID, 4, "curl -H 'Authorization: Bearer …' https://api.example.com/orders").OnInput(p.onCurl),
			exampleButton(exampleCurlID, "a curl command", p.ready, p.onExampleCurl),
			errorLine(p.res.InputErr),
		),
		field(HARInputID, "HAR file",
			"A browser's network export (.har or .json), chosen here or dropped on the page. It is read in this page and never uploaded.",
			app.Input().ID(HARInputID).Type("file").Accept(".har,.json,.harp,.gz,application/json,application/gzip").
				Aria("describedby", HARInputID+"-hint").OnChange(p.onHAR),
			// Before the status: an element that moves is replaced, and
			// the example's reading reports through its button.
			exampleButton(exampleHARID, "a small HAR file", p.ready, p.onExampleHAR),
			p.renderHARStatus(),
		),
		p.renderLeeway(),
	)
}

func (p *Page) renderResult() app.UI {
	return app.Section().Class("result").Aria("label", "Diagnosis").Body(
		renderVerdict(),
		renderFindings(),
		app.If(p.res.About == srcCurl, func() app.UI { return renderRequests(p.res.Report) }).Else(func() app.UI {
			return p.renderHARRequests()
		}),
		app.If(p.res.About != srcCurl, func() app.UI { return renderTokens(p.res.Report.Tokens) }),
	)
}

// field is a labelled control with a hint the control is described by.
func field(id, label, hint string, control ...app.UI) app.UI {
	return app.Div().Class("field").Body(
		app.Label().For("%s", id).Text(label),
		app.P().ID(id+"-hint").Class("hint").Text(hint),
		app.Div().Body(control...),
	)
}

func textarea(id string, rows int, placeholder string) app.HTMLTextarea {
	return app.Textarea().ID(id).Rows(rows).Placeholder("%s", placeholder).
		Spellcheck(false).
		Attr("autocomplete", "off").Attr("autocapitalize", "off").Attr("autocorrect", "off").
		Aria("describedby", id+"-hint")
}

func errorLine(msg string) app.UI {
	if msg == "" {
		return nil
	}
	return app.P().Class("input-error").Attr("role", "alert").Text(msg)
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
