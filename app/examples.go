package ui

import (
	_ "embed"

	app "github.com/maxence-charriere/go-app/v10/pkg/app"
)

// The "Try an example" buttons fill an input with a made-up case, so a new
// user sees what the page does in one click. Every token, host and secret
// in them is invented; the HAR is built into the WebAssembly (nothing is
// fetched) and read through the same code as a chosen file.
const (
	exampleTokenID = "example-token"
	exampleCurlID  = "example-curl"
	exampleHARID   = "example-har"

	// exampleSecret is the made-up HMAC secret the example tokens are
	// signed with; pasted as the verification key it verifies them.
	exampleSecret = "made-up example secret"

	// exampleToken expired on 2026-01-01 01:00 UTC; audience api://orders,
	// scope orders.read.
	exampleToken = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJhdWQiOiJhcGk6Ly9vcmRlcnMiLCJleHAiOjE3NjcyMjU2MDAsImlhdCI6MTc2NzIyMjAwMCwiaXNzIjoiaHR0cHM6Ly9sb2dpbi5leGFtcGxlLnRlc3QvIiwibmJmIjoxNzY3MjIyMDAwLCJzY29wZSI6Im9yZGVycy5yZWFkIiwic3ViIjoiYWxpY2VAZXhhbXBsZS50ZXN0In0._Us1AwDGjvpRvxN6h2ZODCvEs-0d4EiSquEXbWfpSMM"
	// exampleTokenRequirement is met except for the time: 401 token.expired.
	exampleTokenRequirement = "aud=api://orders\niss=https://login.example.test/\nscope=orders.read"

	// exampleCurl creates an order with a token valid until 2100 that may
	// only read orders: 403 scope.missing under exampleCurlRequirement.
	exampleCurl = `curl 'https://api.example.test/orders?dry_run=false' \
  -X POST \
  -H 'Accept: application/json' \
  -H 'Content-Type: application/json' \
  -H 'Authorization: Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJhdWQiOiJhcGk6Ly9vcmRlcnMiLCJleHAiOjQxMDI0NDQ4MDAsImlhdCI6MTc2NzIyMjAwMCwiaXNzIjoiaHR0cHM6Ly9sb2dpbi5leGFtcGxlLnRlc3QvIiwic2NvcGUiOiJvcmRlcnMucmVhZCIsInN1YiI6ImJvYkBleGFtcGxlLnRlc3QifQ.YriOGTqALunIMHNup2-Bt7DhzqITn1p_8WIyvhsV_g4' \
  -b 'theme=dark; session_hint=made-up' \
  --data-raw '{"item":"A-1001","quantity":2}' \
  -L --compressed`
	exampleCurlRequirement = "aud=api://orders\nscope=orders.write"

	exampleHARName = "example.har"
)

// exampleHAR is a made-up session: an order list that worked, then an
// invoice refused with invalid_token (an expired token for another API).
//
//go:embed examples/example.har
var exampleHAR string

// setValue writes text into an input as if the user had pasted it.
func setValue(id, text string) {
	if el := app.Window().GetElementByID(id); el.Truthy() {
		el.Set("value", text)
	}
}

// showExample fills the inputs with the example of the button with that id,
// as if the user had pasted it, or reads the example HAR as a File, exactly
// as if it had been chosen in #har-input.
func (p *Page) showExample(ctx app.Context, id string) {
	switch id {
	case exampleTokenID:
		p.in.Token, p.in.Requirement = exampleToken, exampleTokenRequirement
		setValue(TokenInputID, p.in.Token)
		p.in.touch(srcToken)
	case exampleCurlID:
		p.in.Curl, p.in.Requirement = exampleCurl, exampleCurlRequirement
		setValue(CurlInputID, p.in.Curl)
		p.in.touch(srcCurl)
	case exampleHARID:
		parts := app.Window().Get("Array").New()
		parts.Call("push", exampleHAR)
		file := app.Window().Get("File").New(parts, exampleHARName, map[string]any{"type": "application/json"})
		p.readHAR(ctx, file)
		return
	default:
		return
	}
	setValue(RequirementInputID, p.in.Requirement)
	p.recompute(ctx)
}
