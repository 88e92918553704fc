package inspect

import (
	"strconv"
	"strings"
)

// Redactions counts what SanitizeHAR redacted, by kind: each is a number
// of values changed (a header line, a cookie, a URL, a body, …), so a
// person can see what left the file before sharing it.
type Redactions struct {
	// Authorization counts Authorization, Proxy-Authorization and DPoP
	// header values.
	Authorization int `json:"authorization_headers"`
	// CookieHeaders counts Cookie and Set-Cookie header values.
	CookieHeaders int `json:"cookie_headers"`
	// Cookies counts the values of the HAR's cookie lists.
	Cookies int `json:"cookies"`
	// SecretHeaders counts other headers named like a credential
	// (X-Api-Key, X-Client-Secret, …).
	SecretHeaders int `json:"secret_headers"`
	// OtherHeaders counts other header values that held a secret in a URL
	// (Referer, Location, …) or a token.
	OtherHeaders int `json:"other_headers"`
	// URLs counts request URLs and redirectURLs.
	URLs int `json:"urls"`
	// QueryParams counts queryString and form params values.
	QueryParams int `json:"query_params"`
	// Bodies counts request and response bodies.
	Bodies int `json:"bodies"`
	// BodyJWTs counts the JWTs in those bodies whose signature was
	// replaced (a token response's access and ID tokens, a JWT echoed in
	// an error page). They are part of the bodies counted above, so Total
	// does not count them again.
	BodyJWTs int `json:"jwt_signatures_in_bodies"`
	// Frames counts WebSocket messages.
	Frames int `json:"websocket_messages"`
	// Other counts any other field (exporters' own members, pages, …).
	Other int `json:"other_fields"`
}

// Total is the number of values redacted.
func (c Redactions) Total() int {
	return c.Authorization + c.CookieHeaders + c.Cookies + c.SecretHeaders + c.OtherHeaders +
		c.URLs + c.QueryParams + c.Bodies + c.Frames + c.Other
}

// RedactionCount is one kind of Redactions with its count.
type RedactionCount struct {
	N int
	// One and Many name the kind for a count of one and for more.
	One, Many string
}

// String is "14 Authorization headers", "1 cookie".
func (c RedactionCount) String() string {
	if c.N == 1 {
		return "1 " + c.One
	}
	return strconv.Itoa(c.N) + " " + c.Many
}

// Counts lists the kinds that were redacted, in a fixed order.
func (c Redactions) Counts() []RedactionCount {
	all := []RedactionCount{
		{c.Authorization, "Authorization header", "Authorization headers"},
		{c.CookieHeaders, "Cookie or Set-Cookie header", "Cookie and Set-Cookie headers"},
		{c.Cookies, "cookie value", "cookie values"},
		{c.SecretHeaders, "API key or other credential header", "API keys and other credential headers"},
		{c.OtherHeaders, "other header", "other headers"},
		{c.URLs, "URL", "URLs"},
		{c.QueryParams, "query or form parameter", "query and form parameters"},
		{c.Bodies, "request or response body", "request and response bodies"},
		{c.BodyJWTs, "JWT signature in a body", "JWT signatures in bodies"},
		{c.Frames, "WebSocket message", "WebSocket messages"},
		{c.Other, "other field", "other fields"},
	}
	out := all[:0]
	for _, k := range all {
		if k.N > 0 {
			out = append(out, k)
		}
	}
	return out
}

// String lists the counts: "14 Authorization headers, 3 cookie values".
func (c Redactions) String() string {
	ks := c.Counts()
	if len(ks) == 0 {
		return "nothing"
	}
	parts := make([]string, len(ks))
	for i, k := range ks {
		parts[i] = k.String()
	}
	return strings.Join(parts, ", ")
}

// header is the Redactions field a changed header value counts in.
func (c *Redactions) header(name string) *int {
	switch {
	case strings.EqualFold(name, "authorization") || strings.EqualFold(name, "proxy-authorization") || strings.EqualFold(name, "dpop"):
		return &c.Authorization
	case strings.EqualFold(name, "cookie") || strings.EqualFold(name, "set-cookie"):
		return &c.CookieHeaders
	case SecretHeader(name):
		return &c.SecretHeaders
	}
	return &c.OtherHeaders
}
