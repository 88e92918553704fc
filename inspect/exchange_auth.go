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

// challenges reads the response's WWW-Authenticate (RFC 7235, RFC 6750)
// with readChallenges, the same reading a pasted header gets.
func (x *exchange) challenges() []Finding {
	v := x.respHeaders("www-authenticate")
	if v == "" {
		return nil
	}
	chs, err := ParseChallenges(v)
	ev := "WWW-Authenticate: " + shorten(v, 300)
	if err != nil && len(chs) == 0 {
		return []Finding{newFinding(CodeServerInvalidRequest,
			"The server's WWW-Authenticate header cannot be read", err.Error(), ev).withSeverity(SeverityInfo)}
	}
	fs, _ := readChallenges(chs, ev, challengeContext{
		status: x.status, sent: sentScheme(x.e.Request, x.tokens), known: true, tokens: x.tokens, stripped: x.stripped,
	})
	return fs
}

// challengeContext is what is known of the request a challenge answers.
type challengeContext struct {
	// status is the response's status; 0 for a pasted header.
	status int
	// sent is the scheme of the credentials the request carried, lower
	// case ("bearer", "basic", "negotiate", …); "" when none.
	sent string
	// known says sent is known (a recorded request); a pasted header comes
	// with the token the person pasted, which may or may not have been sent.
	known bool
	// tokens are the request's tokens, to name a scope gap.
	tokens []TokenReport
	// stripped: the export removed credentials (har.credentials_stripped),
	// so a bare challenge says nothing about what was sent.
	stripped bool
}

// readChallenges is the one reading of a WWW-Authenticate header, pasted as
// the requirement or found in a response. It returns the findings and the
// verdict the server's challenges state (401 unless a Bearer error says
// insufficient_scope and nothing says 401).
//
//   - A Bearer or DPoP challenge's error code is the server's own statement
//     (RFC 6750 §3.1): invalid_token (401), insufficient_scope (403),
//     invalid_request (400, in the 401 family: the credentials could not be
//     read as sent), any other code (401).
//   - A challenge without an error code means "no credentials arrived" only
//     when no challenge of the header has one: "Bearer error=…, DPoP algs=…"
//     is about the Bearer error, the DPoP challenge only offers another way.
//   - A Basic, Negotiate, NTLM or Digest challenge with no Bearer or DPoP
//     challenge beside it, against a request that sent a Bearer token: the
//     server wants another scheme.
//   - Basic or another scheme sent where the challenge is Bearer: the API
//     expects a Bearer token.
func readChallenges(chs []Challenge, ev string, ctx challengeContext) ([]Finding, Verdict) {
	var fs []Finding
	var bearer, other []string
	anyError := false
	for _, ch := range chs {
		switch strings.ToLower(ch.Scheme) {
		case "bearer", "dpop":
			bearer = append(bearer, ch.Scheme)
			if code, _ := ch.Param("error"); code != "" {
				anyError = true
			}
		default:
			other = append(other, ch.Scheme)
		}
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
				d += " Required scope(s): " + scope + "." + scopeGap(ctx.tokens, scope)
			}
			fs = append(fs, newFinding(CodeServerInsufficientScope,
				"The server says the token lacks a scope (insufficient_scope)"+orEmpty(": needs ", scope), d+detailDesc, ev))
		case "invalid_request":
			fs = append(fs, newFinding(CodeServerInvalidRequest,
				"The server says the request is malformed (invalid_request)",
				"RFC 6750 §3.1: a parameter is missing or repeated, or the token is sent in more than one way (a header and an access_token parameter at once); the server answers 400. The server could not read the credentials as sent, so it does not know who you are."+detailDesc,
				ev))
		case "":
			if anyError || ctx.stripped || (ctx.known && ctx.sent != "") || (ctx.sent != "" && ctx.sent != "bearer") || (ctx.status != 0 && ctx.status != 401) {
				continue
			}
			d := "RFC 6750 §3.1: a server leaves out the error code when the request had no authentication at all."
			if ctx.known {
				d += " If the page did send a token, it was lost on the way (a redirect to another host, a proxy that strips Authorization) — or the HAR was exported without credentials."
			} else {
				d += " If you did send a token, it was lost on the way: a proxy or gateway that strips Authorization, a redirect to another host (clients drop credentials on cross-host redirects), a CORS preflight, or the wrong header name or scheme."
			}
			fs = append(fs, newFinding(CodeAuthMissing,
				"The server's challenge has no error code: it received no credentials", d+entraDetail(ch, desc), ev))
		default:
			fs = append(fs, newFinding(CodeServerInvalidToken,
				"The server refused the token: "+code,
				"A non-standard error code in the Bearer challenge."+detailDesc,
				ev))
		}
	}
	switch {
	case len(bearer) == 0 && len(other) > 0 && (ctx.sent == "bearer" || (!ctx.known && len(ctx.tokens) > 0)):
		fs = append(fs, newFinding(CodeAuthOther,
			"The server asks for "+strings.Join(other, " or ")+", not a Bearer token",
			"The challenge offers only "+strings.Join(other, ", ")+": this endpoint does not take Bearer tokens at all (RFC 7235 §4.1). Basic wants user and password; Negotiate and NTLM want Windows integrated authentication (Kerberos), which the browser sends only to hosts its policy allows. Call the API endpoint that accepts tokens, or authenticate the way the challenge asks.",
			ev).withSeverity(SeverityError))
	case len(bearer) > 0 && ctx.sent != "" && ctx.sent != "bearer" && ctx.sent != "dpop" && ctx.sent != "cookie" && !hasScheme(chs, ctx.sent):
		fs = append(fs, expectsBearer(ctx.sent, ev))
	}
	said := Verdict401
	if hasError(fs, CodeServerInsufficientScope) && !anyOf401(fs) {
		said = Verdict403
	}
	return fs, said
}

func anyOf401(fs []Finding) bool {
	_, ok := firstOfFamily(ProfileGeneric, fs, Verdict401)
	return ok
}

// expectsBearer is the finding for Basic or another scheme sent to an API
// that expects a Bearer token (its challenge says Bearer, or the
// requirement names claims only a JWT carries).
func expectsBearer(scheme, ev string) Finding {
	code := CodeAuthOther
	if scheme == "basic" {
		code = CodeAuthBasic
	}
	name := scheme
	if len(name) > 0 {
		name = strings.ToUpper(name[:1]) + name[1:]
	}
	return newFinding(code,
		"The API expects a Bearer token, and the request sends "+name+" credentials",
		"The server authenticates with Bearer tokens (RFC 6750): it reads the token's claims (issuer, audience, scopes) and cannot take "+name+" credentials in their place, so it answers 401. Get an access token from the API's identity provider and send it as Authorization: Bearer <token>.",
		ev).withSeverity(SeverityError)
}

// sentScheme is the lower-case scheme of the credentials a request
// carries: its Authorization header's, "bearer" for a token found
// elsewhere (a cookie, a query parameter), or "".
func sentScheme(r Request, tokens []TokenReport) string {
	if v, ok := header(r.Headers, "authorization"); ok {
		scheme, _, _ := strings.Cut(strings.TrimSpace(v), " ")
		return strings.ToLower(scheme)
	}
	if len(tokens) > 0 {
		return "bearer"
	}
	if hasCredentials(r) {
		return "cookie"
	}
	return ""
}

// scopeGap names the required scopes the request's tokens do not carry.
func scopeGap(tokens []TokenReport, required string) string {
	for _, tr := range tokens {
		claims := tr.Decoded
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

// mismatch explains a server answer (401 or 403) that differs from what
// the findings imply: the server's own words (a challenge, a vendor's body)
// that imply the other one, or the request's evidence (a token that looks
// fine, or that implies the other one). status is the status the server
// sent (0 for a pasted challenge); where gives the evidence to quote (built
// only when a finding is made: most entries of a HAR need none). The
// verdict stays the server's.
//
// A token that looks fine is worth a word only when the response does not
// explain the refusal itself (a vendor's IAM denial does; an RFC 6750 error
// code only restates the status), and for a 403 only when the token passed
// a scope or role check (a 403 to a valid token is what 403 means).
func mismatch(d decision, response []Finding, status int, tokens []TokenReport, where func() string) []Finding {
	if d.verdict != Verdict401 && d.verdict != Verdict403 {
		return nil
	}
	switch {
	case status > 0 && (d.worded == Verdict401 || d.worded == Verdict403) && d.worded != d.verdict:
		f := d.wordedBy
		return []Finding{newFinding(CodeServerStatusMismatch,
			fmt.Sprintf("The server answered %d, but its own message implies %s", status, d.worded),
			fmt.Sprintf("%s (%s) usually comes with %s. Some servers and gateways use 401 and 403 loosely; the verdict keeps the status the server sent, and the cause is the message.",
				strings.TrimSuffix(f.Title, "."), f.Code, d.worded),
			f.Evidence)}
	case d.predicted == Verdict401 || d.predicted == Verdict403:
		if d.predicted == d.verdict {
			return nil
		}
		return []Finding{mismatchFinding(d.verdict, d.predicted, where())}
	case d.predicted == FamilyNone && tokensOK(tokens) && !explains(response, d.verdict) &&
		(d.verdict == Verdict401 || grantsChecked(tokens)):
		return []Finding{mismatchFinding(d.verdict, VerdictOK, where())}
	}
	return nil
}

// grantsChecked reports whether every token passed a scope or role check.
func grantsChecked(tokens []TokenReport) bool {
	for _, t := range tokens {
		passed := false
		for _, c := range t.Checks {
			if c.Result == "pass" && (strings.HasPrefix(c.Text, "scope") || strings.HasPrefix(c.Text, "role") || strings.Contains(strings.ToLower(c.Text), "www-authenticate") || strings.Contains(strings.ToLower(c.Text), "bearer")) {
				passed = true
			}
		}
		if !passed {
			return false
		}
	}
	return len(tokens) > 0
}

// explains reports whether the response holds its own reason for a
// verdict, beyond an RFC 6750 error code that restates the status.
func explains(response []Finding, v Verdict) bool {
	for _, f := range response {
		switch f.Code {
		case CodeServerInvalidToken, CodeServerInsufficientScope, CodeServerInvalidRequest, CodeAuthMissing:
			continue
		}
		if f.Severity == SeverityError && Family(f.Code, ProfileGeneric) == v {
			return true
		}
	}
	return false
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
