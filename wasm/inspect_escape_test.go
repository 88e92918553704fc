//go:build !js

package main

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"
)

// escapeJSONText, which passes ASCII eight bytes at a time, escapes what a
// byte-by-byte reading escapes: DEL, C1 controls, bidi controls and bytes
// that are not UTF-8, at every offset within a word, next to plain
// multi-byte text.
func TestEscapeJSONTextWords(t *testing.T) {
	ref := func(b []byte) string {
		var out strings.Builder
		for i := 0; i < len(b); {
			r, size := utf8.DecodeRune(b[i:])
			if b[i] >= 0x7f && needsEscape(r, size) {
				fmt.Fprintf(&out, `\u%04x`, r)
			} else {
				out.Write(b[i : i+size])
			}
			i += size
		}
		return out.String()
	}
	pieces := []string{"a", "{\"k\": ", "\x7f", "\u0085", "\u009b", "\u202e", "\u2066", "é", "日本", "\xff", "\xc3", "\xe2\x80", "~", "\x01", "\n"}
	r := rand.New(rand.NewPCG(7, 8))
	escaped := 0
	for range 20000 {
		var b strings.Builder
		for range r.IntN(24) {
			if r.IntN(3) > 0 {
				b.WriteString(strings.Repeat("x", r.IntN(9)))
			}
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		in := b.String()
		got, want := string(escapeJSONText([]byte(in))), ref([]byte(in))
		if got != want {
			t.Fatalf("escapeJSONText(%q) = %q, want %q", in, got, want)
		}
		if got != in {
			escaped++
		}
	}
	if escaped < 1000 {
		t.Errorf("only %d inputs needed an escape: the comparison says little", escaped)
	}
}
