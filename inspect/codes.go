package inspect

import "strings"

// Finding codes. They are a public contract (the DOM's data-code, the CLI's
// JSON): add new ones, never rename.
const (
	CodeTokenMalformed        = "token.malformed"
	CodeTokenExpired          = "token.expired"
	CodeTokenNotYetValid      = "token.not_yet_valid"
	CodeTokenIssuedInFuture   = "token.issued_in_future"
	CodeTokenAlgNone          = "token.alg_none"
	CodeTokenNoExp            = "token.no_exp"
	CodeTokenSignatureInvalid = "token.signature_invalid"
	CodeTokenSignatureValid   = "token.signature_valid"
	CodeTokenEncrypted        = "token.encrypted"
	// CodeTokenClaimCase flags claim names that differ only in case ("EXP"
	// beside or instead of "exp"): validators are case-sensitive.
	CodeTokenClaimCase = "token.claim_case"
	// CodeTokenTyp: the header's typ is one the server profile's stack
	// refuses (Spring accepts only JWT), or, under generic, one some stacks
	// refuse.
	CodeTokenTyp = "token.typ"
	// CodeTokenAlgNotAllowed: the alg is not among those the stack accepts
	// by default (Kubernetes: RS256).
	CodeTokenAlgNotAllowed = "token.alg_not_allowed"

	CodeAudMismatch = "aud.mismatch"
	CodeIssMismatch = "iss.mismatch"
	// CodeAudUnexpected: the token carries aud and the server configured
	// no audience (PyJWT refuses it).
	CodeAudUnexpected = "aud.unexpected"
	CodeScopeMissing  = "scope.missing"
	CodeRoleMissing   = "role.missing"
	CodeAuthMissing   = "auth.missing"
	CodeAuthBasic     = "auth.basic"
	CodeAuthAPIKey    = "auth.api_key"
	CodeAuthOther     = "auth.other_scheme"

	CodeServerInvalidToken      = "server.invalid_token"
	CodeServerInsufficientScope = "server.insufficient_scope"
	CodeServerInvalidRequest    = "server.invalid_request"
	// CodeServerStatusMismatch: the status the server returned disagrees
	// with what the evidence implies (a 403 for an expired token, …).
	CodeServerStatusMismatch = "server.status_mismatch"

	CodeNetworkCORS            = "network.cors"
	CodeNetworkRefused         = "network.refused"
	CodeNetworkDNS             = "network.dns"
	CodeNetworkTLS             = "network.tls"
	CodeNetworkBlockedByClient = "network.blocked_by_client"
	CodeNetworkAborted         = "network.aborted"
	CodeNetworkTimeout         = "network.timeout"

	CodeWAFBlock          = "waf.block"
	CodeProxyAuthRequired = "proxy.auth_required"

	CodeHARCredentialsStripped = "har.credentials_stripped"
	CodeHARMalformed           = "har.malformed"
	// CodeInputUnrecognized: the text holds no token, command or HAR.
	CodeInputUnrecognized = "input.unrecognized"
	// CodeInputTooManyTokens: the text holds more distinct tokens than
	// are judged in one text (MaxTokens).
	CodeInputTooManyTokens = "input.too_many_tokens"

	CodeCurlMalformed  = "curl.malformed"
	CodeCurlUnexpanded = "curl.unexpanded"
)

// FamilyNone is the family of codes that never decide a verdict by
// themselves (context, warnings, failures that are not about access).
const FamilyNone Verdict = ""

// CodeInfo is one finding code's entry in the registry: the verdict family
// an error of that code belongs to (401, 403, network, or none), the
// severity a finding of that code has unless the rule that makes it says
// otherwise, and what the code means, in one line (the README's table is
// generated from it).
type CodeInfo struct {
	Code     string
	Family   Verdict
	Severity Severity
	Meaning  string
}

// codeTable is the registry: every code the package emits, once. A test
// fails when a code is declared but not here, has no meaning, is produced
// by no test, or is missing from the README.
var codeTable = []CodeInfo{
	{CodeTokenMalformed, Verdict401, SeverityError, "the token cannot be decoded: which segment, which offset, which JSON byte; also a claim of the wrong type"},
	{CodeTokenExpired, Verdict401, SeverityError, "`exp` has passed (beyond the leeway), at the moment checked"},
	{CodeTokenNotYetValid, Verdict401, SeverityError, "`nbf` is still ahead"},
	{CodeTokenIssuedInFuture, FamilyNone, SeverityWarning, "`iat` is ahead: the issuer's clock runs ahead of yours"},
	{CodeTokenAlgNone, Verdict401, SeverityError, "unsigned token (`alg: none`)"},
	{CodeTokenNoExp, FamilyNone, SeverityWarning, "the token never expires"},
	{CodeTokenSignatureInvalid, Verdict401, SeverityError, "with a verification key: the signature does not verify, and why"},
	{CodeTokenSignatureValid, FamilyNone, SeverityInfo, "with a verification key: the signature verifies, and with which key"},
	{CodeTokenEncrypted, FamilyNone, SeverityInfo, "a JWE: its claims cannot be read"},
	{CodeTokenIDToken, FamilyNone, SeverityWarning, "an OpenID Connect ID token (Cognito `token_use: id`, Keycloak `typ: ID`, or `nonce`/`at_hash` with a client as `aud`) where an access token belongs; info when it is the `id_token` of a token response"},
	{CodeTokenCritUnsupported, Verdict401, SeverityError, "the header's `crit` marks an extension validators do not understand (or is malformed): RFC 7515 §4.1.11 says reject (jose, go-jose, Spring do; golang-jwt ignores it)"},
	{CodeTokenTyp, Verdict401, SeverityInfo, "the header's `typ` is one some stacks refuse by default (Spring Security accepts only `JWT` or none, so not RFC 9068's `at+jwt`)"},
	{CodeTokenAlgNotAllowed, Verdict401, SeverityInfo, "the `alg` is not among those the server profile accepts by default (Kubernetes' OIDC authenticator: RS256)"},
	{CodeTokenClaimCase, FamilyNone, SeverityWarning, "claim names that differ only in case (`EXP`), or a name given twice"},

	{CodeAudMismatch, Verdict401, SeverityError, "the audience differs from the requirement, with the near misses explained (Entra `api://` GUIDs, trailing slashes)"},
	{CodeAudUnexpected, Verdict401, SeverityInfo, "the token carries `aud` and no audience is required: PyJWT refuses it (InvalidAudienceError), most stacks ignore it"},
	{CodeIssMismatch, Verdict401, SeverityError, "the issuer differs from the requirement, with the near misses explained (trailing slashes, Entra v1/v2 issuers)"},
	{CodeScopeMissing, Verdict403, SeverityError, "required scopes absent, naming the claim that carries them"},
	{CodeRoleMissing, Verdict403, SeverityError, "required roles absent, naming the claim that carries them"},
	{CodeAuthMissing, Verdict401, SeverityError, "no credentials at all (or, from a challenge without error code, none arrived)"},
	{CodeAuthBasic, Verdict401, SeverityWarning, "Basic credentials: only encoded, user shown, password never"},
	{CodeAuthAPIKey, FamilyNone, SeverityInfo, "an API key in a header or the query"},
	{CodeAuthOther, Verdict401, SeverityInfo, "an opaque bearer token, Digest, NTLM, Negotiate, AWS SigV4…"},

	{CodeServerInvalidToken, Verdict401, SeverityError, "the server's RFC 6750 challenge says `invalid_token`"},
	{CodeServerInsufficientScope, Verdict403, SeverityError, "the server's RFC 6750 challenge says `insufficient_scope`"},
	{CodeServerInvalidRequest, Verdict401, SeverityError, "the server's RFC 6750 challenge says `invalid_request`: it could not read the credentials as sent"},
	{CodeServerStatusMismatch, FamilyNone, SeverityWarning, "the server's answer differs from what the evidence implies"},
	{CodeServerUnauthenticated, Verdict401, SeverityError, "a vendor's body says it does not know the caller"},
	{CodeServerError, FamilyNone, SeverityWarning, "a 5xx: the server failed, it did not refuse"},
	{CodeIAMDenied, Verdict403, SeverityError, "a cloud or platform authorization system refused a known identity (AWS, Azure, Google, Kubernetes, GitHub, Okta)"},
	{CodeCSRFFailed, Verdict403, SeverityError, "the framework's CSRF protection refused the request"},
	{CodeRateLimitExceeded, FamilyNone, SeverityWarning, "refused for too many requests, not for who you are"},
	{CodeVendorAWSMissingRoute, Verdict403, SeverityError, "API Gateway's MissingAuthenticationToken: usually the route or method does not exist"},
	{CodeWebServerForbidden, Verdict403, SeverityError, "the web server's own default 403 page: file permissions or deny rules"},

	{CodeNetworkCORS, VerdictNetwork, SeverityError, "blocked by CORS (Chrome keeps the real status; the finding names it)"},
	{CodeNetworkRefused, VerdictNetwork, SeverityError, "the connection was refused or reset"},
	{CodeNetworkDNS, VerdictNetwork, SeverityError, "the host name could not be resolved"},
	{CodeNetworkTLS, VerdictNetwork, SeverityError, "certificate or TLS handshake problems"},
	{CodeNetworkTimeout, VerdictNetwork, SeverityError, "no answer came in time"},
	{CodeNetworkOffline, VerdictNetwork, SeverityError, "the machine had no network"},
	{CodeNetworkBlockedByClient, VerdictNetwork, SeverityError, "a browser extension stopped the request"},
	{CodeNetworkBlockedByPolicy, VerdictNetwork, SeverityError, "an administrator's browser policy stopped the request"},
	{CodeNetworkBlockedByBrowser, VerdictNetwork, SeverityError, "the browser itself stopped the request or withheld its response (CSP, mixed content, ORB)"},
	{CodeNetworkProxy, VerdictNetwork, SeverityError, "the configured proxy could not be reached"},
	{CodeNetworkAborted, FamilyNone, SeverityInfo, "cancelled (navigation, `AbortController`): not a failure, never decides a verdict"},
	{CodeNetworkFailed, VerdictNetwork, SeverityError, "no answer, with a generic error"},
	{CodeNetworkNoResponse, VerdictNetwork, SeverityError, "no answer, and the export does not say why"},

	{CodeWAFBlock, Verdict403, SeverityError, "a web application firewall or CDN blocked the request (Cloudflare, AWS WAF, Akamai, Imperva, F5)"},
	{CodeProxyAuthRequired, VerdictNetwork, SeverityError, "a proxy wants its own credentials (407)"},
	{CodeProxyBlock, VerdictNetwork, SeverityError, "a proxy or secure web gateway answered with its block page"},

	{CodeHARCredentialsStripped, FamilyNone, SeverityWarning, "the export left out Authorization and cookies (Chrome 130+ default): what to do"},
	{CodeHARMalformed, FamilyNone, SeverityWarning, "the file is not a HAR: what and where (byte offset, JSON path)"},
	{CodeInputUnrecognized, FamilyNone, SeverityInfo, "the text holds no token, command or HAR: nothing to judge"},
	{CodeInputTooManyTokens, FamilyNone, SeverityWarning, "the text holds more than 1,000 different tokens: the first 1,000 are judged, the rest counted"},
	{CodeHARTokenExpiredInUse, FamilyNone, SeverityWarning, "across requests: a token used after it expired"},
	{CodeHARStaleToken, FamilyNone, SeverityWarning, "across requests: an old token sent though a new one existed"},
	{CodeHARNoRefresh, FamilyNone, SeverityWarning, "across requests: a token expired and no refresh was attempted"},
	{CodeHARRefreshFailed, FamilyNone, SeverityWarning, "across requests: the token endpoint refused a refresh"},
	{CodeHARWorkedBefore, FamilyNone, SeverityWarning, "across requests: the same call worked earlier with another token"},

	{CodeCurlMalformed, FamilyNone, SeverityWarning, "a command that cannot be read in full (with line:column)"},
	{CodeCurlUnexpanded, FamilyNone, SeverityWarning, "`$VAR`/`$(…)` left unexpanded in a command"},
}

// registry indexes codeTable by code.
var registry = func() map[string]*CodeInfo {
	m := make(map[string]*CodeInfo, len(codeTable))
	for i := range codeTable {
		m[codeTable[i].Code] = &codeTable[i]
	}
	return m
}()

// Codes returns the registry, in the order of its table.
func Codes() []CodeInfo { return append([]CodeInfo(nil), codeTable...) }

// LookupCode returns a code's registry entry.
func LookupCode(code string) (CodeInfo, bool) {
	if c, ok := registry[code]; ok {
		return *c, true
	}
	return CodeInfo{}, false
}

// Profile names a validator's stack (a server profile). The family of a
// code is a property of (code, profile): a profile may answer another
// status for the same cause (Envoy answers 403 for an audience it does not
// allow). ProfileGeneric is what most stacks answer with their defaults.
type Profile string

// ProfileGeneric is the default profile: the registry's own families.
const ProfileGeneric Profile = "generic"

// Family returns the verdict family of a code under a profile: the
// profile's override if it has one, else the registry's, else none.
func Family(code string, p Profile) Verdict {
	if o, ok := profileFamilies[p][code]; ok {
		return o
	}
	if c, ok := registry[code]; ok {
		return c.Family
	}
	return FamilyNone
}

// newFinding builds a finding of a registered code with the code's default
// severity.
func newFinding(code, title, detail, evidence string) Finding {
	sev := SeverityWarning
	if c, ok := registry[code]; ok {
		sev = c.Severity
	}
	return Finding{Code: code, Severity: sev, Title: title, Detail: detail, Evidence: evidence}
}

// withSeverity is a finding at another severity than its code's default,
// for the rules where the same observation weighs more or less (a CORS
// problem the export did not record as a failure is a warning).
func (f Finding) withSeverity(s Severity) Finding {
	f.Severity = s
	return f
}

// CodeTableMarkdown is the registry as the README shows it.
func CodeTableMarkdown() string {
	var b strings.Builder
	b.WriteString("| code | verdict | severity | meaning |\n|---|---|---|---|\n")
	for _, c := range codeTable {
		fam := string(c.Family)
		if fam == "" {
			fam = "—"
		}
		b.WriteString("| `" + c.Code + "` | " + fam + " | " + string(c.Severity) + " | " + c.Meaning + " |\n")
	}
	return b.String()
}
