package inspect

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// declaredCodes returns every finding code declared in the package's
// sources (a constant named Code… holding "family.name"), by constant name.
func declaredCodes(t *testing.T) map[string]string {
	t.Helper()
	decl := regexp.MustCompile(`\b(Code[A-Za-z]+)\s*=\s*"([a-z_]+\.[a-z_]+)"`)
	files, _ := os.ReadDir(".")
	out := map[string]string{}
	for _, f := range files {
		if !strings.HasSuffix(f.Name(), ".go") || strings.HasSuffix(f.Name(), "_test.go") {
			continue
		}
		src, err := os.ReadFile(f.Name())
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range decl.FindAllStringSubmatch(string(src), -1) {
			out[m[2]] = m[1]
		}
	}
	if len(out) < 30 {
		t.Fatalf("found only %d code declarations; the pattern is out of date", len(out))
	}
	return out
}

// Every declared code has one registry entry with a family, a severity and
// a meaning; the registry holds nothing that is not declared.
func TestRegistryIsComplete(t *testing.T) {
	declared := declaredCodes(t)
	seen := map[string]bool{}
	for _, c := range Codes() {
		if seen[c.Code] {
			t.Errorf("%s is in the registry twice", c.Code)
		}
		seen[c.Code] = true
		if _, ok := declared[c.Code]; !ok {
			t.Errorf("%s is in the registry but declared nowhere", c.Code)
		}
		switch c.Family {
		case Verdict401, Verdict403, VerdictNetwork, FamilyNone:
		default:
			t.Errorf("%s: family %q is not 401, 403, network or none", c.Code, c.Family)
		}
		switch c.Severity {
		case SeverityError, SeverityWarning, SeverityInfo:
		default:
			t.Errorf("%s: severity %q", c.Code, c.Severity)
		}
		if strings.TrimSpace(c.Meaning) == "" {
			t.Errorf("%s has no meaning", c.Code)
		}
	}
	for code, name := range declared {
		if !seen[code] {
			t.Errorf("%s (%s) has no registry entry in codes.go", code, name)
		}
	}
}

// Every code is produced by some test: it appears in a golden case's
// expected output (testdata/**), or a unit test names it.
func TestEveryCodeIsTested(t *testing.T) {
	var corpus strings.Builder
	goldens, _ := filepath.Glob("../testdata/*/*.txtar")
	tests, _ := filepath.Glob("*_test.go")
	for _, p := range append(goldens, tests...) {
		if p == "codes_doc_test.go" {
			continue
		}
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		corpus.Write(b)
	}
	all := corpus.String()
	for code, name := range declaredCodes(t) {
		if !strings.Contains(all, code) && !regexp.MustCompile(`\b`+name+`\b`).MatchString(all) {
			t.Errorf("no golden case or unit test produces %s (%s)", code, name)
		}
	}
}

// The README's table of codes is generated from the registry (go test
// ./inspect -run TestREADMECodeTable -update rewrites it).
func TestREADMECodeTable(t *testing.T) {
	const begin, end = "<!-- codes:begin (generated from inspect/codes.go) -->\n", "<!-- codes:end -->"
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	s := string(readme)
	i, j := strings.Index(s, begin), strings.Index(s, end)
	if i < 0 || j < i {
		t.Fatalf("README.md has no %q … %q section", strings.TrimSpace(begin), end)
	}
	want := CodeTableMarkdown()
	got := s[i+len(begin) : j]
	if got == want {
		return
	}
	if *update {
		if err := os.WriteFile("../README.md", []byte(s[:i+len(begin)]+want+s[j:]), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Errorf("README.md's table of codes differs from the registry; run go test ./inspect -run TestREADMECodeTable -update\n--- got ---\n%s\n--- want ---\n%s", got, want)
}
