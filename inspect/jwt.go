package inspect

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
)

// MaxTokenJSONDepth is the deepest nesting of a token's header or payload
// that is decoded. Decoding recurses once per level, and in the page the
// browser's call stack (about a megabyte, shared with every caller) ends the
// program at a few thousand levels; real claims nest three or four.
const MaxTokenJSONDepth = 64

// segmentNames names the parts of a JWS (3) and a JWE (5), for error messages.
var (
	jwsSegments = []string{"header", "payload", "signature"}
	jweSegments = []string{"header", "encrypted key", "initialization vector", "ciphertext", "authentication tag"}
)

// DecodeToken decodes one compact JWT (a JWS with 3 segments or a JWE with 5)
// without verifying anything. It always returns a Token: what could not be
// decoded is described by token.malformed findings on it, with the segment
// and the byte offset at fault.
func DecodeToken(raw, source string) Token {
	t := Token{Source: source, Raw: raw, Kind: TokenJWS}
	parts := strings.Split(raw, ".")
	switch len(parts) {
	case 3:
	case 5:
		t.Kind = TokenJWE
	default:
		t.addMalformed(fmt.Sprintf("%d segments instead of 3 or 5", len(parts)), fmt.Sprintf("a JWT has 3 dot-separated segments (signed, JWS) or 5 (encrypted, JWE); this one has %d", len(parts)),
			shorten(raw, 60))
		return t
	}
	names := jwsSegments
	if t.Kind == TokenJWE {
		names = jweSegments
	}

	header, ok := t.decodeSegment(parts[0], names[0], offsetOf(parts, 0))
	if ok {
		t.HeaderJSON, t.Header = t.decodeJSON(header, "header", true)
	}
	if t.Kind == TokenJWE {
		t.Findings = append(t.Findings, newFinding(CodeTokenEncrypted,
			"Encrypted token (JWE): its claims cannot be read",
			"The payload is encrypted for the server (enc "+quoteOr(t.Header["enc"], "unknown")+", alg "+quoteOr(t.Header["alg"], "unknown")+"). Only the holder of the decryption key can check its expiry, audience or scopes.",
			"5 segments; header "+safeText(string(compactJSON(t.HeaderJSON)))))
		for i := 1; i < 5; i++ {
			if parts[i] == "" && i != 1 { // the encrypted key is empty for alg "dir"
				t.addMalformed("empty "+names[i]+" segment", fmt.Sprintf("the %s segment (segment %d of 5) is empty", names[i], i+1), "")
				continue
			}
			t.decodeSegment(parts[i], names[i], offsetOf(parts, i))
		}
		return t
	}

	if payload, ok := t.decodeSegment(parts[1], "payload", offsetOf(parts, 1)); ok {
		if cty, _ := t.Header["cty"].(string); strings.EqualFold(cty, "JWT") {
			t.PayloadText = string(payload)
			t.Findings = append(t.Findings, newFinding(CodeTokenMalformed,
				"Nested JWT: the payload is another token",
				"The header says cty \"JWT\": decode the payload as a token of its own to see its claims.",
				"").withSeverity(SeverityWarning))
		} else if looksLikeJSON(payload) {
			t.PayloadJSON, t.Claims = t.decodeJSON(payload, "payload", true)
		} else if len(payload) > 0 {
			// RFC 7515 allows any octets as payload (RFC 8037's example signs a
			// sentence); such a token is fine as JWS but carries no claims.
			t.PayloadText = string(payload)
		}
	}
	if sig := parts[2]; sig == "" {
		if alg := t.Alg(); alg != "" && !strings.EqualFold(alg, "none") {
			t.addMalformed("empty signature", "the signature segment is empty although the header says alg "+quote(alg), "token ends with '.'")
		}
	} else {
		t.decodeSegment(sig, "signature", offsetOf(parts, 2))
	}
	if t.Header != nil {
		if _, ok := t.Header["alg"]; !ok {
			t.addMalformed("no alg in the header", "the header has no \"alg\" parameter (RFC 7515 §4.1.1 requires it)", string(compactJSON(t.HeaderJSON)))
		}
	}
	return t
}

func (t *Token) addMalformed(title, detail, evidence string) {
	t.Findings = append(t.Findings, newFinding(CodeTokenMalformed,
		"Malformed token: "+title,
		upperFirst(detail)+".",
		safeText(evidence)))
}

// offsetOf returns the byte offset at which segment i starts in the token.
func offsetOf(parts []string, i int) int {
	n := 0
	for _, p := range parts[:i] {
		n += len(p) + 1
	}
	return n
}

// decodeSegment decodes one base64url segment, reporting the first bad
// character by its offset in the segment and in the whole token.
func (t *Token) decodeSegment(seg, name string, at int) ([]byte, bool) {
	if strings.HasSuffix(seg, "=") {
		t.addMalformed("padded "+name+" segment", fmt.Sprintf("the %s segment is padded with '=' at offset %d; JWTs use unpadded base64url (RFC 7515 §2) and most validators reject padding",
			name, at+strings.IndexByte(seg, '=')), seg[max(0, len(seg)-8):])
		seg = strings.TrimRight(seg, "=")
	}
	b, err := base64.RawURLEncoding.DecodeString(seg)
	if err == nil {
		return b, true
	}
	var corrupt base64.CorruptInputError
	if errors.As(err, &corrupt) && int(corrupt) < len(seg) {
		i := int(corrupt)
		c := seg[i]
		why := fmt.Sprintf("character %q is not in the base64url alphabet", rune(c))
		switch c {
		case '+', '/':
			why = fmt.Sprintf("character %q belongs to standard base64, not base64url (which uses '-' and '_')", rune(c))
		case ' ', '\n', '\r', '\t':
			why = "whitespace inside the segment (was the token wrapped or cut when copied?)"
		}
		t.addMalformed("invalid base64url in the "+name, fmt.Sprintf("the %s segment is not valid base64url at offset %d of the token (offset %d of the segment): %s",
			name, at+i, i, why), around(seg, i))
		return nil, false
	}
	// The only other failure is a length no base64 encoding produces.
	t.addMalformed("truncated "+name+" segment", fmt.Sprintf("the %s segment has %d characters, a length base64url never produces (a character was lost when copying?)", name, len(seg)), shorten(seg, 40))
	return nil, false
}

// decodeJSON checks that b is one JSON object and returns it both as the
// original bytes and decoded with json.Number for numbers.
//
// JSON nested deeper than MaxTokenJSONDepth is not decoded: it is kept as
// it is (shown, not read), with a finding.
func (t *Token) decodeJSON(b []byte, name string, object bool) (json.RawMessage, map[string]any) {
	if d := jsonDepth(b); d > MaxTokenJSONDepth {
		t.Findings = append(t.Findings, newFinding(CodeTokenMalformed,
			fmt.Sprintf("The %s nests %s levels deep: not read", name, groupDigits(d)),
			fmt.Sprintf("whydenied reads token JSON nested at most %d levels (real claims nest a few); the %s is shown as it is, and none of its members is checked.", MaxTokenJSONDepth, name),
			shorten(string(b), 80)).withSeverity(SeverityWarning))
		if !json.Valid(b) {
			return nil, nil
		}
		return json.RawMessage(b), nil
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		t.addMalformed("the "+name+" is not valid JSON", fmt.Sprintf("the %s is not valid JSON: %s", name, jsonErrorText(err, b)), shorten(string(b), 80))
		return nil, nil
	}
	// What is kept to show is the JSON value alone: data after it would
	// make the report's JSON invalid.
	off := dec.InputOffset()
	value := b[:off]
	if len(bytes.TrimSpace(b[off:])) > 0 {
		t.addMalformed("data after the "+name+" JSON", fmt.Sprintf("the %s has data after its JSON value, at byte %d", name, off), shorten(string(b[off:]), 40))
	}
	m, ok := v.(map[string]any)
	if !ok {
		t.addMalformed("the "+name+" is not a JSON object", fmt.Sprintf("the %s is JSON but not an object", name), shorten(string(b), 80))
		return json.RawMessage(value), nil
	}
	t.Findings = append(t.Findings, memberNameFindings(b, name)...)
	return json.RawMessage(value), m
}

// jsonErrorText says what is wrong with b and at which byte.
func jsonErrorText(err error, b []byte) string {
	var syn *json.SyntaxError
	if errors.As(err, &syn) {
		return fmt.Sprintf("%s at byte %d", syn.Error(), syn.Offset)
	}
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		return fmt.Sprintf("it ends after %d bytes, in the middle of a value", len(b))
	}
	return err.Error()
}

func looksLikeJSON(b []byte) bool {
	b = bytes.TrimSpace(b)
	return len(b) > 0 && (b[0] == '{' || b[0] == '[')
}
