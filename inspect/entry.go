package inspect

import (
	"fmt"
	"time"
)

// judgeEntry judges one request. Its tokens are checked against the moment
// the request was made when that is known (what the server saw), and
// against now otherwise. recorded says the entry is a record of what
// happened (a HAR entry, where no response and no error text still means
// that nothing came back) rather than a request not yet sent (a curl
// command), which gets a prediction from its credentials.
func judgeEntry(e Entry, req Requirement, now time.Time, leeway time.Duration, recorded bool) EntryReport {
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
	toks, credFindings := RequestTokens(&e.Request)
	for _, t := range toks {
		tr := evaluateToken(t, req, at, leeway)
		if !e.Started.IsZero() {
			tr.Findings = append(tr.Findings, expiredSince(tr, now)...)
		}
		er.Tokens = append(er.Tokens, tr)
		er.Findings = append(er.Findings, labelled(tr.Findings, tr.Source, true)...)
	}
	er.Findings = append(er.Findings, credFindings...)

	if !recorded {
		predict(&er)
		return er
	}
	observe(&er, e)
	return er
}

// predict sets the verdict a server would most likely give to a request
// that has not been sent (or whose answer is not known).
func predict(er *EntryReport) {
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
	otherwise := VerdictOK
	if len(er.Tokens) == 0 {
		otherwise = VerdictUnknown // Basic, API keys: only the server can check them
	}
	er.Verdict = verdictOf(er.Findings, otherwise)
	er.Summary = entrySummary(er)
}

// observe judges a request from the answer it got, or from why none came
// (diagnoseExchange has the rules).
//
// Failed is true when no answer reached the page — except a cancellation
// (net::ERR_ABORTED and the like), which is the page's own doing and gets
// only an info finding — and when the status is 400 or more. A response the
// browser withheld from the page (a CORS failure of a 200) failed too.
func observe(er *EntryReport, e Entry) {
	v, fs, summary := diagnoseExchange(e, er.Tokens)
	er.Verdict = v
	er.Findings = append(er.Findings, fs...)
	er.Summary = summary
	switch {
	case er.Response == nil || er.Response.Status <= 0:
		er.Failed = !onlyAborted(fs)
	default:
		er.Failed = er.Response.Status >= 400 || v == VerdictNetwork
	}
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

// entrySummary explains an entry's verdict with its strongest finding.
func entrySummary(er *EntryReport) string {
	if t := firstTitle(er.Findings, er.Verdict); t != "" {
		return t
	}
	switch er.Verdict {
	case VerdictOK:
		return "Nothing in the request makes a server refuse it."
	case VerdictUnknown:
		return "The credentials cannot be checked here; only the server can tell."
	}
	return ""
}

// diagnoseEntries judges every entry and picks the primary failure.
func diagnoseEntries(r *Report, c Case, req Requirement, now time.Time, leeway time.Duration, progress func(done, total int)) {
	r.Entries = make([]EntryReport, 0, len(c.Entries))
	stripped := false
	for _, f := range c.Findings {
		stripped = stripped || f.Code == CodeHARCredentialsStripped
	}
	for i, e := range c.Entries {
		if progress != nil && i%progressEvery == 0 && i > 0 {
			progress(i, len(c.Entries))
		}
		er := judgeEntry(e, req, now, leeway, c.Kind == KindHAR || e.Response != nil || e.Error != "")
		if stripped {
			softenMissing(&er)
		}
		r.Entries = append(r.Entries, er)
	}
	if c.Kind == KindHAR {
		r.Findings = append(r.Findings, diagnoseAcross(r.Entries)...)
	}
	for i, er := range r.Entries {
		if er.Failed {
			r.Primary = i
			break
		}
	}
	if c.Kind != KindHAR && r.Primary < 0 && len(r.Entries) > 0 {
		r.Primary = 0 // a command's request is judged whether or not it "failed"
	}
	if r.Primary < 0 {
		r.Verdict = VerdictOK
		r.Summary = fmt.Sprintf("None of the %d requests failed.", len(r.Entries))
		return
	}
	p := r.Entries[r.Primary]
	r.Verdict, r.Summary = p.Verdict, p.Summary
	r.Findings = append(r.Findings, p.Findings...)
	for _, tr := range p.Tokens {
		r.Tokens = append(r.Tokens, tr)
	}
}

// softenMissing turns "no credentials" into a warning when the export is
// known to have dropped them (har.credentials_stripped): their absence in
// the file says nothing about the request.
func softenMissing(er *EntryReport) {
	for i, f := range er.Findings {
		if f.Code == CodeAuthMissing && f.Severity == SeverityError {
			f = f.withSeverity(SeverityWarning)
			f.Title += " (as exported: the export removed credentials)"
			er.Findings[i] = f
		}
	}
}
