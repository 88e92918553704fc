package inspect

import (
	"bytes"
	"errors"
	"io"
	"strconv"
	"strings"

	"github.com/go-json-experiment/json/jsontext"
)

// Errors a HAR reader returns, wrapped in a *HARError; test with errors.Is.
var (
	// ErrNotJSON: the input is not JSON at all (it does not start with a
	// JSON value, or is empty).
	ErrNotJSON = errors.New("not JSON")
	// ErrNotHAR: the input is JSON but has no log.entries array.
	ErrNotHAR = errors.New("not a HAR: no log.entries")
	// ErrTruncated: the input ends in the middle of a JSON value (a cut-off
	// download or copy).
	ErrTruncated = errors.New("truncated")
	// ErrSyntax: the input is JSON up to a point and then is not.
	ErrSyntax = errors.New("invalid JSON")
)

// HARError says what is wrong with a HAR file and where: the byte offset in
// the input (counting a byte-order mark) and the JSON path of the value being
// read, written the way a person reads it: log.entries[12].response.status.
type HARError struct {
	Offset int64
	Path   string
	Msg    string
	// Err is one of ErrNotJSON, ErrNotHAR, ErrTruncated, ErrSyntax, or the
	// context's error when reading was cancelled.
	Err error
}

func (e *HARError) Error() string {
	var b strings.Builder
	b.WriteString("har: ")
	if e.Path != "" {
		b.WriteString(shortPath(e.Path))
		b.WriteString(": ")
	}
	b.WriteString("byte ")
	b.WriteString(strconv.FormatInt(e.Offset, 10))
	b.WriteString(": ")
	b.WriteString(e.Msg)
	return b.String()
}

// maxPathSteps is how many steps of a JSON path an error message shows.
const maxPathSteps = 8

// shortPath cuts a JSON path of more than maxPathSteps steps, saying how
// many were left out: log.entries[0][0][0][0][0][0][0] … and 9,993 more.
func shortPath(p string) string {
	steps, cut := 0, -1
	for i := 0; i < len(p); i++ {
		if p[i] == '.' || p[i] == '[' {
			if steps == maxPathSteps {
				cut = i
			}
			steps++
		}
	}
	if cut < 0 || steps <= maxPathSteps+1 {
		return p
	}
	return p[:cut] + " … and " + groupDigits(steps-maxPathSteps) + " more"
}

// Unwrap returns the sentinel (ErrNotJSON, …) or the context's error.
func (e *HARError) Unwrap() error { return e.Err }

// pointerPath turns a JSON pointer (/log/entries/12/response) into the dotted
// path people read (log.entries[12].response).
func pointerPath(p jsontext.Pointer) string {
	var b strings.Builder
	for tok := range p.Tokens() {
		if tok != "" && strings.Trim(tok, "0123456789") == "" {
			b.WriteString("[" + tok + "]")
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(tok)
	}
	return b.String()
}

// locate fills in the JSON path of a syntax error (and a more precise
// message) by reading body again with the strict jsontext tokenizer, which
// tracks the path of every value. It runs only when reading failed, so the
// fast path pays nothing for paths. When jsontext finds the first error
// earlier than the scanner (the scanner does not validate what it skips),
// that earlier place is reported: it is where the file stops being JSON.
func locate(body []byte, shift int64, he *HARError) {
	dec := jsontext.NewDecoder(bytes.NewReader(body),
		jsontext.AllowDuplicateNames(true), jsontext.AllowInvalidUTF8(true))
	_, err := dec.ReadValue()
	var se *jsontext.SyntacticError
	if !errors.As(err, &se) {
		return
	}
	if se.ByteOffset+shift > he.Offset {
		return
	}
	he.Path = pointerPath(se.JSONPointer)
	he.Offset = se.ByteOffset + shift
	if errors.Is(se.Err, io.ErrUnexpectedEOF) {
		he.Err, he.Msg = ErrTruncated, errTruncated.msg
		return
	}
	he.Err = ErrSyntax
	he.Msg = strings.TrimPrefix(se.Err.Error(), "jsontext: ")
}
