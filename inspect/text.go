package inspect

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"unicode/utf8"
)

// shorten returns s cut to about n bytes (on a rune boundary) with an ellipsis.
func shorten(s string, n int) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	if len(s) <= n {
		return s
	}
	cut := n
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}

// around returns a few characters of s on each side of byte i, marking the
// character at i.
func around(s string, i int) string {
	if !utf8.ValidString(s) || i < 0 || i >= len(s) {
		return shorten(s, 40)
	}
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	_, size := utf8.DecodeRuneInString(s[i:])
	lo, hi := max(0, i-8), min(len(s), i+size+8)
	for lo > 0 && !utf8.RuneStart(s[lo]) {
		lo--
	}
	for hi < len(s) && !utf8.RuneStart(s[hi]) {
		hi++
	}
	pre, post := "", ""
	if lo > 0 {
		pre = "…"
	}
	if hi < len(s) {
		post = "…"
	}
	return pre + s[lo:i] + "⟨" + s[i:i+size] + "⟩" + s[i+size:hi] + post
}

func quote(s string) string { return fmt.Sprintf("%q", s) }

// quoteOr quotes v when it is a string, or returns or.
func quoteOr(v any, or string) string {
	if s, ok := v.(string); ok {
		return quote(s)
	}
	return or
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	r, n := utf8.DecodeRuneInString(s)
	return strings.ToUpper(string(r)) + s[n:]
}

// compactJSON returns b without insignificant whitespace, or b unchanged when
// it is not JSON.
func compactJSON(b []byte) []byte {
	var out bytes.Buffer
	if err := json.Compact(&out, b); err != nil {
		return b
	}
	return out.Bytes()
}

// jsonValue renders a decoded claim value as compact JSON.
func jsonValue(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}

// maskSecret shows that a secret is there without showing it.
func maskSecret(s string) string {
	if s == "" {
		return "(empty)"
	}
	return fmt.Sprintf("•••• (%d characters)", utf8.RuneCountInString(s))
}
