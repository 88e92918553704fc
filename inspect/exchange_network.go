package inspect

import (
	"fmt"
	"strings"
)

// netRule maps the error texts exporters write for a request that got no
// answer to a finding. match holds lower-case substrings, any of which
// matches; rules are tried in order.
type netRule struct {
	match  []string
	code   string
	title  string
	detail string
}

// netRules covers Chromium's net::ERR_* (Chrome, Edge, Playwright on
// Chromium), Firefox's NS_ERROR_*/SSL_ERROR_*/SEC_ERROR_* (Playwright on
// Firefox), WebKit's sentences (Safari, Playwright on WebKit) and Java's
// exceptions (Charles writes them in comments). ERR_FAILED is handled
// before these (it is how Chrome reports CORS failures).
var netRules = []netRule{
	{[]string{"err_aborted", "ns_binding_aborted", "cancelled", "canceled", "net::err_aborted", "aborterror", "ns_error_abort"},
		CodeNetworkAborted,
		"The request was cancelled before an answer came",
		"The page (or the user, by navigating away) cancelled the request: a superseded fetch, an AbortController, a navigation. That is not a failure of the server or the network."},
	{[]string{"err_blocked_by_client", "blocked by client", "blockedbyclient", "ns_error_blocked_by_extension"},
		CodeNetworkBlockedByClient,
		"A browser extension blocked the request",
		"An ad blocker, privacy or security extension stopped the request before it left the browser (net::ERR_BLOCKED_BY_CLIENT). Allow the site in the extension, or try a private window without extensions."},
	{[]string{"err_blocked_by_administrator", "ns_error_blocked_by_policy", "blocked by administrator"},
		CodeNetworkBlockedByPolicy,
		"An administrator's browser policy blocked the URL",
		"The browser is managed and a policy (URLBlocklist or similar) forbids this URL (net::ERR_BLOCKED_BY_ADMINISTRATOR). Only the administrator of the machine can change it."},
	{[]string{"err_blocked_by_response", "err_blocked_by_orb", "err_blocked_by_csp", "blocked:csp", "blocked:mixed-content", "mixed-content", "blocked:coep", "blocked:corp", "err_blocked_by_private_network", "ns_error_content_blocked", "ns_error_cors", "ns_error_dom_bad_uri"},
		CodeNetworkBlockedByBrowser,
		"The browser itself blocked the request or its response",
		"The browser enforced a rule of the page or of the response: a Content-Security-Policy (connect-src), mixed content (http:// from an https:// page), Cross-Origin-Resource-Policy / Embedder-Policy, Opaque Response Blocking, or Private Network Access. The console names the rule."},
	{[]string{"err_name_not_resolved", "err_name_resolution_failed", "ns_error_unknown_host", "hostname could not be found", "unknownhostexception", "dns lookup", "getaddrinfo", "enotfound", "name or service not known", "no such host"},
		CodeNetworkDNS,
		"The host name could not be resolved (DNS)",
		"No address was found for the host: a typo, a name that only resolves inside a VPN or corporate network, or a DNS outage."},
	{[]string{"err_internet_disconnected", "ns_error_offline", "appears to be offline", "err_network_changed", "err_address_unreachable", "network is unreachable", "err_network_access_denied"},
		CodeNetworkOffline,
		"The machine was offline or changed network",
		"The browser had no usable network connection when the request was made (or the network changed during it)."},
	{[]string{"err_cert_", "err_ssl_", "err_insecure_response", "err_bad_ssl_client_auth_cert", "ssl_error_", "sec_error_", "mozilla_pkix_error_", "ns_error_net_inadequate_security", "certificate", "sslhandshake", "sslexception", "handshake", "tls"},
		CodeNetworkTLS,
		"The TLS connection failed (certificate or handshake)",
		"The browser did not trust the server's certificate (expired, wrong host name, unknown or corporate CA, revoked) or the TLS handshake failed (protocol or cipher mismatch, client certificate required). An intercepting proxy with its own CA causes this too."},
	{[]string{"err_proxy_", "err_tunnel_connection_failed", "err_mandatory_proxy_configuration_failed", "ns_error_proxy_", "ns_error_unknown_proxy_host", "proxy"},
		CodeNetworkProxy,
		"The proxy could not be reached or refused the connection",
		"The browser is set to use a proxy (or a PAC file) that failed: unreachable, refusing the CONNECT tunnel, or misconfigured."},
	{[]string{"timed_out", "timed out", "timeout", "ns_error_net_timeout"},
		CodeNetworkTimeout,
		"The request timed out",
		"No answer came in time: the server is down or overloaded, a firewall silently drops the packets, or the host is only reachable from another network."},
	{[]string{"err_connection_refused", "ns_error_connection_refused", "connection refused", "could not connect", "connectionrefused", "econnrefused", "connectexception"},
		CodeNetworkRefused,
		"The connection was refused",
		"Nothing accepted the connection at that host and port: the server is not running, listens on another port, or a firewall rejects it."},
	{[]string{"err_connection_reset", "err_connection_closed", "err_connection_aborted", "err_empty_response", "err_connection_failed", "ns_error_net_reset", "ns_error_net_interrupt", "connection was lost", "econnreset", "connection reset", "socketexception", "remote host terminated", "network connection was lost"},
		CodeNetworkRefused,
		"The connection was reset or closed without an answer",
		"The connection was opened but closed before a response: a crashing server, a load balancer or firewall cutting it, or an HTTP/2 or TLS problem on the way."},
}

// noAnswer judges an entry that got no HTTP answer.
func (x *exchange) noAnswer() []Finding {
	msg := strings.TrimSpace(x.e.Error)
	ev := x.where()
	if msg != "" {
		ev += " → " + msg
	}
	if msg == "" {
		f := newFinding(CodeNetworkNoResponse,
			"No answer was recorded, and the export does not say why",
			"The entry has status 0 and no error text (Firefox exports failures this way). Likely causes: a CORS failure, "+
				"an extension or policy block, a refused or reset connection, or a request still pending when the file was saved. "+
				"The browser console, or a Chrome export (which keeps the error text), tells which.",
			ev)
		if fs := x.cors(); len(fs) > 0 {
			return append([]Finding{f}, fs...)
		}
		return []Finding{f}
	}
	l := strings.ToLower(msg)
	if strings.Contains(l, "err_failed") || l == "failed" || strings.Contains(l, "ns_error_failure") {
		if fs := x.cors(); len(fs) > 0 {
			return fs
		}
		if f, ok := x.failedPreflight(ev); ok {
			return []Finding{f}
		}
		page, how, known := x.pageOrigin()
		target := requestOrigin(x.e.Request.URL)
		if known && page != "" && target != "" && !strings.EqualFold(page, target) {
			who := "The page at " + page
			if page == otherOrigin {
				who = "A page of another origin"
			}
			return []Finding{newFinding(CodeNetworkCORS,
				"Probably blocked by CORS: a cross-origin request got no readable answer",
				fmt.Sprintf("%s called %s, another origin (%s), and the browser reports net::ERR_FAILED without a status: that is how Chrome reports a request CORS refused. "+
					"The file holds no Origin header and no preflight (OPTIONS) for this URL to show which CORS rule failed; the browser console names the missing header. "+
					"Chrome also reports service-worker failures and some extension blocks this way.", who, target, how),
				ev+"; "+how)}
		}
		detail := "Chrome reports CORS failures, service-worker failures and some blocks as net::ERR_FAILED; the browser console names the cause. "
		switch {
		case known:
			detail += "The request is same-origin (" + how + "), so CORS does not apply."
		default:
			detail += "The export kept no Origin, Referer or Sec-Fetch-Site header, so the file does not show whether the request was cross-origin (CORS) or not."
		}
		return []Finding{newFinding(CodeNetworkFailed,
			"The request failed without a specific reason (net::ERR_FAILED)",
			detail,
			ev)}
	}
	return []Finding{classifyNetError(msg, ev)}
}

// pageOrigin is the origin of the page that made the request, as the
// request's headers show it, with the evidence in words; known is false
// when nothing shows it. Origin names it; Sec-Fetch-Site "same-origin"
// says it is the request's own; a Referer names the page (its origin is
// the page's, under the default referrer policy); Sec-Fetch-Site
// "same-site" or "cross-site" says it is another, without naming it.
func (x *exchange) pageOrigin() (origin, how string, known bool) {
	target := requestOrigin(x.e.Request.URL)
	if o, ok := x.reqHeader("origin"); ok && o != "" && o != "null" {
		return strings.TrimSuffix(o, "/"), "Origin: " + o, true
	}
	site, _ := x.reqHeader("sec-fetch-site")
	site = strings.ToLower(strings.TrimSpace(site))
	if site == "same-origin" {
		return target, "Sec-Fetch-Site: same-origin", true
	}
	ref, _ := x.reqHeader("referer")
	if ro := requestOrigin(ref); ro != "" {
		how := "Referer: " + shorten(ref, 80)
		if site == "same-site" || site == "cross-site" {
			how = "Sec-Fetch-Site: " + site + ", " + how
		}
		return ro, how, true
	}
	if site == "same-site" || site == "cross-site" {
		return otherOrigin, "Sec-Fetch-Site: " + site, true
	}
	return "", "", false
}

// otherOrigin stands for a page origin known only to differ from the
// request's (Sec-Fetch-Site without a Referer).
const otherOrigin = "another origin"

// failedPreflight explains a request that failed without an answer by its
// CORS preflight, recorded earlier in the file: an OPTIONS to the same URL
// answered without Access-Control-Allow-Origin, or not with a 2xx. The
// browser then never sends the request (Chrome's net::ERR_FAILED, status 0
// or Playwright's -1), whether or not the export kept its Origin header.
func (x *exchange) failedPreflight(ev string) (Finding, bool) {
	p := x.preflight
	if p == nil || p.Response == nil || p.Response.Status <= 0 {
		return Finding{}, false
	}
	acao, _ := header(p.Response.Headers, "access-control-allow-origin")
	var problem string
	switch s := p.Response.Status; {
	case s < 200 || s > 299:
		problem = fmt.Sprintf("the preflight (OPTIONS, #%d) was answered %d instead of 2xx", p.Index+1, s)
	case acao == "":
		problem = fmt.Sprintf("the preflight (OPTIONS, #%d) was answered without Access-Control-Allow-Origin", p.Index+1)
	default:
		return Finding{}, false
	}
	return newFinding(CodeNetworkCORS,
		"Blocked by CORS: "+problem,
		"The browser asked the server first whether this cross-origin request is allowed (a preflight), and "+problem+", so it never sent the request and the page saw a network error. Answer OPTIONS for this path with Access-Control-Allow-Origin naming the page's origin (and Access-Control-Allow-Methods/-Headers for what the request uses), before any authentication: browsers never send credentials on a preflight.",
		ev+fmt.Sprintf("; preflight #%d OPTIONS → %d", p.Index+1, p.Response.Status)+orEmpty(", Access-Control-Allow-Origin: ", acao)), true
}

// classifyNetError turns an error text into a finding.
func classifyNetError(msg, evidence string) Finding {
	l := strings.ToLower(msg)
	for _, r := range netRules {
		for _, m := range r.match {
			if strings.Contains(l, m) {
				return newFinding(r.code,
					r.title,
					r.detail,
					evidence)
			}
		}
	}
	return newFinding(CodeNetworkFailed,
		"The request failed: "+shorten(msg, 80),
		"The exporter recorded this error instead of a response; no rule here knows it.",
		evidence)
}

// networkWithStatus handles an error text on an entry that has a status:
// Chrome keeps the real status when CORS made the response unreadable, and
// a few blocks (ERR_BLOCKED_BY_RESPONSE) come with one too.
func (x *exchange) networkWithStatus() []Finding {
	msg := strings.TrimSpace(x.e.Error)
	if msg == "" {
		return nil
	}
	l := strings.ToLower(msg)
	if strings.Contains(l, "err_failed") || strings.Contains(l, "cors") {
		return nil // cors() decides
	}
	f := classifyNetError(msg, x.where()+fmt.Sprintf(" → %d, then %s", x.status, msg))
	if f.Code == CodeNetworkFailed && x.status > 0 {
		f = f.withSeverity(SeverityWarning) // the response did come; the error is about its reading
	}
	return []Finding{f}
}

// cors finds why the browser would refuse the page a cross-origin
// response: a failed preflight, or a response without a matching
// Access-Control-Allow-Origin. It is an error (verdict network) when the
// exporter recorded a failure, or the request was a CORS-mode fetch; a
// warning otherwise.
func (x *exchange) cors() []Finding {
	origin, ok := x.reqHeader("origin")
	if !ok || origin == "" {
		return nil
	}
	target := requestOrigin(x.e.Request.URL)
	if target == "" || strings.EqualFold(strings.TrimSuffix(origin, "/"), target) {
		return nil
	}
	mode, _ := x.reqHeader("sec-fetch-mode")
	preflight := x.isPreflight()
	failed := x.e.Error != "" || preflight || strings.EqualFold(mode, "cors")
	sev := SeverityWarning
	if failed {
		sev = SeverityError
	}
	if x.e.Response == nil || x.status <= 0 {
		if x.e.Error == "" && !strings.EqualFold(mode, "cors") {
			return nil
		}
		return []Finding{newFinding(CodeNetworkCORS,
			"Probably blocked by CORS: a cross-origin request got no readable answer",
			fmt.Sprintf("The page at %s called %s, another origin, and the browser reports a failure without a response. "+
				"Chrome writes CORS failures this way when the preflight (OPTIONS) failed or was never answered: look for the OPTIONS entry "+
				"just before this one; the console says which header was missing.", origin, target),
			x.where()+" from origin "+origin+orEmpty(" → ", x.e.Error))}
	}
	var problem, extra string
	acao := x.respHeaders("access-control-allow-origin")
	_, withCookie := x.reqHeader("cookie")
	switch {
	case preflight && (x.status < 200 || x.status > 299):
		problem = fmt.Sprintf("the preflight (OPTIONS) was answered %d instead of 2xx", x.status)
		if x.status == 401 || x.status == 403 {
			extra = " Browsers never send credentials on a preflight, so a server that requires authentication for OPTIONS refuses every cross-origin call: let OPTIONS through before authentication (and answer it from the CORS layer)."
		}
	case acao == "":
		problem = "the response has no Access-Control-Allow-Origin header"
	case strings.Contains(acao, ","):
		problem = "Access-Control-Allow-Origin holds several values (" + acao + "); it must hold exactly one"
	case acao == "*" && (withCookie || hasValue(x.respHeaders("access-control-allow-credentials"), "true")):
		problem = "Access-Control-Allow-Origin is * but the request carries credentials; with credentials it must name the origin"
	case acao != "*" && !strings.EqualFold(strings.TrimSuffix(acao, "/"), strings.TrimSuffix(origin, "/")):
		problem = "Access-Control-Allow-Origin is " + acao + ", not the page's origin " + origin
	case preflight:
		problem = x.preflightGaps()
	}
	if problem == "" {
		return nil
	}
	detail := fmt.Sprintf("The page at %s called %s, another origin; the browser refuses the page the answer because %s.", origin, target, problem) + extra
	if !preflight && x.status >= 400 {
		detail += fmt.Sprintf(" The server did answer %d: error responses often lack CORS headers, so the page sees a network error that hides the real refusal — fix the %d (see the other findings) and send CORS headers on error responses too.", x.status, x.status)
	}
	if sev == SeverityWarning {
		detail += " The export recorded no failure, so the browser may not have enforced this (a navigation or a no-cors request)."
	}
	title := "Blocked by CORS: " + problem
	if preflight {
		title = "The CORS preflight failed: " + problem
	}
	ev := x.where() + " from origin " + origin
	if acao != "" {
		ev += "; Access-Control-Allow-Origin: " + acao
	}
	return []Finding{newFinding(CodeNetworkCORS,
		shorten(title, 160),
		detail,
		ev+fmt.Sprintf(" → %d", x.status)+orEmpty(", ", x.e.Error)).withSeverity(sev)}
}

// isPreflight reports whether the entry is a CORS preflight.
func (x *exchange) isPreflight() bool {
	if strings.EqualFold(x.e.ResourceType, "preflight") {
		return true
	}
	_, acrm := x.reqHeader("access-control-request-method")
	return strings.EqualFold(x.e.Request.Method, "OPTIONS") && acrm
}

// preflightGaps compares what a preflight asked for with what it was
// allowed.
func (x *exchange) preflightGaps() string {
	method, _ := x.reqHeader("access-control-request-method")
	allowM := x.respHeaders("access-control-allow-methods")
	if method != "" && !isSimpleMethod(method) && !hasValue(allowM, method) && !hasValue(allowM, "*") {
		return fmt.Sprintf("the method %s is not in Access-Control-Allow-Methods (%s)", method, orDefault(allowM, "absent"))
	}
	asked, _ := x.reqHeader("access-control-request-headers")
	allowH := x.respHeaders("access-control-allow-headers")
	var missing []string
	for h := range strings.SplitSeq(asked, ",") {
		h = strings.TrimSpace(h)
		if h == "" || hasValue(allowH, h) {
			continue
		}
		if hasValue(allowH, "*") && !strings.EqualFold(h, "authorization") {
			continue // * covers every header but Authorization
		}
		missing = append(missing, h)
	}
	if len(missing) > 0 {
		return fmt.Sprintf("the header(s) %s are not in Access-Control-Allow-Headers (%s)", strings.Join(missing, ", "), orDefault(allowH, "absent"))
	}
	return ""
}

func isSimpleMethod(m string) bool {
	switch strings.ToUpper(m) {
	case "GET", "HEAD", "POST":
		return true
	}
	return false
}

// hasValue reports whether a comma-separated list holds v (any case).
func hasValue(list, v string) bool {
	for item := range strings.SplitSeq(list, ",") {
		if strings.EqualFold(strings.TrimSpace(item), v) {
			return true
		}
	}
	return false
}

func orEmpty(sep, s string) string {
	if s == "" {
		return ""
	}
	return sep + s
}
