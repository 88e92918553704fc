package inspect

import (
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// ErrIncompleteCommand matches (errors.Is) a *CommandError for a paste that
// was cut off: an unterminated quote, a trailing line continuation, an
// operator with nothing after it.
var ErrIncompleteCommand = errors.New("incomplete command")

// CommandError is why a pasted command could not be read. Line and Col are
// 1-based; Col counts bytes, as mvdan.cc/sh and most editors' "column" in
// plain ASCII do. It prints as "1:48: unterminated single quote".
type CommandError struct {
	Line, Col int
	Msg       string
	// Incomplete is true when the text looks cut off rather than wrong:
	// more input would have made it valid.
	Incomplete bool
}

func (e *CommandError) Error() string {
	return fmt.Sprintf("%d:%d: %s", e.Line, e.Col, e.Msg)
}

// Is reports whether target is ErrIncompleteCommand and the error is an
// incomplete paste.
func (e *CommandError) Is(target error) bool {
	return target == ErrIncompleteCommand && e.Incomplete
}

// errAt builds a CommandError at byte offset off of text.
func errAt(text string, off int, incomplete bool, format string, args ...any) *CommandError {
	line, col := lineCol(text, off)
	return &CommandError{Line: line, Col: col, Msg: fmt.Sprintf(format, args...), Incomplete: incomplete}
}

// lineCol turns a byte offset into a 1-based line and byte column. Offsets
// outside the text are clamped to it.
func lineCol(text string, off int) (line, col int) {
	if off < 0 {
		off = 0
	}
	if off > len(text) {
		off = len(text)
	}
	before := text[:off]
	return strings.Count(before, "\n") + 1, off - (strings.LastIndexByte(before, '\n') + 1) + 1
}

// positions turns byte offsets of one text into line:col in O(log n), for
// texts with many findings.
type positions struct {
	text string
	nl   []int // offsets of every '\n'
}

func newPositions(text string) *positions {
	// Counted first: a paste of a million blank lines grew this slice
	// twenty times over.
	p := &positions{text: text, nl: make([]int, 0, strings.Count(text, "\n"))}
	for i := 0; ; {
		j := strings.IndexByte(text[i:], '\n')
		if j < 0 {
			return p
		}
		p.nl = append(p.nl, i+j)
		i += j + 1
	}
}

// at is "line:col" of offset off.
func (p *positions) at(off int) string {
	off = max(0, min(off, len(p.text)))
	line := sort.SearchInts(p.nl, off) // newlines before off
	start := 0
	if line > 0 {
		start = p.nl[line-1] + 1
	}
	return strconv.Itoa(line+1) + ":" + strconv.Itoa(off-start+1)
}
