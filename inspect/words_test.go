package inspect

import (
	"context"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// goldenReports judges every golden case's input (tokens, commands, HARs)
// as the CLI does, by file name.
func goldenReports(t *testing.T) map[string]Report {
	t.Helper()
	files, _ := filepath.Glob("../testdata/*/*.txtar")
	out := map[string]Report{}
	for _, path := range files {
		f := readTxtar(t, path)
		input, ok := f.data["input"]
		if !ok {
			input, ok = f.data["har"]
		}
		if !ok {
			continue
		}
		input = buildTokens(t, f, strings.TrimSuffix(input, "\n"))
		now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
		if s := strings.TrimSpace(f.data["now"]); s != "" {
			if v, err := time.Parse(time.RFC3339, s); err == nil {
				now = v
			}
		}
		req, _ := ParseRequirement(f.data["requirement"])
		var c Case
		if _, isHAR := f.data["har"]; isHAR {
			c, _ = ParseHAR(context.Background(), []byte(input), nil)
		} else {
			c, _ = Parse(input)
		}
		out[filepath.Base(filepath.Dir(path))+"/"+filepath.Base(path)] = Diagnose(c, req, now, 0)
	}
	if len(out) < 50 {
		t.Fatalf("only %d golden cases", len(out))
	}
	return out
}

var (
	sentenceEnd = regexp.MustCompile(`[.;] +`)
	answersCode = regexp.MustCompile(`answer(?:s|ed) (\d{3})`)
)

// doubled says what a sentence says twice, or "".
func doubled(s string) string {
	seen := map[string]bool{}
	for _, part := range sentenceEnd.Split(s, -1) {
		part = strings.TrimSpace(strings.TrimSuffix(part, "."))
		if part == "" {
			continue
		}
		if seen[part] {
			return "the clause " + quote(part) + " twice"
		}
		seen[part] = true
		// "No token to check: No token, command or HAR…": the words after
		// a colon begin as the clause before it did.
		if before, after, ok := strings.Cut(part, ": "); ok {
			if b, a := firstWords(before, 2), firstWords(after, 2); b != "" && strings.EqualFold(b, a) {
				return quote(b) + " on both sides of a colon"
			}
		}
	}
	codes := map[string]int{}
	for _, m := range answersCode.FindAllStringSubmatch(s, -1) {
		if codes[m[1]]++; codes[m[1]] > 1 {
			return "that the server answers " + m[1] + " twice"
		}
	}
	return ""
}

func firstWords(s string, n int) string {
	w := strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == ',' || r == '(' || r == ')' })
	if len(w) < n {
		return ""
	}
	return strings.Join(w[:n], " ")
}

// Every verdict's words say each thing once: no clause twice, no "No
// token to check: No token…", no status said twice, no vendor named twice
// in a title ("Fiddler: Fiddler could not…"); every report has a headline
// that is its verdict's.
func TestWordsSayEachThingOnce(t *testing.T) {
	for _, c := range []struct{ s, want string }{
		{"No token to check: No token, command or HAR in the text: nothing to judge.", "on both sides"},
		{"The server answered 401. The server cannot tell who you are, so it answers 401.", "answers 401 twice"},
		{"No HTTP answer reached the page. No HTTP answer reached the page.", "twice"},
		{"The server answered 401: it cannot tell who you are.", ""},
	} {
		if got := doubled(c.s); c.want == "" && got != "" || c.want != "" && !strings.Contains(got, c.want) {
			t.Errorf("doubled(%q) = %q, want %q", c.s, got, c.want)
		}
	}
	vendors := map[string]bool{}
	for _, r := range vendorRules {
		vendors[r.vendor] = true
		title := vendorTitle(r.vendor, r.title)
		if n := strings.Count(strings.ToLower(title), strings.ToLower(r.vendor)); n > 1 {
			t.Errorf("vendor rule title names %s %d times: %q", r.vendor, n, title)
		}
	}
	for name, r := range goldenReports(t) {
		if r.Headline != Headline(r.Verdict) {
			t.Errorf("%s: headline %q for verdict %s", name, r.Headline, r.Verdict)
		}
		if d := doubled(r.Summary); d != "" {
			t.Errorf("%s: the sentence says %s: %s", name, d, r.Summary)
		}
		for _, e := range r.Entries {
			if d := doubled(e.Summary); d != "" {
				t.Errorf("%s #%d: the entry's sentence says %s: %s", name, e.Index+1, d, e.Summary)
			}
		}
		for _, f := range r.Findings {
			if v, rest, ok := strings.Cut(f.Title, ": "); ok && vendors[v] && strings.Contains(strings.ToLower(rest), strings.ToLower(v)) {
				t.Errorf("%s: %s names %s twice: %s", name, f.Code, v, f.Title)
			}
		}
	}
}

// The paragraph under a HAR's verdict names the primary request and what
// it got: a status, a status that is not a number, or no answer.
func TestExplanationSaysWhatCameBack(t *testing.T) {
	reports := goldenReports(t)
	for name, want := range map[string]string{
		"har/status_unreadable_challenge.txtar": "is entry #1, GET https://api.example.test/v1/me, answered with a status that is not a number (1.5). The server says the token is invalid",
		"har/waf_block_200.txtar":               "is entry #1, GET https://shop.example.test/api/login, answered 200. The request was rejected by an F5 BIG-IP web application firewall",
		"har/cors_no_origin.txtar":              "is entry #2, GET https://api.example.test/v1/orders, which got no answer (net::ERR_FAILED)",
		"har/status_unreadable.txtar":           "",
		"tokens/commands-several.txtar":         "",
	} {
		r, ok := reports[name]
		if !ok {
			t.Fatalf("no golden case %s", name)
		}
		got := r.Explanation()
		if want == "" && got != "" || !strings.Contains(got, want) {
			t.Errorf("%s: explanation %q, want it to hold %q", name, got, want)
		}
	}
}

// A refusal made before anything looked at the caller (a firewall, a
// proxy, the web server's own deny rule, API Gateway's missing route) says
// nothing about identity: its sentence never says the server knows who you
// are.
func TestNoIdentityWordsForBlocks(t *testing.T) {
	blocks := map[string]bool{CodeWAFBlock: true, CodeProxyBlock: true, CodeProxyAuthRequired: true, CodeWebServerForbidden: true, CodeVendorAWSMissingRoute: true}
	seen := 0
	for name, r := range goldenReports(t) {
		for _, e := range r.Entries {
			var by Finding
			for _, f := range e.Findings {
				if f.Severity == SeverityError && Family(f.Code, ProfileGeneric) == e.Verdict {
					by = f
					break
				}
			}
			if !blocks[by.Code] {
				continue
			}
			seen++
			s := sentence(e.Verdict, e.Summary, by)
			if strings.Contains(s, "knows who you are") || strings.Contains(s, "cannot tell who you are") {
				t.Errorf("%s #%d (%s): %s", name, e.Index+1, by.Code, s)
			}
		}
	}
	if seen < 5 {
		t.Errorf("only %d blocks among the golden cases", seen)
	}
}
