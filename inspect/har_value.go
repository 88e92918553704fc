package inspect

import (
	"bytes"
	"encoding/binary"
	"math/bits"
	"slices"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// jreader is the HAR reader's JSON scanner. It reads the few values a
// diagnosis needs and skips everything else without decoding it: a skipped
// string costs one search for its closing quote, eight bytes at a time,
// which is what makes a 100 MB HAR fast to read in WebAssembly, where a
// general tokenizer (jsontext, encoding/json) spends time on every byte.
//
// It checks the structure of what it reads and the nesting of what it
// skips, but does not validate escapes or UTF-8 inside strings, nor commas
// inside skipped values; invalid UTF-8 in decoded text becomes U+FFFD. Every
// reader is lenient about types: a number where a string is expected comes
// back as its text, a string holding a number comes back as the number,
// anything else is skipped and reported as absent.
//
// The first error is kept (err, errAt) and every later call does nothing.
type jreader struct {
	data  []byte
	pos   int
	err   error // errTruncated, or a *scanError
	errAt int
}

// scanError is an unexpected byte.
type scanError struct{ msg string }

func (e *scanError) Error() string { return e.msg }

// errTruncated: the input ended inside a value.
var errTruncated = &scanError{"the file ends in the middle of a value (truncated?)"}

func (r *jreader) fail(msg string) {
	if r.err != nil {
		return
	}
	r.errAt = r.pos
	if r.pos >= len(r.data) {
		r.err = errTruncated
		return
	}
	r.err = &scanError{msg}
}

// ws skips white space.
func (r *jreader) ws() {
	for r.pos < len(r.data) {
		switch r.data[r.pos] {
		case ' ', '\n', '\r', '\t':
			r.pos++
		default:
			return
		}
	}
}

// peek returns the first byte of the next value ('{', '[', '"', 't', 'f',
// 'n', '-', a digit) or of the closing delimiter, after white space and
// separating commas (extra commas are tolerated); 0 at the end of the
// input or after an error.
func (r *jreader) peek() byte {
	if r.err != nil {
		return 0
	}
	for d := r.data; r.pos < len(d); r.pos++ {
		switch c := d[r.pos]; c {
		case ' ', '\n', '\r', '\t', ',':
		default:
			return c
		}
	}
	r.fail("")
	return 0
}

// open consumes '{' (want '{') or '[' (want '[') and reports true; when the
// next value is something else it is skipped and open reports false.
func (r *jreader) open(want byte) bool {
	c := r.peek()
	if c == 0 {
		return false
	}
	if c != want {
		r.skip()
		return false
	}
	r.pos++
	return true
}

// more reports whether the object or array being read has another member.
// At its end it consumes the closing delimiter and reports false.
func (r *jreader) more() bool {
	switch r.peek() {
	case 0:
		return false
	case '}', ']':
		r.pos++
		return false
	}
	return true
}

// name reads an object member name and its colon. The result is only valid
// until the next read: use it in a switch, or copy it.
func (r *jreader) name() []byte {
	if r.peek() != '"' {
		r.fail("expected a member name (a string)")
		return nil
	}
	body := r.stringBody()
	r.ws()
	if r.pos >= len(r.data) || r.data[r.pos] != ':' {
		r.fail("expected ':' after a member name")
		return nil
	}
	r.pos++
	if bytes.IndexByte(body, '\\') < 0 {
		return body
	}
	out, _ := unquoteJSON(nil, body, len(body))
	return out
}

// stringBody consumes the string at r.pos (which is '"') and returns its
// body without the quotes, escapes not decoded.
//
// It tests eight bytes at a time. Bodies embedded in a HAR (JSON in JSON)
// have an escaped quote every few bytes, so it marks the quotes and the
// backslashes of a word and looks closer only at a quote that can end the
// string: one not right after a backslash, or right after two (\\" ends a
// string, \\\" does not: closingQuote counts them).
func (r *jreader) stringBody() []byte {
	d := r.data
	start := r.pos + 1
	k := start
	if searchQuote {
		// Most strings (base64 bodies, headers, names) hold no escaped
		// quote: the first quote ends them. Once one is escaped, the
		// string is likely JSON in JSON, with a quote every few bytes,
		// and the word loop below takes over after it.
		i := bytes.IndexByte(d[start:], '"')
		if i < 0 {
			r.pos = len(d)
			r.fail("")
			return nil
		}
		p := start + i
		if p == start || d[p-1] != '\\' || closingQuote(d, start, p) {
			r.pos = p + 1
			return d[start:p]
		}
		k = p + 1 // d[p] is a quote, not a backslash: prev stays 0
	}
	// prev holds the backslash marks of the word before, so that a
	// quote at the start of a word sees the backslashes before it. The
	// byte before k is the opening quote, or (searchQuote) an escaped
	// one: no backslash.
	var prev uint64
	for ; k+8 <= len(d); k += 8 {
		v := binary.LittleEndian.Uint64(d[k:])
		q, b := byteMarks(v, '"'), byteMarks(v, '\\')
		if q == 0 {
			prev = b
			continue
		}
		after1 := b<<8 | prev>>56  // right after a backslash
		after2 := b<<16 | prev>>48 // two bytes after one
		prev = b
		for m := q &^ (after1 &^ after2); m != 0; m &= m - 1 {
			p := k + bits.TrailingZeros64(m)/8
			if d[p-1] == '\\' && !closingQuote(d, start, p) {
				continue
			}
			r.pos = p + 1
			return d[start:p]
		}
	}
	for ; k < len(d); k++ {
		if d[k] == '"' && (k == start || d[k-1] != '\\' || closingQuote(d, start, k)) {
			r.pos = k + 1
			return d[start:k]
		}
	}
	r.pos = len(d)
	r.fail("")
	return nil
}

// byteMarks returns 0x80 in each byte of v that equals c, and 0 in the
// others. Unlike the shorter (x-0x01…)&^x&0x80… test, it is exact in every
// byte, not only up to the first match: a byte 0x01 above a match (a '#'
// after a quote) is not marked.
func byteMarks(v uint64, c byte) uint64 {
	const low7 = 0x7f7f7f7f7f7f7f7f
	x := v ^ (0x0101010101010101 * uint64(c))
	return ^((x&low7 + low7) | x | low7)
}

// closingQuote reports whether the quote at q, preceded by a backslash,
// ends the string: it does when an even number of backslashes precede it.
func closingQuote(d []byte, start, q int) bool {
	p := q - 1
	for p >= start && d[p] == '\\' {
		p--
	}
	return (q-1-p)%2 == 0
}

// structural marks the bytes that matter while skipping a container.
var structural = [256]bool{'"': true, '{': true, '}': true, '[': true, ']': true}

// skip skips the next value without decoding it.
func (r *jreader) skip() {
	c := r.peek()
	switch c {
	case 0:
		return
	case '"':
		r.stringBody()
	case '{', '[':
		r.skipContainer()
	case '}', ']', ':', ',':
		r.fail("expected a value, found " + strconv.QuoteRune(rune(c)))
	default:
		r.scalar()
	}
}

// skipContainer skips an object or array, checking that brackets nest.
func (r *jreader) skipContainer() {
	var stack [64]byte
	open := stack[:0]
	d := r.data
	for i := r.pos; i < len(d); {
		c := d[i]
		if !structural[c] {
			i++
			continue
		}
		switch c {
		case '"':
			r.pos = i
			r.stringBody()
			if r.err != nil {
				return
			}
			i = r.pos
			continue
		case '{', '[':
			open = append(open, c)
		default:
			if len(open) == 0 || open[len(open)-1] != c-2 { // '{'+2 == '}', '['+2 == ']'
				r.pos = i
				r.fail("unexpected " + strconv.QuoteRune(rune(c)))
				return
			}
			open = open[:len(open)-1]
			if len(open) == 0 {
				r.pos = i + 1
				return
			}
		}
		i++
	}
	r.pos = len(d)
	r.fail("")
}

// scalar consumes a number or literal and returns its text.
func (r *jreader) scalar() []byte {
	start := r.pos
	for r.pos < len(r.data) {
		switch c := r.data[r.pos]; {
		case c >= '0' && c <= '9', c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c == '-', c == '+', c == '.':
			r.pos++
			continue
		}
		break
	}
	if r.pos == start {
		r.fail("expected a value, found " + strconv.QuoteRune(rune(r.data[r.pos])))
		return nil
	}
	return r.data[start:r.pos]
}

// str reads a string leniently: numbers and booleans come back as their
// JSON text, null, objects and arrays as "".
func (r *jreader) str() string {
	s, _, _ := r.strCap(-1)
	return s
}

// strCap reads a string leniently like str, keeping at most max bytes of the
// decoded text (max < 0: all of it). It reports the length of the raw JSON
// string (an upper bound of the decoded length) and whether the result was
// cut.
func (r *jreader) strCap(max int) (s string, rawLen int, cut bool) {
	switch r.peek() {
	case 0:
		return "", 0, false
	case '"':
		body := r.stringBody()
		if max < 0 {
			max = len(body)
		}
		if len(body) <= max && bytes.IndexByte(body, '\\') < 0 {
			return validUTF8(body), len(body), false
		}
		out, cut := unquoteJSON(make([]byte, 0, min(max, len(body))), body, max)
		return validUTF8(out), len(body), cut
	case '{', '[':
		r.skipContainer()
		return "", 0, false
	case 'n':
		r.scalar()
		return "", 0, false
	}
	v := r.scalar()
	return string(v), len(v), false
}

// appendStr appends to dst what str would return (escapes decoded).
func (r *jreader) appendStr(dst []byte) []byte {
	switch r.peek() {
	case 0:
		return dst
	case '"':
		body := r.stringBody()
		if bytes.IndexByte(body, '\\') < 0 {
			return append(dst, body...)
		}
		out, _ := unquoteJSON(dst, body, len(body))
		return out
	case '{', '[':
		r.skipContainer()
		return dst
	case 'n':
		r.scalar()
		return dst
	}
	return append(dst, r.scalar()...)
}

// strCommon is str for values that repeat across entries (methods, status
// texts, mime types, resource types): a known value costs no allocation.
func (r *jreader) strCommon() string {
	if r.peek() == '"' {
		start := r.pos
		body := r.stringBody()
		if s, ok := commonValues[string(body)]; ok {
			return s
		}
		r.pos = start
	}
	return r.str()
}

// commonValues are the strings strCommon shares.
var commonValues = func() map[string]string {
	m := map[string]string{}
	for _, v := range []string{"", "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS",
		"OK", "Created", "No Content", "Found", "Not Modified", "Bad Request", "Unauthorized", "Forbidden", "Not Found",
		"Internal Server Error", "Bad Gateway", "Service Unavailable", "Too Many Requests", "Proxy Authentication Required",
		"application/json", "application/json; charset=utf-8", "application/json;charset=UTF-8", "text/html", "text/html; charset=utf-8",
		"text/plain", "text/plain; charset=utf-8", "text/css", "text/javascript", "application/javascript", "image/png", "image/jpeg",
		"image/gif", "image/svg+xml", "image/webp", "font/woff2", "application/octet-stream", "x-unknown", "base64",
		"xhr", "fetch", "script", "stylesheet", "image", "font", "document", "preflight", "ping", "media", "other", "websocket", "manifest",
		"parser", "secure", "insecure", "broken", "weak", "memory", "disk"} {
		m[v] = v
	}
	return m
}()

// rawString reads a string and returns its body, escapes not decoded;
// ok is false (and the value skipped) for anything else.
func (r *jreader) rawString() (body []byte, ok bool) {
	if r.peek() != '"' {
		r.skip()
		return nil, false
	}
	return r.stringBody(), true
}

// num reads a number leniently: a string holding a number is accepted.
// ok is false for anything else.
func (r *jreader) num() (f float64, ok bool) {
	var v []byte
	switch c := r.peek(); {
	case c == '"':
		v = bytes.TrimSpace(r.stringBody())
	case c == '-' || c >= '0' && c <= '9':
		v = r.scalar()
	default:
		r.skip()
		return 0, false
	}
	f, err := strconv.ParseFloat(string(v), 64)
	return f, err == nil
}

// validUTF8 converts b to a string, replacing invalid UTF-8 with U+FFFD.
func validUTF8(b []byte) string {
	if utf8.Valid(b) {
		return string(b)
	}
	return string(bytes.ToValidUTF8(b, []byte("\uFFFD")))
}

// unquoteJSON appends to dst the decoded text of the body of a JSON string
// (without its quotes), stopping before the output would pass max bytes.
// It never fails: a bad or cut escape is kept as written. cut reports
// whether input was left over.
//
// It is a plain loop over bytes: bodies embedded in a HAR (JSON in JSON)
// have an escape every few bytes, where searching for the next one costs
// more than it saves.
func unquoteJSON(dst, body []byte, max int) (out []byte, cut bool) {
	w := len(dst)
	limit := w + max
	dst = slices.Grow(dst, min(max, len(body)))[:w+min(max, len(body))]
	i := 0
	for i < len(body) && w < len(dst) {
		// Copy eight bytes at a time up to the next backslash (the copy
		// may run past it; those bytes are overwritten), and decode the
		// common escapes without leaving the loop.
		for i+8 <= len(body) && w+8 <= len(dst) {
			const lo, hi = 0x0101010101010101, 0x8080808080808080
			v := binary.LittleEndian.Uint64(body[i:])
			x := v ^ (lo * '\\')
			binary.LittleEndian.PutUint64(dst[w:], v)
			m := (x - lo) &^ x & hi
			if m == 0 {
				i += 8
				w += 8
				continue
			}
			p := bits.TrailingZeros64(m) / 8
			i += p
			w += p
			if i+1 >= len(body) {
				break
			}
			e := simpleEscape[body[i+1]]
			if e == 0 {
				break // \u or a bad escape: the loop below
			}
			dst[w] = e
			w++
			i += 2
		}
		if i >= len(body) || w >= len(dst) {
			break
		}
		c := body[i]
		if c != '\\' {
			dst[w] = c
			w++
			i++
			continue
		}
		if i+1 >= len(body) {
			dst[w] = c
			w++
			i++
			break
		}
		var e byte
		switch body[i+1] {
		case '"':
			e = '"'
		case '\\':
			e = '\\'
		case '/':
			e = '/'
		case 'n':
			e = '\n'
		case 't':
			e = '\t'
		case 'r':
			e = '\r'
		case 'b':
			e = '\b'
		case 'f':
			e = '\f'
		case 'u':
			r, n := decodeU(body[i:])
			if n == 0 {
				dst[w] = c
				w++
				i++
				continue
			}
			if w+utf8.RuneLen(r) > limit {
				return dst[:w], true
			}
			dst = append(dst[:w], string(r)...)
			w = len(dst)
			dst = dst[:cap(dst)]
			if len(dst) > limit {
				dst = dst[:limit]
			}
			i += n
			continue
		default:
			dst[w] = c
			w++
			i++
			continue
		}
		dst[w] = e
		w++
		i += 2
	}
	return dst[:w], i < len(body)
}

// simpleEscape maps the byte after a backslash to what it stands for, 0
// for \u and invalid escapes.
var simpleEscape = [256]byte{'"': '"', '\\': '\\', '/': '/', 'n': '\n', 't': '\t', 'r': '\r', 'b': '\b', 'f': '\f'}

// decodeU decodes \uXXXX (and a following low surrogate) at the start of b.
// n is the number of bytes used, 0 when b does not start with a valid escape.
func decodeU(b []byte) (rune, int) {
	r, ok := hex4(b)
	if !ok {
		return 0, 0
	}
	if utf16High(r) {
		if r2, ok := hex4(b[6:]); ok && r2 >= 0xDC00 && r2 <= 0xDFFF {
			return utf16.DecodeRune(r, r2), 12
		}
		return utf8.RuneError, 6
	}
	if r >= 0xDC00 && r <= 0xDFFF {
		return utf8.RuneError, 6
	}
	return r, 6
}

func utf16High(r rune) bool { return r >= 0xD800 && r <= 0xDBFF }

// hex4 reads \uXXXX at the start of b.
func hex4(b []byte) (rune, bool) {
	if len(b) < 6 || b[0] != '\\' || b[1] != 'u' {
		return 0, false
	}
	var r rune
	for _, c := range b[2:6] {
		switch {
		case c >= '0' && c <= '9':
			r = r<<4 | rune(c-'0')
		case c >= 'a' && c <= 'f':
			r = r<<4 | rune(c-'a'+10)
		case c >= 'A' && c <= 'F':
			r = r<<4 | rune(c-'A'+10)
		default:
			return 0, false
		}
	}
	return r, true
}
