//go:build !js

package main

import "bytes"

// appendIndentJSON appends src, compact JSON as encoding/json writes it (no
// white space outside strings), indented as json.Indent would indent it
// with prefix and indent, the same bytes. json.Indent runs its validating
// scanner over every byte; this copies each string whole and looks only at
// the punctuation between them, several times faster on a report whose
// bytes are mostly strings. src must be valid: what encoding/json wrote.
func appendIndentJSON(dst, src []byte, prefix, indent string) []byte {
	depth := 0
	needIndent := false // after '{' or '[': indent unless it closes at once
	for i := 0; i < len(src); {
		c := src[i]
		if needIndent && c != '}' && c != ']' {
			needIndent = false
			depth++
			dst = appendNewline(dst, prefix, indent, depth)
		}
		switch c {
		case '"':
			j := stringEnd(src, i)
			dst = append(dst, src[i:j]...)
			i = j
			continue
		case '{', '[':
			needIndent = true
			dst = append(dst, c)
		case ',':
			dst = append(dst, c)
			dst = appendNewline(dst, prefix, indent, depth)
		case ':':
			dst = append(dst, c, ' ')
		case '}', ']':
			if needIndent {
				needIndent = false // {} and [] stay as they are
			} else {
				depth--
				dst = appendNewline(dst, prefix, indent, depth)
			}
			dst = append(dst, c)
		default:
			dst = append(dst, c)
		}
		i++
	}
	return dst
}

// stringEnd returns the index after the string that starts at src[i] ('"').
func stringEnd(src []byte, i int) int {
	j := i + 1
	for {
		k := bytes.IndexByte(src[j:], '"')
		if k < 0 {
			return len(src)
		}
		j += k
		n := 0
		for p := j - 1; p > i && src[p] == '\\'; p-- {
			n++
		}
		j++
		if n%2 == 0 {
			return j
		}
	}
}

func appendNewline(dst []byte, prefix, indent string, depth int) []byte {
	dst = append(dst, '\n')
	dst = append(dst, prefix...)
	for range depth {
		dst = append(dst, indent...)
	}
	return dst
}
