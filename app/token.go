package ui

import (
	"fmt"
	"strings"

	app "github.com/maxence-charriere/go-app/v10/pkg/app"

	"whydenied/inspect"
)

// tokensPanel shows every decoded token of the judgement: header,
// payload, times, claims, the requirement checked line by line and the
// token's own findings.
type tokensPanel struct {
	app.Compo

	// Tokens are the judgement's tokens (inspect.Report); none for a
	// command, whose tokens are shown with the request that carries them.
	Tokens []inspect.TokenReport
}

func (c *tokensPanel) Render() app.UI {
	if len(c.Tokens) == 0 {
		return app.Div().Class("tokens")
	}
	shown := min(len(c.Tokens), maxTokensShown)
	items := make([]app.UI, 0, shown+1)
	for i, t := range c.Tokens[:shown] {
		items = append(items, renderToken(i, len(c.Tokens), t))
	}
	if more := len(c.Tokens) - shown; more > 0 {
		items = append(items, app.P().ID("tokens-more").Class("segment-note").Text(fmt.Sprintf(
			"… and %d more tokens, not shown: the page shows the first %d. The verdict and the findings above speak of all of them.", more, maxTokensShown)))
	}
	return app.Div().Class("tokens").Body(
		app.H2().Text("Tokens"),
		app.Div().Body(items...),
	)
}

// maxTokensShown is how many tokens the panel shows. Each is a section of
// a few dozen elements: 2,000 tokens pasted on one line kept the page
// building elements for minutes.
const maxTokensShown = 50

func renderToken(i, n int, t inspect.TokenReport) app.UI {
	return renderTokenWith(i, n, t, renderTimes(t.Times))
}

// renderTokenWith is renderToken with the table of time claims given, for
// places that check the times against another clock (a HAR entry).
func renderTokenWith(i, n int, t inspect.TokenReport, times app.UI) app.UI {
	title := "Token"
	if n > 1 {
		title = fmt.Sprintf("Token %d of %d", i+1, n)
	}
	var facts []string
	if t.Source != "" {
		facts = append(facts, "from "+t.Source)
	}
	switch t.Kind {
	case inspect.TokenJWE:
		facts = append(facts, "encrypted (JWE)")
	case inspect.TokenJWS:
		facts = append(facts, "signed (JWS)")
	}
	if t.Alg != "" {
		facts = append(facts, "alg "+t.Alg)
	}
	if t.Verdict != "" {
		facts = append(facts, "verdict "+string(t.Verdict))
	}
	return app.Article().Class("token", "token-verdict-"+string(t.Verdict)).Body(
		app.H3().Text(title),
		app.P().Class("token-facts").Text(strings.Join(facts, " · ")),
		signatureLine(t),
		renderSegment("Header", t.Header, ""),
		renderPayload(t),
		times,
		renderClaims("Claims", t.Claims),
		renderClaims("Header parameters", t.HeaderParams),
		renderChecks(t.Checks),
		renderTokenFindings(t.Findings),
	)
}

// signatureText states plainly what is known of the signature.
func signatureText(s string) string {
	if s == "" || s == "not verified" {
		return "Signature not verified: this page decodes the token but checks who signed it only when you paste the issuer's key under “Verification key”. A server that verifies signatures may still refuse it."
	}
	return "Signature: " + s
}

func renderPayload(t inspect.TokenReport) app.UI {
	switch {
	case len(t.Payload) > 0 && string(t.Payload) != "null":
		return renderSegment("Payload", t.Payload, "")
	case t.PayloadText != "":
		return renderSegment("Payload (not JSON, shown as text)", nil, t.PayloadText)
	case t.Kind == inspect.TokenJWE:
		return app.P().Class("segment-note").Text("Payload: encrypted. Only the holder of the key can read it.")
	}
	return nil
}

// renderSegment shows a header or payload from its original JSON,
// re-indented (numbers, member order and duplicates as written), or text
// when it is not JSON.
func renderSegment(title string, raw []byte, text string) app.UI {
	if len(raw) == 0 && text == "" {
		return nil
	}
	var note app.UI
	if len(raw) > 0 {
		var why string
		if text, why = inspect.IndentJSON(raw, ""); why != "" {
			note = app.P().Class("segment-note").Text("Not indented: " + why + ".")
		}
	}
	return app.Div().Class("segment").Body(
		app.H4().Text(title),
		note,
		app.Pre().Class("json").Body(app.Code().Text(text)),
	)
}

// renderClaims describes claims (or header parameters) one by one.
func renderClaims(title string, cs []inspect.ClaimNote) app.UI {
	if len(cs) == 0 {
		return nil
	}
	items := make([]app.UI, 0, 2*len(cs))
	for _, c := range cs {
		desc := c.Description
		if c.Vendor != "" {
			desc += " (" + c.Vendor + ")"
		}
		items = append(items,
			app.Dt().Body(app.Code().Text(c.Name)),
			app.Dd().Body(
				app.Span().Class("claim-desc").Text(desc),
				app.Code().Class("claim-value").Text(c.Value),
			),
		)
	}
	return app.Div().Class("claims").Body(
		app.H4().Text(title),
		app.Dl().Body(items...),
	)
}

func renderChecks(cs []inspect.Check) app.UI {
	if len(cs) == 0 {
		return nil
	}
	items := make([]app.UI, 0, len(cs))
	for _, c := range cs {
		items = append(items, app.Li().Class("check", "check-"+c.Result).Body(
			app.Span().Class("check-result").Text(checkWord(c.Result)),
			app.Code().Text(fmt.Sprintf("line %d: %s", c.Line, c.Text)),
			app.If(c.Detail != "", func() app.UI { return app.Span().Class("check-detail").Text(c.Detail) }),
		))
	}
	return app.Div().Class("checks").Body(
		app.H4().Text("Requirement, line by line"),
		app.Ul().Body(items...),
	)
}

func checkWord(result string) string {
	switch result {
	case "pass":
		return "✓ pass"
	case "fail":
		return "✗ fail"
	case "skip":
		return "– cannot tell"
	}
	return result
}

// renderTokenFindings lists the token's own findings by code. They are
// repeated in #findings, which is where data-code lives.
func renderTokenFindings(fs []inspect.Finding) app.UI {
	if len(fs) == 0 {
		return nil
	}
	items := make([]app.UI, 0, len(fs))
	for _, f := range fs {
		items = append(items, app.Li().Class("severity-"+string(f.Severity)).Body(
			app.Code().Text(f.Code), app.Text(" "), app.Span().Text(f.Title),
		))
	}
	return app.Div().Class("token-findings").Body(
		app.H4().Text("About this token"),
		app.Ul().Body(items...),
	)
}
