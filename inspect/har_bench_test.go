package inspect

import (
	"context"
	"testing"
	"time"
)

// BenchmarkParseHAR reads a generated 10 MB Chrome-like HAR (about 1,000
// entries with 8 KB bodies). Compare its MB/s with JSON.parse in a browser
// (about 300 MB/s, DESIGN.md) when run under GOOS=js GOARCH=wasm.
func BenchmarkParseHAR(b *testing.B) {
	data := genHAR(1150, 8<<10)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		c, err := ParseHAR(context.Background(), data, nil)
		if err != nil || len(c.Entries) == 0 {
			b.Fatalf("ParseHAR: %d entries, %v", len(c.Entries), err)
		}
	}
}

// BenchmarkDiagnoseHAR judges the entries of the same HAR, as the page does
// once it is read.
func BenchmarkDiagnoseHAR(b *testing.B) {
	c, err := ParseHAR(context.Background(), genHAR(1150, 8<<10), nil)
	if err != nil {
		b.Fatal(err)
	}
	now := c.Entries[0].Started.Add(time.Hour)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if r := Diagnose(c, Requirement{}, now, 0); len(r.Entries) != len(c.Entries) {
			b.Fatalf("%d entries judged of %d", len(r.Entries), len(c.Entries))
		}
	}
}
