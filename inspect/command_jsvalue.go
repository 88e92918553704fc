package inspect

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// jsKind is the kind of a JavaScript literal value.
type jsKind int

const (
	jsString jsKind = iota
	jsNumber
	jsBool
	jsNull // null and undefined
	jsObject
	jsArray
	jsOther // an expression we do not evaluate: kept as written
)

// jsVal is a JavaScript literal read leniently: JSON plus single quotes,
// template literals without ${}, unquoted keys, trailing commas, comments.
// Objects keep their keys in order.
type jsVal struct {
	kind     jsKind
	str      string // string value, number or other expression as written
	keys     []string
	vals     []jsVal
	items    []jsVal
	off, end int
}

func (v jsVal) get(key string) (jsVal, bool) {
	for i, k := range v.keys {
		if k == key {
			return v.vals[i], true
		}
	}
	return jsVal{}, false
}

// jsParser reads values out of the text of a fetch call.
type jsParser struct {
	text     string
	pos      *positions
	i        int
	depth    int
	findings []posFinding
}

// jsMaxDepth is the deepest nesting of arrays, objects and calls a fetch
// command's values may have: the parser recurses once per level.
const jsMaxDepth = 64

func (p *jsParser) errAt(off int, incomplete bool, format string, args ...any) error {
	return errAt(p.text, off, incomplete, format, args...)
}

// skip passes whitespace and comments.
func (p *jsParser) skip() {
	s := p.text
	for p.i < len(s) {
		switch {
		case s[p.i] == ' ' || s[p.i] == '\t' || s[p.i] == '\n' || s[p.i] == '\r':
			p.i++
		case strings.HasPrefix(s[p.i:], "//"):
			for p.i < len(s) && s[p.i] != '\n' {
				p.i++
			}
		case strings.HasPrefix(s[p.i:], "/*"):
			end := strings.Index(s[p.i+2:], "*/")
			if end < 0 {
				p.i = len(s)
				return
			}
			p.i += end + 4
		default:
			return
		}
	}
}

func (p *jsParser) value() (jsVal, error) {
	p.skip()
	s := p.text
	start := p.i
	if p.i >= len(s) {
		return jsVal{}, p.errAt(p.i, true, "unexpected end of input, expected a value")
	}
	if p.depth >= jsMaxDepth {
		return jsVal{}, p.errAt(p.i, false, "nested more than %d levels deep ([ ], { }, calls): whydenied reads at most %d", jsMaxDepth, jsMaxDepth)
	}
	p.depth++
	defer func() { p.depth-- }()
	switch c := s[p.i]; {
	case c == '"' || c == '\'':
		str, err := p.quoted(c)
		return jsVal{kind: jsString, str: str, off: start, end: p.i}, err
	case c == '`':
		str, err := p.template()
		return jsVal{kind: jsString, str: str, off: start, end: p.i}, err
	case c == '{':
		return p.object()
	case c == '[':
		return p.array()
	case c == '-' || c == '+' || c == '.' || c >= '0' && c <= '9':
		p.i++
		for p.i < len(s) && (isJSIdent(s[p.i]) || s[p.i] == '.') {
			p.i++
		}
		return jsVal{kind: jsNumber, str: s[start:p.i], off: start, end: p.i}, nil
	case isJSIdentStart(c):
		return p.expression()
	}
	return jsVal{}, p.errAt(p.i, false, "unexpected %q", s[p.i])
}

func isJSIdentStart(c byte) bool { return isLetter(c) || c == '_' || c == '$' }
func isJSIdent(c byte) bool      { return isJSIdentStart(c) || c >= '0' && c <= '9' }

// expression reads true/false/null/undefined, JSON.stringify(v),
// new Headers(v), or any other identifier path and call, kept as written.
func (p *jsParser) expression() (jsVal, error) {
	s := p.text
	start := p.i
	ident := p.ident()
	switch ident {
	case "true", "false":
		return jsVal{kind: jsBool, str: ident, off: start, end: p.i}, nil
	case "null", "undefined":
		return jsVal{kind: jsNull, str: ident, off: start, end: p.i}, nil
	case "new":
		p.skip()
		ident = p.ident()
	}
	p.skip()
	if p.i < len(s) && s[p.i] == '(' {
		p.i++
		var args []jsVal
		for {
			p.skip()
			if p.i >= len(s) {
				return jsVal{}, p.errAt(start, true, "unterminated call %s(", ident)
			}
			if s[p.i] == ')' {
				p.i++
				break
			}
			v, err := p.value()
			if err != nil {
				return jsVal{}, err
			}
			args = append(args, v)
			p.skip()
			if p.i < len(s) && s[p.i] == ',' {
				p.i++
			}
		}
		switch {
		case ident == "JSON.stringify" && len(args) > 0:
			return jsVal{kind: jsString, str: jsonStringify(args[0]), off: start, end: p.i}, nil
		case ident == "Headers" && len(args) > 0:
			a := args[0]
			a.off, a.end = start, p.i
			return a, nil
		}
	}
	return jsVal{kind: jsOther, str: s[start:p.i], off: start, end: p.i}, nil
}

func (p *jsParser) ident() string {
	s := p.text
	start := p.i
	for p.i < len(s) && (isJSIdent(s[p.i]) || s[p.i] == '.' && p.i+1 < len(s) && isJSIdentStart(s[p.i+1])) {
		p.i++
	}
	return s[start:p.i]
}

// quoted reads a '…' or "…" string with JavaScript escapes.
func (p *jsParser) quoted(q byte) (string, error) {
	s := p.text
	start := p.i
	p.i++
	var b strings.Builder
	for {
		if p.i >= len(s) {
			return b.String(), p.errAt(start, true, "unterminated string")
		}
		c := s[p.i]
		switch {
		case c == q:
			p.i++
			return b.String(), nil
		case c == '\\':
			p.escape(&b)
		case c == '\n':
			if strings.TrimSpace(s[p.i:]) == "" {
				return b.String(), p.errAt(start, true, "unterminated string")
			}
			return b.String(), p.errAt(start, false, "string broken by a line end")
		default:
			b.WriteByte(c)
			p.i++
		}
	}
}

// template reads a `…` template literal; ${…} stays as written and is
// named in a finding.
func (p *jsParser) template() (string, error) {
	s := p.text
	start := p.i
	p.i++
	var b strings.Builder
	for {
		if p.i >= len(s) {
			return b.String(), p.errAt(start, true, "unterminated template literal")
		}
		c := s[p.i]
		switch {
		case c == '`':
			p.i++
			return b.String(), nil
		case c == '\\':
			p.escape(&b)
		case c == '$' && p.i+1 < len(s) && s[p.i+1] == '{':
			end := strings.IndexByte(s[p.i:], '}')
			if end < 0 {
				return b.String(), p.errAt(p.i, true, "unterminated ${")
			}
			raw := s[p.i : p.i+end+1]
			p.findings = append(p.findings, posFinding{offset: p.i, Finding: newFinding(CodeCurlUnexpanded,
				"Not expanded: "+raw,
				"JavaScript would substitute this expression; the paste does not show its value, so it is kept as written.",
				raw+" at "+p.pos.at(p.i))})
			b.WriteString(raw)
			p.i += end + 1
		default:
			b.WriteByte(c)
			p.i++
		}
	}
}

// escape decodes the escape at p.i (a backslash).
func (p *jsParser) escape(b *strings.Builder) {
	s := p.text
	p.i++
	if p.i >= len(s) {
		return
	}
	c := s[p.i]
	p.i++
	switch c {
	case 'n':
		b.WriteByte('\n')
	case 'r':
		b.WriteByte('\r')
	case 't':
		b.WriteByte('\t')
	case 'b':
		b.WriteByte('\b')
	case 'f':
		b.WriteByte('\f')
	case 'v':
		b.WriteByte('\v')
	case '0':
		b.WriteByte(0)
	case '\r':
		if p.i < len(s) && s[p.i] == '\n' {
			p.i++
		}
	case '\n':
	case 'x':
		if p.i+2 <= len(s) {
			if v, err := strconv.ParseUint(s[p.i:p.i+2], 16, 8); err == nil {
				b.WriteRune(rune(v))
				p.i += 2
				return
			}
		}
		b.WriteByte('x')
	case 'u':
		r, ok := p.unicodeEscape()
		if !ok {
			b.WriteByte('u')
			return
		}
		b.WriteRune(r)
	default:
		b.WriteByte(c)
	}
}

// unicodeEscape reads the rest of \uXXXX (with a surrogate pair) or \u{X}.
func (p *jsParser) unicodeEscape() (rune, bool) {
	s := p.text
	if p.i < len(s) && s[p.i] == '{' {
		end := strings.IndexByte(s[p.i:], '}')
		if end < 2 || end > 8 {
			return 0, false
		}
		v, err := strconv.ParseUint(s[p.i+1:p.i+end], 16, 32)
		if err != nil || !utf8.ValidRune(rune(v)) {
			return 0, false
		}
		p.i += end + 1
		return rune(v), true
	}
	if p.i+4 > len(s) {
		return 0, false
	}
	v, err := strconv.ParseUint(s[p.i:p.i+4], 16, 32)
	if err != nil {
		return 0, false
	}
	p.i += 4
	r := rune(v)
	if r >= 0xD800 && r < 0xDC00 && p.i+6 <= len(s) && s[p.i] == '\\' && s[p.i+1] == 'u' {
		if lo, err := strconv.ParseUint(s[p.i+2:p.i+6], 16, 32); err == nil && lo >= 0xDC00 && lo < 0xE000 {
			p.i += 6
			return (r-0xD800)<<10 + (rune(lo) - 0xDC00) + 0x10000, true
		}
	}
	if r >= 0xD800 && r < 0xE000 {
		return utf8.RuneError, true
	}
	return r, true
}

func (p *jsParser) object() (jsVal, error) {
	s := p.text
	v := jsVal{kind: jsObject, off: p.i}
	p.i++
	for {
		p.skip()
		if p.i >= len(s) {
			return v, p.errAt(v.off, true, "unterminated object {")
		}
		if s[p.i] == '}' {
			p.i++
			v.end = p.i
			return v, nil
		}
		var key string
		switch c := s[p.i]; {
		case c == '"' || c == '\'':
			k, err := p.quoted(c)
			if err != nil {
				return v, err
			}
			key = k
		case isJSIdent(c):
			key = p.ident()
		default:
			return v, p.errAt(p.i, false, "expected a property name, found %q", c)
		}
		p.skip()
		if p.i >= len(s) {
			return v, p.errAt(v.off, true, "unterminated object {")
		}
		var val jsVal
		if s[p.i] == ':' {
			p.i++
			var err error
			if val, err = p.value(); err != nil {
				return v, err
			}
		} else {
			val = jsVal{kind: jsOther, str: key} // shorthand {body}
		}
		v.keys = append(v.keys, key)
		v.vals = append(v.vals, val)
		p.skip()
		if p.i < len(s) && s[p.i] == ',' {
			p.i++
		} else if p.i < len(s) && s[p.i] != '}' {
			return v, p.errAt(p.i, false, "expected , or } in object, found %q", s[p.i])
		}
	}
}

func (p *jsParser) array() (jsVal, error) {
	s := p.text
	v := jsVal{kind: jsArray, off: p.i}
	p.i++
	for {
		p.skip()
		if p.i >= len(s) {
			return v, p.errAt(v.off, true, "unterminated array [")
		}
		if s[p.i] == ']' {
			p.i++
			v.end = p.i
			return v, nil
		}
		item, err := p.value()
		if err != nil {
			return v, err
		}
		v.items = append(v.items, item)
		p.skip()
		if p.i < len(s) && s[p.i] == ',' {
			p.i++
		} else if p.i < len(s) && s[p.i] != ']' {
			return v, p.errAt(p.i, false, "expected , or ] in array, found %q", s[p.i])
		}
	}
}

// jsonStringify is JSON.stringify without spacing, keys in order.
func jsonStringify(v jsVal) string {
	var b strings.Builder
	writeJSValue(&b, v)
	return b.String()
}

func writeJSValue(b *strings.Builder, v jsVal) {
	switch v.kind {
	case jsString:
		b.WriteString(jsonQuote(v.str))
	case jsNumber, jsBool, jsOther:
		b.WriteString(v.str)
	case jsNull:
		b.WriteString("null")
	case jsArray:
		b.WriteByte('[')
		for i, it := range v.items {
			if i > 0 {
				b.WriteByte(',')
			}
			writeJSValue(b, it)
		}
		b.WriteByte(']')
	case jsObject:
		b.WriteByte('{')
		n := 0
		for i, k := range v.keys {
			if v.vals[i].str == "undefined" && v.vals[i].kind == jsNull {
				continue
			}
			if n > 0 {
				b.WriteByte(',')
			}
			n++
			b.WriteString(jsonQuote(k))
			b.WriteByte(':')
			writeJSValue(b, v.vals[i])
		}
		b.WriteByte('}')
	}
}

// jsonQuote quotes s as JSON.stringify does: only the quote, the backslash
// and control characters are escaped.
func jsonQuote(s string) string {
	const hex = "0123456789abcdef"
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '"', '\\':
			b.WriteByte('\\')
			b.WriteByte(c)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		case '\b':
			b.WriteString(`\b`)
		case '\f':
			b.WriteString(`\f`)
		default:
			if c < 0x20 {
				b.WriteString(`\u00`)
				b.WriteByte(hex[c>>4])
				b.WriteByte(hex[c&15])
			} else {
				b.WriteByte(c)
			}
		}
	}
	b.WriteByte('"')
	return b.String()
}
