package ui

import (
	"reflect"
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

// BenchmarkKeystrokeRerender is the render work go-app does after a
// keystroke in #token-input: the page's own Render, the comparison of the
// token panel's tokens (go-app compares each component's exported fields),
// and the token panel's Render. The inputs panel, whose fields did not
// change, is not rendered again. Before the page was split into
// components, Page.Render built every part each time: 860 allocations,
// 65 KB per keystroke (docs/benchmarks.md).
func BenchmarkKeystrokeRerender(b *testing.B) {
	p := NewPage(Early{})
	p.ready = true
	p.in = inputs{Token: okToken, Requirement: "aud=api://orders\nscope=orders.read", order: []source{srcToken}}
	prev, res := diagnose(p.in, now), diagnose(p.in, now)
	b.ReportAllocs()
	for b.Loop() {
		p.res = res
		p.Render()
		_ = reflect.DeepEqual(prev.Report.Tokens, res.Report.Tokens)
		(&tokensPanel{Tokens: res.Report.Tokens}).Render()
	}
}
