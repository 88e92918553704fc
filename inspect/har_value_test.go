package inspect

import (
	"context"
	"strings"
	"testing"
)

// stringEnd is the plain reference for stringBody: the index of the quote
// that ends the string whose body starts at start, or -1.
func stringEnd(d []byte, start int) int {
	for k := start; k < len(d); k++ {
		switch d[k] {
		case '\\':
			k++
		case '"':
			return k
		}
	}
	return -1
}

func checkStringBody(t *testing.T, d []byte) {
	t.Helper()
	if len(d) == 0 || d[0] != '"' {
		d = append([]byte{'"'}, d...)
	}
	r := &jreader{data: d}
	got := r.stringBody()
	end := stringEnd(d, 1)
	if end < 0 {
		if r.err != errTruncated {
			t.Fatalf("%q: read %q (err %v), want truncated", d, got, r.err)
		}
		return
	}
	if r.err != nil || string(got) != string(d[1:end]) || r.pos != end+1 {
		t.Fatalf("%q: read %q up to %d (err %v), want %q up to %d", d, got, r.pos, r.err, d[1:end], end+1)
	}
}

// The scanner finds the closing quote where a byte-by-byte reading does,
// whatever escapes and word boundaries surround it.
func TestStringBody(t *testing.T) {
	for _, s := range []string{
		// An escaped quote followed by '#', at every offset in a word:
		// href=\"#top\" in an HTML body. The quick zero-byte test marks
		// the '#' (0x23, one above '"') as a quote too.
		`"ab\"#cdefghijkl" tail`, `"\"#xxxxxxxxxxxxxxxxxxxx" tail`, `"abcdef\"#" tail`,
		`"<a href=\"#top\">up</a><a href=\"#\">x</a>" tail`,
		// Runs of backslashes before a quote, across word boundaries.
		`"1234567\\" tail`, `"123456\\\"x" tail`, `"12345678\\\\\\\"9" tail`, `"\\\\\\\\\\\\\\\\" tail`,
		// Empty, short, unterminated.
		`"" tail`, `"a" tail`, `"abcdefg`, `"abcdefgh\"`, `"`,
	} {
		checkStringBody(t, []byte(s))
		// And shifted across the eight-byte words.
		for pad := 1; pad < 8; pad++ {
			checkStringBody(t, []byte(`"`+strings.Repeat("p", pad)+s[1:]))
		}
	}
}

// A HAR whose body holds href=\"#…\" keeps its entries and the body whole.
func TestParseHARHashAfterEscapedQuote(t *testing.T) {
	body := `<a href=\"#main\">skip</a> <p style=\"#x\">` + strings.Repeat("text ", 20)
	har := `{"log":{"entries":[{"request":{"method":"GET","url":"https://a.test/"},"response":{"status":200,"content":{"mimeType":"text/html","text":"` + body + `"}}},` +
		`{"request":{"method":"GET","url":"https://a.test/api"},"response":{"status":403}}]}}`
	c, err := ParseHAR(context.Background(), []byte(har), nil)
	if err != nil || len(c.Entries) != 2 {
		t.Fatalf("%d entries, %v; want 2", len(c.Entries), err)
	}
	if got := string(c.Entries[0].Response.BodyExcerpt); !strings.HasPrefix(got, `<a href="#main">skip</a> <p style="#x">`) {
		t.Errorf("body excerpt %q", got)
	}
	if c.Entries[1].Response.Status != 403 {
		t.Errorf("second entry's status %d", c.Entries[1].Response.Status)
	}
}

// FuzzStringBody compares the scanner with the byte-by-byte reference.
func FuzzStringBody(f *testing.F) {
	for _, s := range []string{`"ab\"#c" x`, `"\\\\\"#\\" y`, `"12345678\"#"`, `"` + strings.Repeat(`\"#`, 9) + `"`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, d []byte) {
		checkStringBody(t, d)
	})
}
