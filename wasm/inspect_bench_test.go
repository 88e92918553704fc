//go:build !js

package main

import (
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"whydenied/internal/hargen"
)

// BenchmarkInspectSessionHAR runs `whydenied inspect` in process on a
// generated 10 MB session HAR (every request with a bearer token, the
// denied request last), with the text and the JSON output: reading,
// judging, redacting and writing, without the process's start.
func BenchmarkInspectSessionHAR(b *testing.B) {
	path := filepath.Join(b.TempDir(), "session.har")
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := hargen.WriteSession(f, 10<<20, 1); err != nil {
		b.Fatal(err)
	}
	if err := f.Close(); err != nil {
		b.Fatal(err)
	}
	st, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	now := hargen.SessionStart.Add(time.Hour).Format(time.RFC3339)
	for _, format := range []string{"text", "json"} {
		b.Run(format, func(b *testing.B) {
			b.SetBytes(st.Size())
			b.ReportAllocs()
			for b.Loop() {
				if code := inspectCmd([]string{"--format", format, "--now", now, path}, nil, io.Discard, io.Discard); code != exitDenied {
					b.Fatalf("exit %d, want %d (the last request is denied)", code, exitDenied)
				}
			}
		})
	}
}
