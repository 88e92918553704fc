package inspect

import (
	"fmt"
	"strings"
)

// posFinding is a finding with the offset it was made at.
type posFinding struct {
	Finding
	offset int
}

// cmdChar is one character of a cmd.exe command line after cmd's own
// processing, with its offset in the paste.
type cmdChar struct {
	c   byte
	off int
}

// cmdCommands reads Windows cmd syntax as DevTools' "Copy as cURL (cmd)"
// writes it, in two passes as Windows does: cmd.exe first (^ escapes, ^ at
// a line end continues the line, "…" protects from it, & and | separate
// commands), then the C runtime's argument splitting curl.exe sees
// (whitespace separates, "…" groups, \" is a quote, "" inside quotes is a
// quote). %NAME% is not expanded: it stays as written and is named in a
// curl.unexpanded finding.
func cmdCommands(text string) ([]shellCmd, error) {
	lines, findings, err := cmdLines(text)
	var out []shellCmd
	for _, line := range lines {
		words, werr := crtSplit(text, line)
		if werr != nil && err == nil {
			err = werr
		}
		if len(words) == 0 || !isCurlName(words[0].Value) {
			continue
		}
		out = append(out, shellCmd{words: words, findings: findingsWithin(findings, line)})
	}
	return out, err
}

// cmdLines is cmd.exe's pass: it returns one character list per command.
func cmdLines(text string) ([][]cmdChar, []posFinding, error) {
	var lines [][]cmdChar
	var cur []cmdChar
	var findings []posFinding
	pos := newPositions(text)
	quoted := false
	flush := func() {
		if len(cur) > 0 {
			lines = append(lines, cur)
		}
		cur = nil
	}
	for i := 0; i < len(text); i++ {
		c := text[i]
		switch {
		case c == '^' && !quoted:
			if i+1 >= len(text) {
				flush()
				return lines, findings, errAt(text, i, true, "command ends with a line continuation ^")
			}
			i++
			if text[i] == '\r' && i+1 < len(text) && text[i+1] == '\n' {
				i++
			}
			if text[i] == '\n' {
				// ^ at a line end: the next line continues this one and its
				// first character is taken literally.
				if i+1 >= len(text) {
					flush()
					return lines, findings, errAt(text, i-1, true, "command ends with a line continuation ^")
				}
				i++
				if text[i] == '\r' && i+1 < len(text) && text[i+1] == '\n' {
					i++
				}
			}
			cur = append(cur, cmdChar{text[i], i})
		case c == '"':
			quoted = !quoted
			cur = append(cur, cmdChar{c, i})
		case c == '\r' && i+1 < len(text) && text[i+1] == '\n':
		case c == '\n':
			quoted = false
			flush()
		case (c == '&' || c == '|') && !quoted:
			if i+1 < len(text) && text[i+1] == c {
				i++
			}
			flush()
		case c == '%':
			if n := cmdVarLen(text[i:]); n > 0 {
				name := text[i : i+n]
				findings = append(findings, posFinding{offset: i, Finding: newFinding(CodeCurlUnexpanded,
					"Not expanded: "+name,
					"cmd.exe would replace this environment variable with a value the paste does not show; it is kept as written.",
					fmt.Sprintf("%s at %s", name, pos.at(i)))})
			}
			cur = append(cur, cmdChar{c, i})
		default:
			cur = append(cur, cmdChar{c, i})
		}
	}
	flush()
	return lines, findings, nil
}

// cmdVarLen returns the length of a %NAME% reference at the start of s, or
// 0. DevTools writes %^NAME so that cmd does not expand it.
func cmdVarLen(s string) int {
	if len(s) < 3 || s[0] != '%' {
		return 0
	}
	c := s[1]
	if !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c == '_') {
		return 0
	}
	for j := 2; j < len(s); j++ {
		c := s[j]
		switch {
		case c == '%':
			return j + 1
		case c >= 'A' && c <= 'Z', c >= 'a' && c <= 'z', c >= '0' && c <= '9', c == '_':
		default:
			return 0
		}
	}
	return 0
}

// crtSplit splits one command line into arguments as the Microsoft C
// runtime does for curl.exe.
func crtSplit(text string, line []cmdChar) ([]shellWord, error) {
	var words []shellWord
	var b strings.Builder
	inWord, quoted, quoteOff, start := false, false, 0, 0
	end := func() {
		if inWord {
			words = append(words, shellWord{Value: b.String(), Off: start})
		}
		b.Reset()
		inWord = false
	}
	for i := 0; i < len(line); i++ {
		c := line[i].c
		if !inWord {
			if !quoted && (c == ' ' || c == '\t') {
				continue
			}
			inWord, start = true, line[i].off
		}
		switch {
		case !quoted && (c == ' ' || c == '\t'):
			end()
		case c == '\\':
			n := 0
			for i+n < len(line) && line[i+n].c == '\\' {
				n++
			}
			if i+n < len(line) && line[i+n].c == '"' {
				b.WriteString(strings.Repeat("\\", n/2))
				if n%2 == 1 {
					b.WriteByte('"')
					i += n
				} else {
					i += n - 1
				}
				continue
			}
			b.WriteString(strings.Repeat("\\", n))
			i += n - 1
		case c == '"':
			if quoted && i+1 < len(line) && line[i+1].c == '"' {
				b.WriteByte('"')
				i++
				continue
			}
			quoted = !quoted
			if quoted {
				quoteOff = line[i].off
			}
		default:
			b.WriteByte(c)
		}
	}
	end()
	if quoted {
		return words, errAt(text, quoteOff, true, "unterminated double quote")
	}
	return words, nil
}

// findingsWithin keeps the findings whose position falls inside line.
func findingsWithin(fs []posFinding, line []cmdChar) []Finding {
	if len(line) == 0 {
		return nil
	}
	lo, hi := line[0].off, line[len(line)-1].off
	var out []Finding
	for _, f := range fs {
		if f.offset >= lo && f.offset <= hi {
			out = append(out, f.Finding)
		}
	}
	return out
}
