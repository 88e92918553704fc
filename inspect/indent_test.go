package inspect

import (
	"encoding/base64"
	"strings"
	"testing"
	"time"
)

func TestIndentJSONKeepsNumberText(t *testing.T) {
	// Re-encoding through float64 would print 12345678901234567000 and
	// 1e+21; the page and the CLI must show what the token says.
	raw := []byte("{\"id\":12345678901234567890,\r\n \"big\":1000000000000000000000,\"f\":1.50}")
	want := "{\n  \"id\": 12345678901234567890,\n  \"big\": 1000000000000000000000,\n  \"f\": 1.50\n}"
	if got, note := IndentJSON(raw, ""); got != want || note != "" {
		t.Errorf("IndentJSON = %q, %q; want %q", got, note, want)
	}
	// Not JSON: shown as it is.
	if got, note := IndentJSON([]byte("{oops"), ""); got != "{oops" || note != "" {
		t.Errorf("IndentJSON(invalid) = %q, %q", got, note)
	}
}

func TestIndentJSONDepth(t *testing.T) {
	nest := func(n int) []byte {
		return []byte(`{"s":"[[[{{{", "a":` + strings.Repeat("[ ", n-1) + strings.Repeat("] ", n-1) + `}`)
	}
	// At the limit: indented, brackets inside strings not counted.
	got, note := IndentJSON(nest(MaxIndentDepth), "")
	if note != "" || !strings.Contains(got, "\n"+strings.Repeat("  ", MaxIndentDepth-1)+"[]") {
		t.Errorf("nested %d levels: note %q, text %q", MaxIndentDepth, note, got)
	}
	// One level deeper: compact on one line, and the note says why.
	got, note = IndentJSON(nest(MaxIndentDepth+1), "    ")
	want := `{"s":"[[[{{{","a":` + strings.Repeat("[", MaxIndentDepth) + strings.Repeat("]", MaxIndentDepth) + `}`
	if got != want {
		t.Errorf("nested %d levels: %q, want %q", MaxIndentDepth+1, got, want)
	}
	if note != "nested 33 levels deep, more than the 32 shown indented: written on one line" {
		t.Errorf("note %q", note)
	}
}

func TestFormatTextDeepPayload(t *testing.T) {
	payload := `{"exp":1,"a":` + strings.Repeat("[", 5000) + strings.Repeat("]", 5000) + `}`
	c := ParseTokens("eyJhbGciOiJIUzI1NiJ9." + base64.RawURLEncoding.EncodeToString([]byte(payload)) + ".c2ln")
	out := FormatText(Diagnose(c, Requirement{}, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), 0))
	if !strings.Contains(out, "  payload (nested 5001 levels deep, more than the 32 shown indented: written on one line):\n    "+payload+"\n") {
		t.Errorf("deep payload not written compact with its note:\n%.2000s", out)
	}
	if len(out) > 3*len(payload)+4096 {
		t.Errorf("%d bytes of text for a payload of %d", len(out), len(payload))
	}
}

// A token whose JSON nests deeper than MaxTokenJSONDepth is not decoded
// (decoding recurses per level, and the page's call stack ends the program
// at a few thousand): a warning names the depth, the JSON is kept to show.
func TestTokenJSONDepthLimit(t *testing.T) {
	enc := base64.RawURLEncoding.EncodeToString
	for _, tc := range []struct {
		depth  int
		decode bool
	}{{MaxTokenJSONDepth, true}, {MaxTokenJSONDepth + 1, false}, {5000, false}} {
		payload := `{"exp":2000000000,"a":` + strings.Repeat("[", tc.depth-1) + strings.Repeat("]", tc.depth-1) + `}`
		tok := DecodeToken(enc([]byte(`{"alg":"HS256"}`))+"."+enc([]byte(payload))+".c2ln", "input")
		if got := tok.Claims != nil; got != tc.decode {
			t.Errorf("depth %d: claims decoded %v, want %v", tc.depth, got, tc.decode)
		}
		if string(tok.PayloadJSON) != payload {
			t.Errorf("depth %d: payload not kept to show", tc.depth)
		}
		warned := false
		for _, f := range tok.Findings {
			warned = warned || f.Code == CodeTokenMalformed && f.Severity == SeverityWarning &&
				f.Title == "The payload nests "+groupDigits(tc.depth)+" levels deep: not read"
		}
		if warned == tc.decode {
			t.Errorf("depth %d: warning %v, findings %+v", tc.depth, warned, tok.Findings)
		}
		// Unread claims say nothing about what a server answers.
		want := VerdictOK
		if !tc.decode {
			want = VerdictUnknown
		}
		if r := Diagnose(Case{Kind: KindTokens, Tokens: []Token{tok}}, Requirement{}, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), 0); r.Verdict != want {
			t.Errorf("depth %d: verdict %s, want %s", tc.depth, r.Verdict, want)
		}
	}
}
