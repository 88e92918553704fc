package inspect

import (
	"encoding/json"
	"errors"
	"path/filepath"
	"testing"
)

// goldenResult is what a golden case records of ParseCommand's answer.
type goldenResult struct {
	Error      string        `json:"error,omitempty"`
	Incomplete bool          `json:"incomplete,omitempty"`
	Entries    []goldenEntry `json:"entries"`
	Findings   []Finding     `json:"findings,omitempty"`
}

type goldenEntry struct {
	Request  Request   `json:"request"`
	Findings []Finding `json:"findings,omitempty"`
}

func goldenOf(c Case, err error) goldenResult {
	g := goldenResult{Entries: []goldenEntry{}, Findings: c.Findings}
	if err != nil {
		g.Error = err.Error()
		g.Incomplete = errors.Is(err, ErrIncompleteCommand)
	}
	for _, e := range c.Entries {
		g.Entries = append(g.Entries, goldenEntry{Request: e.Request, Findings: e.Findings})
	}
	return g
}

// TestCommandGolden runs every testdata/command/*.txtar: its "input"
// section through ParseCommand, compared with its "want" section (JSON).
// go test -run TestCommandGolden -update rewrites the want sections.
func TestCommandGolden(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "testdata", "command", "*.txtar"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no golden files: %v", err)
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			f := readTxtar(t, file)
			input, ok := f.data["input"]
			if !ok {
				t.Fatal("no input section")
			}
			c, perr := ParseCommand(input)
			got, err := json.MarshalIndent(goldenOf(c, perr), "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			f.check(t, file, "ParseCommand", string(got)+"\n")
		})
	}
}
