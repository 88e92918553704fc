package inspect

import (
	"fmt"
	"regexp"
	"strings"
	"sync"
)

// stringList reads a claim that may be a string or an array of strings. When
// split is true a string is split on spaces (OAuth scope syntax).
func stringList(v any, split bool) ([]string, bool) {
	switch x := v.(type) {
	case string:
		if split {
			return strings.Fields(x), true
		}
		return []string{x}, true
	case []any:
		out := make([]string, 0, len(x))
		for _, e := range x {
			if s, ok := e.(string); ok {
				out = append(out, s)
			}
		}
		return out, true
	}
	return nil, false
}

var guidPattern = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^(?i)[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)
})

// checkAudience checks that the token's aud holds any of the required
// audiences, and explains the near misses people make.
func checkAudience(claims map[string]any, line RequirementLine) (Check, []Finding) {
	c := Check{Line: line.Line, Text: line.Text}
	raw, present := claims["aud"]
	if present {
		if _, problem := grantValues(raw, false); problem != "" {
			if _, isString := raw.(string); !isString {
				if _, isArray := raw.([]any); !isArray {
					problem = fmt.Sprintf("%s (%s)", jsonKind(raw), shorten(jsonValue(raw), 30))
				}
				c.Result, c.Detail = "fail", "aud is "+problem
				return c, []Finding{newFinding(CodeAudMismatch,
					"The aud claim has the wrong type: "+jsonKind(raw),
					fmt.Sprintf("aud must be a string or an array of strings (RFC 7519 §4.1.3); here it is %s. golang-jwt reads no audience from it (or fails with \"aud is invalid\"), jose rejects the claim: a server that checks aud answers 401 invalid_token. The issuer must write aud as a string; the server expects %s.", problem, orList(line.Values)),
					"aud: "+shorten(jsonValue(raw), 60))}
			}
		}
	}
	auds, ok := stringList(raw, false)
	if !present || !ok || len(auds) == 0 {
		c.Result, c.Detail = "fail", "the token has no aud claim"
		return c, []Finding{newFinding(CodeAudMismatch,
			"No audience in the token",
			fmt.Sprintf("The server expects aud %s but the token names no audience; a server that checks aud rejects it with 401 invalid_token. Request the token for this API (the resource/audience parameter, or the API's scope).", orList(line.Values)),
			"aud: "+jsonValueOr(raw, "(absent)"))}
	}
	for _, want := range line.Values {
		for _, got := range auds {
			if got == want {
				c.Result, c.Detail = "pass", fmt.Sprintf("aud contains %q", want)
				return c, nil
			}
		}
	}
	c.Result = "fail"
	c.Detail = fmt.Sprintf("aud is %s; expected %s", jsonValue(raw), orList(line.Values))
	detail := fmt.Sprintf("The token was issued for %s, not for %s. The server rejects it with 401 invalid_token: request a token for this API's audience.", orList(auds), orList(line.Values))
	if hint := audienceHint(auds, line.Values); hint != "" {
		detail += " " + hint
	}
	return c, []Finding{newFinding(CodeAudMismatch,
		"Audience mismatch",
		detail,
		"aud: "+jsonValue(raw))}
}

// audienceHint explains the mismatches that differ only in form.
func audienceHint(got, want []string) string {
	for _, w := range want {
		for _, g := range got {
			wg, gg := strings.TrimPrefix(w, "api://"), strings.TrimPrefix(g, "api://")
			switch {
			case wg == gg && guidPattern().MatchString(wg):
				return fmt.Sprintf("Only the form differs: Entra ID (Azure AD) puts the application ID URI (%q) or the bare client ID (%q) in aud depending on how the API's accessTokenAcceptedVersion and scopes are set (v1 tokens use the URI, v2 tokens the GUID); the API must accept the form its tokens carry.", "api://"+wg, wg)
			case wg == gg:
				return fmt.Sprintf("Only the \"api://\" prefix differs (%q vs %q).", g, w)
			case strings.TrimRight(w, "/") == strings.TrimRight(g, "/"):
				return fmt.Sprintf("Only a trailing slash differs (%q vs %q): audiences are compared as exact strings.", g, w)
			case strings.EqualFold(w, g):
				return fmt.Sprintf("Only letter case differs (%q vs %q): audiences are compared case-sensitively.", g, w)
			}
		}
	}
	return ""
}

// checkIssuer checks that iss equals one of the required issuers exactly.
func checkIssuer(claims map[string]any, line RequirementLine) (Check, []Finding) {
	c := Check{Line: line.Line, Text: line.Text}
	iss, isString := claims["iss"].(string)
	if raw, present := claims["iss"]; present && !isString {
		c.Result, c.Detail = "fail", "iss is "+jsonKind(raw)+", not a string"
		return c, []Finding{newFinding(CodeIssMismatch,
			"The iss claim has the wrong type: "+jsonKind(raw),
			fmt.Sprintf("iss must be a string (RFC 7519 §4.1.1); here it is %s (%s). golang-jwt fails with \"iss is invalid\", jose with \"unexpected iss claim value\": the server answers 401 invalid_token. It expects %s.", jsonKind(raw), shorten(jsonValue(raw), 30), orList(line.Values)),
			"iss: "+shorten(jsonValue(raw), 60))}
	}
	if iss == "" {
		c.Result, c.Detail = "fail", "the token has no iss claim"
		return c, []Finding{newFinding(CodeIssMismatch,
			"No issuer in the token",
			fmt.Sprintf("The server expects iss %s; a token without iss is rejected by servers that check it.", orList(line.Values)),
			"iss: "+jsonValueOr(claims["iss"], "(absent)"))}
	}
	for _, want := range line.Values {
		if iss == want {
			c.Result, c.Detail = "pass", fmt.Sprintf("iss is %q", iss)
			return c, nil
		}
	}
	c.Result, c.Detail = "fail", fmt.Sprintf("iss is %q; expected %s", iss, orList(line.Values))
	detail := fmt.Sprintf("The token comes from %q, the server trusts %s: it rejects the token with 401 invalid_token.", iss, orList(line.Values))
	for _, want := range line.Values {
		if hint := issuerHint(iss, want); hint != "" {
			detail += " " + hint
			break
		}
	}
	return c, []Finding{newFinding(CodeIssMismatch,
		"Issuer mismatch",
		detail,
		"iss: "+quote(iss))}
}

var entraTenant = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^https://(?:sts\.windows\.net|login\.microsoftonline\.com)/([0-9a-fA-F-]{36})/`)
})

func issuerHint(got, want string) string {
	g, w := strings.TrimRight(got, "/"), strings.TrimRight(want, "/")
	switch {
	case g == w:
		return fmt.Sprintf("Only a trailing slash differs (%q vs %q): issuers are compared as exact strings, so the server's configuration must match the token's iss to the character.", got, want)
	case strings.TrimSuffix(g, "/v2.0") == strings.TrimSuffix(w, "/v2.0"):
		return "Only \"/v2.0\" differs: the token comes from the other version of the identity provider's endpoint (Entra ID v1 vs v2 tokens). Match the server's expected issuer to the token version, or set the API's accessTokenAcceptedVersion."
	case strings.EqualFold(g, w):
		return "Only letter case differs; issuers are compared case-sensitively."
	}
	gm, wm := entraTenant().FindStringSubmatch(got+"/"), entraTenant().FindStringSubmatch(want+"/")
	if gm != nil && wm != nil {
		if strings.EqualFold(gm[1], wm[1]) {
			return "Same Entra ID tenant, different endpoint: sts.windows.net issues v1 tokens, login.microsoftonline.com/…/v2.0 issues v2 tokens. Set the API's accessTokenAcceptedVersion or accept both issuers."
		}
		return fmt.Sprintf("The tenants differ (%s vs %s): the token was issued by another Entra ID tenant.", gm[1], wm[1])
	}
	return ""
}

func describeGrants(names []string, values map[string][]string) string {
	parts := make([]string, len(names))
	for i, n := range names {
		parts[i] = fmt.Sprintf("%s: %q", n, strings.Join(values[n], " "))
	}
	return strings.Join(parts, "; ")
}

func missingFrom(have, want []string) []string {
	set := make(map[string]bool, len(have))
	for _, h := range have {
		set[h] = true
	}
	var out []string
	for _, w := range want {
		if !set[w] {
			out = append(out, w)
		}
	}
	return out
}

// nearMisses names granted values that differ from a missing one only by
// case or by a resource prefix ("api://x/read" vs "read").
func nearMisses(have, missing []string) string {
	var notes []string
	for _, m := range missing {
		for _, h := range have {
			switch {
			case strings.EqualFold(h, m):
				notes = append(notes, fmt.Sprintf("%q differs from %q only in case", h, m))
			case strings.HasSuffix(h, "/"+m) || strings.HasSuffix(m, "/"+h):
				notes = append(notes, fmt.Sprintf("%q and %q differ only by a resource prefix (full scope names are requested, short ones appear in the token)", h, m))
			}
		}
	}
	if len(notes) == 0 {
		return ""
	}
	return "Note: " + strings.Join(notes, "; ") + "."
}

func orList(vs []string) string {
	q := make([]string, len(vs))
	for i, v := range vs {
		q[i] = quote(v)
	}
	if len(q) == 1 {
		return q[0]
	}
	return "any of " + strings.Join(q, ", ")
}

func jsonValueOr(v any, or string) string {
	if v == nil {
		return or
	}
	return jsonValue(v)
}
