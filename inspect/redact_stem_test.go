package inspect

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// hasSecretStem finds a stem where looking for each in turn does, in any
// case and with the bytes that fold onto letters (0x20 set).
func TestHasSecretStem(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	alphabet := "tokTOKsecretPASSpwoinCRDgavfyhjbuxlmdcSH_-.0\x10@`[{"
	names := []string{"", "t", "to", "tok", "TOK", "access_token", "X-Api-Key", "email", "createdAt", "Tø", "\x14\x0f\x0b"}
	for range 50000 {
		var b strings.Builder
		for range r.IntN(12) {
			if r.IntN(6) > 0 {
				b.WriteByte(alphabet[r.IntN(len(alphabet))])
				continue
			}
			// A stem, maybe cut short, in mixed case.
			st := secretStems[r.IntN(len(secretStems))]
			for i := range len(st) - r.IntN(2) {
				c := st[i]
				if r.IntN(2) == 0 {
					c &^= 0x20
				}
				b.WriteByte(c)
			}
		}
		names = append(names, b.String())
	}
	found := 0
	for _, n := range names {
		want := false
		for _, st := range secretStems {
			want = want || containsFold(n, st)
		}
		if got := hasSecretStem(n); got != want {
			t.Fatalf("hasSecretStem(%q) = %v, want %v", n, got, want)
		}
		if want {
			found++
		}
	}
	if found < 1000 || found > len(names)-1000 {
		t.Errorf("%d of %d names hold a stem: the comparison says little", found, len(names))
	}
}
