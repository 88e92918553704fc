package inspect

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"sync"

	"github.com/go-json-experiment/json/jsontext"
)

// jwtPattern finds compact JWTs in free text: a header segment whose JSON
// starts with '{' (base64url "eyJ", or "ew…"/"eyA" when the JSON starts with
// whitespace, as in RFC 7515's example), then 2 more segments (JWS) or 4 (JWE).
var jwtPattern = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?:eyJ|eyA|ewo|ew0|ewk)[A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]*){2}(?:\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*)?`)
})

// found is a JWT located in a text.
type found struct {
	raw    string
	offset int
	source string
}

// ParseTokens reads any text a person may paste as "the token": a bare JWT,
// an "Authorization: Bearer …" line, a JSON token response
// ({"access_token": …, "id_token": …}), or any text holding one or more JWTs.
// It never fails: a token that cannot be decoded comes back with
// token.malformed findings, and text holding no token at all gets one
// finding that says so.
func ParseTokens(text string) Case {
	c := Case{Kind: KindTokens}
	trimmed := strings.TrimSpace(strings.TrimPrefix(text, "\ufeff"))
	if trimmed == "" {
		c.Kind = KindEmpty
		return c
	}
	var hits []found
	if trimmed[0] == '{' {
		hits = jsonTokens([]byte(trimmed))
	}
	if len(hits) == 0 {
		hits = textTokens(text)
	}
	if len(hits) == 0 {
		c.Tokens, c.Findings = singleCredential(trimmed)
		return c
	}
	seen := map[string]bool{}
	left := 0
	for _, h := range hits {
		if seen[h.raw] {
			continue
		}
		seen[h.raw] = true
		if len(c.Tokens) == MaxTokens {
			left++
			continue
		}
		t := DecodeToken(h.raw, h.source)
		t.Offset = h.offset
		c.Tokens = append(c.Tokens, t)
	}
	if left > 0 {
		c.Findings = append(c.Findings, newFinding(CodeInputTooManyTokens,
			fmt.Sprintf("Only the first %s of %s different tokens were judged", groupDigits(MaxTokens), groupDigits(MaxTokens+left)),
			fmt.Sprintf("whydenied judges at most %s different tokens in one text; the token a request would carry is looked for among them. Paste the token that was sent, or the lines around the failure.", groupDigits(MaxTokens)),
			fmt.Sprintf("%s different tokens found, %s judged", groupDigits(MaxTokens+left), groupDigits(MaxTokens))))
	}
	return c
}

// MaxTokens is the most different tokens judged in one text: each is
// decoded and judged on its own (about 9 KB of report each), and a text of
// 100,000 took 18 s and 1 GB natively, several times that in the page.
const MaxTokens = 1000

// textTokens finds every JWT in text, naming each by what precedes it on its
// line ("Authorization header", a JSON or form key) or by its line number.
// It reads text once: line numbers are counted from the previous token,
// and a name is looked for in at most sourceWindow bytes before a token.
func textTokens(text string) []found {
	if !mayHoldJWT(text) {
		return nil
	}
	var out []found
	oneLine := strings.IndexByte(text, '\n') < 0
	line, counted := 1, 0 // line of offset counted
	for _, loc := range jwtPattern().FindAllStringIndex(text, -1) {
		start, end := loc[0], loc[1]
		if start > 0 && isTokenByte(text[start-1]) {
			continue // inside a longer word: not a token boundary
		}
		line += strings.Count(text[counted:start], "\n")
		work.Add(int64(start - counted))
		counted = start
		out = append(out, found{raw: text[start:end], offset: start, source: sourceBefore(text, start, line, oneLine)})
	}
	return out
}

// mayHoldJWT reports whether text holds "ey" or "ew", with which every
// match of jwtPattern starts: most header values, cookies and query
// parameters do not, and need no regular expression.
func mayHoldJWT(text string) bool {
	return strings.Contains(text, "ey") || strings.Contains(text, "ew")
}

func isTokenByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.'
}

var keyBefore = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?i)(?:"([\w:.-]+)"\s*:\s*"|\b([\w:.-]+)=|\b(authorization|dpop)\s*:\s*(?:bearer|dpop)?\s*|\b(bearer)\s+)$`)
})

// keyBeforeMatch is keyBefore().FindStringSubmatch(s) without running the
// expression where it cannot match: every match ends with '"', '=', or,
// before trailing blanks, ':', "bearer" or "dpop". The expression tries
// every start in the window, which made it most of the cost of reading
// text holding many tokens (2,000 on a line: 3.5 s in the page).
func keyBeforeMatch(s string) []string {
	if s == "" {
		return nil
	}
	if c := s[len(s)-1]; c != '"' && c != '=' {
		t := strings.TrimRight(s, " \t\n\f\r")
		n := len(t)
		if n == 0 || t[n-1] != ':' && !hasSuffixFold(t, "bearer") && !hasSuffixFold(t, "dpop") {
			return nil
		}
	}
	return keyBefore().FindStringSubmatch(s)
}

func hasSuffixFold(s, suffix string) bool {
	return len(s) >= len(suffix) && strings.EqualFold(s[len(s)-len(suffix):], suffix)
}

// sourceWindow is how far before a token sourceBefore looks for its name:
// a key or header name sits right before the token it names.
const sourceWindow = 256

// sourceBefore names a token by the text just before it on its line (line
// is its 1-based line number; oneLine says text has a single line).
func sourceBefore(text string, at, line int, oneLine bool) string {
	from := max(0, at-sourceWindow)
	lineStart := strings.LastIndexByte(text[from:at], '\n') + 1 + from
	work.Add(int64(at - from))
	if m := keyBeforeMatch(text[lineStart:at]); m != nil {
		switch {
		case m[1] != "":
			return m[1]
		case m[2] != "":
			return m[2]
		case m[3] != "" && strings.EqualFold(m[3], "dpop"):
			return "DPoP header"
		default:
			return "Authorization header"
		}
	}
	if oneLine {
		return "input"
	}
	return fmt.Sprintf("line %d", line)
}

// jsonTokens reads a JSON document and returns the JWTs held by its string
// values, in document order, each named by its path ("access_token",
// "tokens.id_token", "items[2].token"). It returns nil when b does not
// start with a valid JSON value (what follows the value is not read).
func jsonTokens(b []byte) []found {
	dec := jsontext.NewDecoder(bytes.NewReader(b),
		jsontext.AllowDuplicateNames(true), jsontext.AllowInvalidUTF8(true))
	var out []found
	var buf []byte
	for {
		if dec.PeekKind() == '"' {
			raw, err := dec.ReadValue()
			if err != nil {
				return nil
			}
			if !mayHoldJWT(string(raw)) {
				continue
			}
			at := int(dec.InputOffset()) - len(raw)
			buf, err = jsontext.AppendUnquote(buf[:0], raw)
			if err != nil {
				continue
			}
			s := string(buf)
			var path string
			for _, loc := range jwtPattern().FindAllStringIndex(s, -1) {
				if path == "" {
					path = pointerPath(dec.StackPointer())
				}
				tok := s[loc[0]:loc[1]]
				off := at
				if i := bytes.Index(raw, []byte(tok)); i >= 0 {
					off += i
				}
				out = append(out, found{raw: tok, offset: off, source: path})
			}
		} else if _, err := dec.ReadToken(); err != nil {
			return nil
		}
		if dec.StackDepth() == 0 {
			return out
		}
	}
}

// singleCredential handles text that holds no whole JWT: a JWT cut off
// (it starts like a JOSE header, "eyJ…") is decoded for a precise
// token.malformed, whether alone, after "Bearer" or among other words; one
// word with a dot is taken as a (broken) token too; an Authorization line
// with another scheme is described as such, a long word of token
// characters as an opaque token; anything else holds nothing to judge
// (input.unrecognized).
func singleCredential(text string) ([]Token, []Finding) {
	value := text
	if name, v, ok := strings.Cut(text, ":"); ok && !strings.ContainsAny(name, " \t\n") &&
		(strings.EqualFold(name, "authorization") || strings.EqualFold(name, "proxy-authorization")) {
		value = strings.TrimSpace(v)
	}
	scheme, cred, hasScheme := strings.Cut(value, " ")
	if hasScheme && !strings.ContainsAny(strings.TrimSpace(cred), " \t\n") && isAuthScheme(scheme) {
		if strings.EqualFold(scheme, "bearer") || strings.EqualFold(scheme, "dpop") {
			cred = strings.TrimSpace(cred)
			if strings.Count(cred, ".") >= 1 || hasJOSEStart(cred) {
				return []Token{DecodeToken(cred, "Authorization header")}, nil
			}
			return nil, []Finding{opaqueBearer(cred, "Authorization header")}
		}
		return nil, []Finding{authSchemeFinding(scheme, strings.TrimSpace(cred), "Authorization header")}
	}
	if !strings.ContainsAny(value, " \t\r\n") {
		switch {
		case strings.Contains(value, ".") || hasJOSEStart(value):
			return []Token{DecodeToken(value, "input")}, nil
		case looksOpaque(value):
			return nil, []Finding{opaqueBearer(value, "input")}
		}
		return nil, []Finding{unrecognized(text)}
	}
	// Several words: a JWT cut off among them is still a JWT.
	var toks []Token
	for _, w := range strings.Fields(text) {
		w = strings.Trim(w, "\"',;()[]{}<>")
		if hasJOSEStart(w) {
			toks = append(toks, DecodeToken(w, "input"))
		}
	}
	if len(toks) > 0 {
		return toks, nil
	}
	return nil, []Finding{unrecognized(text)}
}

// unrecognized says that text holds no token, command or HAR.
func unrecognized(text string) Finding {
	return newFinding(CodeInputUnrecognized,
		"No token, command or HAR in the text: nothing to judge",
		"A JWT is three base64url segments separated by dots, the first starting with \"eyJ\" (the encoding of '{\"'). Paste the token itself, an Authorization header, the token endpoint's JSON response, a curl, PowerShell or fetch command, or drop a HAR file.",
		shorten(text, 60))
}

// hasJOSEStart reports whether s starts like a JWT, cut or whole: the
// base64url of a JSON object's start ("eyJ" for '{"', "eyA", "ewo", "ew0",
// "ewk" for '{' and white space), then base64url characters and dots.
func hasJOSEStart(s string) bool {
	if len(s) < 8 {
		return false
	}
	switch s[:3] {
	case "eyJ", "eyA", "ewo", "ew0", "ewk":
	default:
		return false
	}
	for i := 3; i < len(s); i++ {
		if c := s[i]; !isTokenByte(c) && c != '=' {
			return false
		}
	}
	return true
}

// looksOpaque reports whether a word is shaped like an opaque token: at
// least 16 characters of base64, base64url or hex, with a digit among them.
func looksOpaque(s string) bool {
	if len(s) < 16 {
		return false
	}
	digit := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		digit = digit || c >= '0' && c <= '9'
		if !isTokenByte(c) && c != '+' && c != '/' && c != '=' && c != '~' {
			return false
		}
	}
	return digit
}

// isAuthScheme reports whether s is an HTTP authentication scheme name.
func isAuthScheme(s string) bool {
	switch strings.ToLower(s) {
	case "bearer", "basic", "digest", "negotiate", "ntlm", "dpop", "token", "aws4-hmac-sha256", "sharedaccesssignature", "hoba", "mutual", "vapid", "scram-sha-256", "sharedkey", "apikey", "api-key":
		return true
	}
	return false
}
