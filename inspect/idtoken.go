package inspect

import (
	"fmt"
	"strings"
)

// CodeTokenIDToken: the token is an OpenID Connect ID token, meant for the
// client that signed the user in, not for calling an API.
const CodeTokenIDToken = "token.id_token"

// idTokenReason says why the claims are those of an ID token, or "". It
// looks for what only ID tokens carry: Cognito's token_use "id", Keycloak's
// typ "ID", or OIDC's nonce, at_hash or c_hash (OIDC Core §2, §3.1.3.6) in
// a token with no scopes whose aud names a client rather than an API (an API
// identifier is a URL or an api:// or urn: name).
func idTokenReason(claims map[string]any) string {
	if use, _ := claims["token_use"].(string); use == "id" {
		return "Cognito marks it token_use \"id\""
	}
	if typ, _ := claims["typ"].(string); typ == "ID" {
		return "Keycloak marks it typ \"ID\""
	}
	if _, ok := claims["scope"]; ok {
		return ""
	}
	if _, ok := claims["scp"]; ok {
		return ""
	}
	var marks []string
	for _, m := range []string{"nonce", "at_hash", "c_hash"} {
		if _, ok := claims[m]; ok {
			marks = append(marks, m)
		}
	}
	if len(marks) == 0 {
		return ""
	}
	auds, _ := grantValues(claims["aud"], false)
	if len(auds) == 0 {
		return ""
	}
	for _, a := range auds {
		l := strings.ToLower(a)
		if strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://") || strings.HasPrefix(l, "api://") || strings.HasPrefix(l, "urn:") {
			return ""
		}
	}
	return fmt.Sprintf("it has %s, which only ID tokens carry, no scopes, and its aud (%s) names a client, not an API", strings.Join(marks, " and "), orList(auds))
}

// checkIDToken names an ID token as such: a warning where it is used as a
// credential, context (info) where it is the id_token of a token response.
func checkIDToken(claims map[string]any, source string) []Finding {
	why := idTokenReason(claims)
	if why == "" {
		return nil
	}
	detail := "An ID token tells the client who signed in (OpenID Connect Core §2); its aud is the client's ID and it carries no scopes for an API. An API that checks aud or scopes rejects it (401 for the audience, 403 for a scope); send the access token of the same sign-in instead."
	if strings.HasPrefix(why, "Cognito") {
		detail = "An ID token tells the client who signed in; API Gateway's Cognito authorizer accepts it only for methods without OAuth scopes, and anything that checks scopes or token_use \"access\" (the aws-jwt-verify library, API Gateway with scopes) rejects it. Send the access token of the same sign-in instead."
	}
	evidence := ""
	for _, n := range []string{"token_use", "typ", "nonce", "at_hash", "c_hash", "aud"} {
		if v, ok := claims[n]; ok {
			evidence += ", " + n + ": " + shorten(jsonValue(v), 40)
		}
	}
	if strings.Contains(strings.ToLower(source), "id_token") {
		return []Finding{newFinding(CodeTokenIDToken,
			"An ID token: it is for the client, not for calling an API",
			upperFirst(why)+". Its aud is the client's ID, so it is shown but is not the token a request to the API should carry.",
			strings.TrimPrefix(evidence, ", ")).withSeverity(SeverityInfo)}
	}
	return []Finding{newFinding(CodeTokenIDToken,
		"This is an ID token, not an access token",
		upperFirst(why)+". "+detail,
		strings.TrimPrefix(evidence, ", "))}
}
