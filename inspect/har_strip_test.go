package inspect

import (
	"context"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"unsafe"
)

// looksRedactedASCII gives what the general looksRedacted gives, on
// placeholders, tokens and random ASCII made of the characters its steps
// look at.
func TestLooksRedactedASCII(t *testing.T) {
	cases := []string{
		"", "*", "***", " ", "[REDACTED]", "Bearer [REDACTED]", "Bearer [redacted]", "bearer REDACTED-1234",
		"session=redacted", "session=REDACTED; csrf=x", "Redacted_by_proxy", "<removed>", "{HIDDEN}", "SANITIZED",
		"Scrubbed", "(filtered)", "xxx", "XXXX", "xXxXx", "xxxxxx", "Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.sig",
		"Basic dXNlcjpwYXNz", "a=b=redacted", "Bearer ", "Bearer *", "'redacted'", "\"[redacted]\" ;", "redactedness",
		"red acted", "  removed  ", "session_id=abc; csrf_token=def",
	}
	r := rand.New(rand.NewPCG(1, 2))
	alphabet := "rRedactEDAhisnzumbflxX= *[]<>{}()\"';-_."
	for range 20000 {
		var b strings.Builder
		for range r.IntN(16) {
			if r.IntN(4) == 0 {
				b.WriteString([]string{"redacted", "REMOVED", "Hidden", "xxx", "Bearer ", "s="}[r.IntN(6)])
				continue
			}
			b.WriteByte(alphabet[r.IntN(len(alphabet))])
		}
		cases = append(cases, b.String())
	}
	trues := 0
	for _, v := range cases {
		want := looksRedactedAny(v)
		if got := looksRedactedASCII(v); got != want {
			t.Fatalf("looksRedactedASCII(%q) = %v, want %v", v, got, want)
		}
		if want {
			trues++
		}
	}
	if trues < 100 {
		t.Errorf("only %d of %d values look redacted: the comparison says little", trues, len(cases))
	}
}

// An entry read after others, whose headers and cookies it shares where
// they repeat, reads as it does alone: same names, values, bodies and
// excerpts, whatever repeats, changes, is not UTF-8 or is split across a
// name and its value.
func TestHARPairsSharedAcrossEntries(t *testing.T) {
	const (
		h1   = `{"name":"authorization","value":"Bearer aaa.bbb.ccc"},{"name":"accept","value":"*/*"}`
		h2   = `{"name":"authorization","value":"Bearer aaa.bbb.ddd"},{"name":"accept","value":"*/*"}`
		ck   = `"cookies":[{"name":"s","value":"1"},{"name":"t","value":"2"}]`
		resp = `"response":{"status":200,"headers":[{"name":"set-cookie","value":"s=1"}],"content":{"mimeType":"application/json","text":"{\"a\":1}"}}`
	)
	entries := []string{
		`{"request":{"method":"GET","url":"https://a/1","headers":[` + h1 + `],` + ck + `},` + resp + `}`,
		`{"request":{"method":"GET","url":"https://a/2","headers":[` + h1 + `],` + ck + `},` + resp + `}`,
		`{"request":{"method":"GET","url":"https://a/3","headers":[` + h2 + `],` + ck + `},` + resp + `}`,
		`{"request":{"method":"GET","url":"https://a/4","headers":[` + h2 + `,{"name":"x","value":"y"}]},` + resp + `}`,
		`{"request":{"method":"GET","url":"https://a/5","headers":[` + h2 + `]},"response":{"status":401}}`,
		"{\"request\":{\"method\":\"GET\",\"url\":\"https://a/6\",\"headers\":[" + h2 + ",{\"name\":\"bad\\u00e9\xff\",\"value\":\"\xc3\"}]}}",
		"{\"request\":{\"method\":\"GET\",\"url\":\"https://a/7\",\"headers\":[" + h2 + ",{\"name\":\"bad\\u00e9\xff\",\"value\":\"\xc3\"}]}}",
		"{\"request\":{\"method\":\"POST\",\"url\":\"https://a/8\",\"headers\":[{\"name\":\"n\xc3\",\"value\":\"\xa9v\"}],\"postData\":{\"params\":[{\"name\":\"p\",\"value\":\"q\"}]}}}",
		"{\"request\":{\"method\":\"POST\",\"url\":\"https://a/9\",\"headers\":[{\"name\":\"n\xc3\",\"value\":\"\xa9v\"}],\"postData\":{\"params\":[{\"name\":\"p\",\"value\":\"q\"}]}}}",
		`{"request":{"method":"GET","url":"https://a/10","headers":[` + h1 + `],` + ck + `},` + resp + `}`,
		`{"request":{"method":"GET","url":"https://a/11","headers":[],"cookies":[]},"response":{"status":204,"headers":[]}}`,
		`{"request":{"method":"GET","url":"https://a/12","headers":[` + h1 + `],` + ck + `},` + resp + `}`,
	}
	all, err := ParseHAR(context.Background(), []byte(`{"log":{"entries":[`+strings.Join(entries, ",")+`]}}`), nil)
	if err != nil || len(all.Entries) != len(entries) {
		t.Fatalf("%d entries, %v", len(all.Entries), err)
	}
	for i, e := range entries {
		alone, err := ParseHAR(context.Background(), []byte(`{"log":{"entries":[`+e+`]}}`), nil)
		if err != nil || len(alone.Entries) != 1 {
			t.Fatalf("entry %d alone: %d entries, %v", i, len(alone.Entries), err)
		}
		want := alone.Entries[0]
		want.Index = i
		if !reflect.DeepEqual(all.Entries[i], want) {
			t.Errorf("entry %d read after others:\n%+v\nalone:\n%+v", i, all.Entries[i], want)
		}
	}
	if a, b := all.Entries[0].Request.Headers[0].Value, all.Entries[1].Request.Headers[0].Value; unsafe.StringData(a) != unsafe.StringData(b) {
		t.Errorf("a header repeated in the next entry is a copy, not shared")
	}
}
