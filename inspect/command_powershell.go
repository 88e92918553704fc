package inspect

import (
	"strings"
)

// psSession is a Microsoft.PowerShell.Commands.WebRequestSession built in
// the paste: its user agent and cookies.
type psSession struct {
	ua      string
	hasUA   bool
	cookies []psCookie
}

type psCookie struct{ name, value, path, domain string }

// psParams are Invoke-WebRequest's and Invoke-RestMethod's parameters;
// true marks those that take a value. PowerShell accepts any unambiguous
// prefix of a name.
var psParams = map[string]bool{
	"Uri": true, "Method": true, "CustomMethod": true, "Headers": true, "Body": true, "ContentType": true,
	"WebSession": true, "SessionVariable": true, "UserAgent": true, "Proxy": true, "ProxyCredential": true,
	"Credential": true, "Certificate": true, "CertificateThumbprint": true, "OutFile": true, "TimeoutSec": true,
	"MaximumRedirection": true, "MaximumRetryCount": true, "RetryIntervalSec": true, "Authentication": true,
	"Token": true, "InFile": true, "Form": true, "TransferEncoding": true, "HttpVersion": true, "SslProtocol": true,
	"ConnectionTimeoutSeconds": true, "OperationTimeoutSeconds": true, "ResponseHeadersVariable": true, "StatusCodeVariable": true,
	"UseBasicParsing": false, "UseDefaultCredentials": false, "SkipCertificateCheck": false, "SkipHeaderValidation": false,
	"DisableKeepAlive": false, "PassThru": false, "AllowUnencryptedAuthentication": false, "NoProxy": false,
	"PreserveAuthorizationOnRedirect": false, "SkipHttpErrorCheck": false, "ProxyUseDefaultCredentials": false,
	"Resume": false, "AllowInsecureRedirect": false, "PreserveHttpMethodOnRedirect": false,
}

// psParamName resolves a parameter name or prefix.
func psParamName(name string) (string, bool) {
	var hits []string
	for p := range psParams {
		if strings.EqualFold(p, name) {
			return p, true
		}
		if len(name) < len(p) && strings.EqualFold(p[:len(name)], name) {
			hits = append(hits, p)
		}
	}
	if len(hits) == 1 {
		return hits[0], true
	}
	return "", false
}

// powerShellCommands reads "Copy as PowerShell" and hand-written
// Invoke-WebRequest / Invoke-RestMethod / curl.exe commands. A web session
// built in the paste ($session = New-Object …WebRequestSession,
// $session.UserAgent = …, $session.Cookies.Add(…)) is applied to the
// commands that use it (-WebSession $session). Headers PowerShell adds on
// its own (Host, its default User-Agent, Content-Length) are not listed.
func powerShellCommands(text string) ([]parsedCommand, error) {
	pos := newPositions(text)
	lx := &psLexer{text: text, pos: pos}
	toks, err := lx.all(0)
	ip := &psInterp{text: text, pos: pos, sessions: map[string]*psSession{}, lexFindings: lx.findings}
	for _, stmt := range splitPS(toks, psEnd) {
		for _, seg := range splitPS(stmt, psPipe) {
			ip.statement(seg)
		}
	}
	return ip.out, err
}

func splitPS(toks []psTok, k psKind) [][]psTok {
	var out [][]psTok
	var cur []psTok
	for _, t := range toks {
		if t.kind == k {
			if len(cur) > 0 {
				out = append(out, cur)
			}
			cur = nil
			continue
		}
		cur = append(cur, t)
	}
	if len(cur) > 0 {
		out = append(out, cur)
	}
	return out
}

type psInterp struct {
	text        string
	pos         *positions
	sessions    map[string]*psSession
	lexFindings []posFinding
	out         []parsedCommand
	findings    []Finding
}

func (ip *psInterp) session(name string) *psSession {
	key := strings.ToLower(name)
	s := ip.sessions[key]
	if s == nil {
		s = &psSession{}
		ip.sessions[key] = s
	}
	return s
}

func (ip *psInterp) statement(seg []psTok) {
	if len(seg) == 0 {
		return
	}
	first := seg[0]
	if first.kind == psVar && len(seg) >= 2 && seg[1].kind == psAssign {
		base, member, _ := strings.Cut(first.val, ".")
		rhs := seg[2:]
		switch {
		case member == "" && len(rhs) >= 2 && strings.EqualFold(rhs[0].val, "New-Object") && strings.HasSuffix(strings.ToLower(rhs[1].val), "webrequestsession"):
			ip.sessions[strings.ToLower(base)] = &psSession{}
		case strings.EqualFold(member, "UserAgent") && len(rhs) > 0:
			s := ip.session(base)
			s.ua, s.hasUA = ip.value(rhs[0]), true
		case member == "" && len(rhs) > 0:
			ip.statement(rhs) // $r = Invoke-WebRequest …
		}
		return
	}
	if first.kind == psVar {
		base, member, _ := strings.Cut(first.val, ".")
		if strings.EqualFold(member, "Cookies.Add") {
			var strs []string
			collectStrings(seg[1:], &strs)
			if len(strs) >= 2 {
				c := psCookie{name: strs[0], value: strs[1]}
				if len(strs) >= 3 {
					c.path = strs[2]
				}
				if len(strs) >= 4 {
					c.domain = strs[3]
				}
				s := ip.session(base)
				s.cookies = append(s.cookies, c)
			}
		}
		return
	}
	if first.kind != psWord && first.kind != psString {
		return
	}
	switch name := strings.ToLower(first.val); name {
	case "invoke-webrequest", "iwr", "invoke-restmethod", "irm", "wget":
		ip.invoke(seg)
	case "curl.exe", "curl":
		ip.curlExe(seg, name == "curl")
	default:
		if isCurlName(first.val) {
			ip.curlExe(seg, false)
		}
	}
}

// collectStrings gathers string values in order, through groups.
func collectStrings(toks []psTok, out *[]string) {
	for _, t := range toks {
		switch t.kind {
		case psString:
			*out = append(*out, t.val)
		case psGroup:
			collectStrings(t.inner, out)
		}
	}
}

// findingsIn returns the lexer's findings from lo to the end of the line
// holding hi.
func (ip *psInterp) findingsIn(lo, hi int) []Finding {
	if hi >= 0 && hi <= len(ip.text) {
		if nl := strings.IndexByte(ip.text[hi:], '\n'); nl >= 0 {
			hi += nl
		} else {
			hi = len(ip.text)
		}
	}
	var out []Finding
	for _, f := range ip.lexFindings {
		if f.offset >= lo && f.offset < hi {
			out = append(out, f.Finding)
		}
	}
	return out
}

// value is a token's value as an argument: strings and words as decoded,
// a group by the first string in it ([Text.Encoding]::UTF8.GetBytes("…")),
// anything else as written with a finding.
func (ip *psInterp) value(t psTok) string {
	switch t.kind {
	case psString, psWord:
		return t.val
	case psGroup:
		var strs []string
		collectStrings(t.inner, &strs)
		if len(strs) > 0 {
			return strs[0]
		}
	}
	raw := ip.raw(t)
	ip.findings = append(ip.findings, newFinding(CodeCurlUnexpanded,
		"Not expanded: "+raw,
		"PowerShell would evaluate this; the paste does not show its value, so it is kept as written.",
		raw+" at "+ip.pos.at(t.off)))
	return raw
}

func (ip *psInterp) raw(t psTok) string {
	if t.off < 0 || t.end > len(ip.text) || t.off > t.end {
		return ""
	}
	return ip.text[t.off:t.end]
}

func (ip *psInterp) invoke(seg []psTok) {
	ip.findings = nil
	args := map[string]psTok{}
	var order []string
	set := map[string]bool{}
	for i := 1; i < len(seg); i++ {
		t := seg[i]
		if t.kind != psParam {
			if _, ok := args["Uri"]; !ok && t.kind != psComma {
				args["Uri"] = t
			}
			continue
		}
		name, ok := psParamName(t.val)
		if !ok {
			ip.findings = append(ip.findings, newFinding(CodeCurlMalformed,
				"Unknown or ambiguous parameter -"+t.val,
				"Invoke-WebRequest does not know this parameter (or it matches several); PowerShell stops with an error.",
				"-"+t.val+" at "+ip.pos.at(t.off)))
			continue
		}
		order = append(order, name)
		if !psParams[name] {
			set[name] = true
			if t.hasColon && i+1 < len(seg) {
				i++
			}
			continue
		}
		if i+1 >= len(seg) {
			ip.findings = append(ip.findings, newFinding(CodeCurlMalformed,
				"Parameter -"+name+" needs a value",
				"",
				"-"+t.val+" at "+ip.pos.at(t.off)))
			continue
		}
		i++
		args[name] = seg[i]
	}
	r := Request{Method: "GET"}
	if t, ok := args["Uri"]; ok {
		r.URL = ip.value(t)
	}
	if t, ok := args["Method"]; ok {
		r.Method = strings.ToUpper(ip.value(t))
	}
	if t, ok := args["CustomMethod"]; ok {
		r.Method = ip.value(t)
	}
	has := func(name string) bool {
		for _, h := range r.Headers {
			if strings.EqualFold(h.Name, name) {
				return true
			}
		}
		return false
	}
	if t, ok := args["Headers"]; ok {
		if t.kind == psHash {
			for _, p := range t.pairs {
				r.Headers = append(r.Headers, Header{Name: p.key, Value: ip.value(p.val)})
			}
		} else {
			ip.value(t)
		}
	}
	var sess *psSession
	if t, ok := args["WebSession"]; ok && t.kind == psVar {
		sess = ip.sessions[strings.ToLower(t.val)]
		if sess == nil {
			ip.value(t)
		}
	}
	ua, hasUA := "", false
	if sess != nil && sess.hasUA {
		ua, hasUA = sess.ua, true
	}
	if t, ok := args["UserAgent"]; ok {
		ua, hasUA = ip.value(t), true
	}
	if hasUA && !has("User-Agent") {
		r.Headers = append(r.Headers, Header{Name: "User-Agent", Value: ua})
	}
	if sess != nil && len(sess.cookies) > 0 {
		host := urlHost(r.URL)
		var pairs []string
		for _, c := range sess.cookies {
			if cookieDomainMatch(host, c.domain) {
				pairs = append(pairs, c.name+"="+c.value)
			} else {
				ip.findings = append(ip.findings, newFinding(CodeCurlMalformed,
					"Cookie "+c.name+" is for another host",
					"The session cookie's domain "+c.domain+" does not match "+host+", so PowerShell does not send it.",
					c.name+" (domain "+c.domain+")").withSeverity(SeverityInfo))
			}
		}
		if len(pairs) > 0 && !has("Cookie") {
			r.Headers = append(r.Headers, Header{Name: "Cookie", Value: strings.Join(pairs, "; ")})
		}
	}
	if t, ok := args["ContentType"]; ok && !has("Content-Type") {
		r.Headers = append(r.Headers, Header{Name: "Content-Type", Value: ip.value(t)})
	}
	if t, ok := args["Body"]; ok {
		r.Body = ip.value(t)
	}
	if t, ok := args["InFile"]; ok {
		r.Flags = append(r.Flags, "data-file="+ip.value(t))
	}
	if set["SkipCertificateCheck"] {
		r.Flags = append(r.Flags, "insecure")
	}
	if t, ok := args["Proxy"]; ok {
		r.Flags = append(r.Flags, "proxy="+stripUserinfo(ip.value(t)))
	}
	if _, ok := args["Credential"]; ok {
		r.Flags = append(r.Flags, "credential")
	}
	if set["UseDefaultCredentials"] {
		r.Flags = append(r.Flags, "default-credentials")
	}
	if t, ok := args["Certificate"]; ok {
		r.Flags = append(r.Flags, "client-cert="+ip.raw(t))
	}
	if t, ok := args["CertificateThumbprint"]; ok {
		r.Flags = append(r.Flags, "client-cert="+ip.value(t))
	}
	if t, ok := args["Authentication"]; ok {
		r.Flags = append(r.Flags, "authentication="+strings.ToLower(ip.value(t)))
	}
	if t, ok := args["MaximumRedirection"]; !ok || ip.value(t) != "0" {
		r.Flags = append(r.Flags, "follow-redirects")
	}
	r.Cookies = cookiesFromHeaders(r.Headers)
	fs := append(ip.findingsIn(seg[0].off, seg[len(seg)-1].end), ip.findings...)
	if r.URL == "" {
		ip.out = append(ip.out, parsedCommand{findings: append(fs, newFinding(CodeCurlMalformed,
			"No -Uri",
			"",
			seg[0].val+" at "+ip.pos.at(seg[0].off)))})
		return
	}
	ip.out = append(ip.out, parsedCommand{requests: []Request{r}, findings: fs})
}

// curlExe hands curl.exe's arguments, as PowerShell passes them, to curl's
// option parser.
func (ip *psInterp) curlExe(seg []psTok, alias bool) {
	ip.findings = nil
	words := []shellWord{{Value: "curl", Off: seg[0].off}}
	quotes := false
	for _, t := range seg[1:] {
		var v string
		switch t.kind {
		case psParam:
			v = ip.raw(t)
		case psString:
			v = t.val
			quotes = quotes || strings.Contains(v, "\"")
		case psWord:
			v = t.val
		case psComma:
			continue
		default:
			v = ip.value(t)
		}
		words = append(words, shellWord{Value: v, Off: t.off})
	}
	if alias {
		ip.findings = append(ip.findings, newFinding(CodeCurlMalformed,
			"In Windows PowerShell, curl is Invoke-WebRequest",
			"Windows PowerShell 5.1 maps curl to Invoke-WebRequest, which rejects curl's options; write curl.exe. Read here as curl.",
			"curl at "+ip.pos.at(seg[0].off)))
	}
	if quotes {
		ip.findings = append(ip.findings, newFinding(CodeCurlMalformed,
			"Double quotes inside an argument to curl.exe",
			"Windows PowerShell 5.1 and PowerShell before 7.3 drop the \" inside arguments passed to native programs, so curl.exe may receive {a:1} for '{\"a\":1}'. Read here as PowerShell 7.3+ passes them.",
			"curl.exe at "+ip.pos.at(seg[0].off)))
	}
	fs := append(ip.findingsIn(seg[0].off, seg[len(seg)-1].end), ip.findings...)
	for _, pc := range curlCommands(ip.pos, []shellCmd{{words: words, findings: fs}}) {
		ip.out = append(ip.out, pc)
	}
}

// urlHost is the host of an absolute URL, lower-cased, without port.
func urlHost(u string) string {
	if i := strings.Index(u, "://"); i >= 0 {
		u = u[i+3:]
	}
	if i := strings.IndexAny(u, "/?#"); i >= 0 {
		u = u[:i]
	}
	if i := strings.LastIndexByte(u, '@'); i >= 0 {
		u = u[i+1:]
	}
	if i := strings.LastIndexByte(u, ':'); i >= 0 && !strings.HasSuffix(u, "]") {
		u = u[:i]
	}
	return strings.ToLower(u)
}

// cookieDomainMatch is the RFC 6265 domain match, with .NET's leading dot
// allowed.
func cookieDomainMatch(host, domain string) bool {
	d := strings.ToLower(strings.TrimPrefix(domain, "."))
	return d == "" || host == d || strings.HasSuffix(host, "."+d)
}
