package inspect

import (
	"fmt"
	"regexp"
	"sort"
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
	iss, _ := claims["iss"].(string)
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

// scopeClaims are the claims that carry scopes or permissions, in the order
// they are consulted, with whether a string value is space-separated.
var scopeClaims = []struct {
	name  string
	split bool
}{
	{"scope", true}, {"scp", true}, {"permissions", false}, {"roles", false},
	{"realm_access.roles", false}, {"resource_access.*.roles", false}, {"groups", false}, {"cognito:groups", false},
}

// roleClaims carry roles and groups.
var roleClaims = []struct {
	name  string
	split bool
}{
	{"roles", false}, {"realm_access.roles", false}, {"resource_access.*.roles", false}, {"groups", false}, {"cognito:groups", false}, {"wids", false}, {"role", true},
}

// grantedBy returns, for each claim that exists in the token among the
// candidates, its values (resource_access expands per client).
func grantedBy(claims map[string]any, candidates []struct {
	name  string
	split bool
}) (names []string, values map[string][]string) {
	values = map[string][]string{}
	for _, c := range candidates {
		switch c.name {
		case "realm_access.roles":
			if ra, ok := claims["realm_access"].(map[string]any); ok {
				if vs, ok := stringList(ra["roles"], false); ok {
					names = append(names, c.name)
					values[c.name] = vs
				}
			}
		case "resource_access.*.roles":
			ra, ok := claims["resource_access"].(map[string]any)
			if !ok {
				continue
			}
			clients := make([]string, 0, len(ra))
			for k := range ra {
				clients = append(clients, k)
			}
			sort.Strings(clients)
			for _, client := range clients {
				if m, ok := ra[client].(map[string]any); ok {
					if vs, ok := stringList(m["roles"], false); ok {
						n := "resource_access." + client + ".roles"
						names = append(names, n)
						values[n] = vs
					}
				}
			}
		default:
			if v, ok := claims[c.name]; ok {
				if vs, ok := stringList(v, c.split); ok {
					names = append(names, c.name)
					values[c.name] = vs
				}
			}
		}
	}
	return names, values
}

// checkGranted checks that every required value is granted by the token,
// naming the claim that grants them or the ones that are missing.
func checkGranted(claims map[string]any, line RequirementLine, kind string) (Check, []Finding) {
	c := Check{Line: line.Line, Text: line.Text}
	cands, code, what := scopeClaims, CodeScopeMissing, "scope"
	if kind == "role" {
		cands, code, what = roleClaims, CodeRoleMissing, "role"
	}
	names, values := grantedBy(claims, cands)
	if len(names) == 0 {
		looked := make([]string, len(cands))
		for i, cd := range cands {
			looked[i] = cd.name
		}
		c.Result, c.Detail = "fail", "the token carries no "+what+"s"
		return c, []Finding{newFinding(code,
			fmt.Sprintf("The token carries no %ss (%s required)", what, strings.Join(line.Values, " ")),
			fmt.Sprintf("The server requires %s %s, but none of the claims that carry %ss is in the token (looked at %s). The server knows who you are and refuses: 403 insufficient_scope. Request the token with the %s, or have it granted.", what, strings.Join(line.Values, " "), what, strings.Join(looked, ", "), what),
			"required: "+strings.Join(line.Values, " "))}
	}
	// One claim granting everything is the clearest answer.
	for _, n := range names {
		if len(missingFrom(values[n], line.Values)) == 0 {
			c.Result, c.Detail = "pass", fmt.Sprintf("%s grants %s", n, strings.Join(line.Values, " "))
			return c, nil
		}
	}
	var all []string
	for _, n := range names {
		all = append(all, values[n]...)
	}
	missing := missingFrom(all, line.Values)
	if len(missing) == 0 {
		c.Result, c.Detail = "pass", fmt.Sprintf("granted across %s", strings.Join(names, ", "))
		return c, nil
	}
	c.Result = "fail"
	c.Detail = fmt.Sprintf("missing %s (token has %s)", strings.Join(missing, " "), describeGrants(names, values))
	detail := fmt.Sprintf("The server requires %s %s; the token lacks %s. It carries %s. The server knows who you are and refuses: 403 insufficient_scope.", what, strings.Join(line.Values, " "), strings.Join(missing, " "), describeGrants(names, values))
	if near := nearMisses(all, missing); near != "" {
		detail += " " + near
	}
	return c, []Finding{newFinding(code,
		fmt.Sprintf("Missing %s: %s", what, strings.Join(missing, " ")),
		detail,
		describeGrants(names, values))}
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
