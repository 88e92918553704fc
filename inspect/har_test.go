package inspect

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

func TestParseHARErrors(t *testing.T) {
	cases := []struct {
		name     string
		in       string
		sentinel error
		path     string
		offset   int64
		entries  int // read before the error
	}{
		// An empty drop must say so, not "invalid character".
		{"empty", "  \n", ErrNotJSON, "", 0, 0},
		// A text file dropped by mistake.
		{"text", "hello world", ErrNotJSON, "", 0, 0},
		// The BOM counts in offsets: the editor shows byte 3.
		{"bom then text", "\uFEFFhello", ErrNotJSON, "", 3, 0},
		// JSON, but not a HAR.
		{"array", `[1,2]`, ErrNotHAR, "", 0, 0},
		{"no log", `{"foo":1}`, ErrNotHAR, "", 9, 0},
		{"log not object", `{"log":[]}`, ErrNotHAR, "log", 7, 0},
		{"no entries", `{"log":{"version":"1.2"}}`, ErrNotHAR, "log", 24, 0},
		{"entries not array", `{"log":{"entries":{}}}`, ErrNotHAR, "log.entries", 18, 0},
		// Cut off inside the second entry: the first is kept; the offset
		// is the end of the file, the path the value it ends in.
		{"truncated", `{"log":{"entries":[{"request":{"url":"a"}},{"response":{"status":4`, ErrTruncated, "log.entries[1].response", 66, 1},
		// A syntax error deep inside: path and offset point at it.
		{"syntax", `{"log":{"entries":[{"request":{"url":"a"}},{"response":{"status":]}}]}}`, ErrSyntax, "log.entries[1].response.status", 65, 1},
		// Cut inside a long string that the reader skips.
		{"truncated in skipped string", `{"log":{"pages":[{"title":"abc`, ErrTruncated, "log.pages[0].title", 30, 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, err := ParseHAR(context.Background(), []byte(tc.in), nil)
			var he *HARError
			if !errors.As(err, &he) {
				t.Fatalf("ParseHAR(%q) error = %v, want a *HARError", tc.in, err)
			}
			if !errors.Is(err, tc.sentinel) || he.Path != tc.path || he.Offset != tc.offset {
				t.Errorf("ParseHAR(%q) = %v (path %q, offset %d), want %v at %q, %d", tc.in, err, he.Path, he.Offset, tc.sentinel, tc.path, tc.offset)
			}
			if len(c.Entries) != tc.entries {
				t.Errorf("ParseHAR(%q) kept %d entries, want %d", tc.in, len(c.Entries), tc.entries)
			}
		})
	}
}

func TestParseHARLenient(t *testing.T) {
	in := "\uFEFF" + `{"log":{"creator":{"name":7},"entries":[
	 {"startedDateTime":"2025-06-02T11:00:02.5+02:00","time":"12.5","_odd":{"x":[1,{"y":"}"}]},
	  "request":{"method":"POST","url":"https://a.test/p?q=1","httpVersion":"h3",
	    "headers":[{"name":"Authorization","value":"Bearer abc"},{"name":"X-N","value":5},{"name":"Cookie","value":"a=1; b=2"}],
	    "postData":{"mimeType":"application/x-www-form-urlencoded","params":[{"name":"grant_type","value":"refresh_token"},{"name":"x","value":"y"}]}},
	  "response":{"status":"401","statusText":401,"headers":[{"name":"WWW-Authenticate","value":"Bearer"}],
	    "content":{"size":"11","mimeType":"application/json","text":"{\"e\":\"\u00e9\\n\"}"}}},
	 {"startedDateTime":1748854801000,"request":{"method":"GET","url":"https://a.test/"},
	  "response":{"status":-1,"headers":[],"_failureText":"net::ERR_ABORTED"},"timings":{"wait":-1}},
	 {"request":{"url":"https://a.test/z"},"response":{"status":0,"headers":[],"content":{}},"comment":"Connection refused"},
	 {"startedDateTime":"2025-06-02T09:00:00Z","request":null,"response":{"status":200,"headers":[{"name":"Set-Cookie","value":"s=1"}],"content":{"mimeType":"image/png","encoding":"base64","text":"iVBORw0KGgo="}}}
	]}}`
	c, err := ParseHAR(context.Background(), []byte(in), nil)
	if err != nil {
		t.Fatal(err)
	}
	if c.Creator != "7" || len(c.Entries) != 4 {
		t.Fatalf("creator %q, %d entries; want \"7\" and 4", c.Creator, len(c.Entries))
	}
	// Time order: 09:00:00 (index 3), 09:00:01 (index 1, epoch ms),
	// then index 2 without a time (sorts with the entry before it in the
	// file), then index 0 at 09:00:02.5.
	order := []int{}
	for _, e := range c.Entries {
		order = append(order, e.Index)
	}
	if got := order; got[0] != 3 || got[1] != 1 || got[2] != 2 || got[3] != 0 {
		t.Errorf("order = %v, want [3 1 2 0]", got)
	}
	e := c.Entries[3]
	if e.Duration != 12500*time.Microsecond || e.Request.Method != "POST" || e.Response == nil || e.Response.Status != 401 || e.Response.StatusText != "401" {
		t.Errorf("entry 0 = %+v", e)
	}
	if e.Request.Body != "grant_type=refresh_token&x=y" {
		t.Errorf("body from params = %q", e.Request.Body)
	}
	if len(e.Request.Cookies) != 2 || e.Request.Cookies[1].Name != "b" {
		t.Errorf("cookies from header = %+v", e.Request.Cookies)
	}
	if e.Request.Headers[1].Value != "5" {
		t.Errorf("numeric header value = %q, want \"5\"", e.Request.Headers[1].Value)
	}
	if e.Response.BodyExcerpt != "{\"e\":\"é\\n\"}" || e.Response.BodySize != 11 {
		t.Errorf("excerpt %q size %d", e.Response.BodyExcerpt, e.Response.BodySize)
	}
	if !e.Started.Equal(time.Date(2025, 6, 2, 9, 0, 2, 5e8, time.UTC)) {
		t.Errorf("started %v", e.Started)
	}
	if a := c.Entries[1]; a.Response != nil || a.Error != "net::ERR_ABORTED" {
		t.Errorf("status -1: response %+v error %q; want nil and the failure text", a.Response, a.Error)
	}
	if z := c.Entries[2]; z.Response != nil || z.Error != "Connection refused" {
		t.Errorf("Charles comment: response %+v error %q", z.Response, z.Error)
	}
	if p := c.Entries[0]; p.Response.BodyExcerpt != "" || p.Extra["content.encoding"] != "base64" {
		t.Errorf("binary base64 body kept as %q (extra %v)", p.Response.BodyExcerpt, p.Extra)
	}
}

func TestParseHARExcerptCaps(t *testing.T) {
	long := strings.Repeat("a\\\"b", 10000)
	tok := `{\"access_token\":\"` + strings.Repeat("x", 9000) + `\"}`
	in := `{"log":{"entries":[
	 {"response":{"status":500,"headers":[{"name":"a","value":"b"}],"content":{"mimeType":"application/json","text":"` + long + `"}}},
	 {"response":{"status":200,"headers":[{"name":"a","value":"b"}],"content":{"mimeType":"application/json","text":"` + long + `"}}},
	 {"response":{"status":200,"headers":[{"name":"a","value":"b"}],"content":{"mimeType":"application/json","text":"` + tok + `"}}},
	 {"response":{"status":200,"headers":[{"name":"a","value":"b"}],"content":{"mimeType":"text/html","encoding":"base64","text":"PGI+aGk8L2I+"}}},
	 {"request":{"postData":{"text":"` + strings.Repeat("p", RequestBodyMax+100) + `"}}}
	]}}`
	c, err := ParseHAR(context.Background(), []byte(in), nil)
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		i    int
		max  int
		want string // prefix
	}{
		{0, ExcerptMax, `a"ba"b`},     // a failure keeps ExcerptMax, escapes decoded
		{1, successExcerpt, `a"ba"b`}, // a success keeps less
		{2, TokenExcerptMax, `{"access_token":"xxx`},
		{3, 9, "<b>hi</b>"}, // base64 text decoded
	}
	for _, tc := range cases {
		got := c.Entries[tc.i].Response.BodyExcerpt
		if len(got) > tc.max || !strings.HasPrefix(got, tc.want) {
			t.Errorf("entry %d excerpt: %d bytes starting %q; want ≤ %d starting %q", tc.i, len(got), shorten(got, 20), tc.max, tc.want)
		}
	}
	if len(c.Entries[2].Response.BodyExcerpt) != len(`{"access_token":""}`)+9000 {
		t.Errorf("token response cut to %d bytes", len(c.Entries[2].Response.BodyExcerpt))
	}
	if n := len(c.Entries[4].Request.Body); n != RequestBodyMax {
		t.Errorf("request body kept %d bytes, want %d", n, RequestBodyMax)
	}
}

// TestParseHARBounded reads 10,000 entries with 10 KB bodies: every excerpt
// stays within its cap whatever the body's size, so memory is bounded by
// construction.
func TestParseHARBounded(t *testing.T) {
	if testing.Short() {
		t.Skip("generates a 100 MB HAR")
	}
	data := genHAR(10000, 10<<10)
	calls := 0
	c, err := ParseHAR(context.Background(), data, func(done, total int) {
		calls++
		if done > total || total != len(data) {
			t.Fatalf("progress(%d, %d) with %d bytes", done, total, len(data))
		}
	})
	if err != nil || len(c.Entries) != 10000 {
		t.Fatalf("%d entries, %v", len(c.Entries), err)
	}
	if calls < 10000/progressEvery {
		t.Errorf("progress called %d times", calls)
	}
	kept := 0
	for _, e := range c.Entries {
		if e.Response == nil {
			continue
		}
		if n := len(e.Response.BodyExcerpt); n > ExcerptMax {
			t.Fatalf("entry %d keeps %d bytes of body", e.Index, n)
		}
		kept += len(e.Response.BodyExcerpt)
	}
	if kept > len(data)/5 {
		t.Errorf("kept %d bytes of bodies out of %d", kept, len(data))
	}
}

func TestParseHARCancel(t *testing.T) {
	data := genHAR(2000, 100)
	ctx, cancel := context.WithCancel(context.Background())
	c, err := ParseHAR(ctx, data, func(done, total int) { cancel() })
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if len(c.Entries) == 0 || len(c.Entries) >= 2000 {
		t.Errorf("%d entries read before the cancel took effect", len(c.Entries))
	}
}

func TestUnquoteJSON(t *testing.T) {
	cases := []struct {
		in   string
		max  int
		want string
		cut  bool
	}{
		{`a\nb`, 10, "a\nb", false},
		{`\u00e9\ud83d\ude00`, 10, "é😀", false},
		{`\ud83d`, 10, "\uFFFD", false}, // lone surrogate
		{`abc\`, 10, `abc\`, false},     // cut inside an escape
		{`\u12`, 10, `\u12`, false},     // short \u
		{`abcdef`, 3, "abc", true},
		{`\u00e9x`, 1, "", true}, // a rune does not fit
		{`\q`, 5, `\q`, false},   // unknown escape kept
	}
	for _, tc := range cases {
		got, cut := unquoteJSON(nil, []byte(tc.in), tc.max)
		if string(got) != tc.want || cut != tc.cut {
			t.Errorf("unquoteJSON(%q, %d) = %q, %v; want %q, %v", tc.in, tc.max, got, cut, tc.want, tc.cut)
		}
	}
}

// TestParseHARContentBeforeHeaders: an exporter that writes content before
// headers must not lose either (both share the entry's arena).
func TestParseHARContentBeforeHeaders(t *testing.T) {
	in := `{"log":{"entries":[{"response":{"content":{"mimeType":"text/plain","text":"hello \"there\""},"status":403,"headers":[{"name":"Server","value":"nginx"}]},"request":{"postData":{"text":"a=b"},"headers":[{"name":"X","value":"y"}]}}]}}`
	c, err := ParseHAR(context.Background(), []byte(in), nil)
	if err != nil {
		t.Fatal(err)
	}
	e := c.Entries[0]
	if e.Response.BodyExcerpt != `hello "there"` || len(e.Response.Headers) != 1 || e.Response.Headers[0].Value != "nginx" ||
		e.Request.Body != "a=b" || e.Request.Headers[0].Value != "y" {
		t.Errorf("entry = %+v, response %+v", e, e.Response)
	}
}
