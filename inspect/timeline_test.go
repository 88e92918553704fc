package inspect

import (
	"context"
	"encoding/base64"
	"fmt"
	"testing"
	"time"
)

func goldenHARReport(t *testing.T, name string) Report {
	t.Helper()
	f := readTxtar(t, "../testdata/har/"+name+".txtar")
	c, err := ParseHAR(context.Background(), []byte(buildTokens(t, f, f.data["har"])), nil)
	if err != nil {
		t.Fatal(err)
	}
	return Diagnose(c, Requirement{}, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), 0)
}

func TestTimelineStaleToken(t *testing.T) {
	tl := BuildTimeline(goldenHARReport(t, "across_stale_token"))
	if len(tl.Requests) != 3 || tl.Undated != 0 {
		t.Fatalf("%d requests, %d undated", len(tl.Requests), tl.Undated)
	}
	at := func(s string) time.Time { x, _ := time.Parse(time.RFC3339Nano, s); return x }
	if !tl.Start.Equal(at("2025-06-02T09:00:01Z")) || !tl.End.Equal(at("2025-06-02T09:00:12Z")) {
		t.Errorf("axis %v – %v", tl.Start, tl.End)
	}
	// Both token endpoint calls are refreshes; the failed call sent the
	// old token after it expired.
	q := tl.Requests
	if !q[0].Refresh || !q[1].Refresh || q[2].Refresh {
		t.Errorf("refresh marks: %v %v %v", q[0].Refresh, q[1].Refresh, q[2].Refresh)
	}
	if q[2].Token != 0 || !q[2].Expired || q[2].Verdict != Verdict401 || q[2].Status != 401 || !q[2].Failed {
		t.Errorf("the failed call: %+v", q[2])
	}
	if len(tl.Tokens) != 1 {
		t.Fatalf("%d tokens, want 1 (only the old one was sent)", len(tl.Tokens))
	}
	tok := tl.Tokens[0]
	if tok.FromWhat != "iat" || !tok.From.Equal(time.Unix(1748854000, 0)) || !tok.Exp.Equal(at("2025-06-02T09:00:05Z")) {
		t.Errorf("token bar: from %v (%s) to %v", tok.From, tok.FromWhat, tok.Exp)
	}
	if tok.Uses != 1 || tok.ExpiredUses != 1 || tok.IssuedBy != 0 {
		t.Errorf("token uses %d, expired uses %d, issued by %d; want 1, 1, 0", tok.Uses, tok.ExpiredUses, tok.IssuedBy)
	}
}

func TestTimelineTokenUsedBeforeAndAfterExpiry(t *testing.T) {
	tl := BuildTimeline(goldenHARReport(t, "across_expired_no_refresh"))
	if len(tl.Tokens) != 1 || tl.Tokens[0].Uses != 2 || tl.Tokens[0].ExpiredUses != 1 {
		t.Fatalf("tokens %+v", tl.Tokens)
	}
	if tl.Requests[1].Expired || !tl.Requests[2].Expired {
		t.Errorf("expired marks: #2 %v, #3 %v; want false, true", tl.Requests[1].Expired, tl.Requests[2].Expired)
	}
}

// A token that is not a JWT and was never handed out in the HAR is a bar
// from its first use to its last, with no expiry; undated entries are
// counted, not placed.
func TestTimelineOpaqueTokensAndUndated(t *testing.T) {
	start := time.Date(2025, 6, 2, 9, 0, 0, 0, time.UTC)
	var es []EntryReport
	for i := 0; i < 4; i++ {
		er := EntryReport{Index: i, Started: start.Add(time.Duration(i) * time.Second), Verdict: VerdictOK,
			Request: Request{Method: "GET", URL: "https://x.test/", Headers: []Header{{Name: "Authorization", Value: fmt.Sprintf("Bearer opaque-%d", i%2)}}}}
		if i == 3 {
			er.Started = time.Time{}
		}
		es = append(es, er)
	}
	tl := BuildTimeline(Report{Entries: es, Kind: KindHAR})
	if tl.Undated != 1 || len(tl.Requests) != 3 || len(tl.Tokens) != 2 {
		t.Fatalf("undated %d, requests %d, tokens %d", tl.Undated, len(tl.Requests), len(tl.Tokens))
	}
	if tok := tl.Tokens[0]; tok.FromWhat != "first use" || !tok.Exp.IsZero() || tok.Uses != 2 || !tok.LastUse.Equal(start.Add(2*time.Second)) {
		t.Errorf("opaque token: %+v", tok)
	}
}

// A recording whose every request carries a new token, as the diagnosis
// leaves it (each token decoded in its entry): the timeline reads the
// decoded times instead of decoding 10,000 tokens again.
func BenchmarkBuildTimeline10kTokens(b *testing.B) {
	start := time.Date(2025, 6, 2, 9, 0, 0, 0, time.UTC)
	enc := func(s string) string { return base64.RawURLEncoding.EncodeToString([]byte(s)) }
	es := make([]EntryReport, 10000)
	for i := range es {
		tok := enc(`{"alg":"HS256"}`) + "." + enc(fmt.Sprintf(`{"iat":%d,"exp":%d,"n":%d}`, start.Unix(), start.Unix()+900, i)) + ".c2ln"
		c, _ := Parse("Authorization: Bearer " + tok)
		r := Diagnose(c, Requirement{}, start, 0)
		es[i] = EntryReport{Index: i, Started: start.Add(time.Duration(i) * 100 * time.Millisecond), Verdict: VerdictOK,
			Request: Request{Method: "GET", URL: "https://x.test/a", Headers: []Header{{Name: "Authorization", Value: "Bearer " + tok}}},
			Tokens:  r.Tokens}
	}
	r := Report{Entries: es, Kind: KindHAR}
	b.ReportAllocs()
	for b.Loop() {
		tl := BuildTimeline(r)
		if len(tl.Tokens) != 10000 || tl.Tokens[0].Exp.IsZero() {
			b.Fatal(len(tl.Tokens))
		}
	}
}

func BenchmarkBuildTimeline10k(b *testing.B) {
	start := time.Date(2025, 6, 2, 9, 0, 0, 0, time.UTC)
	enc := func(s string) string { return base64.RawURLEncoding.EncodeToString([]byte(s)) }
	es := make([]EntryReport, 10000)
	for i := range es {
		tok := enc(`{"alg":"HS256"}`) + "." + enc(fmt.Sprintf(`{"iat":%d,"exp":%d}`, start.Unix()+int64(i/1000)*600, start.Unix()+int64(i/1000)*600+900)) + ".c2ln"
		es[i] = EntryReport{Index: i, Started: start.Add(time.Duration(i) * 100 * time.Millisecond), Verdict: VerdictOK,
			Request: Request{Method: "GET", URL: "https://x.test/a", Headers: []Header{{Name: "Authorization", Value: "Bearer " + tok}}}}
	}
	r := Report{Entries: es, Kind: KindHAR}
	b.ReportAllocs()
	for b.Loop() {
		tl := BuildTimeline(r)
		if len(tl.Tokens) != 10 {
			b.Fatal(len(tl.Tokens))
		}
	}
}
