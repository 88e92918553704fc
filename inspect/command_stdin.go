package inspect

import (
	"strings"

	"mvdan.cc/sh/v3/syntax"
)

// stdinOf returns what a statement's redirections feed the command's
// standard input, when the paste holds it: a here-document's body, or a
// here-string followed by the newline bash adds. The last input
// redirection wins, as in bash; input from a file (< file) is not known.
func (b *bashReader) stdinOf(redirs []*syntax.Redirect) *string {
	var in *string
	for _, r := range redirs {
		switch r.Op {
		case syntax.Hdoc, syntax.DashHdoc:
			s := b.heredoc(r)
			in = &s
		case syntax.WordHdoc:
			s := b.word(r.Word).Value + "\n"
			in = &s
		case syntax.RdrIn, syntax.RdrInOut:
			in = nil
		}
	}
	return in
}

// heredoc is the body of a here-document as bash hands it to the command.
// With a quoted delimiter (<<'EOF') the body is taken as written; without,
// \$, \` , \\ and \newline are unescaped and expansions are kept as
// written and reported, like everywhere else. <<- removes leading tabs.
func (b *bashReader) heredoc(r *syntax.Redirect) string {
	if r.Hdoc == nil {
		return ""
	}
	quoted := true
	if r.Word != nil && len(r.Word.Parts) == 1 {
		if l, ok := r.Word.Parts[0].(*syntax.Lit); ok && !strings.Contains(l.Value, "\\") {
			quoted = false
		}
	}
	var sb strings.Builder
	for _, p := range r.Hdoc.Parts {
		switch p := p.(type) {
		case *syntax.Lit:
			if quoted {
				sb.WriteString(p.Value)
			} else {
				sb.WriteString(unescapeHeredoc(p.Value))
			}
		default:
			if quoted {
				sb.WriteString(b.raw(p))
			} else {
				sb.WriteString(b.part(p))
			}
		}
	}
	body := sb.String()
	if r.Op == syntax.DashHdoc {
		lines := strings.Split(body, "\n")
		for i, l := range lines {
			lines[i] = strings.TrimLeft(l, "\t")
		}
		body = strings.Join(lines, "\n")
	}
	return body
}

// unescapeHeredoc applies the escapes of an unquoted here-document: \$,
// \`, \\ and \newline; any other backslash (also before ") stays.
func unescapeHeredoc(s string) string {
	if !strings.Contains(s, "\\") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			switch s[i+1] {
			case '$', '`', '\\':
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

// stdinData returns the content an "@-" data argument reads when the
// paste shows the command's standard input. curl reads its input once: a
// second "@-" reads nothing.
func (p *curlParser) stdinData(file string) (string, bool) {
	if file != "-" || p.stdin == nil {
		return "", false
	}
	s := *p.stdin
	empty := ""
	p.stdin = &empty
	return s, true
}

// stdinAt is stdinData for a data argument: "@-" reads standard input.
func (p *curlParser) stdinAt(v string) (string, bool) {
	if !strings.HasPrefix(v, "@") {
		return "", false
	}
	return p.stdinData(v[1:])
}
