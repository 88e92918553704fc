package inspect

import (
	"fmt"
	"sort"
	"strings"
)

// grantClaim is a claim that may carry scopes or roles; split says a string
// value is space-separated (OAuth scope syntax). A name starting with "*/"
// matches every namespaced claim ending so ("https://app.example/roles",
// Auth0's custom claims); "resource_access.*.roles" expands per client.
type grantClaim struct {
	name  string
	split bool
}

// scopeClaims carry scopes or permissions: a scope= requirement is met by
// these only (RFC 8693 §4.2 scope, Entra's scp, Auth0's permissions).
var scopeClaims = []grantClaim{{"scope", true}, {"scp", true}, {"permissions", false}}

// roleClaims carry roles and groups: a role= requirement is met by these
// only. roles (Entra app roles, many others), Keycloak's realm_access and
// resource_access, namespaced custom claims, groups, Cognito's groups,
// Entra's directory roles (wids) and a single role claim.
var roleClaims = []grantClaim{
	{"roles", false}, {"realm_access.roles", false}, {"resource_access.*.roles", false}, {"*/roles", false},
	{"groups", false}, {"cognito:groups", false}, {"*/groups", false}, {"wids", false}, {"role", true},
}

// grants is what a token grants through one family of claims.
type grants struct {
	names  []string // claims present with a readable value, in the order consulted
	values map[string][]string
	// wrong describes the claims present with a value of the wrong JSON type.
	wrong []string
}

func (g grants) all() []string {
	var out []string
	for _, n := range g.names {
		out = append(out, g.values[n]...)
	}
	return out
}

// grantedBy reads the claims among cands that the token has.
func grantedBy(claims map[string]any, cands []grantClaim) grants {
	g := grants{values: map[string][]string{}}
	read := func(name string, v any, split bool) {
		vs, problem := grantValues(v, split)
		if problem != "" {
			g.wrong = append(g.wrong, name+" is "+problem)
		}
		if vs != nil {
			g.names = append(g.names, name)
			g.values[name] = vs
		}
	}
	for _, c := range cands {
		switch {
		case c.name == "realm_access.roles":
			if ra, ok := claims["realm_access"].(map[string]any); ok {
				if v, ok := ra["roles"]; ok {
					read(c.name, v, false)
				}
			}
		case c.name == "resource_access.*.roles":
			ra, ok := claims["resource_access"].(map[string]any)
			if !ok {
				continue
			}
			for _, client := range sortedKeys(ra) {
				if m, ok := ra[client].(map[string]any); ok {
					if v, ok := m["roles"]; ok {
						read("resource_access."+client+".roles", v, false)
					}
				}
			}
		case strings.HasPrefix(c.name, "*/"):
			for _, name := range sortedKeys(claims) {
				if strings.Contains(name, "/") && strings.HasSuffix(name, c.name[1:]) {
					read(name, claims[name], c.split)
				}
			}
		default:
			if v, ok := claims[c.name]; ok {
				read(c.name, v, c.split)
			}
		}
	}
	return g
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// grantValues reads a string (split on spaces when split) or an array of
// strings. A value of another type yields a problem saying what it is; the
// strings of an array that also holds other values are kept.
func grantValues(v any, split bool) ([]string, string) {
	want := "an array of strings"
	if split {
		want = "a space-separated string"
	}
	switch x := v.(type) {
	case string:
		if split {
			return strings.Fields(x), ""
		}
		return []string{x}, ""
	case []any:
		out := make([]string, 0, len(x))
		problem := ""
		for _, e := range x {
			if s, ok := e.(string); ok {
				out = append(out, s)
			} else if problem == "" {
				problem = fmt.Sprintf("an array holding %s (%s), not only strings", jsonKind(e), shorten(jsonValue(e), 30))
			}
		}
		return out, problem
	}
	return nil, fmt.Sprintf("%s (%s), not %s", jsonKind(v), shorten(jsonValue(v), 30), want)
}

// checkGranted checks that every required value is granted by the token's
// claims of the right family (scope-carrying for kind "scope", role-carrying
// for "role"), naming the claim that grants them or what is missing. A
// required value found only in the other family is a near miss: said, not
// counted.
//
// scopes are the claims a scope is read from: the profile's.
func checkGranted(claims map[string]any, line RequirementLine, kind string, scopes []grantClaim) (Check, []Finding) {
	c := Check{Line: line.Line, Text: line.Text}
	own, other, code, what, otherWhat := scopes, roleClaims, CodeScopeMissing, "scope", "role"
	if kind == "role" {
		own, other, code, what, otherWhat = roleClaims, scopes, CodeRoleMissing, "role", "scope"
	}
	g := grantedBy(claims, own)
	// One claim granting everything is the clearest answer.
	for _, n := range g.names {
		if len(missingFrom(g.values[n], line.Values)) == 0 {
			c.Result, c.Detail = "pass", fmt.Sprintf("%s grants %s", n, strings.Join(line.Values, " "))
			return c, nil
		}
	}
	missing := missingFrom(g.all(), line.Values)
	if len(missing) == 0 {
		c.Result, c.Detail = "pass", fmt.Sprintf("granted across %s", strings.Join(g.names, ", "))
		return c, nil
	}
	required := strings.Join(line.Values, " ")
	elsewhere := foundIn(grantedBy(claims, other), missing)
	var title, detail, evidence string
	c.Result = "fail"
	switch {
	case len(g.names) == 0 && len(g.wrong) > 0:
		title = fmt.Sprintf("The %s claim has the wrong type (%s required)", what, required)
		detail = fmt.Sprintf("The server requires %s %s, but %s: validators read no %ss from it. The server knows who you are and refuses: 403 insufficient_scope. Have the issuer write it as %s.", what, required, strings.Join(g.wrong, "; "), what, map[string]string{"scope": "a space-separated string (or scp as an array)", "role": "an array of strings"}[what])
		evidence = strings.Join(g.wrong, "; ")
		c.Detail = strings.Join(g.wrong, "; ")
	case len(g.names) == 0:
		looked := make([]string, len(own))
		for i, cd := range own {
			looked[i] = strings.Replace(cd.name, "*/", "https://…/", 1)
		}
		title = fmt.Sprintf("The token carries no %ss (%s required)", what, required)
		detail = fmt.Sprintf("The server requires %s %s, but none of the claims that carry %ss is in the token (looked at %s). The server knows who you are and refuses: 403 insufficient_scope. Request the token with the %s, or have it granted.", what, required, what, strings.Join(looked, ", "), what)
		evidence = "required: " + required
		c.Detail = "the token carries no " + what + "s"
	default:
		title = fmt.Sprintf("Missing %s: %s", what, strings.Join(missing, " "))
		detail = fmt.Sprintf("The server requires %s %s; the token lacks %s. It carries %s. The server knows who you are and refuses: 403 insufficient_scope.", what, required, strings.Join(missing, " "), describeGrants(g.names, g.values))
		if len(g.wrong) > 0 {
			detail += " Also, " + strings.Join(g.wrong, "; ") + "."
		}
		if near := nearMisses(g.all(), missing); near != "" {
			detail += " " + near
		}
		evidence = describeGrants(g.names, g.values)
		c.Detail = fmt.Sprintf("missing %s (token has %s)", strings.Join(missing, " "), describeGrants(g.names, g.values))
	}
	if len(elsewhere) > 0 {
		detail += fmt.Sprintf(" A near miss: %s; those claims carry %ss, not %ss, and a server checking %ss does not read them (it reads only %s).", strings.Join(elsewhere, "; "), otherWhat, what, what, familyClaims(own))
		c.Detail += "; " + strings.Join(elsewhere, "; ")
		evidence += "; " + strings.Join(elsewhere, "; ")
	}
	return c, []Finding{newFinding(code, title, detail, strings.TrimPrefix(evidence, "; "))}
}

// foundIn says, for each value of missing that g grants, which claim
// holds it: "orders.write is in roles".
func foundIn(g grants, missing []string) []string {
	var out []string
	for _, m := range missing {
		for _, n := range g.names {
			if len(missingFrom(g.values[n], []string{m})) == 0 {
				out = append(out, fmt.Sprintf("%s is in %s", m, n))
				break
			}
		}
	}
	return out
}

// familyClaims lists the claims of a family for a sentence.
func familyClaims(cands []grantClaim) string {
	names := make([]string, len(cands))
	for i, c := range cands {
		names[i] = strings.Replace(c.name, "*/", "https://…/", 1)
	}
	if len(names) > 1 {
		return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
	}
	return names[0]
}
