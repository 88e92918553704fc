package inspect

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"strings"
	"testing"
	"time"
	"unicode/utf16"
)

// A HAR with one request whose Bearer token got a 401.
const inputHAR = `{"log":{"version":"1.2","creator":{"name":"WebInspector"},"entries":[{"startedDateTime":"2026-01-02T03:04:05Z",` +
	`"request":{"method":"GET","url":"https://api.example.test/orders","headers":[{"name":"Authorization","value":"Bearer ` + scaleJWT + `"}]},` +
	`"response":{"status":401,"headers":[{"name":"WWW-Authenticate","value":"Bearer error=\"invalid_token\""}]}}]}}`

func gzipped(s string) []byte {
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	w.Write([]byte(s))
	w.Close()
	return b.Bytes()
}

func utf16Bytes(s string, littleEndian, bom bool) []byte {
	var out []byte
	u := utf16.Encode([]rune(s))
	if bom {
		u = append([]uint16{0xFEFF}, u...)
	}
	for _, c := range u {
		if littleEndian {
			out = append(out, byte(c), byte(c>>8))
		} else {
			out = append(out, byte(c>>8), byte(c))
		}
	}
	return out
}

// Inputs that were all read as token text ("401 malformed token") are
// recognised by their structure: a HAR however it is wrapped or encoded,
// JSON that is not a HAR as unusable input.
func TestParseBytesRecognisesHARs(t *testing.T) {
	pad := `{"comment":"` + strings.Repeat("x", 5000) + `",` + inputHAR[1:]
	for _, tc := range []struct {
		name string
		in   []byte
	}{
		{"plain", []byte(inputHAR)},
		{"gzip", gzipped(inputHAR)},
		{"UTF-16LE with BOM", utf16Bytes(inputHAR, true, true)},
		{"UTF-16BE with BOM", utf16Bytes(inputHAR, false, true)},
		{"UTF-16LE without BOM", utf16Bytes(inputHAR, true, false)},
		{"UTF-16BE without BOM", utf16Bytes(inputHAR, false, false)},
		{"gzip of UTF-16", gzipped(string(utf16Bytes(inputHAR, true, true)))},
		{"log after 5 KB of other members", []byte(pad)},
		{"HARP (harviewer)", []byte("onInputData(" + inputHAR + ");")},
		{"HARP with spaces and a dotted name", []byte("\n window.har.load ( " + inputHAR + " )\n")},
		{"UTF-8 BOM", []byte("\ufeff" + inputHAR)},
	} {
		c, err := ParseBytes(tc.in)
		if err != nil || c.Kind != KindHAR || len(c.Entries) != 1 || c.Entries[0].Response == nil || c.Entries[0].Response.Status != 401 {
			t.Errorf("%s: ParseBytes = kind %s, %d entries, %v; want the HAR's one 401", tc.name, c.Kind, len(c.Entries), err)
			continue
		}
		// The page reads files with ParseHAR: the same must hold there.
		if c, err := ParseHAR(context.Background(), tc.in, nil); err != nil || len(c.Entries) != 1 {
			t.Errorf("%s: ParseHAR = %d entries, %v; want 1", tc.name, len(c.Entries), err)
		}
		r := Diagnose(c, Requirement{}, time.Date(2026, 1, 2, 3, 4, 6, 0, time.UTC), 0)
		if r.Verdict != Verdict401 {
			t.Errorf("%s: verdict %s, want 401 (the server's invalid_token)", tc.name, r.Verdict)
		}
	}
}

func TestParseBytesRefusesJSONThatIsNotAHAR(t *testing.T) {
	for _, in := range []string{`{}`, `[]`, `42`, `null`, `true`, `"hello"`, `{"a":{"b":[1,2]}}`, ` [ {"x": 1} ] `} {
		c, err := ParseBytes([]byte(in))
		var he *HARError
		if !errors.As(err, &he) || !errors.Is(err, ErrNotHAR) || !strings.Contains(err.Error(), "JSON, but not a HAR: no log.entries") {
			t.Errorf("ParseBytes(%q) = %v; want ErrNotHAR \"JSON, but not a HAR: no log.entries\"", in, err)
		}
		if len(c.Tokens)+len(c.Entries)+len(c.Findings) != 0 {
			t.Errorf("ParseBytes(%q) read %d tokens, %d entries, %d findings from nothing", in, len(c.Tokens), len(c.Entries), len(c.Findings))
		}
	}
	// log that is not an object: a HAR that is wrong, said where.
	_, err := ParseBytes([]byte(`{"log":[]}`))
	var he *HARError
	if !errors.As(err, &he) || !errors.Is(err, ErrNotHAR) || he.Path != "log" {
		t.Errorf(`ParseBytes({"log":[]}) = %v; want ErrNotHAR at path log`, err)
	}
}

// A HAR cut off or broken is a HAR all the same: its error has the offset
// and the JSON path, never "No JWT found".
func TestParseBytesBrokenHAR(t *testing.T) {
	for _, tc := range []struct {
		in       string
		sentinel error
		off      int64
		path     string
	}{
		{inputHAR[:8], ErrTruncated, 8, "log"}, // the first 8 bytes of a HAR: {"log":{
		{`{"log":{"entries":[{"request":`, ErrTruncated, 30, "log.entries[0].request"},
		{`{"log":{"entries":[{"a" 1}]}}`, ErrSyntax, 24, "log.entries[0].a"},
		{`{"comment":"` + strings.Repeat("y", 5000) + `","log":{"entries":[}`, ErrSyntax, 5032, "log.entries[0]"},
	} {
		_, err := ParseBytes([]byte(tc.in))
		var he *HARError
		if !errors.As(err, &he) || !errors.Is(err, tc.sentinel) || he.Offset != tc.off || he.Path != tc.path {
			t.Errorf("ParseBytes(%.40q) = %#v; want %v at byte %d, path %q", tc.in, he, tc.sentinel, tc.off, tc.path)
		}
	}
	// A gzip file that is cut: an encoding error, not token text.
	z := gzipped(inputHAR)
	_, err := ParseBytes(z[:len(z)/2])
	if !errors.Is(err, ErrEncoding) || !strings.Contains(err.Error(), "gzip") {
		t.Errorf("ParseBytes(half a gzip file) = %v; want ErrEncoding naming gzip", err)
	}
}

// JSON holding tokens is still read for them, whole or cut.
func TestParseBytesTokenJSON(t *testing.T) {
	for _, in := range []string{
		`{"access_token":"` + scaleJWT + `","token_type":"Bearer"}`,
		`[{"token":"` + scaleJWT + `"}]`,
		`{"access_token":"` + scaleJWT + `","expires_in":36`, // cut off
		`"` + scaleJWT + `"`,
	} {
		c, err := ParseBytes([]byte(in))
		if err != nil || c.Kind != KindTokens || len(c.Tokens) != 1 || c.Tokens[0].Raw != scaleJWT {
			t.Errorf("ParseBytes(%.50q) = kind %s, %d tokens, %v; want the one token", in, c.Kind, len(c.Tokens), err)
		}
	}
	c, _ := ParseBytes([]byte(`{"a":{"b":[1,{"id_token":"x ` + scaleJWT + `"}]}}`))
	if len(c.Tokens) != 1 || c.Tokens[0].Source != "a.b[1].id_token" || c.Tokens[0].Offset != 28 {
		t.Errorf("token in nested JSON: %+v; want source a.b[1].id_token at byte 28", c.Tokens)
	}
}

// A status that is not a number was read as "no answer was recorded"
// without a word: now the entry says so, with the path.
func TestParseHARStatusNotANumber(t *testing.T) {
	for _, st := range []string{`1e999`, `NaN`, `-0`, `"four-oh-one"`, `401.5`, `42`, `true`, `{}`, `"-0"`} {
		in := strings.Replace(inputHAR, `"status":401`, `"status":`+st, 1)
		c, err := ParseHAR(context.Background(), []byte(in), nil)
		if err != nil || len(c.Entries) != 1 {
			t.Fatalf("status %s: %d entries, %v", st, len(c.Entries), err)
		}
		e := c.Entries[0]
		var f *Finding
		for i := range e.Findings {
			if e.Findings[i].Code == CodeHARMalformed {
				f = &e.Findings[i]
			}
		}
		if f == nil || !strings.Contains(f.Evidence, "log.entries[0].response.status") || !strings.Contains(f.Title, "not an HTTP status") {
			t.Errorf("status %s: findings %+v; want har.malformed naming log.entries[0].response.status", st, e.Findings)
		}
		if e.Response != nil && e.Response.Status != 0 {
			t.Errorf("status %s read as %d", st, e.Response.Status)
		}
	}
	for _, tc := range []struct {
		st   string
		want int
	}{{`401`, 401}, {`"401"`, 401}, {`-1`, 0}, {`0`, 0}, {`null`, 0}, {` 403 `, 403}} {
		in := strings.Replace(inputHAR, `"status":401`, `"status":`+tc.st, 1)
		c, _ := ParseHAR(context.Background(), []byte(in), nil)
		if len(c.Entries[0].Findings) != 0 || c.Entries[0].Response.Status != tc.want {
			t.Errorf("status %s: %d, findings %+v; want %d and no finding", tc.st, c.Entries[0].Response.Status, c.Entries[0].Findings, tc.want)
		}
	}
}

// A JWT cut off in the middle is a malformed JWT (401), never an opaque
// bearer token — pasted, in a curl command, in a HAR.
func TestCutJWTIsMalformed(t *testing.T) {
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	const header = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9" // {"alg":"HS256","typ":"JWT"}
	cuts := []string{
		"eyJhbGci",                        // inside the header
		header,                            // the header alone
		header + ".",                      // and its dot
		header + ".eyJzdWIiOiJhbGlj",      // one dot, the payload cut
		header + ".eyJzdWIiOiJhbGlj.c2ln", // a payload that does not decode
	}
	check := func(where string, r Report) {
		t.Helper()
		codes := map[string]bool{}
		for _, f := range r.Findings {
			codes[f.Code] = true
		}
		for _, er := range r.Entries {
			for _, f := range er.Findings {
				codes[f.Code] = true
			}
		}
		if r.Verdict != Verdict401 || !codes[CodeTokenMalformed] || codes[CodeAuthOther] {
			t.Errorf("%s: verdict %s, codes %v; want 401 with token.malformed and no opaque-token finding", where, r.Verdict, codes)
		}
	}
	for _, cut := range cuts {
		for _, text := range []string{cut, "Authorization: Bearer " + cut, "Bearer " + cut, "the token is " + cut + " (cut)"} {
			c, err := Parse(text)
			if err != nil {
				t.Fatal(err)
			}
			check("pasted "+text, Diagnose(c, Requirement{}, now, 0))
		}
		c, err := Parse("curl https://api.example.test/ -H 'Authorization: Bearer " + cut + "'")
		if err != nil {
			t.Fatal(err)
		}
		check("curl with "+cut, Diagnose(c, Requirement{}, now, 0))
		har := strings.Replace(inputHAR, scaleJWT, cut, 1)
		har = strings.Replace(har, `,{"name":"WWW-Authenticate","value":"Bearer error=\"invalid_token\""}`, "", 1)
		har = strings.Replace(har, `{"name":"WWW-Authenticate","value":"Bearer error=\"invalid_token\""}`, "", 1)
		c, err = ParseBytes([]byte(har))
		if err != nil {
			t.Fatal(err)
		}
		check("HAR with "+cut, Diagnose(c, Requirement{}, now, 0))
	}
}

// Text holding no token, command or HAR says so, and the verdict is
// unknown: nothing was sent, nothing was refused.
func TestTextWithNothingToJudge(t *testing.T) {
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	for _, text := range []string{"hello", "hello, this is not a token", "Lorem ipsum\ndolor sit amet", "ewok"} {
		c, err := Parse(text)
		if err != nil || len(c.Tokens) != 0 || len(c.Findings) != 1 || c.Findings[0].Code != CodeInputUnrecognized {
			t.Errorf("Parse(%q) = %d tokens, findings %+v, %v; want one input.unrecognized", text, len(c.Tokens), c.Findings, err)
		}
		if r := Diagnose(c, Requirement{}, now, 0); r.Verdict != VerdictUnknown {
			t.Errorf("Parse(%q): verdict %s, want unknown", text, r.Verdict)
		}
	}
	// A long word of token characters is an opaque token: named, not
	// judged (only its issuer can read it).
	c, _ := Parse("gho_16C7e42F292c6912E7710c838347Ae178B4a")
	if len(c.Findings) != 1 || c.Findings[0].Code != CodeAuthOther {
		t.Errorf("opaque token: findings %+v; want auth.other_scheme", c.Findings)
	}
}

// Entries that record nothing ({}) are left out with one finding; a HAR of
// a million of them cost 13 s and 1.3 GB.
func TestParseHARLeavesOutEmptyEntries(t *testing.T) {
	in := `{"log":{"entries":[{},{"cache":{}},` + inputHAR[strings.Index(inputHAR, `{"startedDateTime"`):len(inputHAR)-3] + `,{}]}}`
	c, err := ParseHAR(context.Background(), []byte(in), nil)
	if err != nil || len(c.Entries) != 1 || c.Entries[0].Index != 2 {
		t.Fatalf("ParseHAR = %d entries, %v; want the one request, index 2", len(c.Entries), err)
	}
	var found bool
	for _, f := range c.Findings {
		found = found || f.Code == CodeHARMalformed && strings.HasPrefix(f.Title, "3 entries") && strings.Contains(f.Evidence, "log.entries[0]")
	}
	if !found {
		t.Errorf("findings %+v; want har.malformed: 3 entries left out, the first log.entries[0]", c.Findings)
	}
}

// Reading stops at MaxHAREntries, with a finding; what was read is judged.
func TestParseHARMaxEntries(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 2.5 MB HAR")
	}
	in := `{"log":{"entries":[` + strings.Repeat(`{"request":{"url":"a"}},`, MaxHAREntries) + `{"request":{"url":"b"}}]}}`
	c, err := ParseHAR(context.Background(), []byte(in), nil)
	if err != nil || len(c.Entries) != MaxHAREntries {
		t.Fatalf("ParseHAR = %d entries, %v; want %d", len(c.Entries), err, MaxHAREntries)
	}
	last := c.Findings[len(c.Findings)-1]
	if last.Code != CodeHARMalformed || !strings.Contains(last.Title, "100,000") {
		t.Errorf("last finding %+v; want har.malformed naming the limit", last)
	}
}
