package ui

import (
	"fmt"
	"strings"

	app "github.com/maxence-charriere/go-app/v10/pkg/app"

	"whydenied/inspect"
)

// KeyInputID is the optional verification key textarea. Like every pasted
// input it lives only in the page's memory: never stored, never sent.
const KeyInputID = "key-input"

// parseKeys reads the verification key text. An error says which part was
// not understood; no key is used then, so a half-read key set cannot make a
// token look forged.
func parseKeys(text string) ([]inspect.Key, string) {
	if strings.TrimSpace(text) == "" {
		return nil, ""
	}
	keys, err := inspect.ParseKeys(text)
	if err != nil {
		return nil, "The key was not understood, so signatures are not checked: " + err.Error()
	}
	return keys, ""
}

// keyNote says which keys are in use, so a secret read as HMAC (the
// fallback for text that is neither PEM nor JSON) is not a surprise.
func keyNote(keys []inspect.Key) string {
	if len(keys) == 0 {
		return ""
	}
	kinds := make([]string, 0, len(keys))
	for _, k := range keys {
		d := strings.ToUpper(k.Type) + " public key"
		if k.Type == "hmac" {
			d = "HMAC secret"
		}
		if k.ID != "" {
			d += fmt.Sprintf(" (kid %q)", k.ID)
		}
		kinds = append(kinds, d)
	}
	return "Checking signatures with: " + strings.Join(kinds, ", ") + "."
}

// signatureLine is what a token panel says of the signature: verified, why
// not, or that no key was given to check it with.
func signatureLine(t inspect.TokenReport) app.UI {
	for _, f := range t.Findings {
		switch f.Code {
		case inspect.CodeTokenSignatureValid:
			return app.P().Class("signature", "signature-valid").Body(
				app.Strong().Text("Signature verified."), app.Text(" "+f.Detail))
		case inspect.CodeTokenSignatureInvalid:
			return app.P().Class("signature", "signature-invalid").Body(
				app.Strong().Text(f.Title+"."), app.Text(" "+f.Detail))
		}
	}
	return app.P().Class("signature").Text(signatureText(t.Signature))
}
