package inspect

import (
	"fmt"
)

// answer is what the server is known to have answered one request.
type answer struct {
	// status is the HTTP status that came back; 0 when none did or none is
	// known.
	status int
	// none says a record shows that nothing came back (a HAR entry with no
	// status), as opposed to a request not sent or a token alone.
	none bool
	// said is the verdict a pasted WWW-Authenticate states, when no status
	// is known (challengeVerdict).
	said Verdict
	// unreadable says a response was recorded whose status is not an HTTP
	// status: what the server answered is not known, which is not "no
	// answer".
	unreadable bool
}

// decision is a verdict with the finding it rests on.
type decision struct {
	verdict Verdict
	// cause is the finding the verdict rests on; its Code is empty when the
	// verdict rests on the status alone, or on nothing (otherwise).
	cause Finding
	// predicted is what the request's evidence alone implies (FamilyNone
	// when nothing), with predictedBy the finding that implies it; worded
	// is what the server's own words in the response imply, with wordedBy.
	// When the server answered otherwise, server.status_mismatch explains
	// the difference (mismatch).
	predicted, worded     Verdict
	predictedBy, wordedBy Finding
}

// decide is the one place where a verdict is decided, for a token, a
// request, a HAR entry or a pasted case. evidence holds the findings about
// what was (or would be) sent: tokens, credentials; response holds those
// about what came back: network errors, challenges, vendors' bodies. a is
// what the server is known to have answered. otherwise is the verdict when
// nothing decides (ok for a readable token, unknown for credentials only
// the server can check).
//
// The precedence rules, in order:
//
//  1. Only findings of severity error whose code has a verdict family
//     (codes.go, under the profile) decide; network.aborted has none: a
//     request the page cancelled itself never decides a verdict.
//  2. A network failure beats everything for that request: the page never
//     saw the server's answer (a CORS failure hides a 200 and a 403 alike),
//     and a record with no answer at all is network even when it does not
//     say why (a cancelled request is network too, for its own row, but it
//     is not a failure, so decideEntries never picks it).
//  3. What the server actually answered beats what the evidence predicts:
//     401 is 401, 403 is 403, 407 is network (a proxy answered; the request
//     never reached the server), a 400 with RFC 6750 error="invalid_request"
//     is in the 401 family (the server could not read the credentials as
//     sent), 1xx–3xx is ok — unless the body is a firewall's block page
//     (waf.block): F5 BIG-IP and Imperva answer theirs with 200, and the
//     application never saw the request. A pasted WWW-Authenticate speaks
//     for the server the same way (readChallenges). When the evidence
//     implies another verdict, server.status_mismatch explains the
//     difference (mismatch).
//  4. Other statuses (404, 429, 5xx, any other 4xx) are not about access
//     and do not decide by themselves: only the server's own words in the
//     response decide (API Gateway's MissingAuthenticationToken 404 → 403,
//     Okta's E0000011 400 → 401); the request's evidence does not (the
//     server answered something else). Otherwise: unknown, and the entry's
//     sentence says "not an authorization failure". A response whose
//     status the file does not state readably (har.malformed) is judged
//     the same way: its WWW-Authenticate may speak, else unknown — never
//     network, since a response was recorded.
//  5. With no answer known (a token, a command not yet run), the evidence
//     decides in the order a server checks: the connection (network), then
//     identity (401), then permission (403).
//  6. Nothing decides: otherwise.
//
// For several requests, decideEntries picks which one speaks for all.
func decide(p Profile, evidence, response []Finding, a answer, otherwise Verdict) decision {
	var d decision
	d.worded, d.wordedBy, _ = strongest(p, response)
	d.predicted, d.predictedBy, _ = strongest(p, evidence)
	// Rule 2.
	if f, ok := firstOfFamily(p, response, VerdictNetwork); ok {
		d.verdict, d.cause = VerdictNetwork, f
		return d
	}
	if f, ok := firstOfFamily(p, evidence, VerdictNetwork); ok {
		d.verdict, d.cause = VerdictNetwork, f
		return d
	}
	if a.none {
		d.verdict = VerdictNetwork
		return d
	}
	// Rule 3.
	switch s := a.status; {
	case s == 401:
		d.verdict = Verdict401
	case s == 403:
		d.verdict = Verdict403
	case s == 407:
		d.verdict = VerdictNetwork
	case s == 400 && hasError(response, CodeServerInvalidRequest):
		d.verdict = Verdict401
	case s > 0 && s < 400:
		// A firewall's block page says blocked whatever the status says
		// (F5 BIG-IP and Imperva answer theirs with 200).
		if f, ok := firstOfFamily(p, response, Family(CodeWAFBlock, p)); ok && f.Code == CodeWAFBlock {
			d.verdict, d.cause = Family(CodeWAFBlock, p), f
			return d
		}
		d.verdict = VerdictOK
		return d
	case s >= 400: // Rule 4.
		if d.worded != FamilyNone {
			d.verdict, d.cause = d.worded, d.wordedBy
		} else {
			d.verdict = VerdictUnknown
		}
		return d
	case a.unreadable: // Rule 4.
		if d.worded != FamilyNone {
			d.verdict, d.cause = d.worded, d.wordedBy
		} else {
			d.verdict = VerdictUnknown
		}
		return d
	case a.said != "":
		d.verdict = a.said
	default: // Rules 5 and 6.
		if v, f, ok := strongest(p, append(evidence[:len(evidence):len(evidence)], response...)); ok {
			d.verdict, d.cause = v, f
		} else {
			d.verdict = otherwise
		}
		return d
	}
	// The cause of a verdict the server gave: the request's evidence when
	// it agrees (it names the claim), else the server's own words.
	if f, ok := firstOfFamily(p, evidence, d.verdict); ok {
		d.cause = f
	} else if f, ok := firstOfFamily(p, response, d.verdict); ok {
		d.cause = f
	}
	return d
}

// familyRank orders verdict families as a server checks: the connection,
// then identity, then permission.
func familyRank(v Verdict) int {
	switch v {
	case VerdictNetwork:
		return 3
	case Verdict401:
		return 2
	case Verdict403:
		return 1
	}
	return 0
}

// strongest returns the first error finding of the highest-ranked family.
func strongest(p Profile, fs []Finding) (Verdict, Finding, bool) {
	best, at := FamilyNone, -1
	for i, f := range fs {
		if f.Severity != SeverityError {
			continue
		}
		if v := Family(f.Code, p); v != FamilyNone && familyRank(v) > familyRank(best) {
			best, at = v, i
		}
	}
	if at < 0 {
		return FamilyNone, Finding{}, false
	}
	return best, fs[at], true
}

// firstOfFamily returns the first error finding of family v.
func firstOfFamily(p Profile, fs []Finding, v Verdict) (Finding, bool) {
	for _, f := range fs {
		if f.Severity == SeverityError && Family(f.Code, p) == v {
			return f, true
		}
	}
	return Finding{}, false
}

func hasError(fs []Finding, code string) bool {
	for _, f := range fs {
		if f.Code == code && f.Severity == SeverityError {
			return true
		}
	}
	return false
}

// isDenial reports whether a verdict says the request was denied or
// blocked.
func isDenial(v Verdict) bool {
	return v == Verdict401 || v == Verdict403 || v == VerdictNetwork
}

// decideEntries picks the entry that speaks for several requests (a HAR, a
// command holding several): the first in time order that was denied or
// blocked (401, 403, 407, a WAF or vendor block, a network failure; a
// cancellation is none of these). When none was, no entry is primary and
// the verdict is ok for a record (a HAR: what happened) — unless some
// answers cannot be read (a status that is not a number): then what they
// got is not known, and the verdict is unknown — while requests not yet
// sent are ok only when every one is, else unknown (the first that is). It returns the primary entry's index (-1 for none), the verdict and
// its cause in words.
func decideEntries(entries []EntryReport, recorded bool) (int, Verdict, string) {
	for i, er := range entries {
		if isDenial(er.Verdict) && (er.Failed || !recorded) {
			return i, er.Verdict, er.Summary
		}
	}
	if !recorded {
		for i, er := range entries {
			if er.Verdict != VerdictOK {
				return i, er.Verdict, er.Summary
			}
		}
		if len(entries) == 1 {
			return 0, VerdictOK, entries[0].Summary
		}
		return -1, VerdictOK, fmt.Sprintf("Nothing in the %d requests makes a server refuse them", len(entries))
	}
	if unread := unreadable(entries); len(unread) > 0 {
		return -1, VerdictUnknown, notKnown(entries, unread)
	}
	return -1, VerdictOK, nothingDenied(entries)
}

// unreadable lists the entries whose status cannot be read and whose
// verdict is therefore not known.
func unreadable(entries []EntryReport) []int {
	var out []int
	for i, er := range entries {
		if er.Verdict == VerdictUnknown && er.Response != nil && er.Response.StatusUnreadable != "" {
			out = append(out, i)
		}
	}
	return out
}
