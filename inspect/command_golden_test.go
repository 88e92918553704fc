package inspect

import (
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the want sections of golden files")

// txtarFile is a tiny reader for the txtar format: a comment, then
// sections that start with a "-- name --" line.
type txtarFile struct {
	comment string
	names   []string
	data    map[string]string
}

func parseTxtar(s string) txtarFile {
	f := txtarFile{data: map[string]string{}}
	cur := ""
	var b strings.Builder
	flush := func() {
		if cur == "" {
			f.comment = b.String()
		} else {
			f.data[cur] = b.String()
		}
		b.Reset()
	}
	for _, line := range strings.SplitAfter(s, "\n") {
		t := strings.TrimRight(line, "\r\n")
		if strings.HasPrefix(t, "-- ") && strings.HasSuffix(t, " --") && len(t) >= 6 {
			flush()
			cur = strings.TrimSpace(t[3 : len(t)-3])
			f.names = append(f.names, cur)
			continue
		}
		b.WriteString(line)
	}
	flush()
	return f
}

func (f txtarFile) format() string {
	var b strings.Builder
	b.WriteString(f.comment)
	for _, n := range f.names {
		b.WriteString("-- " + n + " --\n")
		d := f.data[n]
		b.WriteString(d)
		if d != "" && !strings.HasSuffix(d, "\n") {
			b.WriteString("\n")
		}
	}
	return b.String()
}

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
	files, err := filepath.Glob(filepath.Join("testdata", "command", "*.txtar"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no golden files: %v", err)
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			raw, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			f := parseTxtar(string(raw))
			input, ok := f.data["input"]
			if !ok {
				t.Fatal("no input section")
			}
			c, perr := ParseCommand(input)
			got, err := json.MarshalIndent(goldenOf(c, perr), "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			if *update {
				if _, ok := f.data["want"]; !ok {
					f.names = append(f.names, "want")
				}
				f.data["want"] = string(got) + "\n"
				if err := os.WriteFile(file, []byte(f.format()), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if want := strings.TrimSpace(f.data["want"]); want != string(got) {
				t.Errorf("ParseCommand(%s) =\n%s\nwant\n%s", file, got, want)
			}
		})
	}
}
