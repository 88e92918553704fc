package inspect

import "strings"

// Limits on what the command parsers are given. The shell parser
// (mvdan.cc/sh) recurses once per nested construct ($(, ${, (, {, if, …),
// and a Go program cannot recover from running out of stack: deep nesting
// must be refused before parsing, not caught after.
const (
	// MaxCommandBytes is the largest command ParseCommand reads. A
	// "Copy as cURL" with a JSON body is a few KB; an upload pasted
	// inline may reach hundreds.
	MaxCommandBytes = 4 << 20
	// MaxShellNesting is the deepest nesting of shell constructs a bash
	// command may have: $( ), ${ }, $(( )), ( ), { }, [ ], backquotes,
	// double quotes around them, and if/while/until/for/case/select
	// blocks. Real commands nest a few levels.
	MaxShellNesting = 200
)

// shellNestingAt returns the offset of the first construct of src that
// opens more than max nested levels, or -1. It is an upper bound of the
// nesting the bash parser will meet: it knows quoting (single quotes, $'…',
// double quotes, backslashes, comments) well enough that the brackets of a
// quoted JSON body do not count, and counts any other bracket or block
// keyword, closed or not. It reads src once.
func shellNestingAt(src string, max int) int {
	var stack []byte
	top := func() byte {
		if len(stack) == 0 {
			return 0
		}
		return stack[len(stack)-1]
	}
	pop := func(open byte) {
		if top() == open {
			stack = stack[:len(stack)-1]
		}
	}
	for i := 0; i < len(src); i++ {
		c := src[i]
		if top() == '"' {
			switch c {
			case '\\':
				i++
			case '"':
				pop('"')
			case '`':
				stack = append(stack, '`')
			case '$':
				if i+1 < len(src) && (src[i+1] == '(' || src[i+1] == '{' || src[i+1] == '[') {
					i++
					stack = append(stack, src[i])
				}
			}
			if len(stack) > max {
				return i
			}
			continue
		}
		switch c {
		case '\\':
			i++
		case '\'':
			if i > 0 && src[i-1] == '$' {
				i = ansiCEnd(src, i+1)
			} else if j := strings.IndexByte(src[i+1:], '\''); j >= 0 {
				i += j + 1
			} else {
				return -1 // unterminated: the parser stops there
			}
		case '"', '(', '{', '[':
			stack = append(stack, c)
		case ')':
			pop('(')
		case '}':
			pop('{')
		case ']':
			pop('[')
		case '`':
			if top() == '`' {
				stack = stack[:len(stack)-1]
			} else {
				stack = append(stack, '`')
			}
		case '#':
			if i == 0 || isShellBlank(src[i-1]) {
				if j := strings.IndexByte(src[i:], '\n'); j >= 0 {
					i += j
				} else {
					i = len(src)
				}
			}
		default:
			if !isShellWordByte(c) || i > 0 && isShellWordByte(src[i-1]) {
				continue
			}
			j := i
			for j < len(src) && isShellWordByte(src[j]) {
				j++
			}
			switch src[i:j] {
			case "if", "while", "until", "for", "case", "select":
				stack = append(stack, 'K')
			case "fi", "done", "esac":
				pop('K')
			}
			i = j - 1
		}
		if len(stack) > max {
			return i
		}
	}
	return -1
}

// ansiCEnd returns the offset of the quote that ends a $'…' string whose
// body starts at i (backslash escapes apply), or len(s)-1.
func ansiCEnd(s string, i int) int {
	for ; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case '\'':
			return i
		}
	}
	return len(s) - 1
}

func isShellBlank(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ';' }

func isShellWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
}
