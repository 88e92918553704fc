package inspect

import (
	"fmt"
	"strings"
	"time"
)

// readEntry reads one element of log.entries. ok is false when the element
// is not an object (it is skipped and noted in h.findings).
func (h *harReader) readEntry(i int) (e Entry, ok bool) {
	e.Index = i
	if !h.open('{') {
		if h.err == nil {
			h.findings = append(h.findings, Finding{
				Code: CodeHARMalformed, Severity: SeverityWarning,
				Title:    "An entry of the HAR is not an object and was skipped",
				Evidence: fmt.Sprintf("log.entries[%d]", i),
			})
		}
		return e, false
	}
	var errText, comment string
	for h.more() {
		switch n := h.name(); string(n) {
		case "startedDateTime":
			if c := h.peek(); c >= '0' && c <= '9' {
				if ms, ok := h.num(); ok {
					e.Started = time.UnixMilli(int64(ms)).UTC()
				}
			} else {
				e.Started = parseHARTime(h.str())
			}
		case "time":
			if ms, ok := h.num(); ok && ms > 0 {
				e.Duration = time.Duration(ms * float64(time.Millisecond))
			}
		case "request":
			h.readRequest(&e.Request)
		case "response":
			e.Response = h.readResponse(&e, &errText)
		case "_resourceType", "resourceType":
			e.ResourceType = h.str()
		case "_error", "_failureText", "_errorText", "error":
			if s := h.str(); s != "" {
				errText = s
			}
		case "comment":
			comment = h.str()
		case "_initiator":
			h.readInitiator(&e)
		case "_securityState", "serverIPAddress", "_fromCache", "connection", "pageref":
			k := string(n)
			if s := h.str(); s != "" {
				setExtra(&e, k, s)
			}
		default:
			h.skip()
		}
	}
	if e.Response != nil && e.Response.Status == 0 && len(e.Response.Headers) == 0 {
		e.Response = nil
	}
	e.Error = errText
	if e.Error == "" && e.Response == nil && comment != "" {
		// Charles writes why a request failed in the entry's comment.
		e.Error = comment
	} else if comment != "" {
		setExtra(&e, "comment", comment)
	}
	if len(e.Request.Cookies) == 0 {
		e.Request.Cookies = cookiesFromHeader(e.Request.Headers)
	}
	return e, true
}

func setExtra(e *Entry, k, v string) {
	if e.Extra == nil {
		e.Extra = make(map[string]string, 2)
	}
	e.Extra[k] = v
}

// readInitiator keeps Chrome's _initiator type (and URL) as extras.
func (h *harReader) readInitiator(e *Entry) {
	if h.peek() == '"' {
		setExtra(e, "_initiator", h.str())
		return
	}
	if !h.open('{') {
		return
	}
	for h.more() {
		switch string(h.name()) {
		case "type":
			setExtra(e, "_initiator", h.str())
		case "url":
			if s := h.str(); s != "" {
				setExtra(e, "_initiator.url", s)
			}
		default:
			h.skip()
		}
	}
}

// readRequest reads request: method, url, headers, cookies, postData.
func (h *harReader) readRequest(r *Request) {
	if !h.open('{') {
		return
	}
	var params []Header
	for h.more() {
		switch string(h.name()) {
		case "method":
			r.Method = h.str()
		case "url":
			r.URL = h.str()
		case "headers":
			r.Headers = h.readPairs(r.Headers[:0])
		case "cookies":
			for _, p := range h.readPairs(nil) {
				r.Cookies = append(r.Cookies, Cookie(p))
			}
		case "postData":
			if !h.open('{') {
				continue
			}
			for h.more() {
				switch string(h.name()) {
				case "text":
					r.Body, _, _ = h.strCap(RequestBodyMax)
					r.Body = trimPartialRune(r.Body)
				case "params":
					params = h.readPairs(nil)
				default:
					h.skip()
				}
			}
		default:
			h.skip()
		}
	}
	if r.Body == "" && len(params) > 0 {
		var b strings.Builder
		for i, p := range params {
			if i > 0 {
				b.WriteByte('&')
			}
			b.WriteString(p.Name + "=" + p.Value)
			if b.Len() > RequestBodyMax {
				break
			}
		}
		r.Body = b.String()
	}
}

// readResponse reads response. *errText receives the response's _error or
// _failureText (Chrome and Playwright put them there), and the response's
// comment when the status says nothing came back (Charles).
func (h *harReader) readResponse(e *Entry, errText *string) *Response {
	if !h.open('{') {
		return nil
	}
	resp := &Response{BodySize: -1}
	var text, encoding, comment string
	var textLen int
	for h.more() {
		switch string(h.name()) {
		case "status":
			if f, ok := h.num(); ok && f > 0 && f < 1000 {
				resp.Status = int(f)
			}
		case "statusText":
			resp.StatusText = h.str()
		case "headers":
			resp.Headers = h.readPairs(nil)
		case "content":
			if !h.open('{') {
				continue
			}
			for h.more() {
				switch string(h.name()) {
				case "size":
					if f, ok := h.num(); ok && f >= 0 {
						resp.BodySize = int64(f)
					}
				case "mimeType":
					resp.MimeType = h.str()
				case "text":
					// Decode no more than the excerpt keeps. Exporters
					// write status and mimeType before text; when one
					// does not, read the most and cut below.
					if body, ok := h.rawString(); ok {
						n := ExcerptMax
						if resp.MimeType != "" {
							n = excerptCapFor(resp.Status, resp.MimeType, body)
						}
						if n == 0 || strings.EqualFold(encoding, "base64") {
							// Binary types come base64-encoded (the
							// encoding is often named after the text).
							n = max(n, excerptSmall)/3*4 + 4
						}
						var cut []byte
						cut, _ = unquoteJSON(nil, body, n)
						text, textLen = string(cut), len(body)
					}
				case "encoding":
					encoding = h.str()
				case "comment":
					if s := h.str(); s != "" {
						setExtra(e, "content.comment", s)
					}
				default:
					h.skip()
				}
			}
		case "_error", "_failureText", "_errorText":
			if s := h.str(); s != "" {
				*errText = s
			}
		case "comment":
			comment = h.str()
		default:
			h.skip()
		}
	}
	if text != "" {
		cap := excerptCapFor(resp.Status, resp.MimeType, []byte(text))
		if cap == 0 && textLen > excerptSmall*2 && !strings.EqualFold(encoding, "base64") {
			text = ""
		}
		resp.BodyExcerpt = bodyExcerpt(text, resp.MimeType, encoding, cap)
	}
	if encoding != "" {
		setExtra(e, "content.encoding", encoding)
	}
	if comment != "" {
		if resp.Status == 0 && *errText == "" {
			*errText = comment
		} else {
			setExtra(e, "response.comment", comment)
		}
	}
	return resp
}

// readPairs reads an array of {name, value} objects (headers, cookies,
// query parameters, form parameters) onto dst, in order.
func (h *harReader) readPairs(dst []Header) []Header {
	if !h.open('[') {
		return dst
	}
	for h.more() {
		if !h.open('{') {
			continue
		}
		var p Header
		for h.more() {
			switch string(h.name()) {
			case "name":
				if b, ok := h.rawString(); ok {
					p.Name = internHeader(b)
				}
			case "value":
				p.Value = h.str()
			default:
				h.skip()
			}
		}
		if p.Name != "" || p.Value != "" {
			dst = append(dst, p)
		}
	}
	return dst
}

// cookiesFromHeader splits the request's Cookie headers into pairs, for
// exporters that leave request.cookies empty.
func cookiesFromHeader(hs []Header) []Cookie {
	var out []Cookie
	for _, hd := range hs {
		if !strings.EqualFold(hd.Name, "cookie") {
			continue
		}
		for part := range strings.SplitSeq(hd.Value, ";") {
			part = strings.TrimSpace(part)
			if part == "" {
				continue
			}
			n, v, _ := strings.Cut(part, "=")
			out = append(out, Cookie{Name: strings.TrimSpace(n), Value: strings.TrimSpace(v)})
		}
	}
	return out
}

// internHeader returns the header name for the body of a JSON string,
// sharing the strings of common names so that thousands of entries do not
// each hold a copy.
func internHeader(body []byte) string {
	if s, ok := commonHeaders[string(body)]; ok {
		return s
	}
	out, _ := unquoteJSON(nil, body, len(body))
	return validUTF8(out)
}

var commonHeaders = func() map[string]string {
	m := map[string]string{}
	for _, n := range strings.Fields(`accept accept-encoding accept-language access-control-allow-origin
	access-control-allow-credentials access-control-allow-headers access-control-allow-methods
	access-control-expose-headers access-control-max-age access-control-request-headers
	access-control-request-method age alt-svc authorization cache-control connection content-encoding
	content-length content-security-policy content-type cookie date etag expires host if-modified-since
	if-none-match last-modified location origin pragma priority referer referrer-policy sec-ch-ua
	sec-ch-ua-mobile sec-ch-ua-platform sec-fetch-dest sec-fetch-mode sec-fetch-site server set-cookie
	strict-transport-security transfer-encoding upgrade-insecure-requests user-agent vary via
	www-authenticate x-content-type-options x-frame-options x-requested-with x-xss-protection
	:authority :method :path :scheme`) {
		m[n] = n
		c := canonical(n)
		m[c] = c
	}
	return m
}()

// canonical returns Content-Type for content-type.
func canonical(n string) string {
	b := []byte(n)
	up := true
	for i, c := range b {
		if up && c >= 'a' && c <= 'z' {
			b[i] = c - 'a' + 'A'
		}
		up = c == '-'
	}
	return string(b)
}
