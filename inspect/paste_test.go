package inspect

import (
	"strings"
	"testing"
)

func TestPreparePaste(t *testing.T) {
	for _, c := range []struct {
		name, text, want, err string
	}{
		{name: "blank tail dropped, one line break kept", text: "curl https://a/" + strings.Repeat("\n", 1000000), want: "curl https://a/\n"},
		{name: "CRLF and spaces in the tail", text: "aud=x\r\n  \r\n\t\r\n", want: "aud=x\n"},
		{name: "no line break at the end stays without", text: "a\nb   ", want: "a\nb"},
		{name: "blank lines inside are kept", text: "a\n\n\nb\n", want: "a\n\n\nb\n"},
		{name: "at the limit", text: strings.Repeat("x\n", MaxPasteLines-1) + "x", want: strings.Repeat("x\n", MaxPasteLines-1) + "x"},
		{name: "one line more", text: strings.Repeat("x\n", MaxPasteLines) + "x",
			err: "Not pasted: the text has 20,001 lines, and a field of this page takes at most 20,000 in one paste"},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, err := PreparePaste(c.text)
			if c.err != "" {
				if err == nil || !strings.Contains(err.Error(), c.err) {
					t.Fatalf("error %v, want one containing %q", err, c.err)
				}
				return
			}
			if err != nil || got != c.want {
				t.Errorf("got %q (%d bytes), %v; want %q", trimQ(got), len(got), err, trimQ(c.want))
			}
		})
	}
}

func trimQ(s string) string {
	if len(s) > 40 {
		return s[:40] + "…"
	}
	return s
}
