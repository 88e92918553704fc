package inspect

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"unicode/utf16"
	"unicode/utf8"
)

// MaxInputBytes is the most a compressed input may expand to: a gzip file
// that decompresses to more is refused (a HAR of that size would not fit in
// a browser tab anyway).
const MaxInputBytes = 1 << 30

// ErrEncoding: the input is compressed or encoded in a way that could not
// be read (a gzip stream that is cut or corrupt, or expands past
// MaxInputBytes).
var ErrEncoding = errors.New("unreadable encoding")

// decodeInput undoes the encodings a file may come in before it is read:
// gzip (a .har.gz, or a HAR saved by a tool that compresses), and UTF-16 with
// or without a byte-order mark (Windows tools, PowerShell's Out-File). It
// returns b itself when there is nothing to undo, and what it undid
// ("gzip", "UTF-16LE", …) for messages.
func decodeInput(b []byte) (out []byte, undone string, err error) {
	if len(b) >= 3 && b[0] == 0x1f && b[1] == 0x8b && b[2] == 8 {
		zr, err := gzip.NewReader(bytes.NewReader(b))
		if err != nil {
			return nil, "gzip", &HARError{Err: ErrEncoding, Msg: "gzip-compressed, but the gzip header cannot be read: " + err.Error()}
		}
		zr.Multistream(true)
		var buf bytes.Buffer
		buf.Grow(min(len(b)*8, 64<<20))
		n, err := io.Copy(&buf, io.LimitReader(zr, MaxInputBytes+1))
		if err != nil {
			return nil, "gzip", &HARError{Offset: int64(len(b)), Err: ErrEncoding, Msg: "gzip-compressed, but the compressed data is cut or corrupt: " + err.Error()}
		}
		if n > MaxInputBytes {
			return nil, "gzip", &HARError{Err: ErrEncoding, Msg: fmt.Sprintf("gzip-compressed and expands to more than %s, the most whydenied reads", byteSize(MaxInputBytes))}
		}
		out, inner, err := decodeInput(buf.Bytes())
		if inner != "" {
			inner = "gzip, " + inner
		} else {
			inner = "gzip"
		}
		return out, inner, err
	}
	if le, ok := utf16Order(b); ok {
		return fromUTF16(b, le), map[bool]string{true: "UTF-16LE", false: "UTF-16BE"}[le], nil
	}
	return b, "", nil
}

// utf16Order reports whether b is UTF-16 text and its byte order: a
// byte-order mark says so, and without one, text that starts with ASCII
// characters each followed (little-endian) or preceded (big-endian) by a
// zero byte. JSON and commands start with ASCII.
func utf16Order(b []byte) (littleEndian, ok bool) {
	switch {
	case len(b) >= 2 && b[0] == 0xFF && b[1] == 0xFE:
		return true, true
	case len(b) >= 2 && b[0] == 0xFE && b[1] == 0xFF:
		return false, true
	}
	n := min(len(b), 64) &^ 1
	if n < 4 {
		return false, false
	}
	le, be := true, true
	for i := 0; i < n; i += 2 {
		lo, hi := b[i], b[i+1]
		le = le && hi == 0 && lo != 0 && lo < utf8.RuneSelf
		be = be && lo == 0 && hi != 0 && hi < utf8.RuneSelf
	}
	return le, le || be
}

// fromUTF16 converts UTF-16 text (its byte-order mark dropped) to UTF-8.
func fromUTF16(b []byte, littleEndian bool) []byte {
	if len(b) >= 2 && (b[0] == 0xFF && b[1] == 0xFE || b[0] == 0xFE && b[1] == 0xFF) {
		b = b[2:]
	}
	u := make([]uint16, len(b)/2)
	for i := range u {
		if littleEndian {
			u[i] = uint16(b[2*i]) | uint16(b[2*i+1])<<8
		} else {
			u[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
		}
	}
	out := make([]byte, 0, len(u)+len(u)/4)
	for _, r := range utf16.Decode(u) {
		out = utf8.AppendRune(out, r)
	}
	return out
}

// jsonpStart returns the offset of the '{' that starts a HAR wrapped in a
// JSONP call, as harviewer's HARP files are: onInputData({…}); — the
// callback may be any JavaScript name (dots allowed). It returns -1 when b
// does not start that way.
func jsonpStart(b []byte) int {
	i := 0
	for i < len(b) && isJSONSpace(b[i]) {
		i++
	}
	start := i
	for i < len(b) && (isJSIdent(b[i]) || b[i] == '.' && i > start) {
		i++
	}
	if i == start || !isJSIdentStart(b[start]) {
		return -1
	}
	for i < len(b) && isJSONSpace(b[i]) {
		i++
	}
	if i >= len(b) || b[i] != '(' {
		return -1
	}
	i++
	for i < len(b) && isJSONSpace(b[i]) {
		i++
	}
	if i >= len(b) || b[i] != '{' {
		return -1
	}
	return i
}

func isJSONSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }
