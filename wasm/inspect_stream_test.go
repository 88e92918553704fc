//go:build !js

package main

import (
	"bytes"
	"encoding/json"
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
	now := hargen.SessionStart.Add(time.Hour)
	for name, in := range map[string][]byte{"session": session.Bytes(), "odd": []byte(odd), "token": []byte(tok)} {
		c, err := inspect.ParseBytes(in)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
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
			if name == "session" && !bytes.Contains(got.Bytes(), []byte(`"entries": [`+"\n    {")) {
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
	now := hargen.SessionStart.Add(time.Hour)
	for name, in := range map[string][]byte{"session": session.Bytes(), "odd": []byte(odd), "token": []byte(tok)} {
		c, err := inspect.ParseBytes(in)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
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
