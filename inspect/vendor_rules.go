package inspect

// vendorRules are tried in order; within a vendor the first match wins, so
// specific rules come before general ones. Phrases are lower case.
var vendorRules = []vendorRule{
	// Cloudflare. A 403 with cf-ray alone proves nothing (the origin's own
	// answers carry it too): a block needs its page or cf-mitigated.
	{vendor: "Cloudflare", code: CodeWAFBlock, header: "cf-mitigated", value: "challenge",
		title:  "a challenge, not the API, answered (cf-mitigated: challenge)",
		detail: "Cloudflare's bot or WAF rules asked for a browser challenge (JavaScript or Turnstile). A fetch or XHR cannot solve it, so API calls fail until the page itself has passed the challenge (cf_clearance cookie) or the site exempts this path from the rule."},
	{vendor: "Cloudflare", code: CodeWAFBlock,
		body:    []string{"cf-error-code", "error code: 10", "sorry, you have been blocked", "attention required! | cloudflare", "cloudflare ray id", "just a moment...", "cf-chl-", "error 1020", "error 1015", "error 1010", "error 1009", "error 1006", "error 1005"},
		title:   "the request was blocked at Cloudflare's edge",
		detail:  "The site's Cloudflare configuration refused the request before it reached the server.",
		capture: cloudflareCode},

	// AWS API Gateway names its error in x-amzn-ErrorType.
	{vendor: "AWS API Gateway", code: CodeVendorAWSMissingRoute, header: "x-amzn-errortype", value: "missingauthenticationtoken",
		title:  "Missing Authentication Token — usually the route or method does not exist",
		detail: "API Gateway answers \"Missing Authentication Token\" when no resource and method match the request: a wrong path, the stage name missing from the URL (/prod/…), a method that is not deployed, a trailing slash, or an undeployed change. Only for a route that exists and uses IAM authorization does it mean the SigV4 signature is missing. Check the URL and method against the deployed stage."},
	{vendor: "AWS API Gateway", code: CodeServerInvalidToken, header: "x-amzn-errortype", value: "expiredtoken",
		title: "the AWS session token has expired", detail: "The temporary credentials (STS session token) used to sign the request expired; get new ones."},
	{vendor: "AWS API Gateway", code: CodeServerUnauthenticated, header: "x-amzn-errortype", value: "signature",
		title:  "the SigV4 signature is wrong or incomplete",
		detail: "The request's AWS Signature Version 4 does not verify: wrong secret key, wrong region or service, a header or body changed after signing, or a clock more than 5 minutes off (\"Signature expired\")."},
	{vendor: "AWS API Gateway", code: CodeServerUnauthenticated, header: "x-amzn-errortype", value: "unauthorizedexception",
		title:  "the authorizer did not accept the caller (UnauthorizedException)",
		detail: "A Lambda or Cognito authorizer rejected the token, or the identity source (usually the Authorization header) was missing or empty, in which case API Gateway answers 401 without calling the authorizer. For Cognito, the token must be the kind the authorizer expects (ID token vs access token) from the right user pool."},
	{vendor: "AWS API Gateway", code: CodeIAMDenied, header: "x-amzn-errortype", value: "accessdenied",
		title:  "access denied (AccessDeniedException)",
		detail: "The caller is known but not allowed: a Lambda authorizer returned a Deny policy (or an Allow that does not cover this method ARN — a cached policy for another route is a classic), a resource policy denies the source IP or VPC, or the IAM identity lacks execute-api:Invoke."},
	{vendor: "AWS API Gateway", code: CodeIAMDenied, header: "x-amzn-errortype", value: "forbidden",
		title:  "forbidden (ForbiddenException)",
		detail: "Usually an API key problem (x-api-key missing, invalid, or not in a usage plan for this stage), a private API called from outside its VPC endpoint, or an AWS WAF rule on the stage."},
	{vendor: "AWS API Gateway", code: CodeRateLimitExceeded, header: "x-amzn-errortype", value: "toomanyrequests",
		title: "throttled (TooManyRequestsException)", detail: "The stage's or usage plan's rate limit was exceeded; not an authorization problem."},
	{vendor: "AWS API Gateway", code: CodeVendorAWSMissingRoute, status: []int{403, 404}, body: []string{`"message":"missing authentication token"`, `"message": "missing authentication token"`},
		title:  "Missing Authentication Token — usually the route or method does not exist",
		detail: "API Gateway's answer when no resource and method match the request (wrong path, stage or method), or an IAM-authorized route got no SigV4 signature."},

	// AWS WAF and CloudFront.
	{vendor: "AWS WAF", code: CodeWAFBlock, header: "x-amzn-waf-action",
		title: "AWS WAF acted on the request", detail: "An AWS WAF web ACL rule blocked the request or asked for a CAPTCHA/challenge (x-amzn-waf-action). The WAF logs name the rule; the request id finds it there.",
		capture: wafReference},
	{vendor: "CloudFront", code: CodeWebServerForbidden, status: []int{403}, body: []string{"not configured to allow the http request method"},
		title: "the distribution does not allow this method", detail: "The CloudFront cache behaviour only allows GET/HEAD (or GET/HEAD/OPTIONS): allow all methods on the behaviour that serves this path."},
	{vendor: "CloudFront", code: CodeWAFBlock, status: []int{403}, bodyAll: []string{"generated by cloudfront"}, body: []string{"request blocked", "could not be satisfied"},
		title:  "CloudFront refused the request (request blocked)",
		detail: "CloudFront's own error page: an AWS WAF rule on the distribution, geographic restriction, or a signed URL/cookie requirement. The x-amz-cf-id header identifies the request in CloudFront's logs."},

	// S3 error documents.
	{vendor: "Amazon S3", code: CodeIAMDenied, status: []int{403}, body: []string{"<code>accessdenied</code>"},
		title:   "AccessDenied",
		detail:  "S3 refused: the bucket policy, an SCP, object ownership/ACLs, Block Public Access, or a KMS key policy denies it. S3 also answers 403 instead of 404 for a key that does not exist when the caller may not s3:ListBucket.",
		capture: s3Message},
	{vendor: "Amazon S3", code: CodeServerUnauthenticated, body: []string{"<code>signaturedoesnotmatch</code>", "<code>invalidaccesskeyid</code>", "<code>expiredtoken</code>", "<code>tokenrefreshrequired</code>"},
		title: "the request's AWS credentials were refused", detail: "The signature, the access key or the session token is not valid for S3.", capture: s3Message},

	// Microsoft: Azure Resource Manager, Microsoft Graph, Storage, Entra.
	{vendor: "Azure", code: CodeIAMDenied, body: []string{`"authorizationfailed"`, "authorizationpermissionmismatch", "authorization_requestdenied", "insufficient privileges to complete the operation"},
		title:   "the identity lacks an Azure RBAC role or directory permission",
		detail:  "The token was accepted; the identity (user, service principal or managed identity) has no role assignment that allows this action at this scope, or the Graph app lacks an admin-consented permission. Role assignments can take several minutes to apply.",
		capture: azureAction},
	{vendor: "Azure", code: CodeServerInvalidToken, body: []string{"invalidauthenticationtokenaudience", "expiredauthenticationtoken", `"invalidauthenticationtoken"`, "invalidauthenticationtokentenant", `"authenticationfailed"`},
		title:   "Azure refused the token",
		detail:  "Azure did not accept the access token: expired, issued for another audience (Resource Manager wants https://management.azure.com/, Graph https://graph.microsoft.com, Storage https://storage.azure.com/), or from another tenant.",
		capture: azureMessage},
	{vendor: "Microsoft Entra ID", code: CodeServerUnauthenticated, status: []int{400, 401}, body: []string{"aadsts"},
		title:   "Microsoft Entra ID refused the sign-in or token request",
		capture: entraBody},

	// Google APIs (google.rpc.Status with ErrorInfo).
	{vendor: "Google", code: CodeIAMDenied, body: []string{`"permission_denied"`}, title: "PERMISSION_DENIED", capture: googleReason},
	{vendor: "Google", code: CodeServerUnauthenticated, body: []string{`"unauthenticated"`},
		title: "UNAUTHENTICATED", detail: "The request had no valid credentials for Google: a missing, expired or wrong-audience access token (Google APIs want an OAuth access token, not an ID token, unless the API says otherwise).", capture: googleReason},

	// Okta.
	{vendor: "Okta", code: CodeServerUnauthenticated, body: []string{`"e0000011"`},
		title: "invalid token provided (E0000011)", detail: "Okta did not accept the API token or access token: expired, revoked, for another org, or the wrong kind (an SSWS API token is sent as \"Authorization: SSWS …\", an access token as \"Bearer …\")."},
	{vendor: "Okta", code: CodeIAMDenied, body: []string{`"e0000006"`},
		title: "you do not have permission to perform the requested action (E0000006)", detail: "The caller is known but lacks an admin role or the OAuth scope (okta.*.read/manage) the endpoint needs, or the resource belongs to another group it may not administer."},
	{vendor: "Okta", code: CodeServerUnauthenticated, body: []string{`"e0000005"`},
		title: "invalid session (E0000005)", detail: "The Okta session cookie or session token is invalid or expired."},
	{vendor: "Okta", code: CodeRateLimitExceeded, body: []string{`"e0000047"`},
		title: "API call exceeded rate limit (E0000047)", detail: "The org's rate limit for this endpoint was reached."},

	// Imperva (Incapsula) and F5 BIG-IP ASM/Advanced WAF block pages name
	// an incident or support id to look the rule up.
	// Both also answer their block page with status 200: F5's default
	// blocking response is a 200, and Imperva's bot check is served as one.
	// The status says OK, the page says blocked (decide, rule 3).
	{vendor: "F5 BIG-IP", code: CodeWAFBlock, status: []int{200}, bodyAll: []string{"the requested url was rejected", "your support id is"},
		title:   "the request was rejected by an F5 BIG-IP web application firewall",
		detail:  "An F5 BIG-IP ASM (Advanced WAF) policy refused the request before it reached the application, and answered its blocking page with status 200, as F5 does by default: the status says OK, the page says rejected. A signature, a disallowed parameter, header or file type, or a malformed request fired. Give the support id to the site's owner: it identifies the violation in the WAF's logs.",
		capture: wafReference},
	{vendor: "Imperva", code: CodeWAFBlock, status: []int{200}, body: []string{"incapsula incident id"},
		title:   "the request was blocked by Imperva's web application firewall",
		detail:  "An Imperva (Incapsula) rule stopped the request before it reached the application, and answered with status 200 (its bot check and block pages do): the status says OK, the page says unsuccessful. Give the incident id to the site's owner: it identifies the rule that fired.",
		capture: wafReference},
	{vendor: "Imperva", code: CodeWAFBlock, body: []string{"incapsula incident id", "_incapsula_resource", "powered by imperva", "request unsuccessful. incapsula"},
		title:   "the request was blocked by Imperva's web application firewall",
		detail:  "An Imperva (Incapsula) security rule refused the request before it reached the application: a WAF signature, bot protection, or an IP, country or rate rule. Give the incident id to the site's owner: it identifies the rule that fired.",
		capture: wafReference},
	{vendor: "F5 BIG-IP", code: CodeWAFBlock, body: []string{"the requested url was rejected", "your support id is"},
		title:   "the request was rejected by an F5 BIG-IP web application firewall",
		detail:  "An F5 BIG-IP ASM (Advanced WAF) policy refused the request before it reached the application: a signature, a disallowed parameter, header or file type, or a malformed request. Give the support id to the site's owner: it identifies the violation in the WAF's logs.",
		capture: wafReference},
	// Akamai's edge block page carries a reference to look the rule up.
	{vendor: "Akamai", code: CodeWAFBlock, bodyAll: []string{"reference #"}, body: []string{"access denied", "you don't have permission to access"},
		title: "Access Denied at Akamai's edge", detail: "An Akamai security rule (App & API Protector, Bot Manager, IP or geo block) refused the request. Give the reference number to the site's owner: it identifies the rule that fired.",
		capture: akamaiReference},

	// Corporate proxies and secure web gateways answer with their own pages.
	{vendor: "Proxy", code: CodeProxyBlock, body: []string{"zscaler", "blue coat", "bluecoat", "symantec web security", "websense", "forcepoint", "netskope", "fortiguard", "palo alto networks", "cisco umbrella", "access control configuration prevents your request", "x-squid-error", "mcafee web gateway", "skyhigh"},
		title:  "a corporate proxy or web gateway blocked the request",
		detail: "The answer is the block page of a proxy between the browser and the server: the request never reached the server. The proxy's category or URL policy must allow the host (ask the network team; the page usually names the category or rule)."},
	{vendor: "Proxy", code: CodeProxyBlock, header: "x-squid-error", value: "err_access_denied",
		title: "Squid denied the request (ERR_ACCESS_DENIED)", detail: "Squid's access rules (http_access) refused the request before it reached the server."},

	// Debugging proxies write their own answer when the upstream failed.
	{vendor: "Fiddler", code: CodeNetworkDNS, body: []string{"[fiddler] dns lookup for"},
		title: "Fiddler could not resolve the host", detail: "Fiddler answered for the server because DNS failed."},
	{vendor: "Fiddler", code: CodeNetworkRefused, body: []string{"[fiddler] the connection to", "[fiddler] the socket connection to", "[fiddler] readresponse() failed"},
		title: "Fiddler could not reach the server", detail: "Fiddler answered for the server because the connection failed or was closed."},
	{vendor: "mitmproxy", code: CodeNetworkFailed, status: []int{502}, body: []string{"mitmproxy"},
		title: "mitmproxy could not reach the server", detail: "mitmproxy answered 502 itself: the upstream connection or TLS handshake failed."},

	// Web servers' default pages: the server refused before the application.
	{vendor: "nginx", code: CodeWebServerForbidden, status: []int{403}, bodyAll: []string{"403 forbidden", "<center>nginx"},
		title:  "nginx's default 403 page",
		detail: "nginx itself refused, not the application: a deny/allow rule, auth_request returning 403, a directory without an index (autoindex off), or files the nginx user cannot read."},
	{vendor: "Apache", code: CodeWebServerForbidden, status: []int{403}, body: []string{"you don't have permission to access this resource", "you don't have permission to access"}, bodyAll: []string{"<address>"},
		title:  "Apache's default 403 page",
		detail: "Apache httpd itself refused, not the application: Require rules, a directory without an index (Options -Indexes), .htaccess, or file permissions."},
	{vendor: "IIS", code: CodeWebServerForbidden, status: []int{403}, body: []string{"403 - forbidden: access is denied", "http error 403."},
		title: "IIS's default 403 page", detail: "IIS itself refused (IP restrictions, SSL required, directory browsing disabled, or file ACLs); the substatus (403.x) says which."},

	// Kubernetes API server (a Status object).
	{vendor: "Kubernetes", code: CodeIAMDenied, bodyAll: []string{`"kind":"status"`}, body: []string{`"reason":"forbidden"`},
		title: "RBAC forbids the action", capture: kubeForbidden},
	{vendor: "Kubernetes", code: CodeServerUnauthenticated, bodyAll: []string{`"kind":"status"`}, body: []string{`"reason":"unauthorized"`},
		title: "the API server did not accept the credentials", detail: "The bearer token or client certificate is not valid for this cluster (expired, revoked, for another cluster, or a service-account token whose secret was deleted)."},

	// GitHub.
	{vendor: "GitHub", code: CodeRateLimitExceeded, status: []int{403, 429}, header: "x-ratelimit-remaining", value: "0",
		title: "API rate limit exceeded (x-ratelimit-remaining: 0)", capture: ratelimitZero},
	{vendor: "GitHub", code: CodeRateLimitExceeded, status: []int{403, 429}, body: []string{"secondary rate limit", "api rate limit exceeded"},
		title: "rate limit exceeded", detail: "GitHub throttled the caller; wait for Retry-After or x-ratelimit-reset. Not an authorization problem."},
	{vendor: "GitHub", code: CodeIAMDenied, body: []string{"resource not accessible by integration", "resource not accessible by personal access token"},
		title: "resource not accessible with this token's permissions", capture: githubPermissions},
	{vendor: "GitHub", code: CodeServerInsufficientScope, status: []int{403, 404}, header: "x-accepted-oauth-scopes", capture: githubScopes,
		title: "the OAuth token lacks a scope this endpoint accepts"},
	{vendor: "GitHub", code: CodeServerInvalidToken, status: []int{401}, body: []string{`"bad credentials"`},
		title: "Bad credentials", detail: "GitHub did not accept the token: revoked, expired (fine-grained tokens and GitHub App tokens expire), or mistyped."},

	// Frameworks' CSRF protection.
	{vendor: "Django", code: CodeCSRFFailed, status: []int{403}, body: []string{"csrf verification failed", "csrf failed:"},
		title: "CSRF verification failed", capture: djangoReason},
	{vendor: "Spring Security", code: CodeCSRFFailed, status: []int{403}, body: []string{"invalid csrf token", "could not verify the provided csrf token", "expected csrf token not found"},
		title:  "CSRF token missing or invalid",
		detail: "Spring Security requires a CSRF token on POST, PUT, PATCH and DELETE when a session cookie authenticates the request: send the XSRF-TOKEN cookie's value back as the X-XSRF-TOKEN header (or disable CSRF for a stateless, token-authenticated API)."},
	{vendor: "Spring Security", code: CodeCSRFFailed, severity: SeverityWarning, status: []int{403}, bodyAll: []string{`"error":"forbidden"`, `"timestamp"`, `"path"`},
		title: "Spring Boot's default 403 body", capture: springCSRFGuess},
	{vendor: "Rails", code: CodeCSRFFailed, body: []string{"invalidauthenticitytoken", "can't verify csrf token authenticity"},
		title: "CSRF token could not be verified (InvalidAuthenticityToken)", detail: "Send the token from the csrf-token meta tag as X-CSRF-Token with the session cookie."},
	{vendor: "Laravel", code: CodeCSRFFailed, status: []int{419}, body: []string{"page expired", "csrf token mismatch"},
		title: "CSRF token mismatch (419)", detail: "The XSRF-TOKEN/X-CSRF-TOKEN did not match the session: an expired session, or a cookie not sent cross-site."},

	// Rate limits any server may signal this way.
	{vendor: "Rate limit", code: CodeRateLimitExceeded, status: []int{403, 429}, header: "x-ratelimit-remaining", value: "0", fallback: true,
		title: "rate limit exceeded (x-ratelimit-remaining: 0)", capture: ratelimitZero},
}
