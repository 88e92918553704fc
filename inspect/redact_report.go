package inspect

import "strings"

// RedactReport returns a copy of r that can be shared: what it quotes from
// the input goes through the rules of SanitizeHAR. Request and response
// headers, cookies, URLs and bodies are redacted by their kind
// (RedactHeader, RedactURL, RedactBody); every sentence, piece of evidence
// and error text by RedactText. Tokens keep their header and payload (the
// claims a diagnosis rests on) and lose their signature. r is not changed.
func RedactReport(r Report) Report {
	r.Summary = RedactText(r.Summary)
	r.Findings = redactFindings(r.Findings)
	r.Tokens = redactTokens(r.Tokens)
	if r.Entries != nil {
		es := make([]EntryReport, len(r.Entries))
		for i, e := range r.Entries {
			es[i] = redactEntryReport(e)
		}
		r.Entries = es
	}
	return r
}

func redactFindings(fs []Finding) []Finding {
	if fs == nil {
		return nil
	}
	out := make([]Finding, len(fs))
	for i, f := range fs {
		f.Title = RedactText(f.Title)
		f.Detail = RedactText(f.Detail)
		f.Evidence = RedactText(f.Evidence)
		out[i] = f
	}
	return out
}

func redactTokens(ts []TokenReport) []TokenReport {
	if ts == nil {
		return nil
	}
	out := make([]TokenReport, len(ts))
	for i, t := range ts {
		t.Source = RedactText(t.Source)
		t.Raw = RedactText(t.Raw)
		t.Signature = RedactText(t.Signature)
		if t.Checks != nil {
			cs := make([]Check, len(t.Checks))
			for k, c := range t.Checks {
				c.Text = RedactText(c.Text)
				c.Detail = RedactText(c.Detail)
				cs[k] = c
			}
			t.Checks = cs
		}
		t.Findings = redactFindings(t.Findings)
		out[i] = t
	}
	return out
}

func redactEntryReport(e EntryReport) EntryReport {
	e.Request = redactRequest(e.Request)
	if e.Response != nil {
		resp := *e.Response
		resp.StatusText = RedactText(resp.StatusText)
		resp.Headers = redactHeaders(resp.Headers)
		resp.BodyExcerpt = RedactBody(resp.MimeType, resp.BodyExcerpt)
		e.Response = &resp
	}
	if e.Error != nil {
		s := RedactText(*e.Error)
		e.Error = &s
	}
	e.Summary = RedactText(e.Summary)
	e.Findings = redactFindings(e.Findings)
	e.Tokens = redactTokens(e.Tokens)
	return e
}

func redactRequest(q Request) Request {
	q.URL = RedactURL(q.URL)
	q.Headers = redactHeaders(q.Headers)
	if q.Cookies != nil {
		cs := make([]Cookie, len(q.Cookies))
		for i, c := range q.Cookies {
			c.Value = RedactSecret(c.Value)
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
	q.Body = RedactBody(ctype, q.Body)
	if q.Flags != nil {
		fs := make([]string, len(q.Flags))
		for i, f := range q.Flags {
			fs[i] = RedactText(f)
		}
		q.Flags = fs
	}
	return q
}

func redactHeaders(hs []Header) []Header {
	if hs == nil {
		return nil
	}
	out := make([]Header, len(hs))
	for i, h := range hs {
		h.Value = RedactHeader(h.Name, h.Value)
		out[i] = h
	}
	return out
}
