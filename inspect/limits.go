package inspect

import (
	"fmt"
	"strconv"
	"strings"
)

// byteSize writes a size for an error message: "812 bytes", "4 MB",
// "1.5 MB" (powers of 1024, one decimal when it matters).
func byteSize(n int) string {
	const kb, mb = 1 << 10, 1 << 20
	unit := func(v int, u int, name string) string {
		whole := v / u
		tenth := v % u * 10 / u
		if tenth == 0 || whole >= 100 {
			return strconv.Itoa(whole) + " " + name
		}
		return strconv.Itoa(whole) + "." + strconv.Itoa(tenth) + " " + name
	}
	switch {
	case n >= mb:
		return unit(n, mb, "MB")
	case n >= kb:
		return unit(n, kb, "KB")
	}
	return strconv.Itoa(n) + " bytes"
}

// groupDigits writes n with a comma every three digits: 99,990.
func groupDigits(n int) string {
	s := strconv.Itoa(n)
	neg := ""
	if n < 0 {
		neg, s = "-", s[1:]
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return neg + s
}

// MaxPasteLines is how many lines the page takes in one paste into one of
// its text fields. Past some thousands of lines a browser's own paste into
// a textarea slows down with the square of the lines (Chromium: 2,000
// lines 0.25 s, 8,000 lines 2.3 s), and laying out the field costs tens of
// microseconds a line even when the text is set at once, so a larger paste
// would freeze the tab. The command line has no such limit.
const MaxPasteLines = 20000

// PasteLines is from how many lines on the page inserts a paste itself
// (PreparePaste) instead of leaving it to the browser, whose paste takes
// about as long per line as all lines before it.
const PasteLines = 1000

// PreparePaste is what the page inserts for a paste of text into a field
// when text has PasteLines lines or more. Blank lines and spaces at the end
// of the paste are dropped (no field gives them a meaning: a command, a
// token, a requirement or a key ends with its last character), keeping
// one line break when the paste ended with one. A paste that still has
// more than MaxPasteLines lines is refused with an error that says so.
func PreparePaste(text string) (string, error) {
	trimmed := strings.TrimRight(text, " \t\r\n")
	if len(trimmed) < len(text) && strings.ContainsAny(text[len(trimmed):], "\r\n") {
		trimmed += "\n"
	}
	if n := strings.Count(trimmed, "\n") + 1; n > MaxPasteLines {
		return "", fmt.Errorf("Not pasted: the text has %s lines, and a field of this page takes at most %s in one paste (a browser stalls laying out more). The command line reads any length: save the text to a file and run whydenied inspect FILE.",
			groupDigits(n), groupDigits(MaxPasteLines))
	}
	return trimmed, nil
}
