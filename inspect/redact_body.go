package inspect

import (
	"encoding/base64"
	"mime"
	"net/url"
	"strings"
)

// RedactBody returns a request or response body with its secrets redacted,
// read according to its media type: JSON (see RedactJSON), form data
// (fields named like a secret parameter: code, password, client_assertion,
// …), multipart form data (parts named like a secret), and any other text
// (HTML, scripts, XML, GraphQL: see RedactText). A body that claims to be
// JSON but is not is read as text.
func RedactBody(mimeType, text string) string {
	var r jredactor
	return r.redactBody(mimeType, text)
}

func (r *jredactor) redactBody(mimeType, text string) string {
	if text == "" {
		return text
	}
	mt, params, err := mime.ParseMediaType(mimeType)
	if err != nil {
		mt = strings.ToLower(strings.TrimSpace(mimeType))
		if i := strings.IndexByte(mt, ';'); i >= 0 {
			mt = strings.TrimSpace(mt[:i])
		}
	}
	trimmed := strings.TrimSpace(text)
	switch {
	case mt == "application/x-www-form-urlencoded":
		return redactForm(text)
	case strings.HasPrefix(mt, "multipart/"):
		if b := params["boundary"]; b != "" {
			return r.redactMultipart(text, b)
		}
	case mt == "" && looksLikeForm(trimmed):
		return redactForm(text)
	case strings.Contains(mt, "json") || len(trimmed) > 1 && (trimmed[0] == '{' || trimmed[0] == '['):
		if out, ok := r.redactNestedJSON(text); ok {
			return out
		}
	}
	return RedactText(text)
}

// textualType reports whether a body of that media type is text (so a
// base64-encoded one can be decoded, redacted and encoded again).
func textualType(mimeType string) bool {
	mt := strings.ToLower(mimeType)
	if strings.HasPrefix(mt, "text/") {
		return true
	}
	for _, s := range [...]string{"json", "xml", "html", "javascript", "ecmascript", "x-www-form-urlencoded",
		"graphql", "multipart/form-data", "yaml", "csv", "jwt", "x-ndjson", "sql"} {
		if strings.Contains(mt, s) {
			return true
		}
	}
	return false
}

// redactBase64Body decodes a base64 body of a textual type, redacts it and
// encodes it again; binary bodies and bodies that do not decode stay.
// It returns the new text and the decoded sizes before and after.
func (r *jredactor) redactBase64Body(mimeType, text string) (out string, before, after int) {
	if !textualType(mimeType) {
		return text, 0, 0
	}
	raw, err := base64.StdEncoding.DecodeString(strings.TrimSpace(text))
	if err != nil {
		raw, err = base64.RawStdEncoding.DecodeString(strings.TrimRight(strings.TrimSpace(text), "="))
		if err != nil {
			return text, 0, 0
		}
	}
	red := r.redactBody(mimeType, string(raw))
	if red == string(raw) {
		return text, len(raw), len(raw)
	}
	return base64.StdEncoding.EncodeToString([]byte(red)), len(raw), len(red)
}

// redactForm redacts application/x-www-form-urlencoded text.
func redactForm(text string) string {
	parts := strings.Split(text, "&")
	changed := false
	for i, p := range parts {
		k, v, ok := strings.Cut(p, "=")
		if !ok {
			continue
		}
		name, err := url.QueryUnescape(k)
		if err != nil {
			name = k
		}
		val, err := url.QueryUnescape(v)
		if err != nil {
			val = v
		}
		var red string
		if SecretParam(name) {
			red = redactNamedValue(name, val)
		} else {
			red = RedactURL(val)
		}
		if red != val {
			parts[i] = k + "=" + url.QueryEscape(red)
			changed = true
		}
	}
	if !changed {
		return text
	}
	return strings.Join(parts, "&")
}

// redactMultipart redacts multipart/form-data text: the content of parts
// named like a secret goes, other parts are read by their own type.
func (r *jredactor) redactMultipart(text, boundary string) string {
	delim := "--" + boundary
	pieces := strings.Split(text, delim)
	for i := 1; i < len(pieces); i++ {
		p := pieces[i]
		sep := "\r\n\r\n"
		h := strings.Index(p, sep)
		if h < 0 {
			sep = "\n\n"
			h = strings.Index(p, sep)
		}
		if h < 0 {
			pieces[i] = RedactText(p)
			continue
		}
		head, body := p[:h], p[h+len(sep):]
		// The body ends before the line break that precedes the next
		// delimiter.
		tail := ""
		if strings.HasSuffix(body, "\r\n") {
			body, tail = body[:len(body)-2], "\r\n"
		} else if strings.HasSuffix(body, "\n") {
			body, tail = body[:len(body)-1], "\n"
		}
		name, ctype := "", ""
		for _, line := range strings.Split(head, "\n") {
			k, v, ok := strings.Cut(strings.TrimSpace(line), ":")
			if !ok {
				continue
			}
			switch strings.ToLower(strings.TrimSpace(k)) {
			case "content-disposition":
				if _, ps, err := mime.ParseMediaType(strings.TrimSpace(v)); err == nil {
					name = ps["name"]
				}
			case "content-type":
				ctype = strings.TrimSpace(v)
			}
		}
		if name != "" && SecretParam(name) {
			if body != "" {
				body = redactNamedValue(name, body)
			}
		} else if ctype == "" || textualType(ctype) {
			body = r.redactBody(ctype, body)
		}
		pieces[i] = RedactText(head) + sep + body + tail
	}
	return strings.Join(pieces, delim)
}

// looksLikeForm reports whether a body of unknown type reads as form data
// (a=1&b=2), as curl -d sends it.
func looksLikeForm(s string) bool {
	if s == "" || strings.ContainsAny(s[:1], "{[<") || strings.ContainsAny(s, " \t\r\n\"<>{}") {
		return false
	}
	k, _, ok := strings.Cut(s, "=")
	return ok && k != ""
}
