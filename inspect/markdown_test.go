package inspect

import (
	"encoding/base64"
	"encoding/json"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
)

var mdNow = time.Date(2025, 6, 2, 10, 0, 0, 0, time.UTC)

func jwtOf(header, payload, sig string) string {
	enc := base64.RawURLEncoding
	return enc.EncodeToString([]byte(header)) + "." + enc.EncodeToString([]byte(payload)) + "." + sig
}

func diagnoseText(t *testing.T, input, requirement string) Report {
	t.Helper()
	c, err := Parse(input)
	if err != nil && len(c.Tokens) == 0 && len(c.Entries) == 0 {
		t.Fatalf("parse: %v", err)
	}
	req, err := ParseRequirement(requirement)
	if err != nil {
		t.Fatalf("requirement: %v", err)
	}
	return Diagnose(c, req, mdNow, 0)
}

// gfm parses Markdown as GitHub does: tables, autolinks of bare URLs and
// addresses, strikethrough, task lists.
func gfm(src string) ast.Node {
	md := goldmark.New(goldmark.WithExtensions(extension.GFM))
	return md.Parser().Parse(text.NewReader([]byte(src)))
}

// liveNodes lists what rendering would bring alive: HTML, links, images,
// and text outside code that a host turns into a mention, reference or
// link (GitHub reads @name and #123 in text; goldmark's linkify stands in
// for bare URLs and addresses).
func liveNodes(t *testing.T, src string) []string {
	t.Helper()
	doc := gfm(src)
	var live []string
	mention := regexp.MustCompile(`[@#][A-Za-z0-9]|://|www\.|<|>`)
	err := ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n.Kind() {
		case ast.KindRawHTML, ast.KindHTMLBlock, ast.KindLink, ast.KindAutoLink, ast.KindImage, east.KindTable, east.KindStrikethrough:
			live = append(live, n.Kind().String()+": "+string(nodeText(n, []byte(src))))
		case ast.KindCodeSpan, ast.KindFencedCodeBlock:
			return ast.WalkSkipChildren, nil
		case ast.KindText:
			s := string(n.(*ast.Text).Segment.Value([]byte(src)))
			if mention.MatchString(s) {
				live = append(live, "text: "+s)
			}
		case ast.KindEmphasis:
			// Only the report's own emphasis: the verdict line, "fails"
			// and the closing line.
			s := string(nodeText(n, []byte(src)))
			if !strings.HasPrefix(s, "Verdict: ") && s != "fails" && !strings.HasPrefix(s, "Made with whydenied") {
				live = append(live, "emphasis: "+s)
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return live
}

func nodeText(n ast.Node, src []byte) []byte {
	var out []byte
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if t, ok := c.(*ast.Text); ok {
			out = append(out, t.Segment.Value(src)...)
		} else {
			out = append(out, nodeText(c, src)...)
		}
	}
	return out
}

// codeSpans returns the text of every code span, as a renderer shows it.
func codeSpans(src string) []string {
	var out []string
	ast.Walk(gfm(src), func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering && n.Kind() == ast.KindCodeSpan {
			var b strings.Builder
			for c := n.FirstChild(); c != nil; c = c.NextSibling() {
				if t, ok := c.(*ast.Text); ok {
					b.Write(t.Segment.Value([]byte(src)))
				} else if s, ok := c.(*ast.String); ok {
					b.Write(s.Value)
				}
			}
			out = append(out, b.String())
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return out
}

func TestMarkdownHostileValuesStayInert(t *testing.T) {
	hostile := []string{
		`<img src=x onerror=alert(1)>`,
		`[click](https://evil.example/x)`,
		`@octocat`,
		`https://evil.example/a`,
		"a ``` b `c` d",
		"`start and end`",
		`x | y | z`,
		"line1\n\nline2 <b>bold</b>",
		`**strong** _em_ ~~gone~~`,
		`www.evil.example`,
		`admin@evil.example`,
		`#1234`,
		`![i](https://evil.example/i.png)`,
		`</code><script>alert(1)</script>`,
		`\`,
	}
	for _, h := range hostile {
		q := strings.ReplaceAll(strings.ReplaceAll(h, `\`, `\\`), "\n", `\n`)
		q = strings.ReplaceAll(q, `"`, `\"`)
		payload := `{"iss":"` + q + `","aud":["` + q + `"],"scope":"` + q + `","roles":["` + q + `"],"exp":1748858400,"name":"` + q + `"}`
		tok := jwtOf(`{"alg":"HS256","typ":"`+q+`","kid":"`+q+`"}`, payload, "c2lnbmF0dXJlUGxhbnRlZDEyMzQ")
		req := "aud=" + strings.ReplaceAll(h, "\n", " ") + "\niss=api\nscope=orders.read"
		r := diagnoseText(t, "Authorization: Bearer "+tok, req)
		for _, keep := range []bool{false, true} {
			md := FormatMarkdown(r, MarkdownOptions{KeepPayload: keep})
			if live := liveNodes(t, md); len(live) > 0 {
				t.Errorf("value %q (keep payload %v): live Markdown:\n%s\n--- report:\n%s", h, keep, strings.Join(live, "\n"), md)
			}
		}
	}
}

func TestMarkdownCodeSpansKeepValues(t *testing.T) {
	for _, v := range []string{"a ``` b `c` d", "`x`", " padded ", "x | y", `<b>&amp;</b>`, `\`, "``"} {
		got := codeSpans("- " + mdCode(v) + "\n")
		if len(got) != 1 || got[0] != v {
			t.Errorf("mdCode(%q) = %q reads back as %q", v, mdCode(v), got)
		}
	}
	// A line break cannot end the span (a blank line would end the
	// paragraph first and leave the rest as live text): it is shown.
	if got := codeSpans(mdCode("a\n\nb")); len(got) != 1 || got[0] != "a ⏎  ⏎ b" {
		t.Errorf("line breaks: %q", got)
	}
}

func TestMarkdownFencedBlockHoldsBackticks(t *testing.T) {
	var b strings.Builder
	mdBlock(&b, "json", "{\"a\":\"\n```\n<script>x</script>\n````\"}")
	doc := gfm(b.String() + "after <b>x</b>")
	blocks := 0
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering && n.Kind() == ast.KindFencedCodeBlock {
			blocks++
			if n.Lines().Len() != 4 {
				t.Errorf("block has %d lines, want 4", n.Lines().Len())
			}
		}
		return ast.WalkContinue, nil
	})
	if blocks != 1 {
		t.Errorf("%d fenced blocks, want 1:\n%s", blocks, b.String())
	}
}

func TestMarkdownHasNoSecretOfTheInput(t *testing.T) {
	// A command with a bearer token, Basic password, cookie, API key and
	// secrets in the URL.
	secretSig := "Mk01Qz7SecSignatureXyz"
	tok := jwtOf(`{"alg":"HS256","typ":"JWT"}`, `{"sub":"u1","aud":"api://x","iss":"https://idp.example","exp":1748858400,"name":"Alice Example","email":"alice@example.test","scope":"orders.read"}`, secretSig)
	cmd := `curl -H 'Authorization: Bearer ` + tok + `' -H 'X-Api-Key: Mk02Qz7Sec' -b 'sid=Mk03Qz7Sec' ` +
		`'https://api.example.test/v1?client_secret=Mk04Qz7Sec&code=Mk05Qz7Sec&page=2'`
	r := diagnoseText(t, cmd, "aud=api://x\nscope=orders.write")
	if r.Verdict != Verdict401 && r.Verdict != Verdict403 {
		t.Fatalf("verdict %s, want a denial", r.Verdict)
	}
	for _, keep := range []bool{false, true} {
		md := FormatMarkdown(r, MarkdownOptions{KeepPayload: keep})
		if m := markerRE.FindAllString(md, -1); len(m) > 0 {
			t.Errorf("keep payload %v: secrets in the report: %v\n%s", keep, m, md)
		}
		for _, want := range []string{"token.expired", "`exp`", "`aud`", "`scope`", "`alg`", "`\"HS256\"`", "Requirement, line by line", "`aud=api://x`", "**fails**"} {
			if !strings.Contains(md, want) {
				t.Errorf("keep payload %v: report lacks %q:\n%s", keep, want, md)
			}
		}
		personal := strings.Contains(md, "alice@example.test") || strings.Contains(md, "Alice Example")
		if personal != keep {
			t.Errorf("keep payload %v: name and address shown %v:\n%s", keep, personal, md)
		}
	}
}

func TestMarkdownHARListsFailedRequestsWithoutSecrets(t *testing.T) {
	har, _ := plantedHAR()
	har = strings.NewReplacer(`"status":302`, `"status":401`, `"status":200`, `"status":403`).Replace(har)
	c, err := ParseBytes([]byte(har))
	if err != nil {
		t.Fatal(err)
	}
	r := Diagnose(c, Requirement{}, mdNow, 0)
	md := FormatMarkdown(r, MarkdownOptions{KeepPayload: true})
	if m := markerRE.FindAllString(md, -1); len(m) > 0 {
		t.Errorf("secrets in the report: %v\n%s", m, md)
	}
	// The same report with secrets asked for has them: the check above
	// can fail.
	if md := FormatMarkdown(r, MarkdownOptions{ShowSecrets: true}); !markerRE.MatchString(md) {
		t.Errorf("report with secrets shown has none; the test proves nothing:\n%s", md)
	}
	if !strings.Contains(md, "#### Failed requests (") || !strings.Contains(md, "(primary failure)") {
		t.Errorf("no failed requests listed:\n%s", md)
	}
	if live := liveNodes(t, md); len(live) > 0 {
		t.Errorf("live Markdown: %v\n%s", live, md)
	}
}

func TestMdProse(t *testing.T) {
	for in, want := range map[string]string{
		"Token expired 3 min ago.":             `Token expired 3 min ago.`,
		"1. item":                              `1\. item`,
		`The aud "api://x" is not accepted.`:   "The aud `\"api://x\"` is not accepted.",
		"Ask @octocat or see #12, (RFC 6750).": "Ask `@octocat` or see `#12`, \\(RFC 6750\\).",
		"at (2025-06-02T10:00:00Z).":           "at \\(`2025-06-02T10:00:00Z`\\).",
		"id 12345678 and kid abc1 are values":  "id `12345678` and kid `abc1` are values",
	} {
		if got := mdProse(in); got != want {
			t.Errorf("mdProse(%q) = %q, want %q", in, got, want)
		}
	}
}

// The CLI redacts a report before it formats it; redacting twice changes
// nothing.
func TestMarkdownRedactionIsIdempotent(t *testing.T) {
	har, _ := plantedHAR()
	har = strings.NewReplacer(`"status":302`, `"status":401`).Replace(har)
	c, _ := ParseBytes([]byte(har))
	r := Diagnose(c, Requirement{}, mdNow, 0)
	if a, b := FormatMarkdown(r, MarkdownOptions{}), FormatMarkdown(RedactReport(r), MarkdownOptions{}); a != b {
		t.Errorf("a redacted report formats differently:\n%s\n---\n%s", a, b)
	}
}

// Whatever a token's claims and the requirement hold, the report parses
// with nothing alive and without the signature.
func FuzzMarkdownInert(f *testing.F) {
	for _, s := range []string{"<b>x</b>", "[a](https://e.example)", "@octocat", "a ``` b", "x | y\n\n<i>", "`", "\\`", "www.e.example", "#12", "*a*_b_"} {
		f.Add(s, "aud=api")
	}
	f.Fuzz(func(t *testing.T, value, requirement string) {
		if !utf8.ValidString(value) || !utf8.ValidString(requirement) {
			return
		}
		v, _ := json.Marshal(value)
		payload := `{"aud":` + string(v) + `,"iss":` + string(v) + `,"scope":` + string(v) + `,"exp":1748858400}`
		tok := jwtOf(`{"alg":"HS256","typ":`+string(v)+`}`, payload, "c2lnbmF0dXJlRnV6ejEyMzQ1Njc4OTA")
		c, err := Parse("Authorization: Bearer " + tok)
		if err != nil && len(c.Tokens) == 0 {
			return
		}
		req, err := ParseRequirement(requirement)
		if err != nil {
			return
		}
		r := Diagnose(c, req, mdNow, 0)
		for _, keep := range []bool{false, true} {
			md := FormatMarkdown(r, MarkdownOptions{KeepPayload: keep})
			if strings.Contains(md, "c2lnbmF0dXJlRnV6ejEyMzQ1Njc4OTA") {
				t.Fatalf("the signature is in the report")
			}
			if live := liveNodes(t, md); len(live) > 0 {
				t.Fatalf("value %q, requirement %q: live Markdown %v\n%s", value, requirement, live, md)
			}
		}
	})
}
