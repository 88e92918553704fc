package inspect

import (
	"fmt"
	"strconv"
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
}

func newExchange(e Entry, tokens []TokenReport) *exchange {
	x := &exchange{e: e, tokens: tokens}
	if e.Response != nil {
		x.status = e.Response.Status
		x.body = e.Response.BodyExcerpt
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

// diagnoseExchange judges what came back for one entry, or why nothing did:
// network errors, CORS, RFC 6750 challenges, proxies, vendors' signatures.
// tokens are the entry's request tokens, already evaluated, used to explain
// a status that disagrees with them.
//
// The verdict (observed) follows these rules:
//   - nothing came back: network (the cause in a network.* finding; a
//     cancellation, ERR_ABORTED, is network with an info finding only);
//   - a CORS failure (or another browser-side block) of a response that
//     did arrive: network, because the page never saw it; the server's
//     status is named in the finding;
//   - 401 and 403: the status itself; evidence that implies the other one
//     adds server.status_mismatch;
//   - 407: 401 (proxy.auth_required);
//   - 1xx, 2xx, 3xx: ok;
//   - any other status: the verdict the concrete signatures imply (an API
//     Gateway MissingAuthenticationToken 404 → 403, Okta E0000011 400 →
//     401), otherwise unknown: a plain 404 or 500 failed, but not for want
//     of identity or permission.
//
// summary is one sentence naming the strongest cause.
func diagnoseExchange(e Entry, tokens []TokenReport) (observed Verdict, findings []Finding, summary string) {
	x := newExchange(e, tokens)
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

	status := x.status
	switch {
	case hasVerdict(fs, VerdictNetwork):
		observed = VerdictNetwork
	case status == 401 || status == 407:
		observed = Verdict401
	case status == 403:
		observed = Verdict403
	case status < 400:
		observed = VerdictOK
	default:
		if v, ok := worst(fs); ok {
			observed = v
		} else {
			observed = VerdictUnknown
		}
	}
	if observed == Verdict401 || observed == Verdict403 {
		fs = append(fs, x.mismatch(observed, fs)...)
	}
	summary = x.summary(observed, fs)
	return observed, fs, summary
}

// hasVerdict reports whether an error finding implies v.
func hasVerdict(fs []Finding, v Verdict) bool {
	for _, f := range fs {
		if fv, ok := VerdictOf(f); ok && fv == v {
			return true
		}
	}
	return false
}

// summary names the cause: the first error finding that implies the
// verdict, else the status.
func (x *exchange) summary(v Verdict, fs []Finding) string {
	if t := firstTitle(fs, v); t != "" {
		return strings.TrimSuffix(t, ".")
	}
	if x.status > 0 {
		code := strconv.Itoa(x.status)
		s := "The server answered " + code
		if st := x.e.Response.StatusText; st != "" && st != code {
			s += " " + st
		}
		return s
	}
	return "No HTTP answer reached the page"
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
