package ui

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"whydenied/inspect"
)

// goldenSections reads a txtar golden case: its sections by name.
func goldenSections(t *testing.T, path string) map[string]string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	cur := ""
	var buf strings.Builder
	for _, line := range strings.SplitAfter(string(b), "\n") {
		if m := goldenSection.FindStringSubmatch(strings.TrimRight(line, "\r\n")); m != nil {
			if cur != "" {
				out[cur] = buf.String()
			}
			cur = m[1]
			buf.Reset()
			continue
		}
		buf.WriteString(line)
	}
	if cur != "" {
		out[cur] = buf.String()
	}
	return out
}

var (
	goldenSection = regexp.MustCompile(`^-- (.+) --$`)
	goldenToken   = regexp.MustCompile(`\{\{token:(\w+)\}\}`)
)

// goldenTokens builds the {{token:NAME}} references of a golden case from
// its header:NAME and claims:NAME sections, as inspect's golden tests do.
func goldenTokens(sec map[string]string, s string) string {
	return goldenToken.ReplaceAllStringFunc(s, func(ref string) string {
		name := goldenToken.FindStringSubmatch(ref)[1]
		enc := base64.RawURLEncoding
		h := strings.TrimSpace(sec["header:"+name])
		signing := enc.EncodeToString([]byte(h)) + "." + enc.EncodeToString([]byte(strings.TrimSpace(sec["claims:"+name])))
		if strings.Contains(h, `"none"`) {
			return signing + "."
		}
		mac := hmac.New(sha256.New, []byte("whydenied-golden-test-key"))
		mac.Write([]byte(signing))
		return signing + "." + enc.EncodeToString(mac.Sum(nil))
	})
}

// The page and the CLI give the same verdict and the same sentence for
// every golden case: the CLI reads the input with inspect.ParseBytes and
// judges it with inspect.Diagnose; the page puts it in the field for its
// kind (token, command, HAR) and judges it through diagnose, as a
// keystroke does.
func TestPageAndCLIAgree(t *testing.T) {
	files, _ := filepath.Glob("../testdata/*/*.txtar")
	if len(files) < 50 {
		t.Fatalf("only %d golden cases found", len(files))
	}
	n := 0
	kinds := map[inspect.Kind]int{}
	for _, path := range files {
		sec := goldenSections(t, path)
		input, ok := sec["input"]
		if !ok {
			input, ok = sec["har"]
		}
		if !ok {
			continue
		}
		input = goldenTokens(sec, strings.TrimSuffix(input, "\n"))
		now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
		if s := strings.TrimSpace(sec["now"]); s != "" {
			if v, err := time.Parse(time.RFC3339, s); err == nil {
				now = v
			}
		}
		var leeway time.Duration
		if s := strings.TrimSpace(sec["leeway"]); s != "" {
			leeway, _ = inspect.ParseLeeway(s)
		}
		req, _ := inspect.ParseRequirement(sec["requirement"])
		c, err := inspect.ParseBytes([]byte(input))
		if err != nil && c.Kind == "" {
			continue // unusable input: the CLI prints an error, no verdict
		}
		cli := inspect.Diagnose(c, req, now, leeway)

		in := inputs{Requirement: sec["requirement"], Leeway: leeway}
		switch c.Kind {
		case inspect.KindHAR:
			in.HAR = &c
			in.touch(srcHAR)
		case inspect.KindCurl:
			in.Curl = input
			in.touch(srcCurl)
		default:
			in.Token = input
			in.touch(srcToken)
		}
		page := diagnose(in, now).Report
		n++
		kinds[c.Kind]++
		if page.Verdict != cli.Verdict || page.Summary != cli.Summary {
			t.Errorf("%s (%s):\n page: %s — %s\n  CLI: %s — %s", filepath.Base(path), c.Kind, page.Verdict, page.Summary, cli.Verdict, cli.Summary)
		}
	}
	if n < 50 || kinds[inspect.KindCurl] == 0 || kinds[inspect.KindHAR] == 0 || kinds[inspect.KindTokens] == 0 {
		t.Errorf("compared only %d cases (%v): every kind of input must be among them", n, kinds)
	}
}
