//go:build !js

package main

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"strings"
	"testing"
)

// appendIndentJSON indents what encoding/json writes as json.Indent does:
// nested and empty objects and arrays, strings holding quotes, backslashes
// and punctuation, numbers and literals, with and without the encoder's
// final newline.
func TestAppendIndentJSON(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	pieces := []string{`"`, `\`, `\"`, `\\`, `{`, `}`, `[`, `]`, `,`, `:`, ` `, "\n", "a", "é", "<&>", "\u2028"}
	var word func() string
	word = func() string {
		var b strings.Builder
		for range r.IntN(8) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		return b.String()
	}
	var value func(depth int) any
	value = func(depth int) any {
		switch k := r.IntN(8); {
		case depth > 4 || k < 2:
			return word()
		case k == 2:
			return r.Float64() * 1e6
		case k == 3:
			return []any{nil, true, false, -1}[r.IntN(4)]
		case k < 6:
			m := map[string]any{}
			for range r.IntN(4) {
				m[word()] = value(depth + 1)
			}
			return m
		default:
			var a []any
			for range r.IntN(4) {
				a = append(a, value(depth+1))
			}
			if a == nil && r.IntN(2) == 0 {
				return []any{}
			}
			return a
		}
	}
	for n := range 3000 {
		v := value(0)
		var compact bytes.Buffer
		enc := json.NewEncoder(&compact)
		enc.SetEscapeHTML(n%2 == 0)
		if err := enc.Encode(v); err != nil {
			t.Fatal(err)
		}
		src := compact.Bytes()
		if n%3 == 0 {
			src = bytes.TrimSuffix(src, []byte("\n"))
		}
		for _, ind := range [][2]string{{"", "  "}, {"    ", "  "}, {"\t", "\t"}} {
			var want bytes.Buffer
			if err := json.Indent(&want, src, ind[0], ind[1]); err != nil {
				t.Fatal(err)
			}
			if got := appendIndentJSON([]byte("x"), src, ind[0], ind[1]); string(got) != "x"+want.String() {
				t.Fatalf("%s indented with %q %q:\n%s\nwant\n%s", src, ind[0], ind[1], got, want.Bytes())
			}
		}
	}
}
