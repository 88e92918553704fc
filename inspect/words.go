package inspect

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"
)

// This file holds the words of every verdict: its headline, the sentence
// that explains it for a token, a request, a HAR entry, a whole record and
// a command. The page, the CLI's text and JSON and the markdown report all
// show what Report.Headline and Report.Summary hold, and each entry's
// Summary; none of them words a verdict itself.

// headlines are each verdict's name and meaning.
var headlines = map[Verdict][2]string{
	VerdictOK:      {"OK", "nothing here makes a server refuse"},
	Verdict401:     {"401 Unauthorized", "the server cannot tell who you are"},
	Verdict403:     {"403 Forbidden", "the server knows who you are and refuses"},
	VerdictNetwork: {"Network", "no HTTP answer reached the page"},
	VerdictUnknown: {"Unknown", "not enough evidence to judge"},
}

// Headline is the verdict's headline: "401 Unauthorized — the server
// cannot tell who you are". An unexpected value reads as unknown.
func Headline(v Verdict) string {
	h, ok := headlines[v]
	if !ok {
		h = headlines[VerdictUnknown]
	}
	return h[0] + " — " + h[1]
}

// verdictMeaning is the second half of the headline; "" for an unexpected
// value.
func verdictMeaning(v Verdict) string { return headlines[v][1] }

// words sets the report's headline and turns its cause (Summary, as the
// diagnosis left it) into the verdict's sentence: the cause, what the
// verdict means for it, what limits it (a command's prediction, the token
// that decides among several).
func (r *Report) words() {
	r.Headline = Headline(r.Verdict)
	r.Summary = sentence(r.Verdict, r.Summary, causeOf(*r))
	if r.Kind == KindCurl {
		r.Summary = commandSummary(*r)
	}
	if r.judged != "" && r.Summary != "" {
		r.Summary += " " + r.judged
	}
}

// causeOf is the finding the report's verdict rests on: the first error
// whose title is the summary's cause.
func causeOf(r Report) Finding {
	cause := strings.TrimSuffix(strings.TrimSpace(r.Summary), ".")
	for _, f := range r.Findings {
		if f.Severity == SeverityError && strings.TrimSuffix(f.Title, ".") == cause {
			return f
		}
	}
	return Finding{}
}

var wafRef = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?i)(cf-ray: [0-9a-z-]+|Reference #[0-9a-f.]+|Incident ID [0-9a-z-]+|Support ID [0-9]+|x-amzn-requestid: [0-9a-z-]+|x-amz-cf-id: [0-9a-z_=-]+)`)
})

// sentence turns the cause of a verdict into the one sentence shown with it.
// by is the finding the verdict rests on, when known: a firewall's block
// says nothing about identity, so its sentence does not either.
func sentence(v Verdict, cause string, by Finding) string {
	cause = strings.TrimSuffix(strings.TrimSpace(cause), ".")
	if cause == "" {
		return ""
	}
	if by.Code == CodeWAFBlock {
		s := cause + ". A firewall in front of the server blocked the request before the application saw it: that says nothing about who you are, and no token fixes it"
		if ref := wafRef().FindString(by.Evidence); ref != "" {
			return cause + " (" + ref + ")" + s[len(cause):] + "; the site's owner can look the block up with its reference."
		}
		return s + "."
	}
	if by.Code == CodeProxyAuthRequired || by.Code == CodeProxyBlock {
		return cause + ". A proxy answered instead of the server: the request never reached it."
	}
	// Refusals made before anything looked at who sent the request say
	// nothing about identity either.
	switch by.Code {
	case CodeWebServerForbidden:
		return cause + ". The web server itself refused, before the application: that says nothing about who you are, so it answers 403."
	case CodeVendorAWSMissingRoute:
		return cause + ". API Gateway refused before any authorizer ran: that says nothing about who you are, so it answers 403."
	case CodeCSRFFailed:
		// Django and Spring check the token on every unsafe request,
		// signed in or not.
		return cause + ". The request lacks the anti-forgery (CSRF) token the server expects with a state-changing request, signed in or not: that says nothing about who you are, so it answers 403."
	}
	// The status alone ("The server answered 401"): say what it means,
	// without saying the status twice.
	status := by.Code == "" && strings.HasPrefix(cause, "The server answered ")
	switch v {
	case Verdict401:
		if status {
			return cause + ": it cannot tell who you are."
		}
		return cause + ". The server cannot tell who you are, so it answers 401."
	case Verdict403:
		if status {
			return cause + ": it knows who you are but refuses."
		}
		return cause + ". The server knows who you are but refuses, so it answers 403."
	case VerdictNetwork:
		return cause + ". No HTTP answer reached the page."
	}
	return cause + "."
}

// describeTokenVerdict is the one-sentence explanation for a token verdict.
func describeTokenVerdict(r TokenReport, p Profile) string {
	if d := decide(p, r.Findings, nil, answer{}, r.Verdict); d.cause.Code != "" {
		return strings.TrimSuffix(d.cause.Title, ".")
	}
	switch r.Verdict {
	case VerdictOK:
		for _, f := range r.Findings {
			if f.Code == CodeTokenSignatureValid {
				return "Nothing found in the token that makes a server refuse it, and its signature is " + strings.TrimPrefix(f.Title, "Signature ")
			}
		}
		return "Nothing found in the token that makes a server refuse it (its signature is not verified)"
	case VerdictUnknown:
		if r.Kind == TokenJWE {
			return "The token is encrypted: only the server can read and check its claims"
		}
		return "The token holds no claims to check"
	}
	return ""
}

// entrySummary explains a predicted verdict with the finding it rests on.
func entrySummary(er *EntryReport, d decision) string {
	if d.cause.Code != "" {
		return d.cause.Title
	}
	switch er.Verdict {
	case VerdictOK:
		return "Nothing in the request makes a server refuse it."
	case VerdictUnknown:
		return "The credentials cannot be checked here; only the server can tell."
	}
	return ""
}

// summary names the cause of an entry's verdict: the finding it rests on,
// else the status (saying when it is not about access), else the first
// finding about the missing answer.
func (x *exchange) summary(d decision, fs []Finding) string {
	if d.cause.Code != "" {
		return strings.TrimSuffix(d.cause.Title, ".")
	}
	if x.unreadable {
		return "What the server answered is not known: the response's status is not a number (" + x.e.Response.StatusUnreadable + ", har.malformed)"
	}
	if x.status > 0 {
		code := strconv.Itoa(x.status)
		s := "The server answered " + code
		if st := x.e.Response.StatusText; st != "" && st != code {
			s += " " + st
		}
		if d.verdict == VerdictUnknown && x.status >= 400 {
			s += ": not an authorization failure"
		}
		return s
	}
	if len(fs) > 0 {
		return strings.TrimSuffix(fs[0].Title, ".")
	}
	return "No HTTP answer reached the page"
}

// notKnown is the sentence of a record where no request was denied but
// some answers cannot be read: what they got is not known, so the record
// cannot be called ok.
func notKnown(entries []EntryReport, unread []int) string {
	var named []string
	for _, i := range unread[:min(len(unread), 3)] {
		er := entries[i]
		named = append(named, fmt.Sprintf("#%d %s", er.Index+1, strings.TrimSpace(er.Request.Method+" "+shorten(er.Request.URL, 80))))
	}
	s := strings.TrimSuffix(nothingDenied(entries), ".") + " as far as the file tells, but what " + strings.Join(named, ", ")
	if n := len(unread) - len(named); n > 0 {
		s += fmt.Sprintf(" and %d more", n)
	}
	if len(unread) == 1 {
		return s + " got is not known: its status is not a number (har.malformed)"
	}
	return s + " got is not known: their statuses are not numbers (har.malformed)"
}

// nothingDenied is the sentence of a record where no request was denied:
// it names the failures that are not about access.
func nothingDenied(entries []EntryReport) string {
	var failed []string
	n := 0
	for _, er := range entries {
		if !er.Failed {
			continue
		}
		n++
		if len(failed) < 3 {
			failed = append(failed, fmt.Sprintf("#%d %s → %s", er.Index+1, strings.TrimSpace(er.Request.Method+" "+shorten(er.Request.URL, 80)), statusWord(er)))
		}
	}
	s := fmt.Sprintf("None of the %d requests was denied or blocked", len(entries))
	if len(entries) == 1 {
		s = "The request was not denied or blocked"
	}
	if n == 0 {
		return s
	}
	s += fmt.Sprintf("; %d failed for another reason, not an authorization failure: %s", n, strings.Join(failed, ", "))
	if n > len(failed) {
		s += fmt.Sprintf(" and %d more", n-len(failed))
	}
	return s
}

func statusWord(er EntryReport) string {
	if er.Response != nil && er.Response.Status > 0 {
		return strconv.Itoa(er.Response.Status)
	}
	if er.Error != nil {
		return *er.Error
	}
	return "no answer"
}

// commandSummary is the verdict's sentence for a command: the reason, said
// as a prediction, with what limits it (several requests, variables left
// unexpanded, a command read only in part). The page and the CLI both show
// it.
func commandSummary(r Report) string {
	s := strings.TrimSpace(r.Summary)
	if s == "" {
		return s
	}
	switch r.Verdict {
	case Verdict401, Verdict403:
		s = "Sent as it is, this command would be refused. " + s
	case VerdictOK:
		s = "Sent as it is, this command would most likely be let through: " + lowerFirst(s)
	}
	if n := len(r.Entries); n > 1 && r.Primary >= 0 {
		s += fmt.Sprintf(" The command sends %d requests; this is about request %d.", n, r.Primary+1)
	} else if n > 1 {
		s += fmt.Sprintf(" The command sends %d requests; this is about all of them.", n)
	}
	if vars := unexpanded(r.Findings); len(vars) > 0 {
		s += " It uses " + strings.Join(vars, ", ") + ", which the page does not expand: paste the command with the real values to check them."
	}
	if partialRead(r.Findings) {
		s += " The command was read only in part (see curl.malformed)."
	}
	return s
}

// unexpanded lists, at most three, the evidence of curl.unexpanded
// findings: the $VARs and $(…)s the command left as they were.
func unexpanded(fs []Finding) []string {
	var out []string
	seen := map[string]bool{}
	for _, f := range fs {
		if f.Code != CodeCurlUnexpanded {
			continue
		}
		what := strings.TrimPrefix(f.Title, "Not expanded: ")
		if what == "" || seen[what] {
			continue
		}
		seen[what] = true
		if r := []rune(what); len(r) > 40 {
			what = string(r[:39]) + "…"
		}
		if len(out) == 3 {
			out = append(out, "…")
			break
		}
		out = append(out, what)
	}
	return out
}

func lowerFirst(s string) string {
	if s == "" || s[0] < 'A' || s[0] > 'Z' {
		return s
	}
	// Keep acronyms and names as they are ("OK", "API key …").
	if len(s) > 1 && s[1] >= 'A' && s[1] <= 'Z' {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

// partialRead reports whether a curl.malformed finding says the command was
// read only in part (a warning or worse; info ones note what was skipped).
func partialRead(fs []Finding) bool {
	for _, f := range fs {
		if f.Code == CodeCurlMalformed && f.Severity != SeverityInfo {
			return true
		}
	}
	return false
}

// Explanation is the paragraph the page shows under a HAR's verdict: which
// request is the primary failure, what it got, its sentence and the
// evidence its strongest finding quotes; "" when no request is primary
// (the verdict's sentence then says what failed, if anything).
func (r Report) Explanation() string {
	if r.Kind != KindHAR || r.Primary < 0 || r.Primary >= len(r.Entries) {
		return ""
	}
	e := r.Entries[r.Primary]
	failed := 0
	for _, x := range r.Entries {
		if x.Failed {
			failed++
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "The first request in time order that was denied or blocked is entry #%d, %s %s", e.Index+1, e.Request.Method, e.Request.URL)
	switch {
	case e.Response != nil && e.Response.Status > 0:
		fmt.Fprintf(&b, ", answered %d", e.Response.Status)
	case e.Response != nil && e.Response.StatusUnreadable != "":
		fmt.Fprintf(&b, ", answered with a status that is not a number (%s)", e.Response.StatusUnreadable)
	case e.Error != nil && *e.Error != "":
		fmt.Fprintf(&b, ", which got no answer (%s)", *e.Error)
	default:
		b.WriteString(", which got no answer")
	}
	b.WriteString(". ")
	if e.Summary != "" {
		b.WriteString(strings.TrimSuffix(e.Summary, ".") + ". ")
	}
	if f, ok := quotedEvidence(e.Findings); ok {
		fmt.Fprintf(&b, "Evidence (%s): %s. ", f.Code, foldLine(f.Evidence, 200))
	}
	if failed > 1 {
		fmt.Fprintf(&b, "%d of the %d requests failed; each row has its own verdict.", failed, len(r.Entries))
	}
	return strings.TrimSpace(b.String())
}

// quotedEvidence is the first error finding with evidence, else the first
// warning with evidence.
func quotedEvidence(fs []Finding) (Finding, bool) {
	for _, sev := range []Severity{SeverityError, SeverityWarning} {
		for _, f := range fs {
			if f.Severity == sev && f.Evidence != "" {
				return f, true
			}
		}
	}
	return Finding{}, false
}

// foldLine folds s to one line of at most n runes, without a final period.
func foldLine(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return strings.TrimSuffix(s, ".")
}

// nothingYet is the sentence of an empty input.
const nothingYet = "Nothing to diagnose yet: paste a token, an Authorization header, a curl command, or drop a HAR file."

// pastedCause is the cause of a pasted input's verdict (tokens, a header,
// credentials that are not tokens), which sentence then completes: the
// finding the verdict rests on, else the server's challenge, else the
// token that decides, else what the input holds instead.
func pastedCause(d decision, said Verdict, decides *TokenReport, sent string, fs []Finding, p Profile) string {
	switch {
	case d.cause.Code != "":
		return d.cause.Title
	case said != "":
		return "The server's challenge answers " + string(said)
	case decides != nil:
		return describeTokenVerdict(*decides, p)
	case sent == "" && len(fs) > 0:
		return firstTitleAny(fs) // what the input holds instead, e.g. nothing to judge
	}
	return "No token to check: " + firstTitleAny(fs)
}

// judgedAmong says which of several tokens decides.
func judgedAmong(n int, source string) string {
	return fmt.Sprintf("Of the %s tokens found, the one from %s decides: it is the one a request carries.", groupDigits(n), source)
}

func firstTitleAny(fs []Finding) string {
	if len(fs) == 0 {
		return "nothing recognisable was found."
	}
	return strings.TrimSuffix(fs[0].Title, ".") + "."
}
