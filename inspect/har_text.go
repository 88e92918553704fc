package inspect

import (
	"bytes"
	"encoding/base64"
	"strings"
	"time"
	"unicode/utf8"
)

// Excerpt limits. A HAR of any size keeps at most this much of each body, so
// memory grows with the number of entries, never with the size of bodies.
const (
	// ExcerptMax is the most kept of a text response body (JSON, XML,
	// HTML, plain text, problem documents).
	ExcerptMax = 4096
	// excerptScript is the most kept of scripts and style sheets, which
	// rarely explain a refusal.
	excerptScript = 1024
	// excerptSmall is the size up to which a body of another type is kept
	// when it is valid UTF-8 text.
	excerptSmall = 512
	// successExcerpt is the most kept of a text body of a response that
	// succeeded (status below 400): it rarely explains a refusal.
	successExcerpt = 1024
	// TokenExcerptMax is the most kept of a response that holds tokens
	// (a token endpoint's access_token, id_token): tokens must be whole
	// to be decoded.
	TokenExcerptMax = 16384
	// RequestBodyMax is the most kept of a request body (post data):
	// enough for token requests and JSON calls, not for uploads.
	RequestBodyMax = 16384
)

// excerptCap returns how much of a body of this mime type to keep: 0 for a
// binary type, where only a small text body is kept (see excerptSmall).
func excerptCap(mime string) int {
	m := strings.ToLower(mime)
	if i := strings.IndexByte(m, ';'); i >= 0 {
		m = m[:i]
	}
	m = strings.TrimSpace(m)
	switch {
	case strings.Contains(m, "javascript"), strings.HasSuffix(m, "/css"), strings.Contains(m, "ecmascript"):
		return excerptScript
	case strings.HasPrefix(m, "text/"), strings.Contains(m, "json"), strings.Contains(m, "xml"),
		strings.Contains(m, "x-www-form-urlencoded"), strings.Contains(m, "html"),
		strings.Contains(m, "problem"), strings.Contains(m, "graphql"):
		return ExcerptMax
	case m == "":
		return excerptSmall
	}
	return 0
}

// excerptCapFor returns how much of a response body to keep, by status and
// type: failures keep ExcerptMax of text, successes successExcerpt unless
// they hold tokens (looked for in the first bytes of body, raw or decoded).
func excerptCapFor(status int, mime string, body []byte) int {
	c := excerptCap(mime)
	if status <= 0 || status >= 400 || c == 0 {
		return c
	}
	if holdsTokens(body) {
		return TokenExcerptMax
	}
	return min(c, successExcerpt)
}

// holdsTokens reports whether the start of a body names a token member
// (access_token, id_token, token_type, "token"): token endpoints write one
// of them first.
func holdsTokens(body []byte) bool {
	return bytes.Contains(body[:min(len(body), 256)], []byte("token"))
}

// bodyExcerpt turns what was read of content.text (already cut to at most
// its cap) into the excerpt kept, decoding base64 when the exporter used it.
// It returns nil for binary bodies; the result may alias text.
func bodyExcerpt(text []byte, encoding string, cap int) []byte {
	if strings.EqualFold(encoding, "base64") {
		// Decode whole quanta only: the text may have been cut.
		t := text
		if bytes.ContainsAny(t, "\r\n ") {
			t = bytes.Map(func(r rune) rune {
				if r == '\n' || r == '\r' || r == ' ' {
					return -1
				}
				return r
			}, text)
		}
		t = t[:len(t)/4*4]
		b := make([]byte, base64.StdEncoding.DecodedLen(len(t)))
		n, err := base64.StdEncoding.Decode(b, t)
		if err != nil {
			return nil
		}
		text = b[:n]
	}
	if cap == 0 {
		cap = excerptSmall
	}
	if len(text) > cap {
		text = text[:cap]
	}
	text = text[:len(trimPartialRune(text))]
	if !utf8.Valid(text) || bytes.IndexByte(text, 0) >= 0 {
		return nil
	}
	return text
}

// trimPartialRune drops a UTF-8 sequence cut at the end of s.
func trimPartialRune[T string | []byte](s T) T {
	for i := 1; i <= 3 && i <= len(s); i++ {
		c := s[len(s)-i]
		if c < utf8.RuneSelf {
			return s
		}
		if utf8.RuneStart(c) {
			if !utf8.FullRune([]byte(s[len(s)-i:])) {
				return s[:len(s)-i]
			}
			return s
		}
	}
	return s
}

// harTimeLayouts are the startedDateTime forms exporters write: RFC 3339 with
// Z or an offset (Firefox writes local time with its offset), offsets
// without a colon, up to seven fractional digits (Fiddler), and no zone at
// all (read as UTC).
var harTimeLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05.999999999Z0700",
	"2006-01-02T15:04:05.999999999",
	"2006-01-02 15:04:05.999999999Z07:00",
	"2006-01-02 15:04:05.999999999",
}

// parseHARTimeBytes reads a startedDateTime without allocating in the
// common form 2006-01-02T15:04:05.000Z (and with an offset); other forms go
// through parseHARTime.
func parseHARTimeBytes(b []byte) time.Time {
	num := func(b []byte) (int, bool) {
		n := 0
		for _, c := range b {
			if c < '0' || c > '9' {
				return 0, false
			}
			n = n*10 + int(c-'0')
		}
		return n, true
	}
	if len(b) >= 20 && b[4] == '-' && b[7] == '-' && b[10] == 'T' && b[13] == ':' && b[16] == ':' {
		y, ok1 := num(b[0:4])
		mo, ok2 := num(b[5:7])
		d, ok3 := num(b[8:10])
		hh, ok4 := num(b[11:13])
		mm, ok5 := num(b[14:16])
		ss, ok6 := num(b[17:19])
		rest := b[19:]
		ns := 0
		if len(rest) > 0 && rest[0] == '.' {
			i := 1
			scale := 100000000
			for i < len(rest) && rest[i] >= '0' && rest[i] <= '9' {
				ns += int(rest[i]-'0') * scale
				scale /= 10
				i++
			}
			rest = rest[i:]
		}
		if ok1 && ok2 && ok3 && ok4 && ok5 && ok6 && mo >= 1 && mo <= 12 && d >= 1 && d <= 31 && hh < 24 && mm < 60 && ss < 61 {
			switch {
			case len(rest) == 1 && rest[0] == 'Z':
				return time.Date(y, time.Month(mo), d, hh, mm, ss, ns, time.UTC)
			case len(rest) == 6 && (rest[0] == '+' || rest[0] == '-') && rest[3] == ':':
				oh, ok1 := num(rest[1:3])
				om, ok2 := num(rest[4:6])
				if ok1 && ok2 {
					off := (oh*60 + om) * 60
					if rest[0] == '-' {
						off = -off
					}
					return time.Date(y, time.Month(mo), d, hh, mm, ss, ns, time.UTC).Add(-time.Duration(off) * time.Second)
				}
			}
		}
	}
	return parseHARTime(string(b))
}

// parseHARTime reads a startedDateTime. A number is milliseconds since the
// Unix epoch. The zero time means unreadable.
func parseHARTime(s string) time.Time {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}
	}
	for _, l := range harTimeLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t
		}
	}
	return time.Time{}
}
