package inspect

import (
	"encoding/base64"
	"strings"
)

// Redacted is what replaces a secret.
const Redacted = "[REDACTED]"

// redactedSig replaces a JWT's signature: the token keeps its header and
// payload (exp, aud, scopes stay readable) and can no longer be used.
const redactedSig = "REDACTED"

// RedactSecret returns what replaces a credential value: a JWT keeps its
// header and payload with the signature replaced, an encrypted token (JWE)
// and anything else becomes Redacted.
func RedactSecret(v string) string {
	t := strings.TrimSpace(v)
	if t == "" || t == Redacted {
		return v
	}
	if s, e, ok := nextJWT(t, 0); ok && s == 0 && e == len(t) {
		return redactJWTAt(t)
	}
	return Redacted
}

// RedactCredential redacts an Authorization-style value "Scheme credentials":
// the scheme stays; a JWT keeps its header and payload; Basic keeps the user
// name (the base64 of "user:[REDACTED]"); anything else becomes Redacted.
// A value without a scheme is redacted whole (RedactSecret).
func RedactCredential(v string) string {
	t := strings.TrimSpace(v)
	scheme, cred, ok := strings.Cut(t, " ")
	if !ok || !isSchemeName(scheme) {
		return RedactSecret(v)
	}
	cred = strings.TrimSpace(cred)
	if strings.EqualFold(scheme, "basic") {
		return scheme + " " + redactBasic(cred)
	}
	return scheme + " " + RedactSecret(cred)
}

func isSchemeName(s string) bool {
	if s == "" || len(s) > 40 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.') {
			return false
		}
	}
	return true
}

// redactBasic keeps the user of Basic credentials, re-encoded with the
// password replaced, so that the header still reads as Basic.
func redactBasic(cred string) string {
	if cred == "" || cred == Redacted {
		return cred
	}
	raw, err := base64.StdEncoding.DecodeString(cred)
	if err != nil {
		raw, err = base64.RawStdEncoding.DecodeString(strings.TrimRight(cred, "="))
	}
	user, _, ok := strings.Cut(string(raw), ":")
	if err != nil || !ok {
		return Redacted
	}
	return base64.StdEncoding.EncodeToString([]byte(user + ":" + Redacted))
}

// RedactCookies redacts every value of a Cookie header ("a=1; b=2"), keeping
// the names.
func RedactCookies(v string) string {
	var b strings.Builder
	for i, part := range strings.Split(v, ";") {
		if i > 0 {
			b.WriteByte(';')
		}
		k, val, ok := strings.Cut(part, "=")
		if !ok {
			b.WriteString(RedactSecret(part))
			continue
		}
		b.WriteString(k + "=" + RedactSecret(val))
	}
	return b.String()
}

// RedactSetCookie redacts a Set-Cookie value, one cookie per line (HAR
// exporters join several Set-Cookie headers with newlines): each cookie's
// value goes, its name and attributes stay.
func RedactSetCookie(v string) string {
	lines := strings.Split(v, "\n")
	for i, line := range lines {
		k, rest, ok := strings.Cut(line, "=")
		if !ok {
			if strings.TrimSpace(line) != "" {
				lines[i] = RedactSecret(line)
			}
			continue
		}
		val, attrs, hasAttrs := strings.Cut(rest, ";")
		out := k + "=" + RedactSecret(val)
		if hasAttrs {
			out += ";" + RedactText(attrs)
		}
		lines[i] = out
	}
	return strings.Join(lines, "\n")
}

// RedactHeader returns a header's value with its secrets redacted: the
// credentials of Authorization-like headers (scheme kept), every cookie
// value, the whole value of headers named like a secret, and in any other
// header what RedactText finds (secrets in URLs, JWT signatures).
func RedactHeader(name, value string) string {
	switch strings.ToLower(strings.TrimSpace(name)) {
	case "cookie":
		return RedactCookies(value)
	case "set-cookie":
		return RedactSetCookie(value)
	}
	if SecretHeader(name) {
		return RedactCredential(value)
	}
	return RedactText(value)
}

// redactCookieValue redacts one cookie's value.
func redactCookieValue(v string) string { return RedactSecret(v) }
