package inspect

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite the want sections of golden files")

// txtarFile is a golden case: a comment, then sections "-- name --".
type txtarFile struct {
	comment string
	names   []string
	data    map[string]string
}

func readTxtar(t *testing.T, path string) txtarFile {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	f := txtarFile{data: map[string]string{}}
	cur := ""
	var buf strings.Builder
	flush := func() {
		if cur == "" {
			f.comment = buf.String()
		} else {
			f.data[cur] = buf.String()
		}
		buf.Reset()
	}
	for _, line := range strings.SplitAfter(string(b), "\n") {
		if m := sectionLine.FindStringSubmatch(strings.TrimRight(line, "\r\n")); m != nil {
			flush()
			cur = m[1]
			f.names = append(f.names, cur)
			continue
		}
		buf.WriteString(line)
	}
	flush()
	return f
}

var sectionLine = regexp.MustCompile(`^-- (.+) --$`)

func (f txtarFile) write(path string) error {
	var b strings.Builder
	b.WriteString(f.comment)
	for _, n := range f.names {
		b.WriteString("-- " + n + " --\n")
		b.WriteString(f.data[n])
	}
	return os.WriteFile(path, []byte(b.String()), 0o644)
}

// check compares got with the file's "want" section, or with -update
// rewrites that section.
func (f txtarFile) check(t *testing.T, path, what, got string) {
	t.Helper()
	if *update {
		if _, ok := f.data["want"]; !ok {
			f.names = append(f.names, "want")
		}
		f.data["want"] = got
		if err := f.write(path); err != nil {
			t.Fatal(err)
		}
		return
	}
	if want := f.data["want"]; got != want {
		t.Errorf("%s: %s differs from want.\n--- got ---\n%s\n--- want ---\n%s", path, what, got, want)
	}
}

// testKey signs the tokens the golden files describe; it is made up.
const testKey = "whydenied-golden-test-key"

var tokenRef = regexp.MustCompile(`\{\{token:(\w+)\}\}`)

// buildTokens replaces {{token:NAME}} in s with a token made from the
// sections "header:NAME" and "claims:NAME", encoded byte for byte (so odd
// JSON stays odd) and signed with HS256 unless the header says alg none.
func buildTokens(t *testing.T, f txtarFile, s string) string {
	return tokenRef.ReplaceAllStringFunc(s, func(ref string) string {
		name := tokenRef.FindStringSubmatch(ref)[1]
		h, ok1 := f.data["header:"+name]
		c, ok2 := f.data["claims:"+name]
		if !ok1 || !ok2 {
			t.Fatalf("%s needs sections header:%s and claims:%s", ref, name, name)
		}
		enc := base64.RawURLEncoding
		signing := enc.EncodeToString([]byte(strings.TrimSpace(h))) + "." + enc.EncodeToString([]byte(strings.TrimSpace(c)))
		if strings.Contains(h, `"none"`) {
			return signing + "."
		}
		mac := hmac.New(sha256.New, []byte(testKey))
		mac.Write([]byte(signing))
		return signing + "." + enc.EncodeToString(mac.Sum(nil))
	})
}

// TestGolden runs every testdata/tokens/*.txtar case: the input (with
// tokens built from their sections), the requirement, the moment ("now",
// default 2026-01-01T00:00:00Z) and the leeway go through Parse, then
// Diagnose; FormatText of the report must equal "want". Run with -update to
// rewrite "want" after a deliberate change, and read the diff.
func TestGolden(t *testing.T) {
	files, _ := filepath.Glob("../testdata/tokens/*.txtar")
	if len(files) == 0 {
		t.Fatal("no golden files found in ../testdata/tokens")
	}
	for _, path := range files {
		t.Run(strings.TrimSuffix(filepath.Base(path), ".txtar"), func(t *testing.T) {
			f := readTxtar(t, path)
			input := buildTokens(t, f, strings.TrimSuffix(f.data["input"], "\n"))
			now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
			if s := strings.TrimSpace(f.data["now"]); s != "" {
				var err error
				if now, err = time.Parse(time.RFC3339, s); err != nil {
					t.Fatal(err)
				}
			}
			var leeway time.Duration
			if s := strings.TrimSpace(f.data["leeway"]); s != "" {
				var err error
				if leeway, err = time.ParseDuration(s); err != nil {
					t.Fatal(err)
				}
			}
			req, reqErr := ParseRequirement(f.data["requirement"])
			c, err := Parse(input)
			got := FormatText(Diagnose(c, req, now, leeway))
			if reqErr != nil {
				got = "requirement error: " + reqErr.Error() + "\n" + got
			}
			if err != nil {
				got = "parse error: " + err.Error() + "\n" + got
			}
			f.check(t, path, "FormatText(Diagnose(…))", got)
		})
	}
}
