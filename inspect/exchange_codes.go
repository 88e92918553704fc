package inspect

// Finding codes of the response side (what came back, or why nothing did),
// and of the comparison across HAR entries. Like those in codes.go they are
// a contract: add, never rename.
const (
	// CodeNetworkNoResponse: nothing came back and the exporter says
	// nothing about why (Firefox writes status 0 and no error text).
	CodeNetworkNoResponse = "network.no_response"
	// CodeNetworkFailed: a network error without a more specific code
	// (net::ERR_FAILED that is not CORS, protocol errors, redirects loops).
	CodeNetworkFailed = "network.failed"
	// CodeNetworkOffline: the machine had no network
	// (ERR_INTERNET_DISCONNECTED, NS_ERROR_OFFLINE).
	CodeNetworkOffline = "network.offline"
	// CodeNetworkBlockedByPolicy: an administrator's browser policy blocked
	// the URL (ERR_BLOCKED_BY_ADMINISTRATOR).
	CodeNetworkBlockedByPolicy = "network.blocked_by_policy"
	// CodeNetworkBlockedByBrowser: the browser itself refused (CSP, mixed
	// content, CORP/COEP, ORB: ERR_BLOCKED_BY_RESPONSE, blocked:csp, …).
	CodeNetworkBlockedByBrowser = "network.blocked_by_browser"
	// CodeNetworkProxy: the configured proxy could not be reached or
	// refused the tunnel (ERR_PROXY_CONNECTION_FAILED, …).
	CodeNetworkProxy = "network.proxy"
	// CodeProxyBlock: a corporate proxy or secure web gateway answered with
	// its block page (Zscaler, Symantec/Blue Coat, Squid, Netskope, …).
	CodeProxyBlock = "proxy.block"

	// CodeIAMDenied: a cloud or platform authorization system refused a
	// known identity (AWS AccessDenied, Azure AuthorizationFailed, Google
	// PERMISSION_DENIED, Kubernetes Forbidden, GitHub integrations, Okta
	// E0000006).
	CodeIAMDenied = "iam.denied"
	// CodeServerUnauthenticated: a vendor's body says it does not know who
	// is calling (Okta E0000011, Google UNAUTHENTICATED, API Gateway
	// UnauthorizedException, Kubernetes system:anonymous).
	CodeServerUnauthenticated = "server.unauthenticated"
	// CodeCSRFFailed: the framework's CSRF protection refused the request
	// (Django, Spring Security, Rails, Laravel).
	CodeCSRFFailed = "csrf.failed"
	// CodeRateLimitExceeded: refused for too many requests (429, or a 403
	// with x-ratelimit-remaining: 0 as GitHub sends). Not an auth problem.
	CodeRateLimitExceeded = "ratelimit.exceeded"
	// CodeVendorAWSMissingRoute: API Gateway's MissingAuthenticationToken,
	// which almost always means the route or method does not exist.
	CodeVendorAWSMissingRoute = "vendor.aws_missing_route"
	// CodeWebServerForbidden: a web server's own default 403 page (nginx,
	// Apache, IIS): file permissions or deny rules, not the application.
	CodeWebServerForbidden = "webserver.forbidden"
	// CodeServerError: a 5xx answer; the server failed, it did not refuse.
	CodeServerError = "server.error"

	// CodeHARTokenExpiredInUse: a token obtained earlier in the HAR was
	// still used after it expired.
	CodeHARTokenExpiredInUse = "har.token_expired_in_use"
	// CodeHARStaleToken: a newer token had been obtained, yet a failing
	// request still sent the old one.
	CodeHARStaleToken = "har.stale_token"
	// CodeHARNoRefresh: a request failed with an expired token and the HAR
	// shows no attempt to get a new one.
	CodeHARNoRefresh = "har.no_refresh"
	// CodeHARRefreshFailed: the token endpoint refused a refresh.
	CodeHARRefreshFailed = "har.refresh_failed"
	// CodeHARWorkedBefore: the same call succeeded earlier with another
	// token; the finding lists how the two tokens' claims differ.
	CodeHARWorkedBefore = "har.worked_before"
)
