package inspect

import (
	"fmt"
	"slices"
	"strings"
)

// vendorRule recognises one vendor's signature in a response: a header, a
// phrase of its error body, or both. The rules are data (vendor_rules.go);
// capture handles what a phrase cannot (an error number to explain, two
// headers to compare) and may veto the rule.
type vendorRule struct {
	vendor string
	code   string
	// severity overrides the code's default severity (codes.go) when set.
	severity Severity
	// status lists the statuses the rule applies to; empty means any
	// status of 400 or more.
	status []int
	// header must be present in the response (any case); when value is
	// set, the header's value must contain it (lower case).
	header, value string
	// body lists lower-case phrases of which one must be in the body
	// excerpt; all of bodyAll must be.
	body    []string
	bodyAll []string
	title   string
	detail  string
	capture func(x *exchange) (vendorHit, bool)
	// fallback rules apply only when no earlier rule gave their code.
	fallback bool
}

// vendorHit is what capture found; empty fields keep the rule's own.
type vendorHit struct {
	code, title, detail, evidence string
	severity                      Severity
}

// vendors applies every rule; the first rule of a vendor that matches
// wins, so a vendor speaks once.
func (x *exchange) vendors() []Finding {
	if x.status < 400 && !blockPage200(x) {
		return nil // most of a HAR: no rule can apply
	}
	var fs []Finding
	var done []string
	for i := range vendorRules {
		r := &vendorRules[i]
		if slices.Contains(done, r.vendor) {
			continue
		}
		if r.fallback && slices.ContainsFunc(fs, func(f Finding) bool { return f.Code == r.code }) {
			continue
		}
		f, ok := x.applyRule(r)
		if !ok {
			continue
		}
		done = append(done, r.vendor)
		fs = append(fs, f)
	}
	return fs
}

// blockPage200 is a cheap look at a 200's body for the words of the block
// pages firewalls answer with 200 (F5 BIG-IP's support ID, Imperva's
// incident ID), so the rules run on the few answers that may be one and
// not on the whole of a HAR.
func blockPage200(x *exchange) bool {
	if x.status != 200 {
		return false
	}
	return strings.Contains(x.body, "upport ID") || strings.Contains(x.body, "upport id") ||
		strings.Contains(x.body, "UPPORT ID") || strings.Contains(x.body, "ncident ID")
}

func (x *exchange) applyRule(r *vendorRule) (Finding, bool) {
	if len(r.status) == 0 {
		if x.status < 400 {
			return Finding{}, false
		}
	} else if !slices.Contains(r.status, x.status) {
		return Finding{}, false
	}
	var ev []string
	if r.header != "" {
		v := x.respHeaders(r.header)
		if v == "" && !x.hasRespHeader(r.header) {
			return Finding{}, false
		}
		if r.value != "" && !strings.Contains(strings.ToLower(v), r.value) {
			return Finding{}, false
		}
		ev = append(ev, r.header+": "+shorten(v, 160))
	}
	for _, p := range r.bodyAll {
		if !strings.Contains(x.lowerBody(), p) {
			return Finding{}, false
		}
	}
	if len(r.body) > 0 {
		at, n := -1, 0
		for _, p := range r.body {
			if i := strings.Index(x.lowerBody(), p); i >= 0 && (at < 0 || i < at) {
				at, n = i, len(p)
			}
		}
		if at < 0 {
			return Finding{}, false
		}
		ev = append(ev, "body: "+x.snippet(at, n))
	} else if len(r.bodyAll) > 0 {
		ev = append(ev, "body: "+x.snippet(strings.Index(x.lowerBody(), r.bodyAll[0]), len(r.bodyAll[0])))
	}
	code, title, detail, sev := r.code, r.title, r.detail, r.severity
	if r.capture != nil {
		h, ok := r.capture(x)
		if !ok {
			return Finding{}, false
		}
		code = orDefault(h.code, code)
		title = orDefault(h.title, title)
		detail = strings.TrimSpace(detail + " " + h.detail)
		if h.severity != "" {
			sev = h.severity
		}
		if h.evidence != "" {
			ev = append(ev, h.evidence)
		}
	}
	f := newFinding(code, title, detail, "")
	if sev != "" {
		f = f.withSeverity(sev)
	}
	f.Title = vendorTitle(r.vendor, f.Title)
	f.Evidence = fmt.Sprintf("%s → %d; %s", x.where(), x.status, strings.Join(ev, "; "))
	return f, true
}

func (x *exchange) hasRespHeader(name string) bool {
	_, ok := x.respHeader(name)
	return ok
}

// snippet quotes the body around [at, at+n): the phrase with some context,
// on one line.
func (x *exchange) snippet(at, n int) string {
	if at < 0 || at >= len(x.body) {
		return quote(shorten(squeeze(x.body), 160))
	}
	lo, hi := max(0, at-60), min(len(x.body), at+n+100)
	for lo > 0 && !isRuneStart(x.body[lo]) {
		lo--
	}
	for hi < len(x.body) && !isRuneStart(x.body[hi]) {
		hi++
	}
	s := squeeze(x.body[lo:hi])
	if lo > 0 {
		s = "…" + s
	}
	if hi < len(x.body) {
		s += "…"
	}
	return quote(s)
}

func isRuneStart(b byte) bool { return b&0xC0 != 0x80 }

// squeeze collapses white space runs (new lines included) to one space.
func squeeze(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// vendorTitle names the vendor once: "Cloudflare: a challenge, not the
// API, answered", but "The request was blocked at Cloudflare's edge" and
// "nginx's default 403 page", not "nginx: nginx's default 403 page".
func vendorTitle(vendor, title string) string {
	lt, lv := strings.ToLower(title), strings.ToLower(vendor)
	switch {
	case strings.HasPrefix(lt, lv):
		return title
	case strings.Contains(lt, lv):
		return upperFirst(title)
	}
	return vendor + ": " + title
}
