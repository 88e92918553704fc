package inspect

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

	CodeAudMismatch  = "aud.mismatch"
	CodeIssMismatch  = "iss.mismatch"
	CodeScopeMissing = "scope.missing"
	CodeRoleMissing  = "role.missing"
	CodeAuthMissing  = "auth.missing"
	CodeAuthBasic    = "auth.basic"
	CodeAuthAPIKey   = "auth.api_key"
	CodeAuthOther    = "auth.other_scheme"

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

	CodeCurlMalformed  = "curl.malformed"
	CodeCurlUnexpanded = "curl.unexpanded"
)

// codeVerdict is the verdict an error-severity finding of that code implies
// on its own. Codes not listed imply none.
var codeVerdict = map[string]Verdict{
	CodeTokenMalformed:          Verdict401,
	CodeTokenExpired:            Verdict401,
	CodeTokenNotYetValid:        Verdict401,
	CodeTokenAlgNone:            Verdict401,
	CodeTokenSignatureInvalid:   Verdict401,
	CodeAudMismatch:             Verdict401,
	CodeIssMismatch:             Verdict401,
	CodeAuthMissing:             Verdict401,
	CodeServerInvalidToken:      Verdict401,
	CodeProxyAuthRequired:       Verdict401,
	CodeScopeMissing:            Verdict403,
	CodeRoleMissing:             Verdict403,
	CodeServerInsufficientScope: Verdict403,
	CodeWAFBlock:                Verdict403,
	CodeNetworkCORS:             VerdictNetwork,
	CodeNetworkRefused:          VerdictNetwork,
	CodeNetworkDNS:              VerdictNetwork,
	CodeNetworkTLS:              VerdictNetwork,
	CodeNetworkBlockedByClient:  VerdictNetwork,
	CodeNetworkAborted:          VerdictNetwork,
	CodeNetworkTimeout:          VerdictNetwork,
	// Response-side codes (exchange_codes.go).
	CodeNetworkNoResponse:       VerdictNetwork,
	CodeNetworkFailed:           VerdictNetwork,
	CodeNetworkOffline:          VerdictNetwork,
	CodeNetworkBlockedByPolicy:  VerdictNetwork,
	CodeNetworkBlockedByBrowser: VerdictNetwork,
	CodeNetworkProxy:            VerdictNetwork,
	CodeProxyBlock:              VerdictNetwork,
	CodeIAMDenied:               Verdict403,
	CodeServerUnauthenticated:   Verdict401,
	CodeCSRFFailed:              Verdict403,
	CodeVendorAWSMissingRoute:   Verdict403,
	CodeWebServerForbidden:      Verdict403,
}

// VerdictOf returns the verdict a finding implies by itself: only errors
// imply one, and only for codes that name a cause of refusal.
func VerdictOf(f Finding) (Verdict, bool) {
	if f.Severity != SeverityError {
		return "", false
	}
	v, ok := codeVerdict[f.Code]
	return v, ok
}

// worst returns the verdict the findings imply, in the order a server checks:
// no answer at all first, then identity (401), then permission (403).
func worst(fs []Finding) (Verdict, bool) {
	rank := map[Verdict]int{VerdictNetwork: 3, Verdict401: 2, Verdict403: 1}
	best, found := Verdict(""), false
	for _, f := range fs {
		if v, ok := VerdictOf(f); ok && (!found || rank[v] > rank[best]) {
			best, found = v, true
		}
	}
	return best, found
}
