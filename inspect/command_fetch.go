package inspect

import (
	"strings"
)

// fetchCommands reads "Copy as fetch" and "Copy as fetch (Node.js)":
// every fetch(url, options) call in the text, options read as a lenient
// JavaScript object literal. Nothing is evaluated except
// JSON.stringify(literal) and new Headers(literal); other expressions stay
// as written and are named in findings.
//
// Headers are the ones the call sets, in order, plus what fetch derives
// from the options: Referer from referrer, and text/plain;charset=UTF-8
// for a string body without a Content-Type. The cookies a browser adds for
// credentials: "include" are not in the paste and not listed.
func fetchCommands(text string) ([]parsedCommand, error) {
	var out []parsedCommand
	p := &jsParser{text: text, pos: newPositions(text)}
	for p.i < len(text) {
		at := p.nextFetch()
		if at < 0 {
			break
		}
		p.findings = nil
		pc, err := p.fetchCall(at)
		if err != nil {
			if pc.requests != nil {
				out = append(out, pc)
			}
			return out, err
		}
		out = append(out, pc)
	}
	return out, nil
}

// nextFetch moves past the next "fetch(" outside strings and comments and
// returns its offset, or -1.
func (p *jsParser) nextFetch() int {
	s := p.text
	for p.i < len(s) {
		p.skip()
		if p.i >= len(s) {
			break
		}
		c := s[p.i]
		switch {
		case c == '"' || c == '\'':
			if _, err := p.quoted(c); err != nil {
				return -1
			}
		case c == '`':
			if _, err := p.template(); err != nil {
				return -1
			}
		case isJSIdentStart(c):
			start := p.i
			id := p.ident()
			if id == "fetch" {
				p.skip()
				if p.i < len(s) && s[p.i] == '(' {
					p.i++
					return start
				}
			}
		default:
			p.i++
		}
	}
	return -1
}

// fetchCall reads the arguments of the fetch( at start; p.i is after '('.
func (p *jsParser) fetchCall(start int) (parsedCommand, error) {
	var pc parsedCommand
	urlV, err := p.value()
	if err != nil {
		return pc, err
	}
	var opts jsVal
	p.skip()
	if p.i < len(p.text) && p.text[p.i] == ',' {
		p.i++
		p.skip()
		if p.i < len(p.text) && p.text[p.i] != ')' {
			if opts, err = p.value(); err != nil {
				return pc, err
			}
			p.skip()
			if p.i < len(p.text) && p.text[p.i] == ',' {
				p.i++
				p.skip()
			}
		}
	}
	if p.i >= len(p.text) {
		return pc, p.errAt(start, true, "unterminated fetch( call")
	}
	if p.text[p.i] != ')' {
		return pc, p.errAt(p.i, false, "expected ) to close fetch(, found %q", p.text[p.i])
	}
	p.i++
	var fs []Finding
	r := Request{Method: "GET", URL: p.str(urlV, &fs)}
	if !strings.Contains(r.URL, "://") {
		fs = append(fs, newFinding(CodeCurlMalformed,
			"Relative URL",
			"A browser resolves it against the page's address, which the paste does not show.",
			r.URL+" at "+p.pos.at(urlV.off)).withSeverity(SeverityInfo))
	}
	has := func(name string) bool {
		for _, h := range r.Headers {
			if strings.EqualFold(h.Name, name) {
				return true
			}
		}
		return false
	}
	if opts.kind == jsObject {
		if m, ok := opts.get("method"); ok {
			r.Method = normalizeFetchMethod(p.str(m, &fs))
			if r.Method != strings.ToUpper(r.Method) {
				fs = append(fs, newFinding(CodeCurlMalformed,
					"Method "+r.Method+" is sent in lower case",
					"fetch upper-cases only DELETE, GET, HEAD, OPTIONS, POST and PUT; methods are case-sensitive, so many servers answer 405 or 400 to \""+r.Method+"\".",
					r.Method+" at "+p.pos.at(m.off)))
			}
		}
		if h, ok := opts.get("headers"); ok {
			switch h.kind {
			case jsObject:
				for i, k := range h.keys {
					r.Headers = append(r.Headers, Header{Name: k, Value: p.str(h.vals[i], &fs)})
				}
			case jsArray:
				for _, pair := range h.items {
					if pair.kind == jsArray && len(pair.items) == 2 {
						r.Headers = append(r.Headers, Header{Name: p.str(pair.items[0], &fs), Value: p.str(pair.items[1], &fs)})
					}
				}
			default:
				p.str(h, &fs)
			}
		}
		if ref, ok := opts.get("referrer"); ok && ref.kind == jsString && ref.str != "" && ref.str != "about:client" && !has("Referer") {
			r.Headers = append(r.Headers, Header{Name: "Referer", Value: ref.str})
		}
		if b, ok := opts.get("body"); ok && b.kind != jsNull {
			r.Body = p.str(b, &fs)
			if b.kind == jsString && !has("Content-Type") {
				r.Headers = append(r.Headers, Header{Name: "Content-Type", Value: "text/plain;charset=UTF-8"})
			}
			if r.Method == "GET" || r.Method == "HEAD" {
				fs = append(fs, newFinding(CodeCurlMalformed,
					r.Method+" request with a body",
					"fetch throws a TypeError (\"Request with GET/HEAD method cannot have body\") and sends nothing.",
					"body at "+p.pos.at(b.off)))
			}
		}
		for _, k := range []string{"mode", "credentials", "redirect", "cache"} {
			if v, ok := opts.get(k); ok && v.kind == jsString {
				r.Flags = append(r.Flags, k+"="+v.str)
			}
		}
		if v, ok := opts.get("credentials"); ok && v.kind == jsString && v.str == "include" && !has("Cookie") {
			fs = append(fs, newFinding(CodeCurlMalformed,
				"The browser adds its cookies",
				"With credentials: \"include\" the browser sends the site's cookies, which \"Copy as fetch\" leaves out; use \"Copy as fetch (Node.js)\" or \"Copy as cURL\" to see them.",
				"credentials at "+p.pos.at(v.off)).withSeverity(SeverityInfo))
		}
	}
	if v, ok := opts.get("redirect"); !ok || v.str == "follow" {
		r.Flags = append(r.Flags, "follow-redirects")
	}
	r.Cookies = cookiesFromHeaders(r.Headers)
	for _, f := range p.findings {
		fs = append(fs, f.Finding)
	}
	pc.requests = []Request{r}
	pc.findings = fs
	return pc, nil
}

// str is a value used as a string: strings as they are, numbers and
// booleans as written, anything else as written with a finding.
func (p *jsParser) str(v jsVal, fs *[]Finding) string {
	switch v.kind {
	case jsString, jsNumber, jsBool:
		return v.str
	case jsNull:
		return ""
	}
	raw := v.str
	if v.kind != jsOther && v.off >= 0 && v.end <= len(p.text) && v.off <= v.end {
		raw = p.text[v.off:v.end]
	}
	*fs = append(*fs, newFinding(CodeCurlUnexpanded,
		"Not expanded: "+raw,
		"JavaScript would evaluate this; the paste does not show its value, so it is kept as written.",
		raw+" at "+p.pos.at(v.off)))
	return raw
}

// normalizeFetchMethod upper-cases the methods the Fetch standard
// normalizes (not PATCH).
func normalizeFetchMethod(m string) string {
	switch u := strings.ToUpper(m); u {
	case "DELETE", "GET", "HEAD", "OPTIONS", "POST", "PUT":
		return u
	}
	return m
}
