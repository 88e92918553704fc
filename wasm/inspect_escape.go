//go:build !js

package main

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"unicode"
	"unicode/utf8"
)

// escapeControls writes every control character of s (C0, DEL, C1), the
// characters that reorder text (bidi controls) and invalid UTF-8 as escapes
// (\x1b, \u0085, \u202e), so that text from the input cannot move the
// cursor, set a window title, clear the screen or forge a line of output.
// With keepNewlines, '\n' stays a line break.
func escapeControls(s string, keepNewlines bool) string {
	clean := true
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if needsEscape(r, size) && !(keepNewlines && r == '\n') {
			clean = false
			break
		}
		i += size
	}
	if clean {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case keepNewlines && r == '\n':
			b.WriteByte('\n')
		case needsEscape(r, size) && r < 0x80:
			fmt.Fprintf(&b, `\x%02x`, r)
		case needsEscape(r, size):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// escapeJSONText writes, in JSON that encoding/json produced, DEL, the C1
// controls (U+0080–U+009F), the bidi controls and bytes that are not UTF-8
// as \u escapes. encoding/json escapes C0 controls only, and a terminal
// that shows the JSON obeys U+009B (CSI) as it does ESC [. Outside its
// strings such JSON is ASCII, so every rune replaced lies in a string, where
// the escape decodes to the same character (bytes that are not UTF-8 become
// U+FFFD, as encoding/json reads them).
func escapeJSONText(b []byte) []byte {
	var out []byte
	last := 0
	for i := 0; i < len(b); {
		// Eight bytes at a time while none is 0x7f or above (adding 1
		// to each byte sets the high bit of 0x7f; a carry can only
		// come from a byte that has it already).
		if i+8 <= len(b) {
			if v := binary.LittleEndian.Uint64(b[i:]); (v|(v+0x0101010101010101))&0x8080808080808080 == 0 {
				i += 8
				continue
			}
		}
		if b[i] < 0x7f {
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if !needsEscape(r, size) {
			i += size
			continue
		}
		if out == nil {
			out = make([]byte, 0, len(b)+64)
		}
		out = append(out, b[last:i]...)
		out = fmt.Appendf(out, `\u%04x`, r)
		i += size
		last = i
	}
	if out == nil {
		return b
	}
	return append(out, b[last:]...)
}

func needsEscape(r rune, size int) bool {
	if r == utf8.RuneError && size == 1 {
		return true
	}
	return unicode.IsControl(r) || r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069 || r == 0x200e || r == 0x200f || r == 0x061c
}

// escapeStrings replaces, in the value v points to, every string (and
// every JSON that is not valid and so would be printed as it is) with its
// escaped form, whatever struct it sits in.
func escapeStrings(v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			escapeStrings(v.Elem())
		}
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			if v.Type().Field(i).IsExported() {
				escapeStrings(v.Field(i))
			}
		}
	case reflect.Slice:
		if v.Type() == reflect.TypeFor[json.RawMessage]() {
			if raw := v.Bytes(); len(raw) > 0 && !json.Valid(raw) && v.CanSet() {
				v.SetBytes([]byte(escapeControls(string(raw), false)))
			}
			return
		}
		for i := 0; i < v.Len(); i++ {
			escapeStrings(v.Index(i))
		}
	case reflect.Map:
		// Maps are not printed by the text format; leave them.
	case reflect.String:
		if v.CanSet() {
			v.SetString(escapeControls(v.String(), false))
		}
	}
}
