package inspect

import (
	"fmt"
	"strings"
)

// exchange is one request and what came back, as the response-side rules
// see it.
type exchange struct {
	e      Entry
	status int // 0 when nothing came back
	body   string
	// lower is body in lower case, for case-insensitive signatures; see
	// lowerBody.
	lower   string
	lowered bool
	tokens  []TokenReport
	// stripped: the export removed credentials, so their absence is no
	// evidence.
	stripped bool
	// preflight is the CORS preflight (an OPTIONS to the same URL) recorded
	// before this entry, if any: it tells why a request failed without an
	// answer when the exporter kept no Origin header.
	preflight *EntryReport
	// unreadable: a response was recorded but its status is not an HTTP
	// status (Response.StatusUnreadable).
	unreadable bool
}

func newExchange(e Entry, tokens []TokenReport) *exchange {
	x := &exchange{e: e, tokens: tokens}
	if e.Response != nil {
		x.status = e.Response.Status
		x.body = e.Response.BodyExcerpt
		x.unreadable = e.Response.StatusUnreadable != ""
	}
	return x
}

// lowerBody is the body in lower case, computed on first use: most
// exchanges (every 2xx of a large HAR) never need it, and lower-casing
// every excerpt was most of the time a diagnosis took.
func (x *exchange) lowerBody() string {
	if !x.lowered {
		x.lower, x.lowered = strings.ToLower(x.body), true
	}
	return x.lower
}

// respHeader returns the first response header of that name (any case).
func (x *exchange) respHeader(name string) (string, bool) {
	if x.e.Response == nil {
		return "", false
	}
	return header(x.e.Response.Headers, name)
}

// respHeaders returns every response header value of that name, joined
// with ", " as RFC 9110 allows for list headers.
func (x *exchange) respHeaders(name string) string {
	if x.e.Response == nil {
		return ""
	}
	var vs []string
	for _, h := range x.e.Response.Headers {
		if sameName(h.Name, name) {
			vs = append(vs, h.Value)
		}
	}
	return strings.Join(vs, ", ")
}

func (x *exchange) reqHeader(name string) (string, bool) {
	return header(x.e.Request.Headers, name)
}

func header(hs []Header, name string) (string, bool) {
	for _, h := range hs {
		if sameName(h.Name, name) {
			return h.Value, true
		}
	}
	return "", false
}

// sameName reports whether two header names are the same in any case.
// Header names are ASCII (RFC 9110 tokens), so only ASCII letters fold; a
// name of another length is passed over without a look at its bytes, which
// is most of them.
func sameName(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		if c, d := a[i], b[i]; c != d && lowerASCII(c) != lowerASCII(d) {
			return false
		}
	}
	return true
}

func lowerASCII(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// where names the request for evidence: "GET https://host/path".
func (x *exchange) where() string {
	return strings.TrimSpace(x.e.Request.Method + " " + shorten(x.e.Request.URL, 120))
}

// responseFindings reads what came back for one entry, or why nothing
// did: network errors, CORS, RFC 6750 challenges, proxies, vendors'
// signatures, statuses that are not about access. decide weighs them.
func (x *exchange) responseFindings() []Finding {
	if x.unreadable {
		// A response came, but what it said is not known: only the
		// server's own words in it can tell.
		if x.isPreflight() {
			return nil
		}
		return x.challenges()
	}
	if x.status <= 0 {
		return x.noAnswer()
	}
	var fs []Finding
	fs = append(fs, x.networkWithStatus()...)
	fs = append(fs, x.cors()...)
	fs = append(fs, x.proxyAuth()...)
	if !x.isPreflight() { // a preflight never carries credentials
		fs = append(fs, x.challenges()...)
	}
	fs = append(fs, x.vendors()...)
	fs = append(fs, x.statusFindings(fs)...)
	return fs
}

// statusFindings explains statuses that are failures without being about
// identity or permission, when nothing more specific was found.
func (x *exchange) statusFindings(fs []Finding) []Finding {
	if len(fs) > 0 {
		return nil
	}
	switch s := x.status; {
	case s == 429:
		return []Finding{x.rateLimit("429 Too Many Requests")}
	case s >= 500:
		return []Finding{newFinding(CodeServerError,
			fmt.Sprintf("The server failed (%d), it did not refuse", s),
			"A 5xx status means the server or a gateway in front of it broke while handling the request. That is not a 401 or 403: credentials may be fine. Look at the server's logs for this time; a gateway (502, 504) may have lost its upstream.",
			x.where()+fmt.Sprintf(" → %d", s))}
	}
	return nil
}

// rateLimit is the finding for a request refused for its rate.
func (x *exchange) rateLimit(evidence string) Finding {
	detail := "The server refused the request because too many were made, not because of who made it. Wait and retry; "
	if r, ok := x.respHeader("retry-after"); ok {
		detail += "it asks to retry after " + r + " (Retry-After). "
	}
	if r, ok := x.respHeader("x-ratelimit-reset"); ok {
		detail += "The limit resets at " + r + " (x-ratelimit-reset, Unix time). "
	}
	detail += "Authenticated requests usually get a higher limit."
	return newFinding(CodeRateLimitExceeded,
		"Rate limit exceeded",
		detail,
		evidence)
}
