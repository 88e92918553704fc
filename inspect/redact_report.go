package inspect

import "strings"

// RedactReport returns a copy of r that can be shared: what it quotes from
// the input goes through the rules of SanitizeHAR. Request and response
// headers, cookies, URLs and bodies are redacted by their kind
// (RedactHeader, RedactURL, RedactBody); every sentence, piece of evidence
// and error text by RedactText. Tokens keep their header and payload (the
// claims a diagnosis rests on) and lose their signature. r is not changed.
func RedactReport(r Report) Report {
	m := newRedactMemo()
	r.Summary = m.text(r.Summary)
	r.Findings = m.findings(r.Findings)
	r.Tokens = m.tokens(r.Tokens)
	if r.Entries != nil {
		es := make([]EntryReport, len(r.Entries))
		for i, e := range r.Entries {
			es[i] = m.entry(e)
		}
		r.Entries = es
	}
	return r
}

// ReportRedactor redacts the entries of a report one at a time, as
// RedactReport would: for a writer that redacts each entry as it writes it
// and lets it go. It remembers what it redacted, so that the headers,
// tokens, findings and sentences that thousands of requests repeat are
// redacted once.
type ReportRedactor struct{ m *redactMemo }

// NewReportRedactor returns a ReportRedactor that remembers nothing yet.
func NewReportRedactor() *ReportRedactor { return &ReportRedactor{newRedactMemo()} }

// Entry returns e redacted as RedactReport redacts the entries of a report.
func (r *ReportRedactor) Entry(e EntryReport) EntryReport { return r.m.entry(e) }

// redactMemo remembers the redaction of each text, by kind; the redaction
// functions are pure, so a remembered result is the result. Each kind
// remembers at most redactMemoMax texts: past that (a report whose texts
// do not repeat) it redacts without remembering.
type redactMemo struct {
	texts, urls, secrets map[string]string
	headers              map[[2]string]string
}

const redactMemoMax = 1 << 13

func newRedactMemo() *redactMemo {
	return &redactMemo{texts: map[string]string{}, urls: map[string]string{}, secrets: map[string]string{},
		headers: map[[2]string]string{}}
}

func memo[K comparable](m map[K]string, k K, f func() string) string {
	if v, ok := m[k]; ok {
		return v
	}
	v := f()
	if len(m) < redactMemoMax {
		m[k] = v
	}
	return v
}

func (m *redactMemo) text(s string) string {
	if s == "" {
		return s
	}
	return memo(m.texts, s, func() string { return RedactText(s) })
}

func (m *redactMemo) url(s string) string {
	return memo(m.urls, s, func() string { return RedactURL(s) })
}

func (m *redactMemo) secret(s string) string {
	return memo(m.secrets, s, func() string { return RedactSecret(s) })
}

func (m *redactMemo) header(name, value string) string {
	return memo(m.headers, [2]string{name, value}, func() string { return RedactHeader(name, value) })
}

// body is RedactBody: bodies seldom repeat, and are not remembered.
func (m *redactMemo) body(mimeType, text string) string {
	if text == "" {
		return text
	}
	return RedactBody(mimeType, text)
}

func (m *redactMemo) findings(fs []Finding) []Finding {
	if fs == nil {
		return nil
	}
	out := make([]Finding, len(fs))
	for i, f := range fs {
		f.Title = m.text(f.Title)
		f.Detail = m.text(f.Detail)
		f.Evidence = m.text(f.Evidence)
		out[i] = f
	}
	return out
}

func (m *redactMemo) tokens(ts []TokenReport) []TokenReport {
	if ts == nil {
		return nil
	}
	out := make([]TokenReport, len(ts))
	for i, t := range ts {
		t.Source = m.text(t.Source)
		t.Raw = m.text(t.Raw)
		t.Signature = m.text(t.Signature)
		if t.Checks != nil {
			cs := make([]Check, len(t.Checks))
			for k, c := range t.Checks {
				c.Text = m.text(c.Text)
				c.Detail = m.text(c.Detail)
				cs[k] = c
			}
			t.Checks = cs
		}
		t.Findings = m.findings(t.Findings)
		out[i] = t
	}
	return out
}

func (m *redactMemo) entry(e EntryReport) EntryReport {
	e.Request = m.request(e.Request)
	if e.Response != nil {
		resp := *e.Response
		resp.StatusText = m.text(resp.StatusText)
		resp.Headers = m.headerList(resp.Headers)
		resp.BodyExcerpt = m.body(resp.MimeType, resp.BodyExcerpt)
		e.Response = &resp
	}
	if e.Error != nil {
		s := m.text(*e.Error)
		e.Error = &s
	}
	e.Summary = m.text(e.Summary)
	e.Findings = m.findings(e.Findings)
	e.Tokens = m.tokens(e.Tokens)
	return e
}

func (m *redactMemo) request(q Request) Request {
	q.URL = m.url(q.URL)
	q.Headers = m.headerList(q.Headers)
	if q.Cookies != nil {
		cs := make([]Cookie, len(q.Cookies))
		for i, c := range q.Cookies {
			c.Value = m.secret(c.Value)
			cs[i] = c
		}
		q.Cookies = cs
	}
	ctype := ""
	for _, h := range q.Headers {
		if strings.EqualFold(h.Name, "content-type") {
			ctype = h.Value
		}
	}
	q.Body = m.body(ctype, q.Body)
	if q.Flags != nil {
		fs := make([]string, len(q.Flags))
		for i, f := range q.Flags {
			fs[i] = m.text(f)
		}
		q.Flags = fs
	}
	return q
}

func (m *redactMemo) headerList(hs []Header) []Header {
	if hs == nil {
		return nil
	}
	out := make([]Header, len(hs))
	for i, h := range hs {
		h.Value = m.header(h.Name, h.Value)
		out[i] = h
	}
	return out
}
