package inspect

import (
	"encoding/base64"
	"fmt"
	"strings"
)

// curlUserAgent is the User-Agent curl sends unless told otherwise. It is
// the version of curl whose behaviour this parser follows (Debian 12's
// curl 7.88.1); other versions send their own number.
const curlUserAgent = "curl/7.88.1"

// curlAcceptEncoding is what --compressed asks for in a curl built with
// zlib, brotli and zstd (Debian's). A curl built without some of them
// leaves those out.
const curlAcceptEncoding = "deflate, gzip, br, zstd"

// curlHTTP2Settings is the HTTP2-Settings header curl 7.88 sends with
// --http2 over http:// (base64url of its SETTINGS frame payload: at most
// 100 concurrent streams, a 32 MiB window, no server push). Other curl
// versions send other settings; the header names are the same.
const curlHTTP2Settings = "AAMAAABkAAQCAAAAAAIAAAAA"

// ntlmType1 is the NTLM negotiate message curl sends first with --ntlm.
const ntlmType1 = "NTLM TlRMTVNTUAABAAAABoIIAAAAAAAAAAAAAAAAAAAAAAA="

// customHeader is one -H argument as curl reads it.
type customHeader struct {
	raw   string
	name  string
	value string
	send  bool // curl puts it on the wire (a blank value removes instead)
}

// parseCustomHeader applies curl's rules: "Name: value" is sent; "Name:"
// (blank) is not sent but replaces curl's own header of that name;
// "Name;" is sent as an empty header "Name:".
func parseCustomHeader(raw string) customHeader {
	h := customHeader{raw: raw}
	if i := strings.IndexByte(raw, ':'); i >= 0 {
		h.name = raw[:i]
		h.value = strings.Trim(raw[i+1:], " \t\r\n\v\f")
		h.send = i > 0 && h.value != ""
		return h
	}
	if i := strings.IndexByte(raw, ';'); i > 0 && i == len(raw)-1 {
		h.name = raw[:i]
		h.send = true
	}
	return h
}

// hasCustom reports whether a -H argument names header name followed by
// ':' or ';', which is how curl decides to leave out its own header.
func hasCustom(hs []string, name string) bool {
	for _, h := range hs {
		if len(h) > len(name) && strings.EqualFold(h[:len(name)], name) && (h[len(name)] == ':' || h[len(name)] == ';') {
			return true
		}
	}
	return false
}

// customValue returns the value of the first -H for name.
func customValue(hs []string, name string) (string, bool) {
	for _, h := range hs {
		if hasCustom([]string{h}, name) {
			return parseCustomHeader(h).value, true
		}
	}
	return "", false
}

// requests builds one Request per URL of the config, with headers in the
// order curl 7.88 writes them: Host, Authorization, Range, User-Agent,
// Accept, Accept-Encoding, Referer, the h2c upgrade (Connection, Upgrade,
// HTTP2-Settings), Cookie, the -H headers, Content-Length, Content-Type.
func (c *curlConfig) requests(pos *positions) ([]Request, [][]Finding) {
	text := pos.text
	var reqs []Request
	var per [][]Finding
	var fs []Finding
	add := func(sev Severity, title, detail, evidence string) {
		fs = append(fs, newFinding(CodeCurlMalformed,
			title,
			detail,
			evidence).withSeverity(sev))
	}
	customs := append([]string(nil), c.headers...)
	if c.json {
		if !hasCustom(customs, "Content-Type") {
			customs = append(customs, "Content-Type: application/json")
		}
		if !hasCustom(customs, "Accept") {
			customs = append(customs, "Accept: application/json")
		}
	}
	body, bodyKnown := c.body()
	for _, w := range c.urls {
		fs = nil
		if strings.TrimSpace(w.Value) == "" {
			add(SeverityWarning, "Empty URL", "curl is given a blank URL here and fails on it with error 3.", "at "+pos.at(w.Off))
			if len(per) > 0 {
				per[len(per)-1] = append(per[len(per)-1], fs...)
			}
			continue
		}
		u := parseCurlURL(w.Value, c.pathAsIs)
		where := w.Value + " at " + pos.at(w.Off)
		if u.spaces {
			add(SeverityWarning, "URL with spaces or control characters", "curl 7.88 refuses such a URL (\"URL using bad/illegal format\", error 3) and sends nothing; percent-encode them (%20).", where)
		}
		if u.glob && !c.globoff {
			add(SeverityWarning, "URL holds [ ] or { }", "curl expands these as a glob (several URLs, or an error); add -g/--globoff to send them as written. Read here as written.", where)
		}
		if u.hostMissing {
			add(SeverityWarning, "URL without a host", "curl cannot send this request.", where)
		}
		if u.scheme != "http" && u.scheme != "https" {
			add(SeverityWarning, "Not an HTTP URL", "curl uses "+u.scheme+" for this URL, not HTTP.", where)
		}
		if c.get && len(c.data) > 0 {
			data := c.joinedData()
			if u.hasQuery && u.query != "" {
				u.query += "&" + data
			} else {
				u.query, u.hasQuery = data, true
			}
		}
		r := Request{Method: c.methodFor(), URL: u.String()}
		c.addHeaders(&r, u, customs, body, bodyKnown, text, add)
		if c.hasBody() {
			r.Body = body
		}
		r.Cookies = cookiesFromHeaders(r.Headers)
		r.Flags = append([]string(nil), c.flags...)
		reqs = append(reqs, r)
		per = append(per, fs)
	}
	return reqs, per
}

func (c *curlConfig) methodFor() string {
	switch {
	case c.method != "":
		return c.method
	case c.head:
		return "HEAD"
	case c.upload != "":
		return "PUT"
	case c.hasBody():
		return "POST"
	}
	return "GET"
}

func (c *curlConfig) hasBody() bool {
	return (len(c.data) > 0 && !c.get) || len(c.form) > 0 || c.upload != ""
}

// joinedData joins data arguments as curl does: '&' between pieces, none
// before a --json piece.
func (c *curlConfig) joinedData() string {
	var b strings.Builder
	for i, d := range c.data {
		if i > 0 && !d.json {
			b.WriteByte('&')
		}
		b.WriteString(d.value)
		if d.file != "" {
			b.WriteString("<contents of " + d.file + ">")
		}
	}
	return b.String()
}

// body is what curl sends, and whether it is fully known (no file content).
func (c *curlConfig) body() (string, bool) {
	switch {
	case len(c.form) > 0:
		ctype := "multipart/form-data"
		if v, ok := customValue(c.headers, "Content-Type"); ok && v != "" {
			ctype, _, _ = strings.Cut(v, ";")
		}
		return formBody(c.form, ctype, c.formEscape)
	case c.upload != "":
		return "<contents of " + c.upload + ">", false
	}
	known := true
	for _, d := range c.data {
		if d.file != "" {
			known = false
			c.flag("data-file=" + d.file)
		}
	}
	return c.joinedData(), known
}

func (c *curlConfig) addHeaders(r *Request, u curlURL, customs []string, body string, bodyKnown bool, text string, add func(Severity, string, string, string)) {
	h := func(name, value string) { r.Headers = append(r.Headers, Header{Name: name, Value: value}) }
	if v, ok := customValue(customs, "Host"); ok {
		if v != "" {
			h("Host", v)
		}
	} else {
		h("Host", u.hostHeader())
	}
	if !hasCustom(customs, "Authorization") {
		if v := c.authorization(u, text, add); v != "" {
			h("Authorization", v)
		}
	}
	if c.rangeVal != "" && !hasCustom(customs, "Range") {
		h("Range", "bytes="+c.rangeVal)
	}
	ua := curlUserAgent
	if c.hasUA {
		ua = c.ua
	}
	if ua != "" && !hasCustom(customs, "User-Agent") {
		h("User-Agent", ua)
	}
	if !hasCustom(customs, "Accept") {
		h("Accept", "*/*")
	}
	if c.compressed && !hasCustom(customs, "Accept-Encoding") {
		h("Accept-Encoding", curlAcceptEncoding)
	}
	if ref := strings.TrimSuffix(c.referer, ";auto"); c.hasReferer && ref != "" && !hasCustom(customs, "Referer") {
		h("Referer", ref)
	}
	if c.httpVersion == "2" && u.scheme == "http" {
		// curl asks a cleartext server to switch to HTTP/2 (RFC 7540
		// §3.2) before its cookies and custom headers.
		h("Connection", "Upgrade, HTTP2-Settings")
		h("Upgrade", "h2c")
		h("HTTP2-Settings", curlHTTP2Settings)
	}
	if len(c.cookies) > 0 && !hasCustom(customs, "Cookie") {
		h("Cookie", strings.Join(c.cookies, ";"))
	}
	multipart := len(c.form) > 0
	for _, raw := range customs {
		ch := parseCustomHeader(raw)
		if !ch.send || strings.EqualFold(ch.name, "Host") || (multipart && strings.EqualFold(ch.name, "Content-Type")) {
			continue
		}
		h(ch.name, ch.value)
	}
	if !c.hasBody() {
		return
	}
	if bodyKnown && !hasCustom(customs, "Content-Length") {
		h("Content-Length", fmt.Sprint(len(body)))
	}
	switch {
	case multipart:
		ctype := "multipart/form-data"
		if v, ok := customValue(customs, "Content-Type"); ok && v != "" {
			ctype = v
		}
		h("Content-Type", ctype+"; boundary="+formBoundary)
	case c.upload != "":
	case !hasCustom(customs, "Content-Type"):
		h("Content-Type", "application/x-www-form-urlencoded")
	}
}

// authorization is the Authorization header curl writes itself, from -u,
// user:pass@ in the URL or --oauth2-bearer.
func (c *curlConfig) authorization(u curlURL, text string, add func(Severity, string, string, string)) string {
	user, has := c.user, c.hasUser
	if !has && u.hasUser {
		user, has = u.user+":"+u.pass, true
	}
	switch c.authType {
	case "bearer":
		return "Bearer " + c.bearer
	case "digest", "negotiate", "anyauth", "ntlm-wb":
		add(SeverityInfo, "No credentials in the first request ("+c.authType+")",
			"curl sends the request without Authorization and answers the server's 401 challenge; the credentials never appear in a header you can read here.", "--"+c.authType)
		return ""
	case "aws-sigv4":
		add(SeverityInfo, "AWS Signature V4 computed by curl",
			"curl adds Authorization: AWS4-HMAC-SHA256 … and X-Amz-Date when it runs; they depend on the clock and are not modelled.", "--aws-sigv4")
		return ""
	case "ntlm":
		if has {
			return ntlmType1
		}
		return ""
	}
	if !has {
		return ""
	}
	if !strings.Contains(user, ":") {
		add(SeverityWarning, "curl asks for the password", "-u names a user without ':password'; curl prompts for it on the terminal, so the Basic credentials below lack the password.", "-u "+user)
		user += ":"
	}
	return "Basic " + base64.StdEncoding.EncodeToString([]byte(user))
}

// cookiesFromHeaders splits every Cookie header into name=value pairs.
func cookiesFromHeaders(hs []Header) []Cookie {
	var out []Cookie
	for _, h := range hs {
		if !strings.EqualFold(h.Name, "Cookie") {
			continue
		}
		out = append(out, parseCookieHeader(h.Value)...)
	}
	return out
}

// parseCookieHeader splits "a=1; b=2" (also "a=1;b=2"). A pair without '='
// is kept as a name with an empty value.
func parseCookieHeader(v string) []Cookie {
	var out []Cookie
	for _, part := range strings.Split(v, ";") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		name, value, _ := strings.Cut(part, "=")
		out = append(out, Cookie{Name: strings.TrimSpace(name), Value: strings.TrimSpace(value)})
	}
	return out
}
