package inspect

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	jsonv2 "github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
)

func hasFinding(fs []Finding, code string) bool {
	for _, f := range fs {
		if f.Code == code {
			return true
		}
	}
	return false
}

// FuzzParseHAR feeds the HAR reader anything: it must never panic, always
// fail with a *HARError, keep excerpts within their caps, and the diagnosis
// of whatever it read must not panic either.
func FuzzParseHAR(f *testing.F) {
	seeds := []string{
		``, `{`, `[`, `"`, `{"log"`, `{"log":`, `{"log":{`, `{"log":{"entries":[`,
		"\uFEFF{\"log\":{\"entries\":[]}}",
		`{"log":{"entries":[{"request":{"url":"a"}},{"response":{"status":4`,
		`{"log":{"entries":[{"startedDateTime":1e400,"time":"x","request":7,"response":"s"}]}}`,
		`{"log":{"entries":[{"response":{"status":"401","headers":[{"name":1,"value":{}}],"content":{"text":"\ud800\\","mimeType":5}}}]}}`,
		`{"log":{"entries":[{"response":{"status":-1,"_failureText":"net::ERR_FAILED"},"request":{"headers":[{"name":"Origin","value":"https://a"}],"url":"https://b/"}}]}}`,
		`{"log":{"entries":[{"response":{"status":200,"headers":[{"name":"a","value":"b"}],"content":{"encoding":"base64","text":"####","mimeType":"text/plain"}}}]}}`,
		`{"log":{"entries":[]},"log":{"entries":[{}]}}`,
		`{"log":{"entries":[[[[[[[[[[]]]]]]]]]]}}`,
		`{"log":{"entries":[{"a":"\"\\\"\\\\"}]}} trailing`,
		`{"log":{"entries":[{]}}`, `{"log":{"entries":[}`, `{"log":{"entries":[1,,2]}}`,
		string(genHAR(3, 200)),
		// Wrapped and encoded HARs: HARP, gzip, UTF-16 with and
		// without a byte-order mark, the log member after others.
		`onInputData({"log":{"entries":[{"request":{"url":"a"}}]}});`,
		string(gzipped(inputHAR)),
		string(utf16Bytes(inputHAR, true, true)),
		string(utf16Bytes(inputHAR, false, false)),
		`{"x":[1,{"log":2}],"log":{"entries":[{},{"response":{"status":"four-oh-one"}}]}}`,
		`{"log":{"entries":[{"response":{"status":1e999}},{"response":{"status":-0}},{"response":{"status":NaN}}]}}`,
	}
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := ParseHAR(context.Background(), data, nil)
		if err != nil {
			var he *HARError
			if !errors.As(err, &he) {
				t.Fatalf("error %T %v is not a *HARError", err, err)
			}
			// The offset counts the decoded text of a gzip or UTF-16
			// input (the message says so), which may be longer.
			size := len(data)
			if dec, undone, derr := decodeInput(data); derr == nil && undone != "" {
				size = len(dec)
				if !strings.Contains(he.Msg, undone+"-decoded") {
					t.Fatalf("error %q does not say its offset counts the %s-decoded text", he.Error(), undone)
				}
			}
			if he.Offset < 0 || he.Offset > int64(size) {
				t.Fatalf("offset %d outside the input (%d bytes)", he.Offset, size)
			}
		}
		for _, e := range c.Entries {
			if e.Response != nil && len(e.Response.BodyExcerpt) > TokenExcerptMax {
				t.Fatalf("excerpt of %d bytes", len(e.Response.BodyExcerpt))
			}
			if len(e.Request.Body) > RequestBodyMax*2 {
				t.Fatalf("request body of %d bytes", len(e.Request.Body))
			}
		}
		Diagnose(c, Requirement{}, now, 0)
		// A strictly valid HAR (checked by another decoder) is read
		// whole, recognised by Parse, and loses only entries that
		// record nothing; JSON that has no log.entries is refused.
		var doc struct {
			Log *struct {
				Entries *[]jsontext.Value `json:"entries"`
			} `json:"log"`
		}
		if jsonv2.Unmarshal(data, &doc) != nil {
			return
		}
		if doc.Log == nil || doc.Log.Entries == nil {
			if err == nil {
				t.Fatalf("ParseHAR accepted JSON without log.entries: %q", data)
			}
			return
		}
		if err != nil {
			t.Fatalf("ParseHAR refused a valid HAR: %v", err)
		}
		objects := 0
		for _, v := range *doc.Log.Entries {
			if v.Kind() == '{' {
				objects++
			}
		}
		if len(c.Entries) > objects || len(c.Entries) < objects && !hasFinding(c.Findings, CodeHARMalformed) {
			t.Fatalf("ParseHAR read %d entries of %d, without saying why", len(c.Entries), objects)
		}
		if pc, perr := ParseBytes(data); perr != nil || pc.Kind != KindHAR || len(pc.Entries) != len(c.Entries) {
			t.Fatalf("ParseBytes = kind %s, %d entries, %v; ParseHAR read it as a HAR of %d", pc.Kind, len(pc.Entries), perr, len(c.Entries))
		}
	})
}

// FuzzUnquoteJSON checks the excerpt decoder against encoding/json: any
// text, encoded as a JSON string, must decode back to itself, and a cap
// gives a prefix of it.
func FuzzUnquoteJSON(f *testing.F) {
	for _, s := range []string{"", "a", `"quoted"`, "line\nbreak\ttab", "é😀\u2028", `{"a":"b\"c"}`, "\\\\\\", strings.Repeat(`x"y\`, 20)} {
		f.Add(s, 7)
	}
	f.Fuzz(func(t *testing.T, s string, max int) {
		if !utf8.ValidString(s) {
			return
		}
		q, _ := json.Marshal(s)
		body := q[1 : len(q)-1]
		got, cut := unquoteJSON(nil, body, len(body))
		if string(got) != s || cut {
			t.Fatalf("unquoteJSON(%q) = %q, %v; want %q", body, got, cut, s)
		}
		if max < 0 {
			max = -max
		}
		max %= len(body) + 1
		got, _ = unquoteJSON([]byte("pre"), body, max)
		if len(got) > 3+max || !strings.HasPrefix(string(got), "pre") || !strings.HasPrefix(s, string(got[3:])) {
			t.Fatalf("unquoteJSON(%q, %d) = %q, not a prefix of %q within the cap", body, max, got, s)
		}
	})
}
