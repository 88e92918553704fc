package inspect

import (
	"fmt"
	"strings"
	"time"
)

// Diagnose weighs the evidence of a Case against the requirement at the
// moment now (the caller's clock; inspect never reads one) with the given
// leeway for time claims, and returns the verdict with every finding.
//
// For tokens, the verdict is that of the token a request would carry (the
// access_token of a token response, otherwise the first token found). For
// requests (curl, HAR) it is that of the primary failure: the first entry in
// time order that failed. When a server's own answer (status,
// WWW-Authenticate) disagrees with what the evidence implies, the server's
// answer is the verdict and a finding explains the mismatch.
//
// Diagnose judges as the generic server profile does, with leeway as the
// clock skew; DiagnoseWith takes a server profile.
func Diagnose(c Case, req Requirement, now time.Time, leeway time.Duration) Report {
	return DiagnoseWith(c, req, now, Options{Leeway: leeway, LeewaySet: leeway != 0})
}

// Options choose how DiagnoseWith judges.
type Options struct {
	// Server is the server profile whose rules decide (LookupProfile); an
	// unknown or empty name is generic.
	Server Profile
	// Leeway is the clock skew the user set; LeewaySet says it was set, and
	// then it replaces the profile's default skew (the findings say so).
	Leeway    time.Duration
	LeewaySet bool
	// Progress, if not nil, is called as DiagnoseProgress describes.
	Progress func(done, total int)
}

// DiagnoseWith is Diagnose under a server profile: the verdict is the
// prediction for that stack, and the findings name the stack's rule that
// decides it. The report's Server says which profile and skew applied.
func DiagnoseWith(c Case, req Requirement, now time.Time, opt Options) Report {
	p, ok := LookupProfile(string(opt.Server))
	if !ok {
		p, _ = LookupProfile("")
	}
	o := rules{p: p, leeway: opt.Leeway, leewaySet: opt.LeewaySet}
	r := diagnose(c, req, now, o, opt.Progress)
	r.Server = serverNote(o)
	return r
}

// ServerNote says which server profile judged a report and with what
// clock skew.
type ServerNote struct {
	Name  Profile `json:"name"`
	Title string  `json:"title"`
	// Skew is the skew in force on exp, in seconds; LeewaySet says it is
	// the user's leeway rather than the profile's default.
	Skew      float64 `json:"skew_seconds"`
	LeewaySet bool    `json:"leeway_set"`
	// Note says it in a sentence ("ASP.NET Core JwtBearer: default clock
	// skew 5 min, replaced by your leeway of 10 s").
	Note string `json:"note"`
	// Answer is the shape of the stack's refusal: status and
	// WWW-Authenticate, as it writes them.
	Answer string `json:"answer"`
}

func serverNote(o rules) *ServerNote {
	n := &ServerNote{Name: o.profile(), Title: o.p.Title, Skew: o.expSkew().Seconds(), LeewaySet: o.leewaySet, Answer: o.p.Answer}
	def := humanDuration(o.p.Skew)
	switch {
	case o.p.IgnoresTime:
		n.Note = o.p.Title + ": exp and nbf are not checked by default"
	case o.leewaySet:
		n.Note = fmt.Sprintf("%s: your leeway of %s replaces the default clock skew of %s", o.p.Title, humanDuration(o.leeway), def)
	default:
		n.Note = fmt.Sprintf("%s: default clock skew %s", o.p.Title, def)
		if o.p.NbfSkew != 0 && o.p.NbfSkew != o.p.Skew {
			n.Note += fmt.Sprintf(" on exp, %s on nbf", humanDuration(o.p.NbfSkew))
		}
	}
	return n
}

func diagnose(c Case, req Requirement, now time.Time, o rules, progress func(done, total int)) Report {
	r := Report{Kind: c.Kind, Primary: -1, Findings: append([]Finding(nil), c.Findings...)}
	switch {
	case c.Kind == KindEmpty || (len(c.Tokens) == 0 && len(c.Entries) == 0 && len(c.Findings) == 0):
		r.Verdict = VerdictUnknown
		r.Summary = nothingYet
	case len(c.Entries) > 0:
		diagnoseEntries(&r, c, req, now, o, progress)
	default:
		diagnoseTokens(&r, c, req, now, o)
	}
	if r.Findings == nil {
		r.Findings = []Finding{}
	}
	r.words()
	return r
}

// diagnoseTokens judges pasted tokens (or credentials that are not
// tokens). The token a request would carry decides (carriedRank); the
// others are decoded and shown. A pasted WWW-Authenticate speaks for the
// server (readChallenges, the same reading a HAR response gets).
func diagnoseTokens(r *Report, c Case, req Requirement, now time.Time, o rules) {
	primary, rank := -1, -1
	for i, t := range c.Tokens {
		if k := carriedRank(t.Source); k > rank {
			primary, rank = i, k
		}
	}
	for i, t := range c.Tokens {
		if i != primary && carriedRank(t.Source) == 0 {
			r.Tokens = append(r.Tokens, shownOnly(t, req, now, o, c.Tokens[primary].Source))
		} else {
			r.Tokens = append(r.Tokens, evaluateToken(t, req, now, o))
		}
	}
	for i, tr := range r.Tokens {
		// Generic's notes on what some stacks refuse (withoutHints) are
		// for the token that decides, the aud one only when nothing else
		// is wrong with it.
		if i != primary {
			tr.Findings = withoutHints(tr.Findings, CodeAudUnexpected, CodeTokenAlgNotAllowed)
		} else if tr.Verdict != VerdictOK {
			tr.Findings = withoutHints(tr.Findings, CodeAudUnexpected)
		}
		r.Tokens[i] = tr
		fs := labelled(tr.Findings, tr.Source, len(r.Tokens) > 1)
		if i != primary {
			// Shown, not judged: what is wrong with a token a request
			// does not carry explains no refusal.
			for j := range fs {
				fs[j].Severity = SeverityInfo
			}
		}
		r.Findings = append(r.Findings, fs...)
	}
	evidence := append([]Finding(nil), c.Findings...)
	otherwise := VerdictUnknown
	var carried []TokenReport
	sent := credentialScheme(c.Findings)
	if primary >= 0 {
		tr := r.Tokens[primary]
		evidence = append(evidence, tr.Findings...)
		otherwise = tr.Verdict
		carried = []TokenReport{tr}
		sent = "bearer"
	}
	if primary < 0 && sent != "" && sent != "bearer" && req.namesClaims() {
		f := expectsBearer(sent, "the requirement names "+req.claimKeys())
		r.Findings = append(r.Findings, f)
		evidence = append(evidence, f)
	}
	var response []Finding
	var a answer
	if len(req.Challenges) > 0 {
		ev := "WWW-Authenticate: " + formatChallenges(req.Challenges)
		response, a.said = readChallenges(req.Challenges, ev, challengeContext{sent: sent, tokens: carried})
		r.Findings = append(r.Findings, response...)
	}
	d := decide(o.profile(), evidence, response, a, otherwise)
	r.Verdict = d.verdict
	var decides *TokenReport
	if primary >= 0 {
		decides = &r.Tokens[primary]
	}
	r.Summary = pastedCause(d, a.said, decides, sent, c.Findings, o.profile())
	if a.said != "" {
		r.Findings = append(r.Findings, mismatch(d, response, 0, carried, func() string { return "WWW-Authenticate: " + formatChallenges(req.Challenges) })...)
	}
	if primary >= 0 && len(r.Tokens) > 1 {
		r.judged = judgedAmong(len(r.Tokens), r.Tokens[primary].Source)
	}
}

// shownOnly decodes an ID or refresh token that a request does not carry:
// its own times and structure are read, but it is not judged against the
// API's requirement (an ID token's aud is the client by definition, a
// refresh token's the issuer), so each requirement line is skipped, naming
// the token that is checked instead.
func shownOnly(t Token, req Requirement, now time.Time, o rules, checked string) TokenReport {
	tr := evaluateToken(t, Requirement{Keys: req.Keys}, now, o)
	what := "a refresh token"
	if strings.Contains(strings.ToLower(t.Source), "id_token") {
		what = "an ID token"
	}
	for _, l := range req.Lines {
		if l.Key == "challenge" && len(l.Values) == 0 {
			continue
		}
		tr.Checks = append(tr.Checks, Check{Line: l.Line, Text: l.Text, Result: "skip",
			Detail: "not judged: " + what + " is not sent to the API; the " + checked + " is checked against the requirement"})
	}
	return tr
}

// credentialScheme is the scheme of pasted credentials that are not a JWT
// (Basic, Digest, an opaque bearer token), from the findings that describe
// them; "" when there are none.
func credentialScheme(fs []Finding) string {
	for _, f := range fs {
		switch f.Code {
		case CodeAuthBasic:
			return "basic"
		case CodeAuthOther:
			if strings.HasPrefix(f.Evidence, "Bearer ") || strings.Contains(f.Evidence, ": Bearer ") {
				return "bearer"
			}
			if _, rest, ok := strings.Cut(f.Evidence, ": "); ok {
				scheme, _, _ := strings.Cut(rest, " ")
				return strings.ToLower(scheme)
			}
		}
	}
	return ""
}

// namesClaims reports whether the requirement names claims only a JWT
// carries (aud, iss, scope, role): the API expects a Bearer token.
func (req Requirement) namesClaims() bool {
	for _, l := range req.Lines {
		switch l.Key {
		case "aud", "iss", "scope", "role":
			return true
		}
	}
	return false
}

// claimKeys lists the claims the requirement names, for evidence.
func (req Requirement) claimKeys() string {
	var ks []string
	for _, l := range req.Lines {
		switch l.Key {
		case "aud", "iss", "scope", "role":
			ks = append(ks, l.Text)
		}
	}
	return strings.Join(ks, ", ")
}

// carriedRank ranks where a token was found by how likely a request carries
// it: an Authorization header or an access_token first, an ID token last.
func carriedRank(source string) int {
	s := strings.ToLower(source)
	switch {
	case strings.Contains(s, "authorization"):
		return 3
	case strings.Contains(s, "access_token"):
		return 2
	case strings.Contains(s, "id_token") || strings.Contains(s, "refresh_token"):
		return 0
	}
	return 1
}

func mismatchFinding(server, evidence Verdict, challenge string) Finding {
	var detail string
	switch {
	case evidence == VerdictOK && server == Verdict401:
		detail = "Nothing in the token explains a 401. What this page cannot see: the signature (a key the server does not have, a kid missing from its JWKS, a key rotated since), revocation, or a server configured for another issuer or audience than you pasted."
	case evidence == VerdictOK && server == Verdict403:
		detail = "Nothing in the token explains a 403: the server checks something the token does not show here (a role, a group, resource ownership, a policy) or requires a scope not in your requirement."
	case evidence == Verdict401 && server == Verdict403:
		detail = "The token itself looks invalid (see the findings above), yet the server answers as if it knew who you are: it may check permissions before validity, or the problem above is not the one it reports."
	case evidence == Verdict403 && server == Verdict401:
		detail = "The token lacks a permission (a 403 case), yet the server answers 401: some servers report missing scopes as invalid_token."
	default:
		detail = fmt.Sprintf("The evidence implies %s, the server answers %s.", evidence, server)
	}
	return newFinding(CodeServerStatusMismatch,
		fmt.Sprintf("The server's answer (%s) differs from what the token implies (%s)", server, evidence),
		detail+" The verdict follows the server.",
		challenge)
}

func describeDesc(desc string) string {
	if desc == "" {
		return ""
	}
	return " Its description: " + quote(desc) + "."
}

func orDefault(s, d string) string {
	if s == "" {
		return d
	}
	return s
}

func formatChallenges(chs []Challenge) string {
	parts := make([]string, len(chs))
	for i, c := range chs {
		parts[i] = formatChallenge(c)
	}
	return strings.Join(parts, ", ")
}

func formatChallenge(c Challenge) string {
	var b strings.Builder
	b.WriteString(c.Scheme)
	if c.Token68 != "" {
		b.WriteString(" " + c.Token68)
	}
	for i, p := range c.Params {
		if i == 0 {
			b.WriteByte(' ')
		} else {
			b.WriteString(", ")
		}
		b.WriteString(p.Name + "=" + quote(p.Value))
	}
	return b.String()
}

// labelled copies findings, naming the token they are about when there are
// several.
func labelled(fs []Finding, source string, several bool) []Finding {
	out := make([]Finding, len(fs))
	for i, f := range fs {
		if several && source != "" {
			f.Evidence = strings.TrimSpace(source + ": " + f.Evidence)
		}
		out[i] = f
	}
	return out
}
