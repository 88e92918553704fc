package inspect

import (
	"bytes"
	"errors"
	"io"
	"regexp"
	"strings"
	"sync"

	"github.com/go-json-experiment/json/jsontext"
)

// Redacted is what SanitizeHAR writes instead of a secret.
const Redacted = "[REDACTED]"

// SanitizeHAR returns the HAR with its secrets redacted, still a HAR that
// loads anywhere (structure, member order and numbers kept; indented):
//
//   - values of Authorization, Proxy-Authorization, Cookie, Set-Cookie and
//     API-key headers (the scheme and cookie names and attributes stay);
//   - every cookie value in request.cookies and response.cookies;
//   - token fields in JSON and form bodies, query strings and URLs:
//     access_token, id_token, refresh_token, client_secret, password,
//     client_assertion, code_verifier, api_key, token, secret;
//   - JWT-looking strings anywhere: their signature is replaced, so the
//     token can no longer be used, while its header and payload stay
//     readable for a diagnosis (exp, aud, scopes). An encrypted (5-part)
//     token is replaced whole.
//
// It does not look inside base64-encoded bodies, and cannot know secrets
// that look like ordinary text (a password in a custom field name).
func SanitizeHAR(data []byte) ([]byte, error) {
	data = bytes.TrimPrefix(data, utf8BOM)
	dec := jsontext.NewDecoder(bytes.NewReader(data), jsontext.AllowDuplicateNames(true), jsontext.AllowInvalidUTF8(true))
	var out bytes.Buffer
	enc := jsontext.NewEncoder(&out, jsontext.AllowDuplicateNames(true), jsontext.AllowInvalidUTF8(true), jsontext.WithIndent(" "))
	type frame struct {
		object bool
		name   string // the member this container is the value of
		key    string // in an object: the member being read
		want   bool   // in an object: a name comes next
	}
	stack := []frame{{}}
	for {
		top := &stack[len(stack)-1]
		kind := dec.PeekKind()
		if kind == 0 {
			_, err := dec.ReadToken()
			if err == io.EOF {
				break
			}
			return nil, sanitizeError(err)
		}
		if top.object && top.want && kind == '"' {
			tok, err := dec.ReadToken()
			if err != nil {
				return nil, sanitizeError(err)
			}
			top.key, top.want = tok.String(), false
			if err := enc.WriteToken(tok); err != nil {
				return nil, err
			}
			continue
		}
		member := top.key
		if !top.object {
			member = top.name
		}
		if top.object {
			top.want = true
		}
		switch kind {
		case '{', '[':
			if kind == '{' && !top.object && isPairList(top.name) {
				v, err := dec.ReadValue()
				if err != nil {
					return nil, sanitizeError(err)
				}
				if err := enc.WriteValue(sanitizePair(v, top.name)); err != nil {
					return nil, err
				}
				continue
			}
			tok, err := dec.ReadToken()
			if err != nil {
				return nil, sanitizeError(err)
			}
			stack = append(stack, frame{object: kind == '{', name: member, want: true})
			if err := enc.WriteToken(tok); err != nil {
				return nil, err
			}
		case '}', ']':
			tok, err := dec.ReadToken()
			if err != nil {
				return nil, sanitizeError(err)
			}
			stack = stack[:len(stack)-1]
			if len(stack) == 0 {
				return nil, errors.New("har: unbalanced JSON")
			}
			stack[len(stack)-1].want = stack[len(stack)-1].object
			if err := enc.WriteToken(tok); err != nil {
				return nil, err
			}
		case '"':
			tok, err := dec.ReadToken()
			if err != nil {
				return nil, sanitizeError(err)
			}
			if err := enc.WriteToken(jsontext.String(sanitizeValue(member, tok.String()))); err != nil {
				return nil, err
			}
		default:
			tok, err := dec.ReadToken()
			if err != nil {
				return nil, sanitizeError(err)
			}
			if err := enc.WriteToken(tok); err != nil {
				return nil, err
			}
		}
		if len(stack) == 1 && dec.StackDepth() == 0 {
			break
		}
	}
	return out.Bytes(), nil
}

func sanitizeError(err error) error {
	he := &HARError{Err: ErrSyntax, Msg: err.Error()}
	var se *jsontext.SyntacticError
	if errors.As(err, &se) {
		he.Offset, he.Path, he.Msg = se.ByteOffset, pointerPath(se.JSONPointer), strings.TrimPrefix(se.Err.Error(), "jsontext: ")
		if errors.Is(se.Err, io.ErrUnexpectedEOF) {
			he.Err = ErrTruncated
		}
	}
	return he
}

// isPairList reports whether an array named so holds {name, value} pairs.
func isPairList(name string) bool {
	switch name {
	case "headers", "cookies", "queryString", "params":
		return true
	}
	return false
}

// sanitizePair redacts one {name, value, …} object of a headers, cookies,
// queryString or params list; the name decides.
func sanitizePair(v jsontext.Value, list string) jsontext.Value {
	dec := jsontext.NewDecoder(bytes.NewReader(v), jsontext.AllowDuplicateNames(true), jsontext.AllowInvalidUTF8(true))
	type member struct {
		name string
		val  jsontext.Value
	}
	var ms []member
	if _, err := dec.ReadToken(); err != nil {
		return v
	}
	name := ""
	for dec.PeekKind() == '"' {
		k, err := dec.ReadToken()
		if err != nil {
			return v
		}
		key := k.String()
		val, err := dec.ReadValue()
		if err != nil {
			return v
		}
		m := member{key, val.Clone()}
		if m.name == "name" && val.Kind() == '"' {
			var s string
			_ = jsonUnquote(val, &s)
			name = s
		}
		ms = append(ms, m)
	}
	var out bytes.Buffer
	enc := jsontext.NewEncoder(&out, jsontext.AllowDuplicateNames(true), jsontext.AllowInvalidUTF8(true))
	enc.WriteToken(jsontext.BeginObject)
	for _, m := range ms {
		enc.WriteToken(jsontext.String(m.name))
		if m.val.Kind() == '"' {
			var s string
			_ = jsonUnquote(m.val, &s)
			switch m.name {
			case "value":
				s = redactPairValue(list, name, s)
			default:
				s = redactJWTs(s)
			}
			enc.WriteToken(jsontext.String(s))
			continue
		}
		enc.WriteValue(m.val)
	}
	enc.WriteToken(jsontext.EndObject)
	return bytes.TrimSpace(out.Bytes())
}

func jsonUnquote(v jsontext.Value, s *string) error {
	b, err := jsontext.AppendUnquote(nil, v)
	*s = validUTF8(b)
	return err
}

// secretHeaders are headers whose whole value is a credential.
var secretHeaders = map[string]bool{
	"x-api-key": true, "api-key": true, "apikey": true, "x-auth-token": true, "x-access-token": true,
	"x-amz-security-token": true, "x-csrf-token": true, "x-xsrf-token": true, "x-csrftoken": true,
	"ocp-apim-subscription-key": true, "x-goog-api-key": true, "private-token": true, "x-vault-token": true,
}

// redactPairValue redacts the value of one header, cookie or parameter.
func redactPairValue(list, name, v string) string {
	n := strings.ToLower(name)
	switch {
	case list == "cookies":
		return redactSecret(v)
	case list == "headers" && (n == "authorization" || n == "proxy-authorization"):
		scheme, cred, ok := strings.Cut(strings.TrimSpace(v), " ")
		if !ok {
			return redactSecret(v)
		}
		return scheme + " " + redactSecret(strings.TrimSpace(cred))
	case list == "headers" && n == "cookie":
		parts := strings.Split(v, ";")
		for i, p := range parts {
			k, val, ok := strings.Cut(p, "=")
			if ok {
				parts[i] = k + "=" + redactSecret(strings.TrimSpace(val))
			}
		}
		return strings.Join(parts, ";")
	case list == "headers" && n == "set-cookie":
		k, rest, ok := strings.Cut(v, "=")
		if !ok {
			return redactSecret(v)
		}
		val, attrs, _ := strings.Cut(rest, ";")
		if attrs != "" {
			attrs = ";" + attrs
		}
		return k + "=" + redactSecret(strings.TrimSpace(val)) + attrs
	case list == "headers" && secretHeaders[n]:
		return redactSecret(v)
	case (list == "queryString" || list == "params") && secretField(n):
		return redactSecret(v)
	}
	return sanitizeText(v)
}

// sanitizeValue redacts a string value found at member name.
func sanitizeValue(name, v string) string {
	if secretField(strings.ToLower(name)) {
		return redactSecret(v)
	}
	return sanitizeText(v)
}

// secretField reports whether a field of that (lower-case) name holds a
// secret.
func secretField(n string) bool {
	switch n {
	case "access_token", "id_token", "refresh_token", "client_secret", "password", "passwd",
		"client_assertion", "code_verifier", "api_key", "apikey", "token", "secret", "assertion",
		"subject_token", "actor_token", "device_code", "session_token", "sessiontoken", "x-api-key":
		return true
	}
	return false
}

// redactSecret replaces a credential: a JWT loses its signature (see
// SanitizeHAR), anything else becomes Redacted.
func redactSecret(v string) string {
	if v == "" || v == Redacted {
		return v
	}
	if m := jwtPattern().FindString(v); m == v {
		return redactJWTs(v)
	}
	return Redacted
}

// secretInText finds token fields in JSON ("access_token": "…") and form
// or query text (access_token=…).
var (
	secretJSONField = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?i)("(?:access_token|id_token|refresh_token|client_secret|password|passwd|client_assertion|code_verifier|api_key|apikey|token|secret|assertion|subject_token|actor_token|device_code|session_token)"\s*:\s*")((?:[^"\\]|\\.)*)(")`)
	})
	secretFormField = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?i)((?:^|[?&;\s])(?:access_token|id_token|refresh_token|client_secret|password|passwd|client_assertion|code_verifier|api_key|apikey|token|secret|assertion|subject_token|actor_token|device_code|session_token|sig|signature|x-amz-signature|x-amz-security-token|x-amz-credential)=)([^&\s"]*)`)
	})
)

// sanitizeText redacts token fields and JWTs inside free text: bodies,
// URLs, other header values.
func sanitizeText(s string) string {
	if !strings.ContainsAny(s, "=:") && !strings.Contains(s, "eyJ") {
		return s
	}
	s = secretJSONField().ReplaceAllStringFunc(s, func(m string) string {
		p := secretJSONField().FindStringSubmatch(m)
		return p[1] + redactSecret(p[2]) + p[3]
	})
	s = secretFormField().ReplaceAllStringFunc(s, func(m string) string {
		p := secretFormField().FindStringSubmatch(m)
		return p[1] + redactSecret(p[2])
	})
	return redactJWTs(s)
}

// redactJWTs replaces the signature of every JWT in s (the whole token for
// JWE) so that none can be used.
func redactJWTs(s string) string {
	return jwtPattern().ReplaceAllStringFunc(s, func(tok string) string {
		parts := strings.Split(tok, ".")
		if len(parts) != 3 {
			return Redacted
		}
		if strings.HasSuffix(parts[2], "REDACTED") {
			return tok
		}
		return parts[0] + "." + parts[1] + ".REDACTED"
	})
}
