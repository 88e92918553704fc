package inspect

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// MarkdownOptions chooses what FormatMarkdown puts in a report.
type MarkdownOptions struct {
	// KeepPayload includes each token's whole header and payload (never
	// its signature); without it only the claims a verdict rests on are
	// shown, and names, e-mail addresses and other claims are left out.
	KeepPayload bool
	// ShowSecrets skips the redaction (RedactReport) of the report.
	ShowSecrets bool
}

// markdownMaxEntries is how many failed requests of a HAR a Markdown report
// lists; the others are counted.
const markdownMaxEntries = 50

// FormatMarkdown renders a report as CommonMark (GitHub- and
// GitLab-flavoured) for a ticket, a chat or a pull request: the verdict and
// its sentence, the findings with their codes and evidence, each token's
// requirement checks line by line and the claims the verdict rests on, and
// for a HAR the failed requests.
//
// Secrets are redacted with the rules of SanitizeHAR unless
// opts.ShowSecrets. Nothing quoted from the input can come alive when the
// text is rendered: values sit in code spans or fenced blocks whose fence is
// longer than any run of backticks they hold, and the sentences (which
// quote the input) keep only words of letters and short numbers as text,
// every other word in a code span, so no HTML, link, e-mail address,
// @mention, #reference or emphasis forms. No table cell holds input.
func FormatMarkdown(r Report, opts MarkdownOptions) string {
	if !opts.ShowSecrets {
		r = RedactReport(r)
	}
	var b strings.Builder
	b.WriteString("### whydenied report\n\n")
	fmt.Fprintf(&b, "**Verdict: %s**", verdictWord(r.Verdict))
	if m := verdictMeaning(r.Verdict); m != "" {
		fmt.Fprintf(&b, " (%s)", m)
	}
	b.WriteString("\n\n")
	if s := r.Server; s != nil && s.Name != ProfileGeneric {
		b.WriteString(mdProse("Judged as " + s.Note + "."))
		if isDenial(r.Verdict) && s.Answer != "" {
			b.WriteString(" It answers: `" + strings.ReplaceAll(s.Answer, "`", "'") + "`.")
		}
		b.WriteString("\n\n")
	}
	if r.Summary != "" {
		b.WriteString(mdProse(r.Summary))
		b.WriteString("\n\n")
	}
	if len(r.Findings) > 0 {
		b.WriteString("#### Findings\n\n")
		mdFindings(&b, r.Findings)
		b.WriteString("\n")
	}
	tokens := r.Tokens
	if r.Primary >= 0 && r.Primary < len(r.Entries) && len(tokens) == 0 {
		tokens = r.Entries[r.Primary].Tokens
	}
	for i, t := range tokens {
		mdToken(&b, i+1, t, opts.KeepPayload)
	}
	if r.Kind == KindHAR || len(r.Entries) > 1 {
		mdEntries(&b, r)
	}
	if opts.ShowSecrets {
		b.WriteString("*Made with whydenied, decoded and judged locally. Secrets are NOT redacted.*\n")
	} else {
		b.WriteString("*Made with whydenied, decoded and judged locally; secrets redacted.*\n")
	}
	return b.String()
}

// verdictWord is the verdict as text; an unexpected value is quoted.
func verdictWord(v Verdict) string {
	if _, ok := headlines[v]; ok {
		return string(v)
	}
	return mdCode(string(v))
}

func mdFindings(b *strings.Builder, fs []Finding) {
	for _, f := range fs {
		fmt.Fprintf(b, "- %s %s: %s\n", mdCode(string(f.Severity)), mdCode(f.Code), mdProse(f.Title))
		if f.Detail != "" {
			fmt.Fprintf(b, "  %s\n", mdProse(f.Detail))
		}
		if f.Evidence != "" {
			fmt.Fprintf(b, "  Evidence: %s\n", mdCode(f.Evidence))
		}
	}
}

// verdictClaims are the payload claims a verdict rests on: times, audience,
// issuer, and the claims that carry scopes and roles (grants.go).
func verdictClaim(name string) bool {
	switch name {
	case "exp", "nbf", "iat", "aud", "iss", "azp", "client_id":
		return true
	}
	for _, cs := range [][]grantClaim{scopeClaims, roleClaims} {
		for _, c := range cs {
			switch {
			case c.name == name:
				return true
			case strings.HasPrefix(c.name, "*/") && strings.Contains(name, "/") && strings.HasSuffix(name, c.name[1:]):
				return true
			case c.name == "realm_access.roles" && name == "realm_access",
				c.name == "resource_access.*.roles" && name == "resource_access":
				return true
			}
		}
	}
	return false
}

func mdToken(b *strings.Builder, n int, t TokenReport, keep bool) {
	fmt.Fprintf(b, "#### Token %d: %s (%s", n, mdCode(t.Source), strings.ToUpper(string(t.Kind)))
	if t.Verdict != "" {
		fmt.Fprintf(b, ", verdict %s", verdictWord(t.Verdict))
	}
	b.WriteString(")\n\n")
	for _, h := range t.HeaderParams {
		if h.Name == "alg" || h.Name == "typ" {
			fmt.Fprintf(b, "- %s: %s\n", mdCode(h.Name), mdCode(h.Value))
		}
	}
	times := map[string]TimeClaim{}
	for _, tc := range t.Times {
		times[tc.Name] = tc
	}
	left := 0
	for _, c := range t.Claims {
		if !verdictClaim(c.Name) {
			left++
			continue
		}
		fmt.Fprintf(b, "- %s: %s", mdCode(c.Name), mdCode(c.Value))
		if tc, ok := times[c.Name]; ok && !tc.Time.IsZero() {
			fmt.Fprintf(b, " (%s", formatUTC(tc.Time))
			if tc.Relative != "" {
				fmt.Fprintf(b, ", %s", mdProse(tc.Relative))
			}
			b.WriteString(")")
		}
		b.WriteString("\n")
	}
	if t.Signature != "" {
		fmt.Fprintf(b, "- signature: %s\n", mdProse(t.Signature))
	}
	if left > 0 && !keep {
		fmt.Fprintf(b, "- %d other claims left out\n", left)
	}
	if len(t.Checks) > 0 {
		b.WriteString("\nRequirement, line by line:\n\n")
		for _, c := range t.Checks {
			fmt.Fprintf(b, "- line %d %s %s: %s\n", c.Line, mdCode(c.Text), checkWord(c.Result), mdProse(c.Detail))
		}
	}
	b.WriteString("\n")
	if len(t.Findings) > 0 {
		b.WriteString("Findings of this token:\n\n")
		mdFindings(b, t.Findings)
		b.WriteString("\n")
	}
	if keep {
		mdJSONBlock(b, "Header", t.Header)
		switch {
		case len(t.Payload) > 0 && string(t.Payload) != "null":
			mdJSONBlock(b, "Payload", t.Payload)
		case t.PayloadText != "":
			b.WriteString("Payload (not JSON):\n\n")
			mdBlock(b, "text", t.PayloadText)
		}
	}
}

func checkWord(result string) string {
	switch result {
	case "pass":
		return "passes"
	case "fail":
		return "**fails**"
	case "skip":
		return "cannot be checked"
	}
	return mdCode(result)
}

func mdJSONBlock(b *strings.Builder, name string, raw json.RawMessage) {
	if len(raw) == 0 {
		return
	}
	var out bytes.Buffer
	text := string(raw)
	if json.Indent(&out, raw, "", "  ") == nil {
		text = out.String()
	}
	fmt.Fprintf(b, "%s:\n\n", name)
	mdBlock(b, "json", text)
}

func mdEntries(b *strings.Builder, r Report) {
	failed := 0
	for _, e := range r.Entries {
		if e.Failed {
			failed++
		}
	}
	fmt.Fprintf(b, "#### Failed requests (%d of %d)\n\n", failed, len(r.Entries))
	if failed == 0 {
		b.WriteString("None.\n\n")
		return
	}
	shown := 0
	for i, e := range r.Entries {
		if !e.Failed {
			continue
		}
		if shown == markdownMaxEntries {
			fmt.Fprintf(b, "- and %d more\n", failed-shown)
			break
		}
		shown++
		status := "no response"
		if e.Response != nil {
			status = fmt.Sprint(e.Response.Status)
		}
		fmt.Fprintf(b, "- entry %d: %s %s → %s, verdict %s", e.Index+1, mdCode(e.Request.Method), mdCode(e.Request.URL), status, verdictWord(e.Verdict))
		if i == r.Primary {
			b.WriteString(" (primary failure)")
		}
		b.WriteString("\n")
		if e.Error != nil && *e.Error != "" {
			fmt.Fprintf(b, "  Error: %s\n", mdCode(*e.Error))
		}
		if e.Summary != "" {
			fmt.Fprintf(b, "  %s\n", mdProse(e.Summary))
		}
		for _, f := range e.Findings {
			fmt.Fprintf(b, "  %s\n", mdCode(f.Code))
		}
	}
	b.WriteString("\n")
}

// mdBlock writes text as a fenced code block whose fence is longer than
// any run of backticks in it, so no line of text can close it.
func mdBlock(b *strings.Builder, info, text string) {
	fence := strings.Repeat("`", max(3, longestRun(text, '`')+1))
	fmt.Fprintf(b, "%s%s\n%s", fence, info, mdControls(text, true))
	if !strings.HasSuffix(text, "\n") {
		b.WriteString("\n")
	}
	fmt.Fprintf(b, "%s\n\n", fence)
}

// MarkdownCode returns s as a Markdown code span that shows it as it is
// (see mdCode), for callers that put a file name or a value around a
// report.
func MarkdownCode(s string) string { return mdCode(s) }

// mdCode returns s as one code span: on one line (line breaks shown as ⏎),
// control characters escaped, fenced by more backticks than any run in s,
// and padded with a space where s starts or ends with a backtick or a
// space (which the span would otherwise eat).
func mdCode(s string) string {
	s = mdControls(s, false)
	if s == "" {
		return "(empty)"
	}
	fence := strings.Repeat("`", longestRun(s, '`')+1)
	if s[0] == '`' || s[len(s)-1] == '`' || s[0] == ' ' || s[len(s)-1] == ' ' {
		s = " " + s + " "
	}
	return fence + s + fence
}

// bidiControl reports whether r reorders the text around it (the
// embeddings, overrides and isolates of Unicode's bidi algorithm, and the
// marks): quoted from the input, it could make a report read otherwise than
// it is written.
func bidiControl(r rune) bool {
	return r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069 || r == 0x200e || r == 0x200f || r == 0x061c
}

// mdControls shows control characters and bidi controls as escapes; line breaks become ⏎
// unless keepLines.
func mdControls(s string, keepLines bool) string {
	var b strings.Builder
	for i, w := 0, 0; i < len(s); i += w {
		r, n := utf8.DecodeRuneInString(s[i:])
		w = n
		switch {
		case r == utf8.RuneError && n == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case s[i] == '\r' && strings.HasPrefix(s[i:], "\r\n"):
			w = 2
			fallthrough
		case r == '\n' || r == '\r':
			if keepLines {
				b.WriteByte('\n')
			} else {
				b.WriteString(" ⏎ ")
			}
		case r == '\t':
			b.WriteByte(' ')
		case unicode.IsControl(r) || r == '\u2028' || r == '\u2029' || bidiControl(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteString(s[i : i+n])
		}
	}
	return b.String()
}

func longestRun(s string, c byte) int {
	best, n := 0, 0
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			n++
			best = max(best, n)
		} else {
			n = 0
		}
	}
	return best
}

// mdProse renders a sentence that may quote the input. A word made of
// letters (with inner hyphens or apostrophes) or a number of up to four
// digits, with opening and closing punctuation, stays text (markup
// characters backslash-escaped); runs of other words (values, URLs,
// addresses, codes, anything with markup characters) go in code spans,
// their opening ( and closing punctuation left outside. So the sentence
// reads as prose and nothing in it can become HTML, a link, an @mention,
// a #reference or emphasis.
func mdProse(s string) string {
	var b strings.Builder
	var code []string
	space := false
	text := func(w string, first bool) {
		if space {
			b.WriteByte(' ')
		}
		for _, r := range w {
			if strings.ContainsRune("\\`*_[]()<>#!|~&{}", r) || first && r < 128 && (unicode.IsPunct(r) || unicode.IsSymbol(r)) {
				b.WriteByte('\\')
			}
			b.WriteRune(r)
		}
		space = true
	}
	flush := func() {
		if len(code) > 0 {
			if space {
				b.WriteByte(' ')
			}
			b.WriteString(mdCode(strings.Join(code, " ")))
			code = code[:0]
			space = true
		}
	}
	words := strings.Fields(mdControls(s, false))
	for i := 0; i < len(words); i++ {
		w := words[i]
		// A quoted value ("…", as %q writes it) is one value, spaces
		// and all.
		if q := strings.TrimLeft(w, "("); strings.HasPrefix(q, `"`) {
			for j := i; j < len(words); j++ {
				end := strings.TrimRight(words[j], ".,;:)")
				if j == i {
					end = end[len(w)-len(q):]
				}
				if (j > i || len(end) > 1) && strings.HasSuffix(end, `"`) && !strings.HasSuffix(end, `\"`) {
					w = strings.Join(words[i:j+1], " ")
					i = j
					break
				}
			}
		}
		if plainWord(w) && !strings.Contains(w, `"`) {
			flush()
			text(w, b.Len() == 0)
			continue
		}
		lead := w[:len(w)-len(strings.TrimLeft(w, "("))]
		core := strings.TrimRight(w[len(lead):], ".,;:)")
		trail := w[len(lead)+len(core):]
		if core == "" {
			lead, core, trail = "", w, ""
		}
		if lead != "" {
			flush()
			text(lead, b.Len() == 0)
			space = false
		}
		code = append(code, core)
		if trail != "" {
			flush()
			space = false
			text(trail, false)
		}
	}
	flush()
	return b.String()
}

// plainWord reports whether w is a word of prose: opening ( or quote,
// letters (inner - or ') or up to four digits, closing punctuation.
func plainWord(w string) bool {
	core := strings.TrimLeft(w, "(\"'“‘")
	core = strings.TrimRight(core, ".,;:!?)\"'”’")
	if core == "" {
		return false
	}
	digits := 0
	letters := 0
	prev := rune(0)
	for i, r := range core {
		switch {
		case unicode.IsLetter(r):
			letters++
		case r >= '0' && r <= '9':
			digits++
		case (r == '-' || r == '\'' || r == '’') && i > 0 && unicode.IsLetter(prev) && i+utf8.RuneLen(r) < len(core):
		default:
			return false
		}
		prev = r
	}
	if digits > 0 {
		// A number (a status, a year, a count) alone; digits among
		// letters (a hash, an id) are a value.
		return letters == 0 && digits <= 4
	}
	return true
}
