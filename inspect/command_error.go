package inspect

import (
	"errors"
	"fmt"
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
	line, col = 1, 1
	for i := 0; i < off; i++ {
		if text[i] == '\n' {
			line++
			col = 1
		} else {
			col++
		}
	}
	return line, col
}

// posString is "line:col" of offset off in text, for findings' evidence.
func posString(text string, off int) string {
	l, c := lineCol(text, off)
	return fmt.Sprintf("%d:%d", l, c)
}
