package inspect

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"
)

// BenchmarkHostile times the inputs of issue 10 that took seconds to
// minutes or crashed; TestReadersScaleLinearly checks that they grow
// linearly, these say how long they take (make bench).
func BenchmarkHostile(b *testing.B) {
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	scopes := func(prefix string) string {
		var sb strings.Builder
		sb.WriteString(prefix)
		for i := range 80000 {
			fmt.Fprintf(&sb, "s%d ", i)
		}
		return sb.String()
	}
	for _, bc := range []struct {
		name string
		in   string
		run  func(string)
	}{
		{"400000 nested $(", "curl https://a/ " + strings.Repeat("$(", 400000), func(s string) { Parse(s) }},
		{"5000 tokens on one line", strings.Repeat(scaleJWT+" ", 5000), func(s string) { Diagnose(ParseTokens(s), Requirement{}, now, 0) }},
		{"100000 tokens on lines", strings.Repeat(scaleJWT+"\n", 100000), func(s string) { Diagnose(ParseTokens(s), Requirement{}, now, 0) }},
		{"curl and a million newlines", "curl https://a/" + strings.Repeat("\n", 1000000), func(s string) { Parse(s) }},
		{"80000 scopes", scopes("scope="), func(s string) { ParseRequirement(s) }},
		{"80000 scopes in WWW-Authenticate", scopes(`Bearer error="insufficient_scope", scope="`) + `"`, func(s string) { ParseRequirement(s) }},
		{"HAR of a million {}", `{"log":{"entries":[` + strings.TrimSuffix(strings.Repeat("{},", 1000000), ",") + `]}}`, func(s string) {
			c, _ := ParseHAR(context.Background(), []byte(s), nil)
			Diagnose(c, Requirement{}, now, 0)
		}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(int64(len(bc.in)))
			for b.Loop() {
				bc.run(bc.in)
			}
		})
	}
}
