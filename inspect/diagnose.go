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
func Diagnose(c Case, req Requirement, now time.Time, leeway time.Duration) Report {
	return diagnose(c, req, now, leeway, nil)
}

func diagnose(c Case, req Requirement, now time.Time, leeway time.Duration, progress func(done, total int)) Report {
	r := Report{Kind: c.Kind, Primary: -1, Findings: append([]Finding(nil), c.Findings...)}
	switch {
	case c.Kind == KindEmpty || (len(c.Tokens) == 0 && len(c.Entries) == 0 && len(c.Findings) == 0):
		r.Verdict = VerdictUnknown
		r.Summary = "Nothing to diagnose yet: paste a token, an Authorization header, a curl command, or drop a HAR file."
	case len(c.Entries) > 0:
		diagnoseEntries(&r, c, req, now, leeway, progress)
	default:
		diagnoseTokens(&r, c, req, now, leeway)
	}
	if r.Findings == nil {
		r.Findings = []Finding{}
	}
	r.Summary = sentence(r.Verdict, r.Summary)
	return r
}

// sentence turns the cause of a verdict into the one sentence shown with it.
func sentence(v Verdict, cause string) string {
	cause = strings.TrimSuffix(strings.TrimSpace(cause), ".")
	if cause == "" {
		return ""
	}
	switch v {
	case Verdict401:
		return cause + ". The server cannot tell who you are, so it answers 401."
	case Verdict403:
		return cause + ". The server knows who you are but refuses, so it answers 403."
	case VerdictNetwork:
		return cause + ". No HTTP answer reached the page."
	}
	return cause + "."
}

func diagnoseTokens(r *Report, c Case, req Requirement, now time.Time, leeway time.Duration) {
	primary, rank := -1, -1
	for i, t := range c.Tokens {
		r.Tokens = append(r.Tokens, evaluateToken(t, req, now, leeway))
		if k := carriedRank(t.Source); k > rank {
			primary, rank = i, k
		}
	}
	for _, tr := range r.Tokens {
		r.Findings = append(r.Findings, labelled(tr.Findings, tr.Source, len(r.Tokens) > 1)...)
	}
	evidence := VerdictUnknown
	if primary >= 0 {
		evidence = r.Tokens[primary].Verdict
		r.Summary = describeTokenVerdict(r.Tokens[primary])
	}
	if v, ok := worst(c.Findings); ok {
		evidence = v
		r.Summary = firstTitle(c.Findings, v)
	} else if primary < 0 {
		r.Summary = "No token to check: " + firstTitleAny(c.Findings)
	}
	r.Verdict = evidence
	if primary >= 0 && len(r.Tokens) > 1 {
		r.Summary = fmt.Sprintf("%s; judged the token from %s, the one a request carries, of the %d found", strings.TrimSuffix(r.Summary, "."), r.Tokens[primary].Source, len(r.Tokens))
	}
	applyChallenges(r, req, primary)
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

// applyChallenges lets a pasted WWW-Authenticate speak: the server's own
// answer is the verdict, and a mismatch with the token's evidence is
// explained.
func applyChallenges(r *Report, req Requirement, primary int) {
	for _, ch := range req.Challenges {
		if !strings.EqualFold(ch.Scheme, "bearer") && !strings.EqualFold(ch.Scheme, "dpop") {
			continue
		}
		code, _ := ch.Param("error")
		desc, _ := ch.Param("error_description")
		evidence := "WWW-Authenticate: " + formatChallenge(ch)
		var server Verdict
		switch code {
		case "invalid_token":
			server = Verdict401
			r.Findings = append(r.Findings, newFinding(CodeServerInvalidToken,
				"The server says: invalid_token",
				"RFC 6750 §3.1: the token is expired, revoked, malformed, or invalid for other reasons; the server answers 401."+describeDesc(desc),
				evidence))
		case "insufficient_scope":
			server = Verdict403
			scope, _ := ch.Param("scope")
			detail := "RFC 6750 §3.1: the request needs more privileges than the token grants; the server answers 403."
			if scope != "" {
				detail += " It requires scope " + quote(scope) + "."
			}
			r.Findings = append(r.Findings, newFinding(CodeServerInsufficientScope,
				"The server says: insufficient_scope",
				detail+describeDesc(desc),
				evidence))
		case "invalid_request":
			r.Findings = append(r.Findings, newFinding(CodeServerInvalidRequest,
				"The server says: invalid_request",
				"RFC 6750 §3.1: the request is missing a parameter, repeats one, or sends credentials in more than one way (e.g. both a header and an access_token parameter); the server answers 400."+describeDesc(desc),
				evidence))
			if r.Verdict == VerdictOK {
				r.Verdict = VerdictUnknown
				r.Summary = "The server rejected the request's form (invalid_request), not the token."
			}
			continue
		case "":
			server = Verdict401
			r.Findings = append(r.Findings, newFinding(CodeAuthMissing,
				"The server's challenge has no error code: it received no credentials",
				"RFC 6750 §3.1: a server omits the error code when the request carried no authentication at all. If you did send a token, it was lost on the way: a proxy or gateway that strips Authorization, a redirect to another host (clients drop credentials on cross-host redirects), a CORS preflight, or the wrong header name or scheme.",
				evidence))
		default:
			server = Verdict401
			r.Findings = append(r.Findings, newFinding(CodeServerInvalidToken,
				"The server says: "+code,
				"A non-standard error code in the challenge."+describeDesc(desc),
				evidence))
		}
		if server != "" && server != r.Verdict {
			if r.Verdict == Verdict401 || r.Verdict == Verdict403 || r.Verdict == VerdictOK {
				r.Findings = append(r.Findings, mismatchFinding(server, r.Verdict, evidence))
			}
			r.Verdict = server
			r.Summary = "The server's challenge says " + orDefault(code, "that it received no credentials")
		}
	}
}

func mismatchFinding(server, evidence Verdict, challenge string) Finding {
	var detail string
	switch {
	case evidence == VerdictOK && server == Verdict401:
		detail = "Nothing in the token explains a 401. What this page cannot see: the signature (a key the server does not have, a kid missing from its JWKS, a key rotated since), revocation, or a server configured for another issuer or audience than you pasted."
	case evidence == VerdictOK && server == Verdict403:
		detail = "The token has the scopes you listed, yet the server refuses: it checks something else too (a role, a group, resource ownership, a policy) or requires a scope not in your requirement."
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

func firstTitle(fs []Finding, v Verdict) string {
	for _, f := range fs {
		if fv, ok := VerdictOf(f); ok && fv == v {
			return f.Title + "."
		}
	}
	return ""
}

func firstTitleAny(fs []Finding) string {
	if len(fs) == 0 {
		return "nothing recognisable was found."
	}
	return strings.TrimSuffix(fs[0].Title, ".") + "."
}
