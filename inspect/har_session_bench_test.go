package inspect

import (
	"bytes"
	"context"
	"reflect"
	"sync"
	"testing"
	"time"

	"whydenied/internal/hargen"
)

// sessionHAR is a generated 10 MB HAR shaped like an authenticated
// single-page-app session (hargen.WriteSession), made once per test binary.
var sessionHAR = sync.OnceValues(func() ([]byte, hargen.Session) {
	var b bytes.Buffer
	s, err := hargen.WriteSession(&b, 10<<20, 1)
	if err != nil {
		panic(err)
	}
	return b.Bytes(), s
})

// BenchmarkParseSessionHAR reads the session HAR.
func BenchmarkParseSessionHAR(b *testing.B) {
	data, _ := sessionHAR()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		c, err := ParseHAR(context.Background(), data, nil)
		if err != nil || len(c.Entries) == 0 {
			b.Fatalf("ParseHAR: %d entries, %v", len(c.Entries), err)
		}
	}
}

// BenchmarkDiagnoseSessionHAR judges its entries: every one carries a
// bearer token, one of four.
func BenchmarkDiagnoseSessionHAR(b *testing.B) {
	data, s := sessionHAR()
	c, err := ParseHAR(context.Background(), data, nil)
	if err != nil {
		b.Fatal(err)
	}
	now := hargen.SessionStart.Add(time.Hour)
	b.ReportAllocs()
	for b.Loop() {
		r := Diagnose(c, Requirement{}, now, 0)
		if len(r.Entries) != s.Entries || r.Verdict != Verdict403 {
			b.Fatalf("%d entries judged of %d, verdict %s", len(r.Entries), s.Entries, r.Verdict)
		}
	}
}

// TestTokenMemo checks that judging the entries of a session, where every
// request carries one of a few tokens, gives the same reports with the
// tokens decoded and described once (diagnoseEntries) as each judged on its
// own, with and without a key to verify them with.
func TestTokenMemo(t *testing.T) {
	data, s := sessionHAR()
	c, err := ParseHAR(context.Background(), data, nil)
	if err != nil {
		t.Fatal(err)
	}
	c.Entries = c.Entries[len(c.Entries)-300:]     // every token, and the denied request
	now := hargen.SessionStart.Add(48 * time.Hour) // expired since: a finding per entry
	keys, err := ParseKeys("not the key")
	if err != nil {
		t.Fatal(err)
	}
	for _, req := range []Requirement{{}, {Keys: keys}} {
		r := Diagnose(c, req, now, 0)
		if len(r.Entries) != len(c.Entries) || r.Verdict != Verdict403 {
			t.Fatalf("%d entries judged, verdict %s", len(r.Entries), r.Verdict)
		}
		seen := map[string]bool{}
		for i, e := range c.Entries {
			alone := judgeEntry(e, req, now, rules{}, true, false, nil, nil)
			if !reflect.DeepEqual(r.Entries[i], alone) {
				t.Fatalf("entry %d (keys %d): judged with the memo\n%+v\nalone\n%+v", i, len(req.Keys), r.Entries[i], alone)
			}
			for _, tr := range alone.Tokens {
				seen[tr.Raw] = true
			}
		}
		if len(seen) != len(s.Tokens) {
			t.Errorf("%d tokens seen in the entries compared, want all %d", len(seen), len(s.Tokens))
		}
	}
}
