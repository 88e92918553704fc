package inspect

import (
	"encoding/base64"
	"fmt"
	"iter"
	"net/url"
	"strings"
)

// apiKeyHeaders are request headers that carry an API key or a vendor token
// rather than a standard Authorization credential (lower-case names).
var apiKeyHeaders = map[string]string{
	"x-api-key":                 "API key",
	"api-key":                   "API key",
	"apikey":                    "API key",
	"x-apikey":                  "API key",
	"x-auth-token":              "auth token",
	"x-access-token":            "access token",
	"ocp-apim-subscription-key": "Azure API Management subscription key",
	"x-goog-api-key":            "Google API key",
	"private-token":             "GitLab personal access token",
	"x-amz-security-token":      "AWS session token",
	"x-csrf-token":              "CSRF token",
	"x-xsrf-token":              "CSRF token",
}

// apiKeyParams are query parameter names that usually carry a credential.
var apiKeyParams = map[string]string{
	"api_key": "API key", "apikey": "API key", "api-key": "API key", "key": "API key",
	"access_token": "access token", "token": "token", "auth": "credential",
	"sig": "signature (pre-signed URL)", "x-amz-signature": "AWS pre-signed URL signature",
	"x-amz-credential": "AWS pre-signed URL credential", "code": "authorization code",
}

// RequestTokens finds the credentials a request carries: the Authorization
// header (a Bearer JWT is decoded; Basic, Digest, NTLM and other schemes are
// named), DPoP proofs, JWTs in cookies, query parameters and the body, and
// API keys in well-known headers and parameters. Findings describe the
// credentials that are not JWTs (auth.basic, auth.api_key,
// auth.other_scheme). It does not report missing credentials: whether that
// matters depends on the response.
func RequestTokens(r *Request) ([]Token, []Finding) {
	return requestTokens(r, nil)
}

// requestTokens is RequestTokens, decoding each token through m (which may
// be nil).
func requestTokens(r *Request, m *tokenMemo) ([]Token, []Finding) {
	var toks []Token
	var fs []Finding
	seen := map[string]bool{}
	add := func(raw, source string) {
		if !seen[raw] {
			seen[raw] = true
			toks = append(toks, m.decode(raw, source))
		}
	}
	for _, h := range r.Headers {
		name := strings.ToLower(h.Name)
		v := strings.TrimSpace(h.Value)
		switch {
		case name == "authorization" || name == "proxy-authorization":
			where := h.Name + " header"
			scheme, cred, _ := strings.Cut(v, " ")
			cred = strings.TrimSpace(cred)
			switch {
			case strings.EqualFold(scheme, "bearer") || strings.EqualFold(scheme, "dpop"):
				// A JWT cut off ("eyJhbGci…", one dot) is a
				// malformed JWT, not an opaque token.
				if strings.Count(cred, ".") >= 2 || hasJOSEStart(cred) {
					add(cred, where)
				} else {
					fs = append(fs, opaqueBearer(cred, where))
				}
			default:
				fs = append(fs, authSchemeFinding(scheme, cred, where))
			}
		case name == "dpop":
			add(v, "DPoP header")
		case name == "cookie":
			// Cookies are read from Request.Cookies below when the parser
			// split them; otherwise from the header.
			if len(r.Cookies) == 0 {
				for _, ck := range parseCookieHeader(v) {
					for _, f := range textTokens(ck.Value) {
						add(f.raw, "cookie "+ck.Name)
					}
				}
			}
		default:
			// Every name in apiKeyHeaders holds "key" or "token".
			if !strings.Contains(name, "key") && !strings.Contains(name, "token") {
				continue
			}
			if what, ok := apiKeyHeaders[name]; ok {
				for _, f := range textTokens(v) {
					add(f.raw, h.Name+" header")
				}
				if len(textTokens(v)) == 0 {
					fs = append(fs, newFinding(CodeAuthAPIKey,
						fmt.Sprintf("%s in the %s header", upperFirst(what), h.Name),
						"The request authenticates with a key the server checks against its own records; nothing in it can be decoded or checked here. A 401 or 403 then means the key is wrong, revoked, or lacks access to this resource.",
						h.Name+": "+maskSecret(v)))
				}
			}
		}
	}
	for _, ck := range r.Cookies {
		for _, f := range textTokens(ck.Value) {
			add(f.raw, "cookie "+ck.Name)
		}
	}
	// Only a URL with '@' can carry user:password@, only one with '?' a
	// query: most of a HAR's URLs need no parsing.
	rest, _, _ := strings.Cut(r.URL, "#")
	if strings.Contains(rest, "@") {
		if u, err := url.Parse(r.URL); err == nil && u.User != nil {
			pass, _ := u.User.Password()
			fs = append(fs, basicFinding(u.User.Username(), pass, "URL user:password@"))
		}
	}
	if _, query, ok := strings.Cut(rest, "?"); ok {
		for name, v := range queryPairs(query) {
			if jwts := textTokens(v); len(jwts) > 0 {
				for _, f := range jwts {
					add(f.raw, "query "+name)
				}
			} else if what, ok := apiKeyParams[strings.ToLower(name)]; ok && v != "" {
				fs = append(fs, newFinding(CodeAuthAPIKey,
					fmt.Sprintf("%s in the query parameter %q", upperFirst(what), name),
					"Credentials in a URL end up in server logs, proxies and browser history. The server checks it against its own records; nothing here can be decoded.",
					name+"="+maskSecret(v)))
			}
		}
	}
	for _, f := range bodyTokens(r.Body) {
		add(f.raw, f.source)
	}
	return toks, fs
}

// queryPairs yields the name and value of each parameter of a URL's query,
// in order, decoded as url.ParseQuery decodes them; like it, it passes over
// a pair with a semicolon or a bad escape.
func queryPairs(query string) iter.Seq2[string, string] {
	return func(yield func(string, string) bool) {
		for query != "" {
			var pair string
			pair, query, _ = strings.Cut(query, "&")
			if pair == "" || strings.Contains(pair, ";") {
				continue
			}
			name, value, _ := strings.Cut(pair, "=")
			name, err1 := queryUnescape(name)
			value, err2 := queryUnescape(value)
			if err1 != nil || err2 != nil {
				continue
			}
			if !yield(name, value) {
				return
			}
		}
	}
}

// validQuery reports whether body reads as a form (url.ParseQuery accepts
// it whole).
func validQuery(body string) bool {
	_, err := url.ParseQuery(body)
	return err == nil
}

// queryUnescape is url.QueryUnescape, without its work when there is
// nothing to decode.
func queryUnescape(s string) (string, error) {
	if !strings.ContainsAny(s, "%+") {
		return s, nil
	}
	return url.QueryUnescape(s)
}

// bodyTokens finds JWTs in a JSON, form-encoded or text body.
func bodyTokens(body string) []found {
	body = strings.TrimSpace(body)
	if body == "" {
		return nil
	}
	var hits []found
	if body[0] == '{' || body[0] == '[' {
		hits = jsonTokens([]byte(body))
	} else if strings.Contains(body, "=") && mayHoldJWT(body) && validQuery(body) {
		for name, v := range queryPairs(body) {
			for _, f := range textTokens(v) {
				hits = append(hits, found{raw: f.raw, source: name})
			}
		}
	}
	if len(hits) == 0 {
		hits = textTokens(body)
		for i := range hits {
			hits[i].source = "text"
		}
	}
	for i := range hits {
		hits[i].source = "body " + hits[i].source
	}
	return hits
}

func opaqueBearer(cred, where string) Finding {
	if cred == "" {
		return newFinding(CodeTokenMalformed,
			"Empty bearer token",
			"The "+where+" says Bearer but no token follows: the server sees no credentials (often a variable that was empty when the request was built).",
			"Bearer (nothing)")
	}
	return newFinding(CodeAuthOther,
		"Opaque bearer token: not a JWT",
		"The token is a reference only its issuer can resolve (token introspection, RFC 7662); its expiry, audience and scopes cannot be read here.",
		"Bearer "+maskSecret(cred))
}

// authSchemeFinding describes an Authorization credential that is not a
// bearer token.
func authSchemeFinding(scheme, cred, where string) Finding {
	switch strings.ToLower(scheme) {
	case "basic":
		raw, err := base64.StdEncoding.DecodeString(cred)
		if err != nil {
			raw, err = base64.RawStdEncoding.DecodeString(cred)
		}
		if err != nil {
			return newFinding(CodeAuthBasic,
				"Basic credentials are not valid base64",
				"The server cannot decode user:password from it and answers 401.",
				where+": Basic "+shorten(cred, 20)).withSeverity(SeverityError)
		}
		user, pass, ok := strings.Cut(string(raw), ":")
		if !ok {
			return newFinding(CodeAuthBasic,
				"Basic credentials have no ':' between user and password",
				"RFC 7617 encodes user-id \":\" password; without the colon servers reject it.",
				where).withSeverity(SeverityError)
		}
		return basicFinding(user, pass, where)
	case "":
		return newFinding(CodeTokenMalformed,
			"Empty Authorization header",
			"The header is there but holds nothing: the server sees no credentials.",
			where)
	}
	name := scheme
	switch strings.ToLower(scheme) {
	case "digest":
		name = "Digest (RFC 7616)"
	case "ntlm", "negotiate":
		name = scheme + " (Windows integrated authentication)"
	case "aws4-hmac-sha256":
		name = "AWS Signature Version 4"
	case "sharedaccesssignature", "sharedkey":
		name = "Azure " + scheme
	}
	return newFinding(CodeAuthOther,
		"Authorization scheme "+name,
		"This is not a bearer token; it cannot be decoded here. The server checks it against its own records.",
		where+": "+scheme+" "+maskSecret(cred))
}

func basicFinding(user, pass, where string) Finding {
	return newFinding(CodeAuthBasic,
		"Basic credentials for user "+quote(user),
		"Basic authentication only encodes user and password in base64: anyone who sees the request can read the password. Send it over HTTPS only, and prefer a token.",
		where+": "+user+":"+maskSecret(pass))
}
