package inspect

import (
	"fmt"
	"strings"
)

// shellWord is one argument after the shell has removed quotes and escapes,
// with the byte offset in the pasted text where it started.
type shellWord struct {
	Value string
	Off   int
}

// dataPiece is one -d/--data-*/--json argument, in order.
type dataPiece struct {
	value string
	file  string // read from this file (curl reads it; we cannot)
	json  bool   // --json pieces join without '&'
}

// curlConfig is what the options of one curl invocation (or one --next
// group) set.
type curlConfig struct {
	urls        []shellWord
	headers     []string
	user        string
	hasUser     bool
	ua          string
	hasUA       bool
	referer     string
	hasReferer  bool
	cookies     []string
	data        []dataPiece
	json        bool
	get, head   bool
	method      string
	form        []formPart
	upload      string
	compressed  bool
	bearer      string
	authType    string // "", "basic", "digest", "ntlm", "negotiate", "anyauth", "bearer", "aws-sigv4"
	rangeVal    string
	httpVersion string // "1.0", "1.1", "2", "2-prior-knowledge", "3", "3-only"; "" for curl's default
	globoff     bool
	pathAsIs    bool
	flags       []string
	formEscape  bool
	nextOffset  int
	headerFiles []string
}

func (c *curlConfig) flag(f string) {
	for _, g := range c.flags {
		if g == f {
			return
		}
	}
	c.flags = append(c.flags, f)
}

func (c *curlConfig) unflag(prefix string) {
	out := c.flags[:0]
	for _, g := range c.flags {
		if g != prefix && !strings.HasPrefix(g, prefix+"=") {
			out = append(out, g)
		}
	}
	c.flags = out
}

// curlParser walks the arguments of one curl command the way curl's
// parse_args does.
type curlParser struct {
	text     string
	pos      *positions
	words    []shellWord
	i        int
	cur      *curlConfig
	configs  []*curlConfig
	findings []Finding
	// stdin is the command's standard input when the paste shows it.
	stdin *string
}

// parseCurlArgs reads curl's options from words (words[0] is the program
// name). It never fails: what curl would refuse is kept and named in a
// finding, so a person sees both what they wrote and what curl thinks of it.
func parseCurlArgs(pos *positions, words []shellWord, stdin *string) ([]*curlConfig, []Finding) {
	p := &curlParser{text: pos.text, pos: pos, words: words, i: 1, cur: &curlConfig{}, stdin: stdin}
	p.configs = append(p.configs, p.cur)
	stillFlags := true
	for p.i < len(words) {
		w := words[p.i]
		p.i++
		switch {
		case stillFlags && w.Value == "--":
			stillFlags = false
		case stillFlags && strings.HasPrefix(w.Value, "--"):
			p.long(w)
		case stillFlags && len(w.Value) > 1 && w.Value[0] == '-':
			p.short(w)
		default:
			p.cur.urls = append(p.cur.urls, w)
		}
	}
	return p.configs, p.findings
}

func (p *curlParser) warn(w shellWord, title, detail string) {
	p.findings = append(p.findings, newFinding(CodeCurlMalformed,
		title,
		detail,
		fmt.Sprintf("%s at %s", w.Value, p.pos.at(w.Off))))
}

func (p *curlParser) long(w shellWord) {
	name := w.Value[2:]
	opt, neg, amb, ok := lookupLong(name)
	value, attached := "", false
	if !ok && amb == nil {
		if k, v, found := strings.Cut(name, "="); found {
			if o, n, a, ok2 := lookupLong(k); ok2 && o.kind == optArg {
				opt, neg, amb, ok = o, n, a, true
				value, attached = v, true
				p.warn(w, "curl does not accept --option=value",
					"curl stops with \"option "+w.Value+": is unknown\"; write the value as the next argument. Read here as --"+o.long+" with the value after '='.")
			}
		}
	}
	if !ok {
		p.cur.flag("unknown-option=" + w.Value)
		if amb != nil {
			p.warn(w, "Ambiguous option "+w.Value, "curl stops with \"option "+w.Value+": is ambiguous\"; it could be "+strings.Join(amb, ", ")+".")
		} else {
			p.warn(w, "Unknown option "+w.Value, "curl does not know this option and stops; it is kept in the flags and otherwise ignored.")
		}
		return
	}
	if opt.kind == optArg && !attached {
		v, ok := p.next(w)
		if !ok {
			return
		}
		value = v
	}
	p.apply(opt, value, !neg, w)
}

func (p *curlParser) short(w shellWord) {
	s := w.Value
	for j := 1; j < len(s); j++ {
		opt, ok := lookupShort(s[j])
		if !ok {
			p.cur.flag("unknown-option=-" + string(s[j]))
			p.warn(w, "Unknown option -"+string(s[j]), "curl does not know this option and stops; it is kept in the flags and otherwise ignored.")
			continue
		}
		if opt.kind == optArg {
			value := s[j+1:]
			if value == "" {
				v, ok := p.next(w)
				if !ok {
					return
				}
				value = v
			}
			p.apply(opt, value, true, w)
			return
		}
		p.apply(opt, "", true, w)
	}
}

// next takes the following argument as the value of option w.
func (p *curlParser) next(w shellWord) (string, bool) {
	if p.i >= len(p.words) {
		p.warn(w, "Option "+w.Value+" needs a value", "curl stops with \"option "+w.Value+": requires parameter\".")
		return "", false
	}
	v := p.words[p.i].Value
	p.i++
	return v, true
}

func (p *curlParser) apply(opt curlOpt, v string, on bool, w shellWord) {
	c := p.cur
	switch opt.long {
	case "next":
		p.cur = &curlConfig{nextOffset: w.Off}
		p.configs = append(p.configs, p.cur)
	case "url":
		c.urls = append(c.urls, shellWord{Value: v, Off: w.Off})
	case "header":
		if strings.HasPrefix(v, "@") {
			c.headerFiles = append(c.headerFiles, v[1:])
			c.flag("header-file=" + v[1:])
			return
		}
		c.headers = append(c.headers, v)
	case "user":
		c.user, c.hasUser = v, true
	case "user-agent":
		c.ua, c.hasUA = v, true
	case "referer":
		c.referer, c.hasReferer = v, true
	case "cookie":
		if strings.Contains(v, "=") {
			c.cookies = append(c.cookies, v)
		} else if v != "" {
			c.flag("cookie-file=" + v)
		}
	case "cookie-jar":
		c.flag("cookie-jar=" + v)
	case "data", "data-ascii":
		if in, ok := p.stdinAt(v); ok {
			// -d reads a file without its carriage returns and newlines.
			c.data = append(c.data, dataPiece{value: strings.NewReplacer("\r", "", "\n", "").Replace(in)})
			return
		}
		c.addData(v, true, false, false)
	case "data-binary":
		if in, ok := p.stdinAt(v); ok {
			c.data = append(c.data, dataPiece{value: in})
			return
		}
		c.addData(v, true, false, false)
	case "data-raw":
		c.addData(v, false, false, false)
	case "json":
		c.json = true
		if in, ok := p.stdinAt(v); ok {
			c.data = append(c.data, dataPiece{value: in, json: true})
			return
		}
		c.addData(v, true, true, false)
	case "data-urlencode":
		d := dataURLEncode(v)
		if in, ok := p.stdinData(d.file); ok {
			d = dataPiece{value: d.value + curlEscape(in)}
		}
		c.data = append(c.data, d)
	case "get":
		c.get = on
	case "head":
		c.head = on
	case "request":
		c.method = v
	case "form", "form-string":
		c.form = append(c.form, parseFormArg(v, opt.long == "form-string"))
	case "form-escape":
		c.formEscape = on
	case "upload-file":
		c.upload = v
		c.flag("upload-file=" + v)
	case "compressed":
		c.compressed = on
		p.onOff(on, "compressed")
	case "oauth2-bearer":
		c.bearer = v
		c.authType = "bearer"
	case "basic", "digest", "ntlm", "negotiate", "anyauth", "ntlm-wb":
		if on || opt.kind == optNone {
			c.authType = opt.long
			if opt.long != "basic" {
				c.flag(opt.long)
			}
		} else {
			c.unflag(opt.long)
			if c.authType == opt.long {
				c.authType = ""
			}
		}
	case "aws-sigv4":
		c.authType = "aws-sigv4"
		c.unflag("aws-sigv4")
		c.flag("aws-sigv4=" + v)
	case "insecure":
		p.onOff(on, "insecure")
	case "proxy-insecure":
		p.onOff(on, "proxy-insecure")
	case "location":
		p.onOff(on, "follow-redirects")
	case "location-trusted":
		p.onOff(on, "follow-redirects")
		p.onOff(on, "location-trusted")
	case "proxy", "socks4", "socks4a", "socks5", "socks5-hostname", "preproxy":
		c.unflag("proxy")
		if v != "" {
			c.flag("proxy=" + stripUserinfo(v))
		}
	case "proxy-user":
		c.unflag("proxy-user")
		user, _, _ := strings.Cut(v, ":")
		c.flag("proxy-user=" + user)
	case "noproxy":
		c.unflag("noproxy")
		c.flag("noproxy=" + v)
	case "cert":
		c.unflag("client-cert")
		c.flag("client-cert=" + certName(v))
	case "key":
		c.unflag("client-key")
		c.flag("client-key=" + v)
	case "cacert":
		c.unflag("cacert")
		c.flag("cacert=" + v)
	case "config":
		c.flag("config=" + v)
		p.warn(w, "Options read from a file", "curl reads more options from "+v+"; they are not part of the paste.")
	case "netrc", "netrc-optional":
		p.onOff(on, "netrc")
	case "netrc-file":
		c.flag("netrc=" + v)
	case "range":
		c.rangeVal = curlRange(v)
	case "globoff":
		c.globoff = on
	case "path-as-is":
		c.pathAsIs = on
	case "request-target":
		c.flag("request-target=" + v)
	case "proxy-header":
		c.flag("proxy-header=" + v)
	case "resolve", "connect-to":
		c.flag(opt.long + "=" + v)
	case "http1.0", "http1.1", "http2", "http2-prior-knowledge", "http3", "http3-only":
		c.httpVersion = strings.TrimPrefix(opt.long, "http")
		c.unflag("http-version")
		c.flag("http-version=" + c.httpVersion)
	}
}

func (p *curlParser) onOff(on bool, flag string) {
	if on {
		p.cur.flag(flag)
	} else {
		p.cur.unflag(flag)
	}
}

// addData records one data argument. at says whether a leading '@' names a
// file (-d, --data-binary, --json); urlencode applies --data-urlencode's
// rules.
func (c *curlConfig) addData(v string, at, isJSON, urlencode bool) {
	if urlencode {
		c.data = append(c.data, dataURLEncode(v))
		return
	}
	if at && strings.HasPrefix(v, "@") {
		c.data = append(c.data, dataPiece{file: v[1:], json: isJSON})
		return
	}
	c.data = append(c.data, dataPiece{value: v, json: isJSON})
}

// dataURLEncode applies --data-urlencode: "content", "=content",
// "name=content", "@file", "name@file"; the content is percent-encoded with
// a space as '+'.
func dataURLEncode(v string) dataPiece {
	name, content, isFile := "", v, false
	if i := strings.IndexByte(v, '='); i >= 0 {
		name, content = v[:i], v[i+1:]
	} else if i := strings.IndexByte(v, '@'); i >= 0 {
		name, content, isFile = v[:i], v[i+1:], true
	}
	if isFile {
		d := dataPiece{file: content}
		if name != "" {
			d.value = name + "="
		}
		return d
	}
	enc := curlEscape(content)
	if name != "" {
		return dataPiece{value: name + "=" + enc}
	}
	return dataPiece{value: enc}
}

// curlEscape is curl_easy_escape with "%20" then turned into '+': every
// byte but ALPHA / DIGIT / "-" / "." / "_" / "~" is percent-encoded.
func curlEscape(s string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '-', c == '.', c == '_', c == '~':
			b.WriteByte(c)
		case c == ' ':
			b.WriteByte('+')
		default:
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
		}
	}
	return b.String()
}

// curlRange is -r/--range's value as curl sends it: a lone number (no
// dash) is not a range, so curl warns and appends the dash ("600" is sent
// as "600-", from byte 600 to the end); anything else is sent as written.
func curlRange(v string) string {
	if v == "" || v[0] < '0' || v[0] > '9' || strings.Contains(v, "-") {
		return v
	}
	end := 0
	for end < len(v) && v[end] >= '0' && v[end] <= '9' {
		end++
	}
	n := strings.TrimLeft(v[:end], "0")
	if n == "" {
		n = "0"
	}
	return n + "-"
}

// certName drops the ":password" curl accepts after a certificate file name
// ("\:" escapes a colon), so no passphrase reaches the flags.
func certName(v string) string {
	if strings.HasPrefix(strings.ToLower(v), "pkcs11:") {
		return v
	}
	var b strings.Builder
	for i := 0; i < len(v); i++ {
		switch {
		case v[i] == '\\' && i+1 < len(v) && (v[i+1] == ':' || v[i+1] == '\\'):
			b.WriteByte(v[i+1])
			i++
		case v[i] == ':':
			return b.String()
		default:
			b.WriteByte(v[i])
		}
	}
	return b.String()
}

// stripUserinfo removes "user:pass@" from a proxy URL for display.
func stripUserinfo(u string) string {
	rest, scheme := u, ""
	if i := strings.Index(u, "://"); i >= 0 {
		scheme, rest = u[:i+3], u[i+3:]
	}
	end := strings.IndexAny(rest, "/?#")
	if end < 0 {
		end = len(rest)
	}
	if at := strings.LastIndexByte(rest[:end], '@'); at >= 0 {
		rest = rest[at+1:]
	}
	return scheme + rest
}
