package inspect

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// judgeEntry judges one request. Its tokens are checked against the moment
// the request was made when that is known (what the server saw), and
// against now otherwise. recorded says the entry is a record of what
// happened (a HAR entry, where no response and no error text still means
// that nothing came back) rather than a request not yet sent (a curl
// command), which gets a prediction from its credentials.
func judgeEntry(e Entry, req Requirement, now time.Time, o rules, recorded, stripped bool, preflight *EntryReport, m *tokenMemo) EntryReport {
	er := EntryReport{
		Index: e.Index, Started: e.Started, Duration: e.Duration, ResourceType: e.ResourceType, Timings: e.Timings,
		Request: e.Request, Response: e.Response,
		Findings: append([]Finding(nil), e.Findings...),
	}
	if e.Error != "" {
		msg := e.Error
		er.Error = &msg
	}
	at := now
	if !e.Started.IsZero() {
		at = e.Started
	}
	toks, credFindings := requestTokens(&e.Request, m)
	for _, t := range toks {
		tr := evaluateTokenMemo(t, req, at, o, m)
		if recorded && (e.Response == nil || e.Response.Status != 401) {
			tr.Findings = withoutHints(tr.Findings, CodeAudUnexpected, CodeTokenAlgNotAllowed)
		} else if tr.Verdict != VerdictOK {
			tr.Findings = withoutHints(tr.Findings, CodeAudUnexpected)
		}
		if !e.Started.IsZero() {
			tr.Findings = append(tr.Findings, expiredSince(tr, now)...)
		}
		er.Tokens = append(er.Tokens, tr)
		er.Findings = append(er.Findings, labelled(tr.Findings, tr.Source, true)...)
	}
	er.Findings = append(er.Findings, credFindings...)

	if !recorded {
		predict(&er, req, o.profile())
		return er
	}
	observe(&er, e, stripped, preflight, o.profile())
	return er
}

// predict sets the verdict a server would most likely give to a request
// that has not been sent (or whose answer is not known): decide weighs its
// evidence alone.
func predict(er *EntryReport, req Requirement, p Profile) {
	sent := sentScheme(er.Request, er.Tokens)
	hasCredential := len(er.Tokens) > 0
	for _, f := range er.Findings {
		if f.Code == CodeAuthBasic || f.Code == CodeAuthAPIKey || f.Code == CodeAuthOther {
			hasCredential = true
		}
	}
	if !hasCredential {
		er.Findings = append(er.Findings, newFinding(CodeAuthMissing,
			"The request carries no credentials",
			"No Authorization header, no token in a cookie, query parameter or body, no API key header. A protected API answers 401 (with a WWW-Authenticate challenge saying how to authenticate).",
			er.Request.Method+" "+er.Request.URL))
	}
	if sent != "" && sent != "bearer" && sent != "dpop" && sent != "cookie" && len(er.Tokens) == 0 && req.namesClaims() {
		er.Findings = append(er.Findings, expectsBearer(sent, "Authorization: "+sent+" …; the requirement names "+req.claimKeys()))
	}
	otherwise := VerdictOK
	if len(er.Tokens) == 0 {
		otherwise = VerdictUnknown // Basic, API keys: only the server can check them
	}
	d := decide(p, er.Findings, nil, answer{}, otherwise)
	er.Verdict = d.verdict
	er.Summary = entrySummary(er, d)
}

// observe judges a request from the answer it got, or from why none came:
// decide weighs the request's evidence against the response's findings
// and status.
//
// Failed is true when no answer reached the page — except a cancellation
// (net::ERR_ABORTED and the like), which is the page's own doing and gets
// only an info finding — and when the status is 400 or more. A response the
// browser withheld from the page (a CORS failure of a 200) failed too.
//
// stripped says the export removed credentials (har.credentials_stripped):
// their absence in the file is no evidence, so no auth.missing is claimed.
func observe(er *EntryReport, e Entry, stripped bool, preflight *EntryReport, p Profile) {
	x := newExchange(e, er.Tokens)
	x.stripped, x.preflight = stripped, preflight
	fs := x.responseFindings()
	d := decide(p, er.Findings, fs, answer{status: x.status, none: x.status <= 0 && !x.unreadable, unreadable: x.unreadable}, VerdictUnknown)
	fs = append(fs, mismatch(d, fs, x.status, er.Tokens, func() string { return x.where() + fmt.Sprintf(" → %d", x.status) })...)
	er.Verdict = d.verdict
	er.Findings = append(er.Findings, fs...)
	er.Summary = x.summary(d, fs)
	switch {
	case x.unreadable:
		er.Failed = isDenial(d.verdict) // not known to have failed
	case er.Response == nil || er.Response.Status <= 0:
		er.Failed = !onlyAborted(fs)
	default:
		er.Failed = er.Response.Status >= 400 || isDenial(d.verdict)
	}
}

// tokensOK reports whether a request carried tokens and every one passed
// its checks.
func tokensOK(ts []TokenReport) bool {
	for _, t := range ts {
		if t.Verdict != VerdictOK {
			return false
		}
	}
	return len(ts) > 0
}

// onlyAborted reports whether the findings say the request was cancelled
// and nothing worse.
func onlyAborted(fs []Finding) bool {
	aborted := false
	for _, f := range fs {
		if f.Code == CodeNetworkAborted {
			aborted = true
		} else if f.Severity == SeverityError {
			return false
		}
	}
	return aborted
}

// expiredSince notes a token that was valid when the request was made but
// has expired since: retrying the same request now fails for another reason.
func expiredSince(tr TokenReport, now time.Time) []Finding {
	for _, tc := range tr.Times {
		if tc.Name == "exp" && tc.State == "ok" && !tc.Time.After(now) {
			return []Finding{newFinding(CodeTokenExpired,
				"Valid when the request was made, expired since",
				fmt.Sprintf("The token expired %s ago; replaying this request now would fail with 401 for that reason alone.", humanDuration(now.Sub(tc.Time))),
				"exp: "+tc.Raw+" ("+formatUTC(tc.Time)+")").withSeverity(SeverityInfo)}
		}
	}
	return nil
}

// diagnoseEntries judges every entry and picks the primary failure.
func diagnoseEntries(r *Report, c Case, req Requirement, now time.Time, o rules, progress func(done, total int)) {
	r.Entries = make([]EntryReport, 0, len(c.Entries))
	stripped := false
	for _, f := range c.Findings {
		stripped = stripped || f.Code == CodeHARCredentialsStripped
	}
	// A recording carries the same few tokens in request after request:
	// each is decoded and described once.
	memo := newTokenMemo()
	for i, e := range c.Entries {
		if progress != nil && i%progressEvery == 0 && i > 0 {
			progress(i, len(c.Entries))
		}
		var pre *EntryReport
		if e.Error != "" && (e.Response == nil || e.Response.Status <= 0) && !strings.EqualFold(e.Request.Method, "OPTIONS") {
			pre = lastPreflight(r.Entries, e.Request.URL)
		}
		er := judgeEntry(e, req, now, o, c.Kind == KindHAR || e.Response != nil || e.Error != "", stripped, pre, memo)
		r.Entries = append(r.Entries, er)
	}
	if c.Kind == KindHAR {
		r.Findings = append(r.Findings, diagnoseAcross(r.Entries)...)
	}
	recorded := c.Kind == KindHAR
	r.Primary, r.Verdict, r.Summary = decideEntries(r.Entries, recorded)
	if r.Primary >= 0 {
		r.Findings = append(r.Findings, r.Entries[r.Primary].Findings...)
	} else if recorded {
		// Answers that cannot be read make the record unknown: their
		// har.malformed findings are the verdict's cause.
		for _, i := range unreadable(r.Entries) {
			for _, f := range r.Entries[i].Findings {
				if f.Code == CodeHARMalformed {
					r.Findings = append(r.Findings, f)
				}
			}
		}
	}
	// Every token of every request is listed, each once, the primary
	// request's first: the primary's speak for the verdict, the others are
	// shown.
	seen := map[string]bool{}
	for _, i := range primaryFirst(len(r.Entries), r.Primary) {
		for _, tr := range r.Entries[i].Tokens {
			if !seen[tr.Raw] {
				seen[tr.Raw] = true
				r.Tokens = append(r.Tokens, tr)
			}
		}
	}
}

// primaryFirst lists 0…n-1 with p (if any) first.
func primaryFirst(n, p int) []int {
	out := make([]int, 0, n)
	if p >= 0 {
		out = append(out, p)
	}
	for i := range n {
		if i != p {
			out = append(out, i)
		}
	}
	return out
}

// lastPreflight is the last OPTIONS request to url among the entries judged
// so far, or nil. Only entries that failed without an answer look, so the
// walk back costs nothing for the rest of a HAR.
func lastPreflight(done []EntryReport, url string) *EntryReport {
	for i := len(done) - 1; i >= 0; i-- {
		if strings.EqualFold(done[i].Request.Method, "OPTIONS") && done[i].Request.URL == url {
			return &done[i]
		}
	}
	return nil
}

// withoutHints drops the notes generic makes on what some stacks refuse by
// default (an aud no audience was configured for, an alg they do not take)
// where they explain nothing: from a recorded request unless the server
// answered 401 (it accepted the token, or never saw it), and the aud note
// from a token something else is already wrong with.
func withoutHints(fs []Finding, codes ...string) []Finding {
	out := fs[:0:0]
	for _, f := range fs {
		if f.Severity == SeverityInfo && slices.Contains(codes, f.Code) {
			continue
		}
		out = append(out, f)
	}
	return out
}
