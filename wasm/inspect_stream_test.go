//go:build !js

package main

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"

	"whydenied/inspect"
	"whydenied/internal/hargen"
)

// TestWriteJSONStreams checks that the report written entry by entry is
// byte for byte what encoding the whole (redacted) report at once gives:
// a session HAR (one token per request, cookies, a denial), a HAR with
// HTML-looking text and control characters, a token without entries.
func TestWriteJSONStreams(t *testing.T) {
	var session bytes.Buffer
	if _, err := hargen.WriteSession(&session, 256<<10, 3); err != nil {
		t.Fatal(err)
	}
	odd := `{"log":{"entries":[{"startedDateTime":"2026-01-01T00:00:00Z","request":{"method":"GET","url":"https://a.test/?q=<b>&x=1","headers":[{"name":"x-note","value":"a\u0007b \u2028 \u202e <script>"}]},"response":{"status":401,"headers":[{"name":"WWW-Authenticate","value":"Bearer error=\"invalid_token\""}],"content":{"mimeType":"text/html","text":"<h1>Denied & done</h1>"}}}]}}`
	// An hour into the session its tokens are valid; two days on they
	// have expired, and what is said of each differs from request to
	// request (the tokens' JSON cannot be reused as it is).
	for name, in := range map[string][]byte{"session": session.Bytes(), "session, expired": session.Bytes(), "odd": []byte(odd), "token": []byte(tok)} {
		c, err := inspect.ParseBytes(in)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		now := hargen.SessionStart.Add(time.Hour)
		if strings.HasSuffix(name, "expired") {
			now = hargen.SessionStart.Add(48 * time.Hour)
		}
		r := inspect.Diagnose(c, inspect.Requirement{}, now, 0)
		for _, redact := range []bool{true, false} {
			whole := r
			if redact {
				whole = inspect.RedactReport(r)
			}
			var want bytes.Buffer
			enc := json.NewEncoder(&want)
			enc.SetIndent("", "  ")
			enc.SetEscapeHTML(false)
			if err := enc.Encode(listsNotNull(whole)); err != nil {
				t.Fatal(err)
			}
			var got bytes.Buffer
			if err := writeJSON(&got, r, redact); err != nil {
				t.Fatal(err)
			}
			want = *bytes.NewBuffer(escapeJSONText(want.Bytes()))
			if !bytes.Equal(got.Bytes(), want.Bytes()) {
				i := 0
				for i < min(got.Len(), want.Len()) && got.Bytes()[i] == want.Bytes()[i] {
					i++
				}
				t.Fatalf("%s (redact %v): the streamed JSON differs at byte %d:\n%q\nwant\n%q", name, redact, i,
					got.Bytes()[max(0, i-80):min(got.Len(), i+80)], want.Bytes()[max(0, i-80):min(want.Len(), i+80)])
			}
			if strings.HasPrefix(name, "session") && !bytes.Contains(got.Bytes(), []byte(`"entries": [`+"\n    {")) {
				t.Fatalf("no entries written")
			}
		}
	}
}

// TestTextView checks that the text output of a report cut to what it
// prints of each entry is the text output of the whole report, redacted
// or not: a session HAR, one with control characters and a cancelled
// request, a token.
func TestTextView(t *testing.T) {
	var session bytes.Buffer
	if _, err := hargen.WriteSession(&session, 256<<10, 5); err != nil {
		t.Fatal(err)
	}
	odd := `{"log":{"entries":[{"startedDateTime":"2026-01-01T00:00:00Z","request":{"method":"GET","url":"https://u:p@a.test/?access_token=abc&q=\u001b[2J","headers":[{"name":"Authorization","value":"Basic dTpw"}]},"response":{"status":0,"headers":[],"_error":"net::ERR_ABORTED \u202e"}},` +
		`{"startedDateTime":"2026-01-01T00:00:01Z","request":{"method":"POST","url":"https://a.test/x"},"response":{"status":403,"statusText":"Forbidden\u0007","headers":[],"content":{"mimeType":"text/html","text":"<title>Access denied</title> Reference #18.2f"}}}]}}`
	// An hour into the session its tokens are valid; two days on they
	// have expired, and what is said of each differs from request to
	// request (the tokens' JSON cannot be reused as it is).
	for name, in := range map[string][]byte{"session": session.Bytes(), "session, expired": session.Bytes(), "odd": []byte(odd), "token": []byte(tok)} {
		c, err := inspect.ParseBytes(in)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		now := hargen.SessionStart.Add(time.Hour)
		if strings.HasSuffix(name, "expired") {
			now = hargen.SessionStart.Add(48 * time.Hour)
		}
		r := inspect.Diagnose(c, inspect.Requirement{}, now, 0)
		for _, redact := range []bool{true, false} {
			whole, cut := r, textView(r)
			if redact {
				whole, cut = inspect.RedactReport(whole), inspect.RedactReport(cut)
			}
			if got, want := formatText(cut), formatText(whole); got != want {
				t.Errorf("%s (redact %v): the text of the cut report differs:\n%s\nwant\n%s", name, redact, got, want)
			}
		}
	}
}

// The JSON of a session's token is kept and its times placed in it: what
// appendToken writes for each request is what json.Marshal writes,
// indented as in an entry's list, and the kept JSON is used (the place of
// the times was found).
func TestTokenJSONReused(t *testing.T) {
	var session bytes.Buffer
	if _, err := hargen.WriteSession(&session, 1<<20, 5); err != nil {
		t.Fatal(err)
	}
	c, err := inspect.ParseBytes(session.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	r := inspect.RedactReport(inspect.Diagnose(c, inspect.Requirement{}, hargen.SessionStart.Add(time.Hour), 0))
	tj := newTokenJSON()
	n := 0
	for _, e := range r.Entries {
		for _, tok := range e.Tokens {
			got, err := tj.appendToken(nil, tok)
			if err != nil {
				t.Fatal(err)
			}
			compact, err := json.Marshal(listsNotNullToken(tok))
			if err != nil {
				t.Fatal(err)
			}
			var want bytes.Buffer
			if err := json.Indent(&want, compact, tokenPrefix, "  "); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want.Bytes()) {
				t.Fatalf("entry %d: token written as\n%s\nwant\n%s", e.Index, got, want.Bytes())
			}
			if len(tok.Times) == 0 {
				t.Fatalf("entry %d: a token without times", e.Index)
			}
			if kept := tj.last[tok.Raw]; kept == nil || kept.at < 0 {
				t.Fatalf("entry %d: the token's JSON is not kept with a place for its times", e.Index)
			}
			n++
		}
	}
	if n < 10 || len(tj.last) < 2 {
		t.Errorf("%d tokens written, %d kept: the session should carry several tokens in many requests", n, len(tj.last))
	}
}

// fillSlices, which skips the values that hold no list, fills what a walk
// through every value fills: each nil list of a report, however deep.
func TestFillSlicesSkipsOnlyWhatHoldsNoList(t *testing.T) {
	var walk func(v reflect.Value)
	walk = func(v reflect.Value) {
		switch v.Kind() {
		case reflect.Pointer:
			if !v.IsNil() {
				walk(v.Elem())
			}
		case reflect.Struct:
			for i := 0; i < v.NumField(); i++ {
				if v.Type().Field(i).IsExported() {
					walk(v.Field(i))
				}
			}
		case reflect.Slice:
			if v.Type() == rawMessage {
				return
			}
			if v.IsNil() {
				if v.CanSet() {
					v.Set(reflect.MakeSlice(v.Type(), 0, 0))
				}
				return
			}
			for i := 0; i < v.Len(); i++ {
				walk(v.Index(i))
			}
		}
	}
	var session bytes.Buffer
	if _, err := hargen.WriteSession(&session, 256<<10, 2); err != nil {
		t.Fatal(err)
	}
	odd := `{"log":{"entries":[{"request":{"method":"GET","url":"https://a.test/"},"response":{"status":401,"headers":[{"name":"WWW-Authenticate","value":"Bearer"}]}},{"request":{"url":"https://a.test/x","headers":[]}}]}}`
	filled := 0
	for _, in := range [][]byte{session.Bytes(), []byte(odd), []byte(tok)} {
		c, err := inspect.ParseBytes(in)
		if err != nil {
			t.Fatal(err)
		}
		r := inspect.Diagnose(c, inspect.Requirement{}, hargen.SessionStart.Add(48*time.Hour), 0)
		got := listsNotNull(r)
		want := r
		walk(reflect.ValueOf(&want).Elem())
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("listsNotNull differs from filling every list")
		}
		gj, _ := json.Marshal(got)
		wj, _ := json.Marshal(want)
		if !bytes.Equal(gj, wj) {
			t.Fatalf("listsNotNull writes\n%s\nwant\n%s", gj, wj)
		}
		filled += bytes.Count(wj, []byte(":[]"))
	}
	if filled == 0 {
		t.Errorf("no empty list written: the comparison says little")
	}
}
