package inspect

import (
	"context"
	"encoding/base64"
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"
)

// cost is what one call did: heap allocations, bytes allocated, and the
// work counter's steps (bytes or items examined where the cost is time).
type cost struct{ allocs, bytes, steps uint64 }

func measure(f func()) cost {
	f() // warm up: compiled expressions, sync.Once tables
	runtime.GC()
	var a, b runtime.MemStats
	runtime.ReadMemStats(&a)
	s0 := work.Load()
	f()
	s1 := work.Load()
	runtime.ReadMemStats(&b)
	return cost{b.Mallocs - a.Mallocs, b.TotalAlloc - a.TotalAlloc, uint64(s1 - s0)}
}

// checkLinear runs build(n) and build(10n) through run and fails when any
// measure grows by more than 16 times (10 times, plus room for slices
// that grow by doubling); a quadratic reader grows by 100.
func checkLinear(t *testing.T, n int, build func(n int) string, run func(in string)) {
	t.Helper()
	small, big := build(n), build(10*n)
	cs := measure(func() { run(small) })
	cb := measure(func() { run(big) })
	for _, m := range []struct {
		name     string
		s, b     uint64
		slackAbs uint64
	}{
		{"allocations", cs.allocs, cb.allocs, 200},
		{"bytes allocated", cs.bytes, cb.bytes, 64 << 10},
		{"steps", cs.steps, cb.steps, 1000},
	} {
		if m.b > 16*m.s+m.slackAbs {
			t.Errorf("%s: %d at n=%d, %d at n=%d (%.1f×): not linear", m.name, m.s, n, m.b, 10*n, float64(m.b)/float64(max(m.s, 1)))
		}
	}
	t.Logf("n=%d: %+v; 10n: %+v", n, cs, cb)
}

// scopedJWT carries {"scope":"s1 s2 s3","exp":1900000000}.
const scopedJWT = "eyJhbGciOiJIUzI1NiJ9.eyJzY29wZSI6InMxIHMyIHMzIiwiZXhwIjoxOTAwMDAwMDAwfQ.c2ln"

const scaleJWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln"

// Each case below was quadratic (or worse) once: see the comment.
func TestReadersScaleLinearly(t *testing.T) {
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	cases := []struct {
		name  string
		n     int
		build func(n int) string
		run   func(in string)
	}{
		{
			// The text before each token was searched again for
			// every token: 2,000 tokens on one line took 11 s.
			name:  "tokens on one line",
			n:     300,
			build: func(n int) string { return strings.Repeat("x "+scaleJWT+" ", n) },
			run:   func(in string) { ParseTokens(in) },
		},
		{
			// 100,000 tokens on separate lines: 18 s and 765 MB.
			name:  "tokens on separate lines",
			n:     1000,
			build: func(n int) string { return strings.Repeat("Authorization: Bearer "+scaleJWT+"\n", n) },
			run:   func(in string) { ParseTokens(in) },
		},
		{
			name: "distinct tokens",
			n:    200,
			build: func(n int) string {
				var b strings.Builder
				for i := range n {
					fmt.Fprintf(&b, "%s%d\n", scaleJWT, i)
				}
				return b.String()
			},
			run: func(in string) { ParseTokens(in) },
		},
		{
			// A token response holding many tokens: each token's
			// offset was searched from the start of the document.
			name: "tokens in JSON",
			n:    200,
			build: func(n int) string {
				return `{"tokens":[` + strings.TrimSuffix(strings.Repeat(`"`+scaleJWT+`",`, n), ",") + `]}`
			},
			run: func(in string) { ParseTokens(in) },
		},
		{
			// Prompt stripping copied the rest of the text for every
			// line: a million newlines never finished.
			name:  "command followed by newlines",
			n:     10000,
			build: func(n int) string { return "curl https://a/" + strings.Repeat("\n", n) },
			run:   func(in string) { Parse(in) },
		},
		{
			name:  "command with many headers",
			n:     100,
			build: func(n int) string { return "curl https://a/" + strings.Repeat(" \\\n  -H 'X-A: b'", n) },
			run:   func(in string) { Parse(in) },
		},
		{
			name:  "cmd command with many headers",
			n:     100,
			build: func(n int) string { return "curl.exe ^\"https://a/^\"" + strings.Repeat(" ^\n  -H ^\"X-A: b^\"", n) },
			run:   func(in string) { Parse(in) },
		},
		{
			name: "PowerShell command with many headers",
			n:    100,
			build: func(n int) string {
				return "Invoke-WebRequest -Uri \"https://a/\" -Headers @{" + strings.Repeat("\n  \"X-A\"=\"b\"", n) + "\n}"
			},
			run: func(in string) { Parse(in) },
		},
		{
			name: "fetch with many headers",
			n:    100,
			build: func(n int) string {
				return `fetch("https://a/", {"headers": {` + strings.Repeat(`"x-a": "b", `, n) + `"x-b": "c"}});`
			},
			run: func(in string) { Parse(in) },
		},
		{
			name: "many curl commands",
			n:    50,
			build: func(n int) string {
				return strings.Repeat("curl https://a/ -H 'Authorization: Bearer "+scaleJWT+"'\n", n)
			},
			run: func(in string) {
				c, _ := Parse(in)
				Diagnose(c, Requirement{}, now, 0)
			},
		},
		{
			// Each scope was compared with every earlier one: 80,000
			// scopes took 15 s.
			name: "scopes on one line",
			n:    2000,
			build: func(n int) string {
				var b strings.Builder
				b.WriteString("scope=")
				for i := range n {
					fmt.Fprintf(&b, "s%d ", i)
				}
				return b.String()
			},
			run: func(in string) {
				r, _ := ParseRequirement(in)
				Diagnose(ParseTokens(scopedJWT), r, now, 0)
			},
		},
		{
			name: "scopes in a WWW-Authenticate header",
			n:    2000,
			build: func(n int) string {
				var b strings.Builder
				b.WriteString(`WWW-Authenticate: Bearer error="insufficient_scope", scope="`)
				for i := range n {
					fmt.Fprintf(&b, "s%d ", i)
				}
				return b.String() + `"`
			},
			run: func(in string) {
				r, _ := ParseRequirement(in)
				Diagnose(ParseTokens(scopedJWT), r, now, 0)
			},
		},
		{
			name: "requirement errors",
			n:    1000,
			build: func(n int) string {
				return strings.Repeat("nonsense\n", n)
			},
			run: func(in string) {
				if _, err := ParseRequirement(in); err != nil {
					_ = err.Error()
				}
			},
		},
		{
			// A HAR of a million {} entries: 13 s and 1.3 GB.
			name: "HAR of empty entries",
			n:    10000,
			build: func(n int) string {
				return `{"log":{"entries":[` + strings.TrimSuffix(strings.Repeat("{},", n), ",") + `]}}`
			},
			run: func(in string) {
				c, _ := Parse(in)
				Diagnose(c, Requirement{}, now, 0)
			},
		},
		{
			name: "HAR of requests",
			n:    300,
			build: func(n int) string {
				e := `{"startedDateTime":"2026-01-02T03:04:05Z","request":{"method":"GET","url":"https://a/x","headers":[{"name":"Authorization","value":"Bearer ` + scaleJWT + `"}]},"response":{"status":200,"headers":[]}},`
				return `{"log":{"entries":[` + strings.TrimSuffix(strings.Repeat(e, n), ",") + `]}}`
			},
			run: func(in string) {
				c, _ := ParseHAR(context.Background(), []byte(in), nil)
				Diagnose(c, Requirement{}, now, 0)
			},
		},
		{
			// Indenting a payload nested n levels deep writes n
			// lines of up to n indentations each: n² bytes.
			name: "token with a deeply nested payload",
			n:    100,
			build: func(n int) string {
				payload := `{"a":` + strings.Repeat("[", n) + strings.Repeat("]", n) + `}`
				return "eyJhbGciOiJIUzI1NiJ9." + base64.RawURLEncoding.EncodeToString([]byte(payload)) + ".c2ln"
			},
			run: func(in string) {
				c, _ := Parse(in)
				FormatText(Diagnose(c, Requirement{}, now, 0))
			},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			checkLinear(t, tc.n, tc.build, tc.run)
		})
	}
}
