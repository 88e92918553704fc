package ui

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
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

// The page and the CLI give the same verdict, headline and sentence for
// every golden case: the CLI reads the input with inspect.ParseBytes and
// judges it with inspect.Diagnose, and prints them as text and JSON; the
// page puts it in the field for its kind (token, command, HAR), judges it
// through diagnose, as a keystroke does, and shows #verdict (viewVerdict)
// and each entry's sentence. Both take the words from inspect (words.go).
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

		in := inputs{Requirement: sec["requirement"], Leeway: leeway, LeewaySet: leeway != 0}
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
		res := diagnose(in, now)
		page := res.Report
		shown := viewVerdict(res, true)
		n++
		kinds[c.Kind]++
		name := filepath.Base(path)
		if page.Verdict != cli.Verdict || shown.verdict != cli.Verdict {
			t.Errorf("%s (%s): the page says %s (#verdict %s), the CLI %s", name, c.Kind, page.Verdict, shown.verdict, cli.Verdict)
		}
		if cli.Headline == "" || cli.Summary == "" {
			t.Errorf("%s: the CLI's report has no headline or no sentence: %q, %q", name, cli.Headline, cli.Summary)
		}
		if shown.title != cli.Headline || shown.summary != cli.Summary {
			t.Errorf("%s (%s):\n page: %s\n       %s\n  CLI: %s\n       %s", name, c.Kind, shown.title, shown.summary, cli.Headline, cli.Summary)
		}
		// The CLI's text: verdict, headline, sentence, in that order.
		if lines := strings.SplitN(inspect.FormatText(cli), "\n", 4); len(lines) < 4 || lines[1] != cli.Headline || lines[2] != cli.Summary {
			t.Errorf("%s: the text output does not start with the headline and the sentence:\n%s", name, strings.Join(lines[:min(3, len(lines))], "\n"))
		}
		// The CLI's JSON.
		var js struct{ Verdict, Headline, Summary string }
		if b, err := json.Marshal(cli); err != nil || json.Unmarshal(b, &js) != nil || js.Verdict != string(cli.Verdict) || js.Headline != cli.Headline || js.Summary != cli.Summary {
			t.Errorf("%s: the JSON's verdict, headline or summary differ: %+v", name, js)
		}
		if len(page.Entries) != len(cli.Entries) {
			t.Errorf("%s: the page has %d entries, the CLI %d", name, len(page.Entries), len(cli.Entries))
			continue
		}
		for i := range page.Entries {
			if p, c := page.Entries[i], cli.Entries[i]; p.Verdict != c.Verdict || p.Summary != c.Summary {
				t.Errorf("%s #%d:\n page: %s — %s\n  CLI: %s — %s", name, i+1, p.Verdict, p.Summary, c.Verdict, c.Summary)
			}
		}
	}
	if n < 50 || kinds[inspect.KindCurl] == 0 || kinds[inspect.KindHAR] == 0 || kinds[inspect.KindTokens] == 0 {
		t.Errorf("compared only %d cases (%v): every kind of input must be among them", n, kinds)
	}
}
