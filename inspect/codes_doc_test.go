package inspect

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

// Finding codes are a public contract: every code the package can emit must
// be explained in the README's table, where users look them up.
func TestEveryCodeIsDocumented(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	decl := regexp.MustCompile(`\bCode[A-Za-z]+\s*=\s*"([a-z_]+\.[a-z_]+)"`)
	files, _ := os.ReadDir(".")
	n := 0
	for _, f := range files {
		if !strings.HasSuffix(f.Name(), ".go") || strings.HasSuffix(f.Name(), "_test.go") {
			continue
		}
		src, err := os.ReadFile(f.Name())
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range decl.FindAllStringSubmatch(string(src), -1) {
			n++
			if !strings.Contains(string(readme), "`"+m[1]+"`") {
				t.Errorf("finding code %s (%s) is not in README.md's table of codes", m[1], f.Name())
			}
		}
	}
	if n < 30 {
		t.Fatalf("found only %d code declarations; the pattern is out of date", n)
	}
}
