package ui

import (
	"fmt"

	app "github.com/maxence-charriere/go-app/v10/pkg/app"
)

// inputHandler is what the inputs panel tells the page. The page records
// the change and judges again; the panel keeps nothing of what was typed.
type inputHandler interface {
	// setInput takes the new value of the input or select with that id.
	setInput(ctx app.Context, id, value string)
	// chooseHAR reads a file chosen in #har-input.
	chooseHAR(ctx app.Context, file app.Value)
	// cancelHAR stops the reading of a file.
	cancelHAR()
	// showExample fills the inputs with the example of the button with
	// that id.
	showExample(ctx app.Context, id string)
	// foldInputs folds the inputs away (true) or brings them back.
	foldInputs(ctx app.Context, fold bool)
}

// inputsPanel is the column of inputs: token, requirement, verification
// key, curl command, HAR file and clock leeway, each with a visible label
// and a hint. It shows only what the page gives it (whether the checker
// runs, what was not understood in each input, the reading of a HAR file,
// the leeway chosen) and reports every change to the page. go-app renders
// it again only when one of these changes, not at every keystroke.
type inputsPanel struct {
	app.Compo

	// Ready is false while the page is prerendered: the example buttons
	// are disabled until a click can be handled.
	Ready bool
	// RequirementErr, CommandErr and KeyErr say what was not understood
	// in the requirement, the curl command and the key; KeyNote which
	// keys check the signatures.
	RequirementErr, CommandErr, KeyErr, KeyNote string
	// HAR is the reading of the file chosen last.
	HAR harProgress
	// Leeway is the leeway control's state; Server the profile chosen.
	Leeway leewayState
	Server string
	// Foldable is true once a HAR file is loaded: the inputs can then fold
	// away, so that the results get the width; Folded says they are.
	Foldable, Folded bool
	// PasteErr is the paste refused last, shown under its field.
	PasteErr pasteRefused

	page inputHandler
}

// Ids of the fold button and of what it folds (not part of the DOM
// contract; the browser tests use them).
const (
	InputsToggleID = "inputs-toggle"
	InputsBodyID   = "inputs-body"
)

// onInput hands the new value of a textarea, select or text field to the
// page, by the element's id.
func (c *inputsPanel) onInput(ctx app.Context, e app.Event) {
	src := ctx.JSSrc()
	c.page.setInput(ctx, src.Get("id").String(), src.Get("value").String())
}

func (c *inputsPanel) onHAR(ctx app.Context, e app.Event) {
	files := ctx.JSSrc().Get("files")
	if files.Truthy() && files.Length() > 0 {
		c.page.chooseHAR(ctx, files.Index(0))
	}
}

func (c *inputsPanel) onHARCancel(ctx app.Context, e app.Event) {
	c.page.cancelHAR()
}

func (c *inputsPanel) onExample(ctx app.Context, e app.Event) {
	c.page.showExample(ctx, ctx.JSSrc().Get("id").String())
}

func (c *inputsPanel) onToggle(ctx app.Context, e app.Event) {
	c.page.foldInputs(ctx, !c.Folded)
}

// onEcho handles the button of a verdict's echo.
func (c *inputsPanel) onEcho(ctx app.Context, e app.Event) {
	if e.Get("target").Call("closest", "button").Truthy() {
		toVerdict()
	}
}

func (c *inputsPanel) Render() app.UI {
	folded := c.Foldable && c.Folded
	return app.Section().Class("inputs").Aria("label", "What to check").Body(
		// Always there, hidden until a file is loaded: go-app matches
		// children by position, and the fields below must keep theirs
		// (and their text).
		hidden(app.Div().Class("inputs-head"), !c.Foldable).Body(
			app.Button().ID(InputsToggleID).Type("button").Class("inputs-toggle").
				Aria("expanded", !folded).Aria("controls", InputsBodyID).
				Text("Inputs").OnClick(c.onToggle),
			app.If(folded, func() app.UI {
				return app.Span().Class("hint").Text("folded away so that the results get the width")
			}),
		),
		hidden(app.Div().ID(InputsBodyID), folded).Body(c.renderFields()...),
	)
}

// hidden hides d when hide is true. Hidden(false) would not do to show
// it: go-app writes it as hidden="false" into the prerendered page, which
// hides the element all the same.
func hidden(d app.HTMLDiv, hide bool) app.HTMLDiv {
	if hide {
		return d.Hidden(true)
	}
	return d
}

// renderFields are the inputs, each a field with its label and hint.
func (c *inputsPanel) renderFields() []app.UI {
	return []app.UI{
		field(TokenInputID, "Token",
			"A JWT, an “Authorization: Bearer …” line, a JSON token response or any text that contains JWTs.",
			textarea(TokenInputID, 6, "eyJhbGciOi…").OnInput(c.onInput),
			c.pasteError(TokenInputID),
			c.echo(srcToken),
			c.exampleButton(exampleTokenID, "an expired token and what the server requires"),
		),
		field(RequirementInputID, "What the server requires (optional)",
			"One per line: aud=…, iss=…, scope=a b c, role=…; or paste the server's WWW-Authenticate header.",
			textarea(RequirementInputID, 4, "aud=api://orders").OnInput(c.onInput),
			c.pasteError(RequirementInputID),
			errorLine(c.RequirementErr),
		),
		field(KeyInputID, "Verification key (optional)",
			"To check signatures: a PEM public key or certificate, a JWK or a JWKS (the issuer's jwks_uri document), or the HMAC secret for HS256 tokens. Public keys suffice; private keys are refused. Kept in this page only, never stored.",
			textarea(KeyInputID, 3, "-----BEGIN PUBLIC KEY----- … or {\"keys\": […]}").OnInput(c.onInput),
			c.pasteError(KeyInputID),
			errorLine(c.KeyErr),
			app.If(c.KeyNote != "", func() app.UI {
				return app.P().Class("key-note").Text(c.KeyNote)
			}),
		),
		field(CurlInputID, "curl command",
			"A command from “Copy as cURL” (bash or cmd), “Copy as PowerShell” or “Copy as fetch”. Nothing is run or expanded.",
			textarea(CurlInputID, 4, "curl -H 'Authorization: Bearer …' https://api.example.com/orders").OnInput(c.onInput),
			c.pasteError(CurlInputID),
			c.echo(srcCurl),
			c.exampleButton(exampleCurlID, "a curl command"),
			errorLine(c.CommandErr),
		),
		field(HARInputID, "HAR file",
			"A browser's network export (.har or .json), chosen here or dropped on the page. It is read in this page and never uploaded.",
			app.Input().ID(HARInputID).Type("file").Accept(".har,.json,.harp,.gz,application/json,application/gzip").
				Aria("describedby", HARInputID+"-hint").OnChange(c.onHAR),
			// Before the status: an element that moves is replaced, and
			// the example's reading reports through its button.
			c.exampleButton(exampleHARID, "a small HAR file"),
			c.echo(srcHAR),
			c.renderHARStatus(),
		),
		c.renderServer(),
		c.renderLeeway(),
	}
}

// echo is the frame of the verdict's echo under the input of s, which the
// verdict panel fills (verdict_echo.go).
func (c *inputsPanel) echo(s source) app.UI {
	return app.Div().OnClick(c.onEcho).Body(app.Raw(echoFrame(s)))
}

// exampleButton is one "Try an example" button; what describes what it
// fills in, for screen readers. Until the page runs (prerendered) it is
// disabled: a click would be lost.
func (c *inputsPanel) exampleButton(id, what string) app.UI {
	return app.Button().ID(id).Type("button").Class("example").Disabled(!c.Ready).
		Aria("label", "Try an example: "+what).
		Text("Try an example").OnClick(c.onExample)
}

// renderHARStatus is the progress bar, the cancel button or the error.
// status is what the progress bar says, and how far it is in percent.
func (h harProgress) status() (string, int) {
	pct := 0
	if h.total > 0 {
		pct = h.done * 100 / h.total
	}
	if h.checking {
		return fmt.Sprintf("Checking the %d requests of %s: %d%%", h.total, h.name, pct), pct
	}
	return fmt.Sprintf("Reading %s: %d%%", h.name, pct), pct
}

func (c *inputsPanel) renderHARStatus() app.UI {
	h := c.HAR
	switch {
	case h.loading:
		what, pct := h.status()
		return app.Div().Class("har-progress").Attr("role", "status").Body(
			app.Label().For("har-progress").Text(what),
			app.Progress().ID("har-progress").Max(100).Value(pct),
			app.Button().ID("har-cancel").Type("button").Text("Cancel").OnClick(c.onHARCancel),
		)
	case h.err != "":
		return app.P().ID("har-error").Class("input-error").Attr("role", "alert").Text(h.name + ": " + h.err)
	}
	return nil
}

func (c *inputsPanel) renderLeeway() app.UI {
	l := c.Leeway
	choice := l.choice
	if choice == "" {
		choice = leewayDefault
	}
	opts := make([]app.UI, 0, len(leewayPresets)+1)
	for _, pr := range leewayPresets {
		opts = append(opts, option(pr.value, pr.label, choice))
	}
	opts = append(opts, option(leewayCustom, "custom…", choice))
	return app.Div().Class("field", "leeway").Body(
		app.Label().For("%s", leewaySelectID).Text("Clock leeway"),
		app.P().ID("leeway-hint").Class("hint").Text("Tolerance for clock differences between machines, as validators allow: a token counts as valid while now < exp + leeway and now ≥ nbf − leeway. By default the server's own skew applies (0 s for generic); a leeway chosen here replaces it."),
		app.Div().Class("leeway-row").Body(
			app.Select().ID(leewaySelectID).Aria("describedby", "leeway-hint").OnChange(c.onInput).Body(opts...),
			app.Label().For("%s", leewayCustomID).Class("visually-hidden").Text("Custom leeway"),
			app.Input().ID(leewayCustomID).Type("text").Attr("inputmode", "text").
				Placeholder("e.g. 90s or 2m").Disabled(choice != leewayCustom).
				Attr("autocomplete", "off").OnInput(c.onInput),
		),
		errorLine(l.err),
	)
}

// option marks only the chosen option: go-app writes Selected(false) as
// selected="false" into the prerendered HTML, which selects the option.
func option(value, label, choice string) app.UI {
	o := app.Option().Value(value).Text(label)
	if value == choice {
		o = o.Selected(true)
	}
	return o
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

// pasteError says why a paste into the field with that id was refused.
func (c *inputsPanel) pasteError(id string) app.UI {
	if c.PasteErr.id != id {
		return nil
	}
	return errorLine(c.PasteErr.msg)
}

func errorLine(msg string) app.UI {
	if msg == "" {
		return nil
	}
	return app.P().Class("input-error").Attr("role", "alert").Text(msg)
}
