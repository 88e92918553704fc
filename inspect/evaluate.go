package inspect

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"
)

// evaluateToken checks one decoded token against the requirement at the
// given moment: its header (alg, crit), its times, its claims line by line,
// and its signature when the requirement holds keys (otherwise the
// signature is reported as not verified).
//
// The rules are those of the server profile in o: its skew (or the leeway
// the user set), and its own answers where stacks differ.
func evaluateToken(t Token, req Requirement, at time.Time, o rules) TokenReport {
	return evaluateTokenMemo(t, req, at, o, nil)
}

// evaluateTokenMemo is evaluateToken with what does not depend on the
// moment nor the profile (the notes on header and claims, the signature
// check) taken from m when this token was judged before; m may be nil.
func evaluateTokenMemo(t Token, req Requirement, at time.Time, o rules, m *tokenMemo) TokenReport {
	notes := m.notesFor(t, req.Keys)
	p := o.profile()
	r := TokenReport{
		Source:      t.Source,
		Kind:        t.Kind,
		Header:      t.HeaderJSON,
		Payload:     t.PayloadJSON,
		PayloadText: t.PayloadText,
		Alg:         t.Alg(),
		Signature:   "not verified: no verification key was given, so a forged or tampered token looks the same as a genuine one",
		Raw:         t.Raw,
		Decoded:     t.Claims,
		Findings:    append([]Finding{}, t.Findings...),
	}
	r.HeaderParams = notes.header()
	r.Findings = append(r.Findings, checkCrit(t)...)
	if t.Kind == TokenJWE {
		r.Signature = "encrypted token: only the server can decrypt and check it"
		for _, l := range req.Lines {
			if l.Key != "challenge" {
				r.Checks = append(r.Checks, Check{Line: l.Line, Text: l.Text, Result: "skip", Detail: "the claims are encrypted"})
			}
		}
		r.Verdict = decide(p, r.Findings, nil, answer{}, VerdictUnknown).verdict
		return r
	}
	if strings.EqualFold(r.Alg, "none") {
		r.Signature = "none: the token is unsigned"
		r.Findings = append(r.Findings, newFinding(CodeTokenAlgNone,
			"Unsigned token (alg \"none\")",
			"Anyone can forge a token without a signature, so servers must reject it (RFC 8725 §3.1); one that accepts it has a serious vulnerability. Use a token signed by the issuer.",
			"alg: "+quote(r.Alg)))
	}
	r.Findings = append(r.Findings, algRule(t, o.p)...)
	if len(req.Keys) > 0 && !strings.EqualFold(r.Alg, "none") && t.Raw != "" && !hasCode(t.Findings, CodeTokenMalformed) {
		f := notes.signature()
		r.Findings = append(r.Findings, f)
		r.Signature = strings.ToLower(f.Title[:1]) + f.Title[1:]
	}
	if t.Claims != nil {
		times, fs := checkTimes(t.Claims, at, o)
		r.Times = times
		r.Findings = append(r.Findings, fs...)
		if !hasExp(times) {
			r.Findings = append(r.Findings, noExpFinding(t, o.p))
		}
		r.Findings = append(r.Findings, notes.headerRules(req, o.p)...)
		r.Findings = append(r.Findings, checkIDToken(t.Claims, t.Source)...)
		r.Claims = notes.claims()
		for _, l := range req.Lines {
			var c Check
			var fs []Finding
			switch l.Key {
			case "aud":
				c, fs = checkAudience(t.Claims, l)
			case "iss":
				c, fs = checkIssuer(t.Claims, l)
			case "scope", "role":
				c, fs = checkGranted(t.Claims, l, l.Key, o.p.scopes())
				if l.Key == "scope" && c.Result == "pass" && o.p.generic() {
					fs = append(fs, scopeElsewhere(t.Claims, l)...)
				}
			case "challenge":
				if len(l.Values) == 0 {
					continue
				}
				c, fs = checkGranted(t.Claims, RequirementLine{Line: l.Line, Text: l.Text, Key: "scope", Values: l.Values}, "scope", o.p.scopes())
			}
			r.Checks = append(r.Checks, c)
			r.Findings = append(r.Findings, fs...)
		}
	} else if len(req.Lines) > 0 {
		for _, l := range req.Lines {
			r.Checks = append(r.Checks, Check{Line: l.Line, Text: l.Text, Result: "skip", Detail: "the token has no readable claims"})
		}
	}
	if t.Claims == nil && t.PayloadText != "" && !hasCode(r.Findings, CodeTokenMalformed) {
		r.Findings = append(r.Findings, newFinding(CodeTokenMalformed,
			"The payload is not a JSON claims set",
			"This is a valid JWS, but a JWT's payload must be a JSON object of claims (RFC 7519 §7.2). A server expecting an access token cannot read an expiry, audience or scopes from it and will reject it.",
			"payload: "+shorten(t.PayloadText, 60)).withSeverity(SeverityWarning))
		r.Verdict = decide(p, r.Findings, nil, answer{}, VerdictUnknown).verdict
		return r
	}
	if t.Claims == nil && len(t.PayloadJSON) > 0 && jsonDepth(t.PayloadJSON) > MaxTokenJSONDepth {
		// Its claims were not read (decodeJSON's warning says why):
		// nothing says whether a server would take it.
		r.Verdict = decide(p, r.Findings, nil, answer{}, VerdictUnknown).verdict
		return r
	}
	r.Verdict = decide(p, r.Findings, nil, answer{}, VerdictOK).verdict
	return r
}

// scopeElsewhere notes, under generic, a scope granted only by a claim
// some stacks do not read (scp, permissions): express-oauth2-jwt-bearer's
// requiredScopes reads only scope and answers 403.
func scopeElsewhere(claims map[string]any, l RequirementLine) []Finding {
	if len(missingFrom(grantedBy(claims, []grantClaim{{"scope", true}}).all(), l.Values)) == 0 {
		return nil
	}
	g := grantedBy(claims, scopeClaims)
	for _, n := range g.names {
		if n == "scope" {
			continue
		}
		if note := scopeClaimNote(n); note != "" {
			return []Finding{newFinding(CodeScopeMissing,
				fmt.Sprintf("Granted by %s, not scope: some stacks do not read it", n),
				fmt.Sprintf("The token carries %s in %s, which most stacks read as scopes; but %s, so there the request is refused (403 insufficient_scope).", strings.Join(l.Values, " "), n, note),
				describeGrants(g.names, g.values)).withSeverity(SeverityInfo)}
		}
	}
	return nil
}

// hasExp reports whether exp is there, as the stack reads it (golang-jwt
// reads exp: 0 as none).
func hasExp(times []TimeClaim) bool {
	for _, tc := range times {
		if tc.Name == "exp" {
			return tc.State != "absent"
		}
	}
	return false
}

// noExpFinding is token.no_exp under the profile: an error where the
// stack refuses a token without exp, a warning naming who does elsewhere.
func noExpFinding(t Token, p ServerProfile) Finding {
	f := newFinding(CodeTokenNoExp,
		"The token never expires (no exp claim)",
		"Without exp a stolen token stays valid until its key is rotated.",
		"claims: "+strings.Join(claimNames(t.Claims), ", "))
	switch {
	case p.RequiresExp:
		f.Title = "No exp claim: " + p.Title + " refuses a token that never expires"
		f.Detail = p.Title + " requires exp by default and answers 401. " + f.Detail
		return f.withSeverity(SeverityError)
	case p.generic():
		f.Detail += fmt.Sprintf(" %s such a token by default (so do golang-jwt with WithExpirationRequired and PyJWT with require=[\"exp\"]); %s it.",
			namedVerb(func(q ServerProfile) bool { return q.RequiresExp }, "refuses", "refuse"), namedVerb(func(q ServerProfile) bool { return !q.RequiresExp }, "accepts", "accept"))
	default:
		f.Detail += " " + p.Title + " accepts it by default."
	}
	return f
}

// algRule is the profile's list of accepted algorithms: checked, as the
// stack does, before any claim.
func algRule(t Token, p ServerProfile) []Finding {
	alg := t.Alg()
	if alg == "" || strings.EqualFold(alg, "none") {
		return nil
	}
	if p.generic() {
		// A signature by a key pair (ES256, PS256, EdDSA, …): the stacks
		// that take one such alg by default are named. HMAC tokens are
		// left alone: those stacks take no shared secret at all.
		refuses := func(q ServerProfile) bool { return q.Algs != nil && !inFold(q.Algs, alg) }
		refusing := named(refuses)
		if refusing == "" || strings.HasPrefix(strings.ToUpper(alg), "HS") {
			return nil
		}
		var algs []string
		for _, q := range serverProfiles {
			if refuses(q) {
				algs = append(algs, q.Algs...)
			}
		}
		return []Finding{newFinding(CodeTokenAlgNotAllowed,
			fmt.Sprintf("alg %s: refused by %s by default", alg, refusing),
			fmt.Sprintf("Most validators take any asymmetric algorithm their key allows; %s verifies only %s signatures unless configured otherwise (the API server's --oidc-signing-algs), and answers 401 for this %s token.", refusing, strings.Join(algs, ", "), alg),
			"alg: "+quote(alg))}
	}
	if p.Algs == nil || inFold(p.Algs, alg) {
		return nil
	}
	return []Finding{newFinding(CodeTokenAlgNotAllowed,
		fmt.Sprintf("%s accepts only %s by default, not %s", p.Title, strings.Join(p.Algs, ", "), alg),
		fmt.Sprintf("%s verifies only %s signatures unless configured otherwise (the API server's --oidc-signing-algs), so it answers 401 for this %s token.", p.Title, strings.Join(p.Algs, ", "), alg),
		"alg: "+quote(alg)).withSeverity(SeverityError)}
}

// profileHeaderRules are the profile's rules on what generic does not
// judge: the typ it accepts, the algorithms it accepts by default, an aud
// the server did not ask for.
func profileHeaderRules(t Token, req Requirement, p ServerProfile) []Finding {
	var fs []Finding
	if typ, _ := t.Header["typ"].(string); typ != "" && p.Typs != nil && !inFold(p.Typs, typ) {
		fs = append(fs, newFinding(CodeTokenTyp,
			fmt.Sprintf("%s refuses typ %q", p.Title, typ),
			fmt.Sprintf("%s accepts only typ %s (or no typ) by default, so it answers 401 for this token. An access token per RFC 9068 carries typ \"at+jwt\": configure the decoder to accept it.", p.Title, strings.Join(p.Typs, ", ")),
			"typ: "+quote(typ)).withSeverity(SeverityError))
	} else if typ != "" && p.generic() && !strings.EqualFold(typ, "JWT") {
		fs = append(fs, newFinding(CodeTokenTyp,
			fmt.Sprintf("typ %q: refused by %s by default", typ, named(func(q ServerProfile) bool { return q.Typs != nil && !inFold(q.Typs, typ) })),
			fmt.Sprintf("Most validators ignore typ; %s accept only JWT (or no typ) unless configured otherwise.", named(func(q ServerProfile) bool { return q.Typs != nil && !inFold(q.Typs, typ) })),
			"typ: "+quote(typ)))
	}
	_, hasAud := t.Claims["aud"]
	if hasAud && !req.has("aud") && p.generic() {
		// Whether the server configured an audience is not known from the
		// token: a note, not a verdict.
		if refusing := named(func(q ServerProfile) bool { return q.RefusesUnexpectedAud }); refusing != "" {
			fs = append(fs, newFinding(CodeAudUnexpected,
				"aud with no audience required: refused by "+refusing+" by default",
				fmt.Sprintf("The token has aud %s and no audience is required here. Most stacks then ignore aud; %s raises InvalidAudienceError (\"Invalid audience\") when its server configured no audience, and the request is refused. Add the aud= line the server requires, or choose its stack.", jsonValueOr(t.Claims["aud"], "?"), refusing),
				"aud: "+jsonValueOr(t.Claims["aud"], "?")))
		}
	}
	if hasAud && !req.has("aud") && p.RefusesUnexpectedAud {
		fs = append(fs, newFinding(CodeAudUnexpected,
			p.Title+" refuses a token carrying aud when no audience is configured",
			fmt.Sprintf("The token has aud %s and no audience is required here; %s then raises InvalidAudienceError (\"Invalid audience\") and the request is refused. Pass audience= to jwt.decode, or options={\"verify_aud\": False}.", jsonValueOr(t.Claims["aud"], "?"), p.Title),
			"aud: "+jsonValueOr(t.Claims["aud"], "?")).withSeverity(SeverityError))
	}
	return fs
}

func inFold(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}

// has reports whether the requirement has a line of key.
func (req Requirement) has(key string) bool {
	for _, l := range req.Lines {
		if l.Key == key {
			return true
		}
	}
	return false
}

func hasCode(fs []Finding, code string) bool {
	for _, f := range fs {
		if f.Code == code {
			return true
		}
	}
	return false
}

func claimNames(m map[string]any) []string {
	names := make([]string, 0, len(m))
	for k := range m {
		names = append(names, k)
	}
	sort.Strings(names)
	return names
}

// claimNotes describes each claim in the order the payload lists them.
func claimNotes(t Token) []ClaimNote {
	return memberNotes(t.PayloadJSON, t.Claims, describeClaim)
}

// headerNotes describes each JOSE header parameter in the order written.
func headerNotes(t Token) []ClaimNote {
	return memberNotes(t.HeaderJSON, t.Header, func(name string) claimDoc {
		if desc := headerDocs[name]; desc != "" {
			return claimDoc{Description: desc}
		}
		return claimDoc{Description: "Header parameter defined by the issuer."}
	})
}

// memberNotes describes the members of a decoded JSON object in the order
// they are written, each value as written (numbers keep their digits).
func memberNotes(obj json.RawMessage, decoded map[string]any, describe func(string) claimDoc) []ClaimNote {
	var out []ClaimNote
	raw := rawMembers(obj)
	for _, name := range memberOrder(obj) {
		if _, ok := decoded[name]; !ok {
			continue
		}
		d := describe(name)
		out = append(out, ClaimNote{Name: name, Value: string(compactJSON(raw[name])), Description: d.Description, Vendor: d.Vendor})
	}
	return out
}

// memberOrder returns the top-level member names of a JSON object in order,
// each once.
func memberOrder(obj json.RawMessage) []string {
	var names []string
	seen := map[string]bool{}
	dec := json.NewDecoder(strings.NewReader(string(obj)))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return nil
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		name, _ := tok.(string)
		var skip json.RawMessage
		if dec.Decode(&skip) != nil {
			break
		}
		if !seen[name] {
			seen[name] = true
			names = append(names, name)
		}
	}
	return names
}

// rawMembers returns the object's members as written (numbers keep their
// digits); for a duplicated name, the last one, as encoding/json reads it.
func rawMembers(obj json.RawMessage) map[string]json.RawMessage {
	var m map[string]json.RawMessage
	_ = json.Unmarshal(obj, &m)
	return m
}
