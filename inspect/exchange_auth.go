package inspect

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"sync"
)

// proxyAuth explains a 407: the proxy between the browser and the server
// wants credentials of its own.
func (x *exchange) proxyAuth() []Finding {
	if x.status != 407 {
		return nil
	}
	pa := x.respHeaders("proxy-authenticate")
	detail := "A proxy between the browser and the server answered 407 Proxy Authentication Required: the request never reached the server. The proxy wants its own credentials (Proxy-Authorization), which browsers send after prompting or through the system's single sign-on."
	ev := x.where() + " → 407"
	if pa != "" {
		ev += "; Proxy-Authenticate: " + pa
		if chs, _ := ParseChallenges(pa); len(chs) > 0 {
			var schemes []string
			for _, c := range chs {
				schemes = append(schemes, c.Scheme)
			}
			detail += " It offers: " + strings.Join(schemes, ", ") + "."
			if hasScheme(chs, "negotiate") || hasScheme(chs, "ntlm") {
				detail += " Negotiate/NTLM need the machine to be in the proxy's domain (or the proxy allow-listed for integrated authentication in the browser's policy)."
			}
		}
	}
	return []Finding{newFinding(CodeProxyAuthRequired,
		"The proxy requires authentication (407)",
		detail,
		ev)}
}

func hasScheme(chs []Challenge, s string) bool {
	for _, c := range chs {
		if strings.EqualFold(c.Scheme, s) {
			return true
		}
	}
	return false
}

// challenges reads the response's WWW-Authenticate (RFC 7235, RFC 6750):
// the error code a Bearer challenge carries is the server's own statement
// of what is wrong.
func (x *exchange) challenges() []Finding {
	v := x.respHeaders("www-authenticate")
	if v == "" {
		return nil
	}
	chs, err := ParseChallenges(v)
	ev := "WWW-Authenticate: " + shorten(v, 300)
	var fs []Finding
	if err != nil && len(chs) == 0 {
		return []Finding{newFinding(CodeServerInvalidRequest,
			"The server's WWW-Authenticate header cannot be read",
			err.Error(),
			ev).withSeverity(SeverityInfo)}
	}
	for _, ch := range chs {
		scheme := strings.ToLower(ch.Scheme)
		if scheme != "bearer" && scheme != "dpop" {
			continue
		}
		code, _ := ch.Param("error")
		desc, _ := ch.Param("error_description")
		detailDesc := describeDesc(desc) + entraDetail(ch, desc)
		switch code {
		case "invalid_token":
			fs = append(fs, newFinding(CodeServerInvalidToken,
				"The server says the token is invalid (invalid_token)",
				"RFC 6750 §3.1: the access token is expired, revoked, malformed, for another audience or issuer, or its signature does not verify; the server answers 401. Get a new token for this API."+detailDesc,
				ev))
		case "insufficient_scope":
			scope, _ := ch.Param("scope")
			d := "RFC 6750 §3.1: the token is valid but grants less than this request needs; the server answers 403."
			if scope != "" {
				d += " Required scope(s): " + scope + "." + x.scopeGap(scope)
			}
			fs = append(fs, newFinding(CodeServerInsufficientScope,
				"The server says the token lacks a scope (insufficient_scope)"+orEmpty(": needs ", scope),
				d+detailDesc,
				ev))
		case "invalid_request":
			fs = append(fs, newFinding(CodeServerInvalidRequest,
				"The server says the request is malformed (invalid_request)",
				"RFC 6750 §3.1: a parameter is missing or repeated, or the token is sent in more than one way (a header and an access_token parameter at once); the server should answer 400."+detailDesc,
				ev).withSeverity(SeverityWarning))
		case "":
			if x.status == 401 && !hasCredentials(x.e.Request) {
				fs = append(fs, newFinding(CodeAuthMissing,
					"The server received no credentials (a bare Bearer challenge)",
					"RFC 6750 §3.1: a server leaves out the error code when the request had no authentication at all. If the page did send a token, it was lost on the way (a redirect to another host, a proxy that strips Authorization) — or the HAR was exported without credentials."+entraDetail(ch, desc),
					ev))
			}
		default:
			fs = append(fs, newFinding(CodeServerInvalidToken,
				"The server refused the token: "+code,
				"A non-standard error code in the Bearer challenge."+detailDesc,
				ev))
		}
	}
	return fs
}

// scopeGap names the required scopes the request's tokens do not carry.
func (x *exchange) scopeGap(required string) string {
	for _, tr := range x.tokens {
		claims := decodeClaims(tr.Payload)
		if claims == nil {
			continue
		}
		have := grantedScopes(claims)
		var missing []string
		for s := range strings.FieldsSeq(required) {
			if !have[s] {
				missing = append(missing, s)
			}
		}
		if len(missing) > 0 {
			return fmt.Sprintf(" The token (%s) lacks: %s.", tr.Source, strings.Join(missing, " "))
		}
		return fmt.Sprintf(" The token (%s) does carry them: the server may want them in another claim or for another audience.", tr.Source)
	}
	return ""
}

// hasCredentials reports whether a request carries an Authorization header
// or a cookie.
func hasCredentials(r Request) bool {
	if _, ok := header(r.Headers, "authorization"); ok {
		return true
	}
	if _, ok := header(r.Headers, "cookie"); ok {
		return true
	}
	return len(r.Cookies) > 0
}

var aadsts = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`AADSTS\d{5,7}`) })

// aadstsMeaning holds the Microsoft Entra ID error codes most often seen
// behind a denied API call.
var aadstsMeaning = map[string]string{
	"AADSTS50011":   "the redirect URI does not match one registered for the application",
	"AADSTS50013":   "the assertion is invalid (issuer, audience, lifetime or signature)",
	"AADSTS50020":   "the user's account is from an identity provider that does not exist in this tenant (a guest not invited?)",
	"AADSTS50058":   "a silent sign-in was attempted but no user is signed in",
	"AADSTS50076":   "multi-factor authentication is required",
	"AADSTS50079":   "the user must enrol in multi-factor authentication",
	"AADSTS50126":   "invalid user name or password",
	"AADSTS50173":   "the grant expired because it was revoked (a password change?); sign in again",
	"AADSTS53003":   "Conditional Access blocked the sign-in",
	"AADSTS65001":   "the user or an administrator has not consented to the application",
	"AADSTS70011":   "the requested scope is invalid",
	"AADSTS90002":   "the tenant was not found",
	"AADSTS500011":  "the resource (API) principal was not found in the tenant: wrong audience/App ID URI, or the API is not provisioned there",
	"AADSTS500133":  "the assertion is not within its valid time range (an expired token used in on-behalf-of)",
	"AADSTS700016":  "the application was not found in the tenant (wrong client_id or tenant)",
	"AADSTS700024":  "the client assertion is not within its valid time range",
	"AADSTS700082":  "the refresh token expired for inactivity; sign in again",
	"AADSTS7000215": "an invalid client secret was provided",
}

// entraDetail explains Microsoft Entra ID specifics of a challenge: its
// authorization_uri names the tenant, and AADSTS codes in the description.
func entraDetail(ch Challenge, desc string) string {
	var b strings.Builder
	if au, ok := ch.Param("authorization_uri"); ok && au != "" {
		b.WriteString(" authorization_uri " + au + " is where the token must come from (its path names the tenant): a token from another tenant or from the v1/v2 endpoint the API does not accept is refused.")
	}
	for _, code := range aadsts().FindAllString(desc, 3) {
		if m, ok := aadstsMeaning[code]; ok {
			b.WriteString(" " + code + ": " + m + ".")
		} else {
			b.WriteString(" " + code + " is a Microsoft Entra ID error code: look it up at https://login.microsoftonline.com/error?code=" + strings.TrimPrefix(code, "AADSTS") + ".")
		}
	}
	return b.String()
}

// mismatch explains a server status that disagrees with the evidence: the
// challenge or a vendor's body implies the other of 401/403, or the
// request's tokens do. The verdict stays the server's status.
func (x *exchange) mismatch(observed Verdict, fs []Finding) []Finding {
	if x.status != 401 && x.status != 403 {
		return nil
	}
	for _, f := range fs {
		v, ok := VerdictOf(f)
		if !ok || v == observed || v == VerdictNetwork {
			continue
		}
		return []Finding{newFinding(CodeServerStatusMismatch,
			fmt.Sprintf("The server answered %d, but its own message implies %s", x.status, v),
			fmt.Sprintf("%s (%s) usually comes with %s. Some servers and gateways use 401 and 403 loosely; the verdict keeps the status the server sent, and the cause is the message.",
				strings.TrimSuffix(f.Title, "."), f.Code, v),
			f.Evidence)}
	}
	for _, tr := range x.tokens {
		if tr.Verdict == observed || (tr.Verdict != Verdict401 && tr.Verdict != Verdict403) {
			continue
		}
		f := mismatchFinding(observed, tr.Verdict, x.where()+fmt.Sprintf(" → %d", x.status))
		f.Evidence = tr.Source + ": " + f.Evidence
		return []Finding{f}
	}
	return nil
}

// decodeClaims decodes a token report's payload (numbers as json.Number),
// or returns nil.
func decodeClaims(payload []byte) map[string]any {
	if len(payload) == 0 {
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(payload))
	dec.UseNumber()
	var m map[string]any
	if dec.Decode(&m) != nil {
		return nil
	}
	return m
}

// grantedScopes returns every scope and permission the claims grant (roles
// and groups are not scopes).
func grantedScopes(claims map[string]any) map[string]bool {
	out := map[string]bool{}
	for _, vs := range grantedBy(claims, scopeClaims).values {
		for _, v := range vs {
			out[v] = true
		}
	}
	return out
}
