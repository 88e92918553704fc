package ui

import (
	"testing"

	app "github.com/maxence-charriere/go-app/v10/pkg/app"

	"whydenied/inspect"
)

// The work behind one keystroke in #token-input, natively: diagnose the
// token (with a requirement), and diagnose plus render the page's HTML. In
// the browser the same Go code runs about 2–4× slower as WebAssembly; make
// bench measures the keystroke there.
func BenchmarkKeystrokeDiagnose(b *testing.B) {
	in := inputs{Token: okToken, Requirement: "aud=api://orders\niss=https://issuer.example\nscope=orders.read orders.write", order: []source{srcToken}}
	for b.Loop() {
		diagnose(in, now)
	}
}

func BenchmarkKeystrokeRender(b *testing.B) {
	p := NewPage(Early{})
	p.ready = true
	p.in = inputs{Token: okToken, Requirement: "aud=api://orders\nscope=orders.read", order: []source{srcToken}}
	for b.Loop() {
		p.res = diagnose(p.in, now)
		_ = app.HTMLString(p)
	}
}

func BenchmarkKeystrokeRequirement(b *testing.B) {
	for b.Loop() {
		inspect.ParseRequirement("aud=api://orders\niss=https://issuer.example\nscope=orders.read orders.write")
	}
}
