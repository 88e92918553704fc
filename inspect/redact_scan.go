package inspect

import (
	"net/url"
	"strings"
)

// RedactText redacts the secrets free text can hold: JWT signatures
// (base64url or standard base64), "name=value" and "name: value" pairs whose
// name is secret (form and query strings, JSON, GraphQL arguments, script
// assignments such as password = '…', header lines such as
// "Authorization: Bearer …"), the passwords of URLs (https://user:pass@…),
// localStorage.setItem('access_token', …), HTML inputs and meta tags named
// like a secret, Bearer and Basic credentials, PEM private keys and API keys
// of well-known shapes (ghp_…, xoxb-…, sk_live_…, AIza…).
//
// Text that looks like ordinary words is left alone, so a secret with no
// name and no recognisable shape cannot be found.
func RedactText(s string) string { return redactJWTs(redactText(s, false)) }

// RedactFrame redacts a WebSocket text frame or another line-based protocol
// message: what RedactText finds, and the rest of a line that starts with a
// credential command (AUTH, PASS, PASSWORD, TOKEN, APIKEY).
func RedactFrame(s string) string { return redactJWTs(redactText(s, true)) }

// RedactURL redacts a URL: the password of its user-info, secret query and
// fragment parameters (access_token, id_token, code, key, sig,
// X-Amz-Signature, …), JWT signatures anywhere, and secrets inside URLs
// encoded in its parameters (redirect_uri=…%3Fcode%3D…).
func RedactURL(u string) string {
	u = RedactText(u)
	if !strings.Contains(u, "%3D") && !strings.Contains(u, "%3d") {
		return u
	}
	start := strings.IndexAny(u, "?#")
	if start < 0 {
		return u
	}
	var b strings.Builder
	b.WriteString(u[:start+1])
	rest := u[start+1:]
	for i, part := range strings.FieldsFunc(rest, func(r rune) bool { return r == '&' }) {
		if i > 0 {
			b.WriteByte('&')
		}
		k, v, ok := strings.Cut(part, "=")
		if ok && (strings.Contains(v, "%3D") || strings.Contains(v, "%3d")) {
			if dec, err := url.QueryUnescape(v); err == nil {
				if red := RedactURL(dec); red != dec {
					v = url.QueryEscape(red)
				}
			}
			b.WriteString(k + "=" + v)
			continue
		}
		b.WriteString(part)
	}
	return b.String()
}

// textEditor copies s with replacements made in order.
type textEditor struct {
	s    string
	b    strings.Builder
	last int
	used bool
}

func (e *textEditor) replace(start, end int, repl string) {
	if start < e.last || start > end || repl == e.s[start:end] {
		return
	}
	if !e.used {
		e.used = true
		e.b.Grow(len(e.s))
	}
	e.b.WriteString(e.s[e.last:start])
	e.b.WriteString(repl)
	e.last = end
}

func (e *textEditor) String() string {
	if !e.used {
		return e.s
	}
	e.b.WriteString(e.s[e.last:])
	return e.b.String()
}

func identByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ||
		c == '_' || c == '-' || c == '.' || c == '$' || c == '[' || c == ']'
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' }

// redactText is RedactText without the JWT pass.
func redactText(s string, lines bool) string {
	e := textEditor{s: s}
	for i := 0; i < len(s); i++ {
		c := s[i]
		next := -1
		switch {
		case c == '=' || c == ':':
			next = redactPair(&e, s, i)
		case c == ',':
			next = redactStorageCall(&e, s, i)
		case c == '<':
			next = redactTag(&e, s, i)
		case c == '-' && strings.HasPrefix(s[i:], "-----BEGIN "):
			next = redactPEM(&e, s, i)
		case c == 'B' || c == 'b' || c == 'D' || c == 'N' || c == 'T':
			next = redactSchemeWord(&e, s, i)
		}
		if next < 0 && (i == 0 || !identByte(s[i-1])) {
			next = redactKnownKey(&e, s, i)
			if next < 0 && lines && (i == 0 || s[i-1] == '\n') {
				next = redactCommandLine(&e, s, i)
			}
		}
		if next > i {
			i = next - 1
		}
	}
	return e.String()
}

// redactPair handles the separator at s[i] ('=' or ':'): when the name
// before it is secret, the value after it is redacted. It returns where to
// go on scanning, or -1.
func redactPair(e *textEditor, s string, i int) int {
	c := s[i]
	if c == ':' && strings.HasPrefix(s[i:], "://") {
		return redactUserInfo(e, s, i+3)
	}
	// The name: an identifier, maybe quoted, maybe followed by spaces.
	j := i
	for j > 0 && i-j < 8 && isSpace(s[j-1]) {
		j--
	}
	var q byte
	if j > 0 && (s[j-1] == '"' || s[j-1] == '\'' || s[j-1] == '`') {
		q = s[j-1]
		j--
		if j > 0 && s[j-1] == '\\' {
			j--
		}
	}
	k := j
	for k > 0 && identByte(s[k-1]) {
		k--
		if j-k > 64 {
			return -1
		}
	}
	if k == j {
		return -1
	}
	name := s[k:j]
	var prev byte
	if p := k - 1; p >= 0 {
		if q != 0 && (s[p] == q) {
			p--
			if p >= 0 && s[p] == '\\' {
				p--
			}
		}
		if p >= 0 {
			prev = s[p]
		}
	}
	param := c == '=' && (prev == '?' || prev == '&' || prev == '#' || prev == ';')
	headerLine := c == ':' && q == 0 && (k == 0 || s[k-1] == '\n' || s[k-1] == '\r')
	if !(SecretName(name) || param && SecretParam(name) || c == ':' && SecretHeader(name)) {
		return -1
	}
	// The value.
	v := i + 1
	if c == '=' && v < len(s) && (s[v] == '>' || s[v] == '=') {
		if s[v] == '=' && !(i > 0 && isSpace(s[i-1])) {
			return -1 // base64 padding, not a comparison
		}
		v++
		for v < len(s) && s[v] == '=' {
			v++
		}
	}
	for v < len(s) && isSpace(s[v]) {
		v++
	}
	if v >= len(s) {
		return -1
	}
	start, end := v, v
	switch vc := s[v]; {
	case vc == '"' || vc == '\'' || vc == '`':
		start, end = v+1, quoteEnd(s, v+1, vc)
	case vc == '\\' && v+1 < len(s) && s[v+1] == '"':
		start = v + 2
		end = strings.Index(s[start:], `\"`)
		if end < 0 {
			end = len(s)
		} else {
			end += start
		}
	case vc == '{' || vc == '[':
		return -1
	case headerLine && !param && (strings.EqualFold(name, "cookie") || strings.EqualFold(name, "set-cookie")):
		end = strings.IndexAny(s[v:], "\r\n")
		if end < 0 {
			end = len(s)
		} else {
			end += v
		}
		if !strings.Contains(s[start:end], "=") {
			return -1 // words, not cookies
		}
	default:
		stop := " \t\r\n&;,\"'<>)}]"
		if param {
			stop += "#"
		}
		end = strings.IndexAny(s[v:], stop)
		if end < 0 {
			end = len(s)
		} else {
			end += v
		}
		w := s[start:end]
		if w == "null" || w == "true" || w == "false" {
			return end
		}
		// "Authorization: Bearer abc" in running text: the credentials
		// after the scheme are the value; a scheme alone is not.
		if end < len(s) && s[end] == ' ' && knownScheme(w) {
			k := end
			for k < len(s) && s[k] == ' ' {
				k++
			}
			c := k
			for c < len(s) && (token68Byte(s[c]) || s[c] == '=') {
				c++
			}
			if c == k || !credentialLike(s[k:c]) {
				return -1
			}
			end = c
			break
		}
		// After "name:" in running text a word is prose ("Malformed
		// token: the header …"); only what looks like a credential goes.
		// A quoted name (JSON, a script) or name= (a form, a query) is
		// always followed by its value.
		if c == ':' && q == 0 && !credentialLike(w) {
			return -1
		}
	}
	if end <= start {
		return end
	}
	if strings.EqualFold(name, "credentials") && fetchCredentialsMode(s[start:end]) {
		return end
	}
	e.replace(start, end, redactNamedValue(name, s[start:end]))
	return end
}

// redactNamedValue redacts the value of a secret name found in text.
func redactNamedValue(name, v string) string {
	switch strings.ToLower(name) {
	case "cookie":
		return RedactCookies(v)
	case "set-cookie":
		return RedactSetCookie(v)
	}
	scheme, _, _ := strings.Cut(strings.TrimSpace(v), " ")
	if knownScheme(scheme) {
		return RedactCredential(v)
	}
	return RedactSecret(v)
}

// knownScheme reports whether s names an HTTP authentication scheme, so that
// it can stay in front of the redacted credentials.
func knownScheme(s string) bool {
	switch strings.ToLower(s) {
	case "bearer", "basic", "digest", "dpop", "token", "negotiate", "ntlm", "aws4-hmac-sha256",
		"hoba", "mutual", "scram-sha-1", "scram-sha-256", "jwt", "mac", "apikey", "sharedkey",
		"splunk", "ssws", "googlelogin", "oauth", "signature", "gnap", "privatetoken":
		return true
	}
	return false
}

// closingQuote returns the index of the quote q that closes the string
// starting at s[from], skipping backslash escapes, or the end of the line.
func quoteEnd(s string, from int, q byte) int {
	for k := from; k < len(s); k++ {
		switch s[k] {
		case '\\':
			k++
		case q:
			return k
		case '\n':
			return k
		}
	}
	return len(s)
}

// redactUserInfo redacts the password in scheme://user:password@host, where
// from is the index after "://".
func redactUserInfo(e *textEditor, s string, from int) int {
	colon := -1
	for k := from; k < len(s) && k-from < 512; k++ {
		switch s[k] {
		case ':':
			if colon < 0 {
				colon = k
			}
		case '@':
			if colon >= 0 && k > colon+1 {
				e.replace(colon+1, k, "REDACTED")
			}
			return k
		case '/', '?', '#', ' ', '"', '\'', '<', '>', '\n', '\\':
			return k
		}
	}
	return -1
}

// redactStorageCall handles ('access_token', '…'): a quoted secret name, a
// comma and a quoted value, as in localStorage.setItem or a JS Map.
func redactStorageCall(e *textEditor, s string, i int) int {
	j := i
	for j > 0 && i-j < 8 && isSpace(s[j-1]) {
		j--
	}
	if j == 0 || (s[j-1] != '\'' && s[j-1] != '"' && s[j-1] != '`') {
		return -1
	}
	q := s[j-1]
	open := strings.LastIndexByte(s[max(0, j-66):j-1], q)
	if open < 0 {
		return -1
	}
	open += max(0, j-66)
	name := s[open+1 : j-1]
	for k := 0; k < len(name); k++ {
		if !identByte(name[k]) {
			return -1
		}
	}
	if !SecretName(name) {
		return -1
	}
	v := i + 1
	for v < len(s) && isSpace(s[v]) {
		v++
	}
	if v >= len(s) || (s[v] != '\'' && s[v] != '"' && s[v] != '`') {
		return -1
	}
	end := quoteEnd(s, v+1, s[v])
	if end > v+1 {
		e.replace(v+1, end, RedactSecret(s[v+1:end]))
	}
	return end
}

// redactTag handles <input …> and <meta …>: when the name, id or property
// attribute is secret, the value and content attributes are redacted.
func redactTag(e *textEditor, s string, i int) int {
	rest := s[i+1:]
	if !(len(rest) >= 5 && strings.EqualFold(rest[:5], "input") || len(rest) >= 4 && strings.EqualFold(rest[:4], "meta")) {
		return -1
	}
	end := strings.IndexByte(rest[:min(len(rest), 4096)], '>')
	if end < 0 {
		return -1
	}
	end += i + 1
	type span struct{ start, end int }
	var values []span
	secret := false
	k := i + 1
	for k < end && s[k] != ' ' && s[k] != '\t' && s[k] != '\n' {
		k++
	}
	for k < end {
		for k < end && (s[k] == ' ' || s[k] == '\t' || s[k] == '\n' || s[k] == '\r' || s[k] == '/') {
			k++
		}
		ns := k
		for k < end && s[k] != '=' && s[k] != ' ' && s[k] != '\t' && s[k] != '\n' && s[k] != '/' {
			k++
		}
		attr := strings.ToLower(s[ns:k])
		if k >= end || s[k] != '=' {
			continue
		}
		k++
		vs, ve := k, k
		if k < end && (s[k] == '"' || s[k] == '\'') {
			q := s[k]
			vs = k + 1
			ve = strings.IndexByte(s[vs:end], q)
			if ve < 0 {
				ve = end
			} else {
				ve += vs
			}
			k = min(ve+1, end)
		} else {
			for k < end && s[k] != ' ' && s[k] != '\t' && s[k] != '\n' {
				k++
			}
			ve = k
		}
		switch attr {
		case "name", "id", "property", "itemprop":
			secret = secret || SecretParam(s[vs:ve])
		case "value", "content":
			values = append(values, span{vs, ve})
		}
		if ns == k {
			k++
		}
	}
	if !secret {
		return -1
	}
	for _, v := range values {
		if v.end > v.start {
			e.replace(v.start, v.end, RedactSecret(s[v.start:v.end]))
		}
	}
	return end + 1
}

// redactPEM redacts the body of a PEM private key block.
func redactPEM(e *textEditor, s string, i int) int {
	lineEnd := strings.IndexByte(s[i:min(len(s), i+200)], '\n')
	if lineEnd < 0 {
		lineEnd = min(len(s), i+200) - i
	}
	head := s[i : i+lineEnd]
	if !strings.Contains(head, "PRIVATE KEY") && !strings.Contains(head, "ENCRYPTED KEY") {
		return -1
	}
	// The header line may end in "-----" before any newline (a PEM on one
	// line, or with escaped newlines).
	start := i + len("-----BEGIN ")
	if k := strings.Index(s[start:], "-----"); k >= 0 {
		start += k + len("-----")
	}
	end := strings.Index(s[start:], "-----END")
	if end < 0 {
		end = len(s)
	} else {
		end += start
	}
	if end > start {
		e.replace(start, end, Redacted)
	}
	return end
}

// redactSchemeWord handles "Bearer <credentials>" and its like in text: the
// credentials go, the scheme stays. Ordinary words after a scheme name
// ("Bearer token", "Basic credentials") are left alone.
func redactSchemeWord(e *textEditor, s string, i int) int {
	if i > 0 && identByte(s[i-1]) {
		return -1
	}
	var scheme string
	for _, sch := range [...]string{"Bearer ", "Basic ", "DPoP ", "Token ", "Negotiate ", "NTLM "} {
		if len(s)-i >= len(sch) && strings.EqualFold(s[i:i+len(sch)], sch) {
			scheme = sch
			break
		}
	}
	if scheme == "" {
		return -1
	}
	v := i + len(scheme)
	for v < len(s) && s[v] == ' ' {
		v++
	}
	end := v
	for end < len(s) && token68Byte(s[end]) {
		end++
	}
	for end < len(s) && s[end] == '=' {
		end++
	}
	if end < len(s) && end > v && s[end-1] == '=' && (token68Byte(s[end]) || s[end] == '"') {
		return -1 // an auth-param (realm="x"), not credentials
	}
	cred := s[v:end]
	if !credentialLike(cred) {
		return -1
	}
	if strings.EqualFold(scheme, "Basic ") {
		e.replace(v, end, redactBasic(cred))
	} else {
		e.replace(v, end, RedactSecret(cred))
	}
	return end
}

func token68Byte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ||
		c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/'
}

// credentialLike tells credentials from a word: long, or mixing case,
// digits or symbols.
func credentialLike(s string) bool {
	if len(s) >= 24 {
		return true
	}
	if len(s) < 8 || s == Redacted {
		return false
	}
	for k := 0; k < len(s); k++ {
		c := s[k]
		if !(c >= 'a' && c <= 'z') {
			return true
		}
	}
	return false
}

// knownKeyPrefixes start API keys whose shape alone says they are secret.
var knownKeyPrefixes = [...]string{"ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_", "glpat-",
	"xoxb-", "xoxp-", "xoxa-", "xoxs-", "xoxe-", "sk_live_", "rk_live_", "sk_test_", "AIza", "npm_", "sk-proj-"}

// redactKnownKey redacts an API key of a well-known shape starting at s[i].
func redactKnownKey(e *textEditor, s string, i int) int {
	switch s[i] {
	case 'g', 'x', 's', 'r', 'A', 'n':
	default:
		return -1
	}
	for _, p := range knownKeyPrefixes {
		if !strings.HasPrefix(s[i:], p) {
			continue
		}
		end := i + len(p)
		for end < len(s) && (identByte(s[end]) && s[end] != '.' && s[end] != '$' && s[end] != '[' && s[end] != ']') {
			end++
		}
		if end-i-len(p) < 16 {
			return -1
		}
		e.replace(i, end, Redacted)
		return end
	}
	return -1
}

// redactCommandLine redacts the arguments of a line-based protocol's
// credential command (Redis AUTH, IRC PASS, …) at the start of a line.
func redactCommandLine(e *textEditor, s string, i int) int {
	for _, cmd := range [...]string{"AUTH ", "PASS ", "PASSWORD ", "TOKEN ", "APIKEY "} {
		if !strings.HasPrefix(s[i:], cmd) {
			continue
		}
		v := i + len(cmd)
		end := strings.IndexAny(s[v:], "\r\n")
		if end < 0 {
			end = len(s)
		} else {
			end += v
		}
		if end > v {
			e.replace(v, end, Redacted)
		}
		return end
	}
	return -1
}

// jwtStart reports whether a JWT can start at s[i]: the base64 of '{'
// ("eyJ", "eyA", "ewo", "ew0", "ewk") after a byte that cannot be part of it.
func jwtStart(s string, i int) bool {
	if i+3 > len(s) || s[i] != 'e' {
		return false
	}
	if i > 0 && (b64Byte(s[i-1]) || s[i-1] == '.') {
		return false
	}
	switch s[i+1 : i+3] {
	case "yJ", "yA", "wo", "w0", "wk":
		return true
	}
	return false
}

func b64Byte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '+' || c == '/'
}

// nextJWT finds the next compact JWT (3 segments, or 5 for JWE) in s at or
// after from. Segments may be base64url or standard base64 (+, /, =).
func nextJWT(s string, from int) (start, end int, ok bool) {
	for i := from; i < len(s); i++ {
		k := strings.IndexByte(s[i:], 'e')
		if k < 0 {
			return 0, 0, false
		}
		i += k
		if !jwtStart(s, i) {
			continue
		}
		end, dots := i, 0
		segStart := i
		for end < len(s) {
			c := s[end]
			if b64Byte(c) || c == '=' {
				end++
				continue
			}
			if c == '.' && dots < 4 && (dots > 0 || end-segStart >= 10) {
				dots++
				end++
				segStart = end
				continue
			}
			break
		}
		if dots == 3 { // a 4th segment is not a token shape: keep 3
			end = strings.LastIndexByte(s[i:end], '.') + i
			dots = 2
		}
		if dots == 2 || dots == 4 {
			return i, end, true
		}
		i = end
	}
	return 0, 0, false
}

// redactJWTAt replaces the signature of one JWT (the whole token for JWE).
func redactJWTAt(tok string) string {
	if strings.Count(tok, ".") != 2 {
		return Redacted
	}
	i := strings.LastIndexByte(tok, '.')
	if tok[i+1:] == redactedSig {
		return tok
	}
	return tok[:i+1] + redactedSig
}

// redactJWTs replaces the signature of every JWT in s (the whole token for
// JWE) so that none can be used.
func redactJWTs(s string) string {
	start, end, ok := nextJWT(s, 0)
	if !ok {
		return s
	}
	e := textEditor{s: s}
	for ok {
		e.replace(start, end, redactJWTAt(s[start:end]))
		start, end, ok = nextJWT(s, end)
	}
	return e.String()
}

// fetchCredentialsMode reports whether v is one of fetch's credentials
// modes ({credentials: "include"}), which name no secret.
func fetchCredentialsMode(v string) bool {
	switch v {
	case "include", "omit", "same-origin":
		return true
	}
	return false
}
