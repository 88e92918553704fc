package inspect

import (
	"bytes"
	"errors"
	"fmt"
	"path"
	"strings"
	"unicode/utf8"

	"mvdan.cc/sh/v3/syntax"
)

// shellCmd is one simple command found in a paste: its words after quote
// removal, and what was noticed while reading them.
type shellCmd struct {
	words    []shellWord
	findings []Finding
	// stdin is what the command reads on its standard input when the paste
	// shows it (a here-document or here-string), else nil.
	stdin *string
}

// bashCommands parses text as bash (zsh pastes of curl commands use the
// same quoting) and returns every curl command in it, in order. Nothing is
// expanded: parameters, command substitutions, arithmetic and a leading ~
// stay as written and are named in curl.unexpanded findings.
//
// On an incomplete paste (cut-off quote) it also returns what it could read
// after closing the quote, with the error.
func bashCommands(text string) ([]shellCmd, error) {
	src := stripPrompts(text)
	if at := shellNestingAt(src, MaxShellNesting); at >= 0 {
		return nil, errAt(text, at, false, "nested more than %d levels deep ($(, ${, (, {, if …): whydenied reads at most %d", MaxShellNesting, MaxShellNesting)
	}
	f, err := parseBash(src)
	if err != nil {
		cerr := bashError(text, err)
		if cerr.Incomplete {
			// Read what is there by closing what was left open.
			fixed := src
			for range 4 {
				var pe syntax.ParseError
				if !errors.As(err, &pe) {
					break
				}
				switch {
				case strings.Contains(pe.Text, "quote `'`"):
					fixed += "'"
				case strings.Contains(pe.Text, "quote `\"`"):
					fixed += "\""
				default:
					fixed = ""
				}
				if fixed == "" {
					break
				}
				if f, err = parseBash(fixed); err == nil {
					b := &bashReader{text: fixed, pos: newPositions(fixed)}
					return b.commands(f), cerr
				}
			}
		}
		return nil, cerr
	}
	b := &bashReader{text: src, pos: newPositions(src)}
	if off, ok := trailingContinuation(src); ok {
		// What comes before the continuation is read; the error says
		// where the paste stops.
		return b.commands(f), errAt(text, off, true, "command ends with a line continuation \\")
	}
	return b.commands(f), nil
}

func parseBash(src string) (*syntax.File, error) {
	return syntax.NewParser(syntax.Variant(syntax.LangBash)).Parse(strings.NewReader(src), "")
}

// stripPrompts blanks a "$ " shell prompt at the start of a line, so
// "$ curl …" copied from a terminal reads as "curl …". Offsets do not move.
func stripPrompts(text string) string {
	b := []byte(text)
	start := 0
	for start < len(b) {
		i := start
		for i < len(b) && (b[i] == ' ' || b[i] == '\t') {
			i++
		}
		if i+1 < len(b) && b[i] == '$' && b[i+1] == ' ' {
			b[i] = ' '
		}
		nl := bytes.IndexByte(b[start:], '\n')
		if nl < 0 {
			break
		}
		start += nl + 1
	}
	return string(b)
}

// trailingContinuation reports a paste that ends in a backslash (with only
// blank space after it): the shell would wait for the next line.
func trailingContinuation(src string) (int, bool) {
	t := strings.TrimRight(src, " \t\r\n")
	if !strings.HasSuffix(t, "\\") {
		return 0, false
	}
	n := 0
	for i := len(t) - 1; i >= 0 && t[i] == '\\'; i-- {
		n++
	}
	if n%2 == 0 || inQuotes(t[:len(t)-1]) {
		return 0, false
	}
	return len(t) - 1, true
}

// inQuotes is a rough check that s ends inside single or double quotes.
func inQuotes(s string) bool {
	var q byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case q == 0 && c == '\\':
			i++
		case q == 0 && (c == '\'' || c == '"'):
			q = c
		case q == '"' && c == '\\':
			i++
		case q != 0 && c == q:
			q = 0
		}
	}
	return q != 0
}

func bashError(text string, err error) *CommandError {
	var pe syntax.ParseError
	if errors.As(err, &pe) {
		msg := pe.Text
		switch {
		case strings.Contains(msg, "closing quote `'`"):
			msg = "unterminated single quote"
		case strings.Contains(msg, "closing quote `\"`"):
			msg = "unterminated double quote"
		case strings.Contains(msg, "closing quote `` ` ``"), strings.Contains(msg, "closing quote `"):
			msg = "unterminated quote: " + msg
		}
		return &CommandError{Line: int(pe.Pos.Line()), Col: int(pe.Pos.Col()), Msg: msg, Incomplete: pe.Incomplete}
	}
	var le syntax.LangError
	if errors.As(err, &le) {
		return &CommandError{Line: int(le.Pos.Line()), Col: int(le.Pos.Col()), Msg: le.Error()}
	}
	return &CommandError{Line: 1, Col: 1, Msg: err.Error()}
}

// bashReader turns parsed statements into words.
type bashReader struct {
	text string
	pos  *positions
	out  []shellCmd
	cur  *shellCmd
	// redirs are the redirections of the statement being read.
	redirs []*syntax.Redirect
}

func (b *bashReader) commands(f *syntax.File) []shellCmd {
	b.stmts(f.Stmts)
	return b.out
}

func (b *bashReader) stmts(ss []*syntax.Stmt) {
	for _, s := range ss {
		b.stmt(s)
	}
}

func (b *bashReader) stmt(s *syntax.Stmt) {
	if s != nil {
		b.redirs = s.Redirs
		b.cmd(s.Cmd)
	}
}

func (b *bashReader) cmd(c syntax.Command) {
	switch c := c.(type) {
	case *syntax.CallExpr:
		b.call(c)
	case *syntax.BinaryCmd:
		b.stmt(c.X)
		b.stmt(c.Y)
	case *syntax.Block:
		b.stmts(c.Stmts)
	case *syntax.Subshell:
		b.stmts(c.Stmts)
	case *syntax.TimeClause:
		b.stmt(c.Stmt)
	case *syntax.IfClause:
		for ; c != nil; c = c.Else {
			b.stmts(c.Then)
		}
	case *syntax.WhileClause:
		b.stmts(c.Do)
	case *syntax.ForClause:
		b.stmts(c.Do)
	}
}

// wrappers run the command named after them.
var wrappers = map[string]bool{"sudo": true, "command": true, "exec": true, "nohup": true, "builtin": true, "noglob": true, "env": true}

func (b *bashReader) call(c *syntax.CallExpr) {
	args := c.Args
	for len(args) > 0 {
		w := literalWord(args[0])
		if wrappers[w] {
			args = args[1:]
			// env's NAME=value and sudo's -u USER style options
			for len(args) > 0 {
				v := literalWord(args[0])
				if strings.HasPrefix(v, "-") || (w == "env" && strings.Contains(v, "=")) {
					args = args[1:]
					continue
				}
				break
			}
			continue
		}
		break
	}
	if len(args) == 0 || !isCurlName(literalWord(args[0])) {
		return
	}
	cmd := shellCmd{}
	b.cur = &cmd
	for _, w := range args {
		cmd.words = append(cmd.words, b.word(w))
	}
	cmd.stdin = b.stdinOf(b.redirs)
	b.trailingSpace(args)
	b.cur = nil
	b.out = append(b.out, cmd)
}

// isCurlName accepts curl, curl.exe and paths to them.
func isCurlName(w string) bool {
	base := strings.ToLower(path.Base(strings.ReplaceAll(w, "\\", "/")))
	return base == "curl" || base == "curl.exe"
}

// literalWord is the word's text if it is a plain literal, else "".
func literalWord(w *syntax.Word) string {
	if w == nil || len(w.Parts) != 1 {
		return ""
	}
	if l, ok := w.Parts[0].(*syntax.Lit); ok {
		return unescapeUnquoted(l.Value)
	}
	if q, ok := w.Parts[0].(*syntax.SglQuoted); ok && !q.Dollar {
		return q.Value
	}
	return ""
}

// trailingSpace warns about "\ " at the end of a line: the backslash
// escapes the space, not the newline, so the command ends there.
func (b *bashReader) trailingSpace(args []*syntax.Word) {
	for _, w := range args {
		if len(w.Parts) != 1 {
			continue
		}
		l, ok := w.Parts[0].(*syntax.Lit)
		if !ok || strings.Trim(l.Value, "\\ \t") != "" || !strings.HasPrefix(l.Value, "\\") {
			continue
		}
		end := w.End().Offset()
		rest := b.text[min(int(end), len(b.text)):]
		if nl := strings.IndexByte(rest, '\n'); nl >= 0 {
			rest = rest[:nl]
		}
		if strings.TrimSpace(rest) != "" {
			continue
		}
		b.cur.findings = append(b.cur.findings, newFinding(CodeCurlMalformed,
			"Backslash followed by spaces ends the command",
			"A line continuation must be the last character on its line. Here spaces follow the backslash, so the shell passes curl a blank argument and ends the command: the lines after it are not part of this curl command.",
			"\\ at "+b.pos.at(int(w.Pos().Offset()))))
	}
}

func (b *bashReader) raw(n syntax.Node) string {
	s, e := int(n.Pos().Offset()), int(n.End().Offset())
	if s < 0 || e > len(b.text) || s > e {
		return ""
	}
	return b.text[s:e]
}

func (b *bashReader) unexpanded(n syntax.Node, what string) string {
	raw := b.raw(n)
	b.cur.findings = append(b.cur.findings, newFinding(CodeCurlUnexpanded,
		"Not expanded: "+raw,
		"The shell would replace this "+what+" with a value the paste does not show; it is kept as written and was not evaluated.",
		fmt.Sprintf("%s at %s", raw, b.pos.at(int(n.Pos().Offset())))))
	return raw
}

func (b *bashReader) word(w *syntax.Word) shellWord {
	var sb strings.Builder
	for i, p := range w.Parts {
		switch p := p.(type) {
		case *syntax.Lit:
			if i == 0 && strings.HasPrefix(p.Value, "~") {
				b.tilde(p)
			}
			sb.WriteString(unescapeUnquoted(p.Value))
		case *syntax.SglQuoted:
			if p.Dollar {
				sb.WriteString(ansiC(p.Value))
			} else {
				sb.WriteString(p.Value)
			}
		case *syntax.DblQuoted:
			for _, q := range p.Parts {
				if l, ok := q.(*syntax.Lit); ok {
					sb.WriteString(unescapeDouble(l.Value))
				} else {
					sb.WriteString(b.part(q))
				}
			}
		default:
			sb.WriteString(b.part(p))
		}
	}
	return shellWord{Value: sb.String(), Off: int(w.Pos().Offset())}
}

func (b *bashReader) part(p syntax.WordPart) string {
	switch p.(type) {
	case *syntax.ParamExp:
		return b.unexpanded(p, "variable")
	case *syntax.CmdSubst:
		return b.unexpanded(p, "command substitution")
	case *syntax.ArithmExp:
		return b.unexpanded(p, "arithmetic expansion")
	case *syntax.ProcSubst:
		return b.unexpanded(p, "process substitution")
	case *syntax.ExtGlob:
		return b.unexpanded(p, "glob")
	}
	return b.raw(p)
}

func (b *bashReader) tilde(l *syntax.Lit) {
	name := l.Value
	if i := strings.IndexByte(name, '/'); i >= 0 {
		name = name[:i]
	}
	b.cur.findings = append(b.cur.findings, newFinding(CodeCurlUnexpanded,
		"Not expanded: "+name,
		"The shell would replace a leading "+name+" with a home directory; it is kept as written.",
		fmt.Sprintf("%s at %s", name, b.pos.at(int(l.Pos().Offset())))).withSeverity(SeverityInfo))
}

// unescapeUnquoted removes the backslashes of an unquoted word: "\x" is x.
func unescapeUnquoted(s string) string {
	if !strings.Contains(s, "\\") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			i++
			if s[i] == '\n' {
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// unescapeDouble applies the escapes of a double-quoted string: only \$,
// \`, \", \\ and \newline; any other backslash stays.
func unescapeDouble(s string) string {
	if !strings.Contains(s, "\\") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			switch s[i+1] {
			case '$', '`', '"', '\\':
				b.WriteByte(s[i+1])
				i++
				continue
			case '\n':
				i++
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// ansiC decodes the body of a $'…' string as bash does.
func ansiC(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' || i+1 >= len(s) {
			b.WriteByte(c)
			continue
		}
		i++
		switch e := s[i]; e {
		case 'a':
			b.WriteByte(7)
		case 'b':
			b.WriteByte(8)
		case 'e', 'E':
			b.WriteByte(27)
		case 'f':
			b.WriteByte(12)
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		case 't':
			b.WriteByte('\t')
		case 'v':
			b.WriteByte(11)
		case '\\', '\'', '"', '?':
			b.WriteByte(e)
		case 'c':
			if i+1 < len(s) {
				i++
				b.WriteByte(s[i] & 0x1f)
			} else {
				b.WriteString("\\c")
			}
		case 'x', 'u', 'U':
			max := map[byte]int{'x': 2, 'u': 4, 'U': 8}[e]
			v, n := 0, 0
			for n < max && i+1+n < len(s) && isHex(s[i+1+n]) {
				v = v*16 + int(unhex(s[i+1+n]))
				n++
			}
			if n == 0 {
				b.WriteByte('\\')
				b.WriteByte(e)
				continue
			}
			i += n
			if e == 'x' {
				b.WriteByte(byte(v))
			} else if utf8.ValidRune(rune(v)) {
				b.WriteRune(rune(v))
			} else {
				b.WriteRune(utf8.RuneError)
			}
		case '0', '1', '2', '3', '4', '5', '6', '7':
			v, n := 0, 0
			for n < 3 && i+n < len(s) && s[i+n] >= '0' && s[i+n] <= '7' {
				v = v*8 + int(s[i+n]-'0')
				n++
			}
			i += n - 1
			b.WriteByte(byte(v))
		default:
			b.WriteByte('\\')
			b.WriteByte(e)
		}
	}
	return b.String()
}
