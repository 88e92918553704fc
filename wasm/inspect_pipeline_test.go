//go:build !js

package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// pipelineCase is a golden HAR of testdata/har with the verdict, primary
// entry and findings its "want" section expects.
type pipelineCase struct {
	name, har, verdict, primary string
	codes                       []string
}

var (
	wantVerdict = regexp.MustCompile(`(?m)^verdict: (\S+) \(primary (\S+)\)$`)
	wantFinding = regexp.MustCompile(`(?m)^finding: (\S+) `)
	txtarHead   = regexp.MustCompile(`(?m)^-- (.+) --$`)
)

// pipelineCases reads the golden HAR cases that the CLI can judge with its
// defaults: no tokens to build, no requirement, the golden moment.
func pipelineCases(t *testing.T) []pipelineCase {
	files, _ := filepath.Glob("../testdata/har/*.txtar")
	var out []pipelineCase
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		text := string(b)
		heads := txtarHead.FindAllStringSubmatchIndex(text, -1)
		sections := map[string]string{}
		for i, h := range heads {
			end := len(text)
			if i+1 < len(heads) {
				end = heads[i+1][0]
			}
			sections[text[h[2]:h[3]]] = text[h[1]+1 : end]
		}
		if len(heads) == 0 || strings.Contains(text[:heads[0][0]], "[bom]") || sections["now"] != "" || sections["requirement"] != "" || strings.Contains(sections["har"], "{{") {
			continue
		}
		m := wantVerdict.FindStringSubmatch(sections["want"])
		if m == nil {
			t.Fatalf("%s: no verdict line in want", f)
		}
		c := pipelineCase{name: strings.TrimSuffix(filepath.Base(f), ".txtar"), har: sections["har"], verdict: m[1], primary: m[2]}
		for _, fm := range wantFinding.FindAllStringSubmatch(sections["want"], -1) {
			c.codes = append(c.codes, fm[1])
		}
		out = append(out, c)
	}
	if len(out) < 10 {
		t.Fatalf("only %d golden HARs to run", len(out))
	}
	return out
}

// The CLI over a directory of the golden HARs (as .har, .har.gz and .json,
// in nested folders, among files that are not HARs) gives, per file, the
// verdict, primary failure and findings the golden files expect.
func TestInspectDirectoryOfGoldenHARs(t *testing.T) {
	cases := pipelineCases(t)
	t.Logf("%d golden HARs", len(cases))
	dir := t.TempDir()
	byFile := map[string]pipelineCase{}
	for i, c := range cases {
		var path string
		data := []byte(c.har)
		switch i % 3 {
		case 0:
			path = filepath.Join(dir, "har", c.name+".har")
		case 1:
			path = filepath.Join(dir, "gz", c.name+".har.gz")
			var buf bytes.Buffer
			zw := gzip.NewWriter(&buf)
			zw.Write(data)
			zw.Close()
			data = buf.Bytes()
		case 2:
			path = filepath.Join(dir, "deep", "er", c.name+".json")
		}
		os.MkdirAll(filepath.Dir(path), 0o755)
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		byFile[path] = c
	}
	// Not HARs: skipped and counted.
	for name, content := range map[string]string{
		"README.md":             "# captures\n",
		"deep/package.json":     `{"name":"e2e","version":"1.0.0"}`,
		"deep/er/notes.txt":     "nothing here",
		"deep/er/tokens.json":   `{"access_token":"x"}`,
		"gz/empty-capture.json": "",
	} {
		os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644)
	}

	code, out, errText := runCLI(t, "", "inspect", "--format=json", "--now=2026-01-01T00:00:00Z", dir)
	if code != exitDenied {
		t.Errorf("exit %d, want %d (stderr %s)", code, exitDenied, errText)
	}
	if !strings.Contains(errText, "skipped 5 files: not a HAR") {
		t.Errorf("stderr does not count the 5 skipped files:\n%s", errText)
	}
	seen := map[string]bool{}
	var order []string
	sc := bufio.NewScanner(strings.NewReader(out))
	sc.Buffer(nil, 64<<20)
	for sc.Scan() {
		var line struct {
			File     string `json:"file"`
			Error    string `json:"error"`
			Verdict  string `json:"verdict"`
			Primary  int    `json:"primary"`
			Findings []struct {
				Code string `json:"code"`
			} `json:"findings"`
			Entries []struct {
				Index int `json:"index"`
			} `json:"entries"`
		}
		if err := json.Unmarshal(sc.Bytes(), &line); err != nil {
			t.Fatalf("not a JSON line: %v: %.200s", err, sc.Text())
		}
		order = append(order, line.File)
		c, ok := byFile[line.File]
		if !ok {
			t.Errorf("a report for %s, which is not a HAR of the tree", line.File)
			continue
		}
		seen[line.File] = true
		if line.Error != "" {
			t.Errorf("%s: error %s", c.name, line.Error)
			continue
		}
		primary := "none"
		if line.Primary >= 0 && line.Primary < len(line.Entries) {
			primary = fmt.Sprintf("#%d", line.Entries[line.Primary].Index)
		}
		var codes []string
		for _, f := range line.Findings {
			codes = append(codes, f.Code)
		}
		if line.Verdict != c.verdict || primary != c.primary || strings.Join(codes, " ") != strings.Join(c.codes, " ") {
			t.Errorf("%s: verdict %s (primary %s) findings %v; the golden file says %s (primary %s) %v",
				line.File, line.Verdict, primary, codes, c.verdict, c.primary, c.codes)
		}
	}
	if len(seen) != len(byFile) {
		t.Errorf("%d reports for %d HARs", len(seen), len(byFile))
	}
	if !sort.StringsAreSorted(order) {
		t.Errorf("files not in lexical order: %v", order)
	}

	// A glob picks its files; --fail-on chooses what fails.
	code, out, _ = runCLI(t, "", "inspect", "--format=json", "--now=2026-01-01T00:00:00Z", "--fail-on=", filepath.Join(dir, "har", "*.har"))
	if n := strings.Count(out, "\n"); n != (len(cases)+2)/3 {
		t.Errorf("glob: %d reports, want %d", n, (len(cases)+2)/3)
	}
	if code != exitOK && code != exitUnknown {
		t.Errorf("glob with --fail-on= (nothing fails): exit %d", code)
	}
	if code, _, errText := runCLI(t, "", "inspect", filepath.Join(dir, "nothing-*.har")); code != exitUsage || !strings.Contains(errText, "no file matches") {
		t.Errorf("a glob matching nothing: exit %d, %q", code, errText)
	}
	empty := t.TempDir()
	os.WriteFile(filepath.Join(empty, "a.txt"), []byte("x"), 0o644)
	if code, _, errText := runCLI(t, "", "inspect", empty); code != exitUsage || !strings.Contains(errText, "no HAR found") {
		t.Errorf("a directory without HARs: exit %d, %q", code, errText)
	}
}
