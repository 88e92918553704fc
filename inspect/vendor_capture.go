package inspect

import (
	"fmt"
	"html"
	"regexp"
	"strings"
	"sync"
)

// The capture functions of vendor_rules.go: each reads the specifics of a
// vendor's answer (an error number, a reason, a required permission).

var cfCode = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?i)(?:error code:?\s*|cf-error-code">\s*|error\s+)(10\d\d)\b`)
})

// cloudflareMeaning explains Cloudflare's 1xxx access errors.
var cloudflareMeaning = map[string]string{
	"1005": "the network (ASN) the request came from is banned by the site — often a hosting provider, VPN or cloud range",
	"1006": "your IP address has been banned by the site's owner",
	"1007": "your IP address has been banned by the site's owner",
	"1008": "your IP address has been banned by the site's owner",
	"1009": "the site's owner blocks the country or region the request came from",
	"1010": "the site's owner blocks your browser's signature (bot protection)",
	"1012": "access denied by the site's owner",
	"1015": "you are being rate limited by the site's rules",
	"1020": "a firewall rule (WAF custom rule) of the site blocked the request",
}

func cloudflareCode(x *exchange) (vendorHit, bool) {
	h := vendorHit{}
	if ray, ok := x.respHeader("cf-ray"); ok {
		h.evidence = "cf-ray: " + ray + " (give it to the site's owner to find the rule)"
	}
	m := cfCode().FindStringSubmatch(x.body)
	if m == nil {
		if strings.Contains(x.lowerBody(), "just a moment") || strings.Contains(x.lowerBody(), "cf-chl-") {
			h.title = "a browser challenge page answered instead of the API"
			h.detail = "Cloudflare served its JavaScript challenge: a fetch or XHR cannot solve it, so the call fails until the page passes the challenge or the site exempts the path."
		}
		return h, true
	}
	h.title = "error " + m[1]
	if s, ok := cloudflareMeaning[m[1]]; ok {
		h.title += ": " + s
		h.detail = "Error " + m[1] + " means " + s + "."
	}
	return h, true
}

var s3Msg = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?is)<message>(.*?)</message>`) })

func s3Message(x *exchange) (vendorHit, bool) {
	m := s3Msg().FindStringSubmatch(x.body)
	if m == nil {
		return vendorHit{}, true
	}
	msg := html.UnescapeString(strings.TrimSpace(m[1]))
	h := vendorHit{detail: "S3 says: " + quote(msg) + "."}
	if strings.Contains(strings.ToLower(msg), "request has expired") {
		h.title = "the pre-signed URL has expired"
		h.detail += " The URL's X-Amz-Expires window is over: generate a new pre-signed URL."
	}
	return h, true
}

var azureActionRe = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?i)perform action '([^']+)' over scope '([^']+)'`) })

func azureAction(x *exchange) (vendorHit, bool) {
	m := azureActionRe().FindStringSubmatch(x.body)
	if m == nil {
		return azureMessage(x)
	}
	return vendorHit{
		title:  "no role allows " + m[1],
		detail: fmt.Sprintf("Assign a role that includes %s at scope %s (or a parent scope) to the identity named in the message.", m[1], m[2]),
	}, true
}

var jsonMessage = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`"message"\s*:\s*"((?:[^"\\]|\\.)*)"`) })

func azureMessage(x *exchange) (vendorHit, bool) {
	if m := jsonMessage().FindStringSubmatch(x.body); m != nil {
		return vendorHit{detail: "Its message: " + quote(shorten(unescapeJSONString(m[1]), 300)) + "."}, true
	}
	return vendorHit{}, true
}

var jsonErrorDesc = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`"error_description"\s*:\s*"((?:[^"\\]|\\.)*)"`) })

func entraBody(x *exchange) (vendorHit, bool) {
	desc := ""
	if m := jsonErrorDesc().FindStringSubmatch(x.body); m != nil {
		desc = unescapeJSONString(m[1])
	}
	code := aadsts().FindString(x.body)
	h := vendorHit{detail: strings.TrimSpace(entraDetail(Challenge{}, x.body))}
	if code != "" {
		if m, ok := aadstsMeaning[code]; ok {
			h.title = code + ": " + m
		} else {
			h.title = code
		}
	}
	if desc != "" {
		h.evidence = "error_description: " + quote(shorten(desc, 200))
	}
	return h, true
}

var googleReasonRe = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`"reason"\s*:\s*"([A-Z_]+)"`) })

// googleReasons explains the ErrorInfo reasons seen most behind a denial.
var googleReasons = map[string]string{
	"IAM_PERMISSION_DENIED":           "the caller lacks the IAM permission for this resource; grant a role that includes it",
	"SERVICE_DISABLED":                "the API is not enabled in the caller's project: enable it in the console (APIs & Services), then wait a few minutes",
	"ACCESS_TOKEN_SCOPE_INSUFFICIENT": "the OAuth access token was issued without a scope this API requires; request it and get a new token",
	"API_KEY_SERVICE_BLOCKED":         "the API key's restrictions do not allow this API",
	"API_KEY_HTTP_REFERRER_BLOCKED":   "the API key's HTTP referrer restriction does not allow this page",
	"API_KEY_IP_ADDRESS_BLOCKED":      "the API key's IP address restriction does not allow this caller",
	"BILLING_DISABLED":                "billing is disabled on the project",
	"USER_PROJECT_DENIED":             "the caller may not use the quota project it named (serviceusage.services.use)",
	"CONSUMER_INVALID":                "the project the request is billed to does not exist or is not usable",
	"ACCESS_TOKEN_EXPIRED":            "the access token has expired",
	"CREDENTIALS_MISSING":             "the request carried no credentials",
	"ACCESS_TOKEN_TYPE_UNSUPPORTED":   "the token is not an OAuth access token this API accepts (an ID token?)",
}

func googleReason(x *exchange) (vendorHit, bool) {
	h := vendorHit{}
	if m := googleReasonRe().FindStringSubmatch(x.body); m != nil {
		h.title = m[1]
		if s, ok := googleReasons[m[1]]; ok {
			h.title += ": " + s
		}
		switch m[1] {
		case "ACCESS_TOKEN_SCOPE_INSUFFICIENT":
			h.code = CodeServerInsufficientScope
		case "ACCESS_TOKEN_EXPIRED":
			h.code = CodeServerInvalidToken
		}
	}
	if m := jsonMessage().FindStringSubmatch(x.body); m != nil {
		h.detail = "Google says: " + quote(shorten(unescapeJSONString(m[1]), 300)) + "."
	}
	return h, true
}

var akamaiRef = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?i)reference\s*#\s*([0-9a-f.]+)`) })

func akamaiReference(x *exchange) (vendorHit, bool) {
	if m := akamaiRef().FindStringSubmatch(x.body); m != nil {
		return vendorHit{evidence: "Reference #" + m[1]}, true
	}
	return vendorHit{}, true
}

var (
	impervaIncident = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?i)incident id:?\s*([0-9a-z-]+)`)
	})
	f5Support = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?i)support id is:?\s*([0-9]+)`) })
)

// wafReference finds the id a WAF's block gives to look its rule up: an
// Imperva incident id, an F5 support id, AWS's request id.
func wafReference(x *exchange) (vendorHit, bool) {
	if m := impervaIncident().FindStringSubmatch(x.body); m != nil {
		return vendorHit{evidence: "Incident ID " + m[1]}, true
	}
	if m := f5Support().FindStringSubmatch(x.body); m != nil {
		return vendorHit{evidence: "Support ID " + m[1]}, true
	}
	for _, h := range []string{"x-amzn-requestid", "x-amz-cf-id", "x-amz-apigw-id"} {
		if v, ok := x.respHeader(h); ok {
			return vendorHit{evidence: h + ": " + v}, true
		}
	}
	return vendorHit{}, true
}

var kubeUser = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?i)user "([^"]+)" cannot ([a-z]+) resource "([^"]*)"`)
})

func kubeForbidden(x *exchange) (vendorHit, bool) {
	h := vendorHit{detail: "The API server knows the caller but no Role or ClusterRole binding allows the verb on the resource."}
	msg := x.body
	if m := jsonMessage().FindStringSubmatch(x.body); m != nil {
		msg = unescapeJSONString(m[1])
		h.evidence = "message: " + quote(shorten(msg, 300))
	}
	m := kubeUser().FindStringSubmatch(msg)
	if m == nil {
		return h, true
	}
	if m[1] == "system:anonymous" {
		return vendorHit{code: CodeServerUnauthenticated,
			title:    "the request reached the API server as system:anonymous — no credentials were accepted",
			detail:   "Kubernetes answers 403 for anonymous users, but the cause is authentication: the token or client certificate was missing or not recognised (another cluster's, expired, or stripped by a proxy).",
			evidence: h.evidence}, true
	}
	h.title = fmt.Sprintf("%s may not %s %s", m[1], m[2], m[3])
	h.detail += fmt.Sprintf(" Check with: kubectl auth can-i %s %s --as=%s", m[2], m[3], m[1])
	return h, true
}

func ratelimitZero(x *exchange) (vendorHit, bool) {
	v, _ := x.respHeader("x-ratelimit-remaining")
	if strings.TrimSpace(v) != "0" {
		return vendorHit{}, false
	}
	f := x.rateLimit("")
	return vendorHit{detail: f.Detail}, true
}

func githubPermissions(x *exchange) (vendorHit, bool) {
	h := vendorHit{detail: "The token (a GitHub App installation token, a workflow's GITHUB_TOKEN, or a fine-grained personal access token) lacks a permission this endpoint needs. For GITHUB_TOKEN, add it to the workflow's permissions: block; for an App, to its permissions (and accept the new permissions on the installation)."}
	if p, ok := x.respHeader("x-accepted-github-permissions"); ok {
		h.detail += " The endpoint accepts: " + p + "."
		h.evidence = "x-accepted-github-permissions: " + p
	}
	return h, true
}

func githubScopes(x *exchange) (vendorHit, bool) {
	accepted, _ := x.respHeader("x-accepted-oauth-scopes")
	have, _ := x.respHeader("x-oauth-scopes")
	if strings.TrimSpace(accepted) == "" {
		return vendorHit{}, false
	}
	for s := range strings.SplitSeq(accepted, ",") {
		if hasValue(have, strings.TrimSpace(s)) {
			return vendorHit{}, false // one accepted scope is enough
		}
	}
	return vendorHit{
		detail:   fmt.Sprintf("The endpoint accepts a token with any of: %s; the token has: %s. Create a token with one of the accepted scopes. (GitHub answers 404 rather than 403 for private resources the token may not see.)", accepted, orDefault(have, "no scopes")),
		evidence: "x-oauth-scopes: " + have,
	}, true
}

var djangoReasonRe = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?is)reason given for failure:\s*</p>\s*<pre>\s*(.*?)\s*</pre>|csrf failed:\s*([^"<]+)`)
})

// djangoReasons explains Django's CSRF failure reasons.
var djangoReasons = map[string]string{
	"csrf cookie not set":      "the csrftoken cookie was not sent: a cross-site request with SameSite cookies, a cookie set for another domain or path, or a page that never fetched it",
	"csrf token missing":       "the request has no X-CSRFToken header (or csrfmiddlewaretoken form field)",
	"csrf token incorrect":     "the X-CSRFToken value does not match the csrftoken cookie (a stale page, or a cookie rotated at login)",
	"origin checking failed":   "the Origin header is not in CSRF_TRUSTED_ORIGINS (Django 4+ requires the scheme: https://example.com)",
	"referer checking failed":  "an HTTPS request's Referer is missing or from another origin (a Referrer-Policy of no-referrer causes this)",
	"csrf token from post has": "the token has the wrong length or characters",
}

func djangoReason(x *exchange) (vendorHit, bool) {
	h := vendorHit{detail: "Django's CsrfViewMiddleware refused an unsafe request (POST, PUT, PATCH, DELETE) authenticated by the session cookie."}
	m := djangoReasonRe().FindStringSubmatch(x.body)
	if m == nil {
		return h, true
	}
	reason := strings.TrimSpace(html.UnescapeString(m[1] + m[2]))
	h.title = "CSRF verification failed: " + shorten(reason, 100)
	l := strings.ToLower(reason)
	for k, v := range djangoReasons {
		if strings.HasPrefix(l, k) {
			h.detail += " " + upperFirst(v) + "."
			break
		}
	}
	return h, true
}

func springCSRFGuess(x *exchange) (vendorHit, bool) {
	m := strings.ToUpper(x.e.Request.Method)
	if m == "GET" || m == "HEAD" || m == "OPTIONS" {
		return vendorHit{code: CodeIAMDenied, severity: SeverityInfo,
			title:  "Spring Boot's default 403 body",
			detail: "Spring Security refused the request by an access rule (a missing role or authority, or a denyAll); the body says no more. The server's log at DEBUG for org.springframework.security names the rule."}, true
	}
	_, cookie := x.reqHeader("cookie")
	_, xsrf := x.reqHeader("x-xsrf-token")
	_, csrf := x.reqHeader("x-csrf-token")
	if !cookie || xsrf || csrf {
		return vendorHit{code: CodeIAMDenied, severity: SeverityInfo,
			title:  "Spring Boot's default 403 body",
			detail: "Spring Security refused the request by an access rule (a missing role or authority); the body says no more."}, true
	}
	return vendorHit{
		title:  "probably CSRF: a " + m + " with a session cookie and no X-XSRF-TOKEN header",
		detail: "Spring Security's CSRF protection is on by default and answers this plain 403 for a state-changing request without a token. Send the XSRF-TOKEN cookie's value as X-XSRF-TOKEN.",
	}, true
}

// unescapeJSONString decodes the body of a JSON string found by a regexp.
func unescapeJSONString(s string) string {
	out, _ := unquoteJSON(nil, []byte(s), len(s))
	return validUTF8(out)
}
