package inspect

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// psKind is the kind of a PowerShell token.
type psKind int

const (
	psWord   psKind = iota // a bare word, escapes applied
	psString               // a quoted string, decoded
	psVar                  // $name or $name.Member.Path
	psParam                // -Name (val is the name)
	psHash                 // @{ … }
	psGroup                // ( … ), $( … ), @( … )
	psAssign               // =
	psComma                // ,
	psEnd                  // newline or ;
	psPipe                 // |
)

// psTok is one PowerShell token with its span in the paste.
type psTok struct {
	kind     psKind
	val      string
	off, end int
	pairs    []psPair
	inner    []psTok
	hasColon bool // -Name:value
}

// psPair is one key = value of a hashtable literal.
type psPair struct {
	key string
	val psTok
}

// psLexer tokenizes the subset of PowerShell that "Copy as PowerShell"
// and hand-written Invoke-WebRequest calls use. It evaluates nothing but
// the escapes of strings and "$([char]N)"; other $… are kept as written
// and named in findings.
type psLexer struct {
	text     string
	pos      *positions
	i        int
	depth    int
	findings []posFinding
}

// psMaxDepth is the deepest nesting of ( ), @( ), $( ) and @{ } a PowerShell
// command may have: the lexer recurses once per level.
const psMaxDepth = 64

// smart quotes count as quotes in PowerShell.
func psDQ(s string, i int) int {
	if i >= len(s) {
		return 0
	}
	if s[i] == '"' {
		return 1
	}
	if strings.HasPrefix(s[i:], "\u201c") || strings.HasPrefix(s[i:], "\u201d") || strings.HasPrefix(s[i:], "\u201e") {
		return 3
	}
	return 0
}

func psSQ(s string, i int) int {
	if i >= len(s) {
		return 0
	}
	if s[i] == '\'' {
		return 1
	}
	for _, q := range []string{"\u2018", "\u2019", "\u201a", "\u201b"} {
		if strings.HasPrefix(s[i:], q) {
			return 3
		}
	}
	return 0
}

func (lx *psLexer) errAt(off int, incomplete bool, format string, args ...any) error {
	return errAt(lx.text, off, incomplete, format, args...)
}

// all reads tokens until the end, or until stop (')' or '}') at this level.
func (lx *psLexer) all(stop byte) ([]psTok, error) {
	var toks []psTok
	for {
		lx.skipBlank()
		if lx.i >= len(lx.text) {
			return toks, nil
		}
		if stop != 0 && lx.text[lx.i] == stop {
			return toks, nil
		}
		before := lx.i
		t, err := lx.next(stop != 0)
		if err != nil {
			return toks, err
		}
		if lx.i <= before {
			lx.i = before + 1 // never loop on a character no rule takes
			continue
		}
		toks = append(toks, t)
	}
}

// skipBlank skips spaces, comments and backtick line continuations.
func (lx *psLexer) skipBlank() {
	s := lx.text
	for lx.i < len(s) {
		c := s[lx.i]
		switch {
		case c == ' ' || c == '\t' || c == '\f' || c == '\v':
			lx.i++
		case c == '\r' && lx.i+1 < len(s) && s[lx.i+1] == '\n':
			return
		case c == '\r':
			lx.i++
		case c == '`' && lx.i+1 < len(s) && (s[lx.i+1] == '\n' || s[lx.i+1] == '\r'):
			lx.i += 2
			if lx.i < len(s) && s[lx.i-1] == '\r' && s[lx.i] == '\n' {
				lx.i++
			}
		case c == '`' && lx.continuationWithSpaces():
			return
		case c == '#':
			for lx.i < len(s) && s[lx.i] != '\n' {
				lx.i++
			}
		case c == '<' && lx.i+1 < len(s) && s[lx.i+1] == '#':
			end := strings.Index(s[lx.i+2:], "#>")
			if end < 0 {
				lx.i = len(s)
				return
			}
			lx.i += end + 4
		default:
			return
		}
	}
}

// continuationWithSpaces reports a backtick followed only by spaces up to
// the line end: PowerShell escapes the space and ends the statement there.
func (lx *psLexer) continuationWithSpaces() bool {
	rest := lx.text[lx.i+1:]
	if nl := strings.IndexByte(rest, '\n'); nl >= 0 {
		rest = rest[:nl]
	}
	return rest != "" && strings.TrimRight(rest, " \t\r") == ""
}

// next reads one token at lx.i (not at a blank).
func (lx *psLexer) next(nested bool) (psTok, error) {
	s := lx.text
	start := lx.i
	c := s[start]
	tok := func(k psKind, v string) (psTok, error) {
		return psTok{kind: k, val: v, off: start, end: lx.i}, nil
	}
	switch {
	case c == '\n' || c == '\r' || c == ';':
		if c == '\r' {
			lx.i++
		}
		lx.i++
		return tok(psEnd, "")
	case c == '`' && lx.continuationWithSpaces():
		lx.findings = append(lx.findings, posFinding{offset: start, Finding: newFinding(CodeCurlMalformed,
			"Backtick followed by spaces ends the command",
			"A line continuation backtick must be the last character on its line. Here spaces follow it, so PowerShell ends the command and the lines after it are not part of it.",
			"` at "+lx.pos.at(start))})
		for lx.i < len(s) && s[lx.i] != '\n' {
			lx.i++
		}
		return tok(psEnd, "")
	case c == '|':
		lx.i++
		if lx.i < len(s) && s[lx.i] == '|' {
			lx.i++
			return tok(psEnd, "")
		}
		return tok(psPipe, "")
	case c == '&':
		lx.i++
		if lx.i < len(s) && s[lx.i] == '&' {
			lx.i++
			return tok(psEnd, "")
		}
		lx.skipBlank()
		if lx.i >= len(s) {
			return tok(psEnd, "")
		}
		return lx.next(nested)
	case c == ',':
		lx.i++
		return tok(psComma, ",")
	case c == '=':
		lx.i++
		return tok(psAssign, "=")
	case c == '@' && start+1 < len(s) && s[start+1] == '{':
		return lx.hash()
	case c == '@' && start+1 < len(s) && (s[start+1] == '"' || s[start+1] == '\''):
		return lx.hereString()
	case c == '@' && start+1 < len(s) && s[start+1] == '(':
		lx.i++
		return lx.group(start)
	case c == '(':
		return lx.group(start)
	case c == '$' && start+1 < len(s) && s[start+1] == '(':
		v, ok, err := lx.subexpr(start)
		if err != nil {
			return psTok{}, err
		}
		if ok {
			return tok(psString, v)
		}
		lx.i = start + 1
		return lx.group(start)
	case c == '$' && start+1 < len(s) && s[start+1] == '{':
		end := strings.IndexByte(s[start:], '}')
		if end < 0 {
			return psTok{}, lx.errAt(start, true, "unterminated ${")
		}
		lx.i = start + end + 1
		return tok(psVar, s[start+1:lx.i])
	case c == '$' && start+1 < len(s) && isPSVarStart(s[start+1]):
		lx.i++
		for lx.i < len(s) && (isPSVarChar(s[lx.i]) || s[lx.i] == '.' && lx.i+1 < len(s) && isPSVarStart(s[lx.i+1])) {
			lx.i++
		}
		return tok(psVar, s[start+1:lx.i])
	case c == '{':
		end := lx.match(start, '{', '}')
		if end < 0 {
			return psTok{}, lx.errAt(start, true, "unterminated script block {")
		}
		lx.i = end + 1
		return tok(psWord, s[start:lx.i])
	case c == '-' && start+1 < len(s) && isLetter(s[start+1]):
		lx.i++
		for lx.i < len(s) && (isLetter(s[lx.i]) || s[lx.i] >= '0' && s[lx.i] <= '9' || s[lx.i] == '_' || s[lx.i] == '-') {
			lx.i++
		}
		t := psTok{kind: psParam, val: s[start+1 : lx.i], off: start}
		if lx.i < len(s) && s[lx.i] == ':' {
			t.hasColon = true
			lx.i++
		}
		t.end = lx.i
		return t, nil
	case c == ')' || c == '}':
		lx.i++
		return tok(psWord, string(c))
	}
	return lx.word(nested)
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

func isPSVarStart(c byte) bool { return isLetter(c) || c == '_' || c == '?' || c == '{' }

func isPSVarChar(c byte) bool {
	return isLetter(c) || c >= '0' && c <= '9' || c == '_' || c == ':'
}

// word reads a bare word, or a quoted string (possibly with more glued on).
func (lx *psLexer) word(nested bool) (psTok, error) {
	s := lx.text
	start := lx.i
	var b strings.Builder
	quotedOnly := true
	for lx.i < len(s) {
		c := s[lx.i]
		if n := psDQ(s, lx.i); n > 0 {
			v, err := lx.dqString()
			if err != nil {
				return psTok{}, err
			}
			b.WriteString(v)
			continue
		}
		if n := psSQ(s, lx.i); n > 0 {
			v, err := lx.sqString()
			if err != nil {
				return psTok{}, err
			}
			b.WriteString(v)
			continue
		}
		if c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ';' || c == '|' || c == '(' || c == ')' || c == '{' || c == '}' || c == ',' || (c == '&' && lx.i > start) {
			break
		}
		if nested && c == '=' {
			break
		}
		quotedOnly = false
		switch c {
		case '`':
			if lx.i+1 >= len(s) {
				return psTok{}, lx.errAt(lx.i, true, "command ends with a line continuation `")
			}
			if s[lx.i+1] == '\n' || s[lx.i+1] == '\r' || lx.continuationWithSpaces() {
				return psTok{kind: psWord, val: b.String(), off: start, end: lx.i}, nil
			}
			v, n := psEscape(s[lx.i+1:])
			b.WriteString(v)
			lx.i += 1 + n
		case '$':
			v, n, err := lx.dollar(lx.i)
			if err != nil {
				return psTok{}, err
			}
			b.WriteString(v)
			lx.i += n
		default:
			b.WriteByte(c)
			lx.i++
		}
	}
	k := psWord
	if quotedOnly && lx.i > start {
		k = psString
	}
	return psTok{kind: k, val: b.String(), off: start, end: lx.i}, nil
}

// psEscape decodes the character after a backtick; n is how many bytes of
// s it used.
func psEscape(s string) (string, int) {
	if s == "" {
		return "", 0
	}
	switch s[0] {
	case '0':
		return "\x00", 1
	case 'a':
		return "\a", 1
	case 'b':
		return "\b", 1
	case 'e':
		return "\x1b", 1
	case 'f':
		return "\f", 1
	case 'n':
		return "\n", 1
	case 'r':
		return "\r", 1
	case 't':
		return "\t", 1
	case 'v':
		return "\v", 1
	case 'u':
		if len(s) > 2 && s[1] == '{' {
			if end := strings.IndexByte(s, '}'); end > 2 && end <= 8 {
				if v, err := strconv.ParseUint(s[2:end], 16, 32); err == nil && utf8.ValidRune(rune(v)) {
					return string(rune(v)), end + 1
				}
			}
		}
	}
	_, n := utf8.DecodeRuneInString(s)
	return s[:n], n
}

// dqString reads an expandable "…" string at lx.i.
func (lx *psLexer) dqString() (string, error) {
	s := lx.text
	start := lx.i
	lx.i += psDQ(s, lx.i)
	var b strings.Builder
	for {
		if lx.i >= len(s) {
			return "", lx.errAt(start, true, "unterminated double quote")
		}
		if n := psDQ(s, lx.i); n > 0 {
			if m := psDQ(s, lx.i+n); m > 0 {
				b.WriteString(s[lx.i : lx.i+n])
				lx.i += n + m
				continue
			}
			lx.i += n
			return b.String(), nil
		}
		switch c := s[lx.i]; c {
		case '`':
			if lx.i+1 >= len(s) {
				return "", lx.errAt(start, true, "unterminated double quote")
			}
			v, n := psEscape(s[lx.i+1:])
			b.WriteString(v)
			lx.i += 1 + n
		case '$':
			v, n, err := lx.dollar(lx.i)
			if err != nil {
				return "", err
			}
			b.WriteString(v)
			lx.i += n
		default:
			b.WriteByte(c)
			lx.i++
		}
	}
}

// sqString reads a verbatim '…' string (” is a quote).
func (lx *psLexer) sqString() (string, error) {
	s := lx.text
	start := lx.i
	lx.i += psSQ(s, lx.i)
	var b strings.Builder
	for {
		if lx.i >= len(s) {
			return "", lx.errAt(start, true, "unterminated single quote")
		}
		if n := psSQ(s, lx.i); n > 0 {
			if m := psSQ(s, lx.i+n); m > 0 {
				b.WriteString(s[lx.i : lx.i+n])
				lx.i += n + m
				continue
			}
			lx.i += n
			return b.String(), nil
		}
		b.WriteByte(s[lx.i])
		lx.i++
	}
}

// hereString reads @"…"@ or @'…'@.
func (lx *psLexer) hereString() (psTok, error) {
	s := lx.text
	start := lx.i
	q := s[start+1]
	body := start + 2
	nl := strings.IndexByte(s[body:], '\n')
	if nl < 0 {
		return psTok{}, lx.errAt(start, true, "unterminated here-string")
	}
	body += nl + 1
	end := strings.Index(s[body:], "\n"+string(q)+"@")
	content := ""
	if strings.HasPrefix(s[body:], string(q)+"@") {
		end = -1
		lx.i = body + 2
	} else if end < 0 {
		return psTok{}, lx.errAt(start, true, "unterminated here-string")
	} else {
		content = strings.TrimSuffix(s[body:body+end], "\r")
		lx.i = body + end + 3
	}
	if q == '\'' {
		return psTok{kind: psString, val: content, off: start, end: lx.i}, nil
	}
	sub := &psLexer{text: s, pos: lx.pos, i: body, depth: lx.depth}
	var b strings.Builder
	for sub.i < body+len(content) {
		switch c := s[sub.i]; c {
		case '`':
			v, n := psEscape(s[sub.i+1:])
			b.WriteString(v)
			sub.i += 1 + n
		case '$':
			v, n, err := sub.dollar(sub.i)
			if err != nil {
				return psTok{}, err
			}
			b.WriteString(v)
			sub.i += n
		default:
			b.WriteByte(c)
			sub.i++
		}
	}
	lx.findings = append(lx.findings, sub.findings...)
	return psTok{kind: psString, val: b.String(), off: start, end: lx.i}, nil
}

// dollar reads $… inside a string or word at i: $([char]N) becomes the
// character; other variables and subexpressions stay as written and are
// named in a finding. n is the number of bytes used.
func (lx *psLexer) dollar(i int) (string, int, error) {
	s := lx.text
	if i+1 >= len(s) {
		return "$", 1, nil
	}
	switch c := s[i+1]; {
	case c == '(':
		v, ok, err := lx.subexpr(i)
		if err != nil {
			return "", 0, err
		}
		if ok {
			n := lx.i - i
			lx.i = i // the caller advances by n
			return v, n, nil
		}
		end := lx.match(i+1, '(', ')')
		raw := s[i : end+1]
		lx.unexpanded(i, raw, "subexpression")
		return raw, end + 1 - i, nil
	case c == '{':
		end := strings.IndexByte(s[i:], '}')
		if end < 0 {
			return "", 0, lx.errAt(i, true, "unterminated ${")
		}
		raw := s[i : i+end+1]
		lx.unexpanded(i, raw, "variable")
		return raw, end + 1, nil
	case isLetter(c) || c == '_':
		j := i + 1
		for j < len(s) && isPSVarChar(s[j]) {
			j++
		}
		raw := s[i:j]
		lx.unexpanded(i, raw, "variable")
		return raw, j - i, nil
	}
	return "$", 1, nil
}

// subexpr reads $( … ) at i; when it is [char]N it returns the character.
// lx.i is moved past it only then.
func (lx *psLexer) subexpr(i int) (string, bool, error) {
	end := lx.match(i+1, '(', ')')
	if end < 0 {
		return "", false, lx.errAt(i, true, "unterminated $(")
	}
	inner := strings.TrimSpace(lx.text[i+2 : end])
	if len(inner) > 6 && strings.EqualFold(inner[:6], "[char]") {
		num := strings.TrimSpace(inner[6:])
		base := 10
		if strings.HasPrefix(strings.ToLower(num), "0x") {
			num, base = num[2:], 16
		}
		if v, err := strconv.ParseUint(num, base, 32); err == nil && v <= 0xFFFF {
			lx.i = end + 1
			return string(rune(v)), true, nil
		}
	}
	return "", false, nil
}

func (lx *psLexer) unexpanded(off int, raw, what string) {
	lx.findings = append(lx.findings, posFinding{offset: off, Finding: newFinding(CodeCurlUnexpanded,
		"Not expanded: "+raw,
		"PowerShell would replace this "+what+" with a value the paste does not show; it is kept as written and was not evaluated.",
		fmt.Sprintf("%s at %s", raw, lx.pos.at(off)))})
}

// match returns the index of the bracket closing the one at open, skipping
// quoted strings, or -1.
func (lx *psLexer) match(open int, o, c byte) int {
	s := lx.text
	depth := 0
	for i := open; i < len(s); i++ {
		switch s[i] {
		case '`':
			i++
		case '\'':
			j := strings.IndexByte(s[i+1:], '\'')
			if j < 0 {
				return -1
			}
			i += j + 1
		case '"':
			for i++; i < len(s) && s[i] != '"'; i++ {
				if s[i] == '`' {
					i++
				}
			}
			if i >= len(s) {
				return -1
			}
		case o:
			depth++
		case c:
			depth--
			if depth == 0 {
				return i
			}
		}
	}
	return -1
}

// group reads ( … ) at lx.i into a psGroup token.
func (lx *psLexer) group(start int) (psTok, error) {
	if lx.depth >= psMaxDepth {
		return psTok{}, lx.errAt(start, false, "nested more than %d levels deep (( ), @( ), $( ), @{ }): whydenied reads at most %d", psMaxDepth, psMaxDepth)
	}
	lx.depth++
	defer func() { lx.depth-- }()
	lx.i++ // the '('
	inner, err := lx.all(')')
	if err != nil {
		return psTok{}, err
	}
	if lx.i >= len(lx.text) {
		return psTok{}, lx.errAt(start, true, "unterminated (")
	}
	lx.i++
	return psTok{kind: psGroup, inner: inner, off: start, end: lx.i}, nil
}

// hash reads a hashtable literal @{ key = value; … } at lx.i.
func (lx *psLexer) hash() (psTok, error) {
	s := lx.text
	start := lx.i
	if lx.depth >= psMaxDepth {
		return psTok{}, lx.errAt(start, false, "nested more than %d levels deep (( ), @( ), $( ), @{ }): whydenied reads at most %d", psMaxDepth, psMaxDepth)
	}
	lx.depth++
	defer func() { lx.depth-- }()
	lx.i += 2
	t := psTok{kind: psHash, off: start}
	for {
		lx.skipBlank()
		if lx.i >= len(s) {
			return psTok{}, lx.errAt(start, true, "unterminated @{")
		}
		switch s[lx.i] {
		case '}':
			lx.i++
			t.end = lx.i
			return t, nil
		case '\n', '\r', ';':
			lx.i++
			continue
		}
		kt, err := lx.next(true)
		if err != nil {
			return psTok{}, err
		}
		lx.skipBlank()
		if lx.i >= len(s) {
			return psTok{}, lx.errAt(start, true, "unterminated @{")
		}
		if s[lx.i] != '=' {
			return psTok{}, lx.errAt(lx.i, false, "expected = after hashtable key %q", kt.val)
		}
		lx.i++
		lx.skipBlank()
		if lx.i >= len(s) {
			return psTok{}, lx.errAt(start, true, "unterminated @{")
		}
		vt, err := lx.next(true)
		if err != nil {
			return psTok{}, err
		}
		key := kt.val
		if kt.kind == psParam {
			key = s[kt.off:kt.end]
		}
		t.pairs = append(t.pairs, psPair{key: key, val: vt})
	}
}
