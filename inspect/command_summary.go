package inspect

import (
	"fmt"
	"strings"
)

// commandSummary is the verdict's sentence for a command: the reason, said
// as a prediction, with what limits it (several requests, variables left
// unexpanded, a command read only in part). The page and the CLI both show
// it.
func commandSummary(r Report) string {
	s := strings.TrimSpace(r.Summary)
	if s == "" {
		return s
	}
	switch r.Verdict {
	case Verdict401, Verdict403:
		s = "Sent as it is, this command would be refused. " + s
	case VerdictOK:
		s = "Sent as it is, this command would most likely be let through: " + lowerFirst(s)
	}
	if n := len(r.Entries); n > 1 && r.Primary >= 0 {
		s += fmt.Sprintf(" The command sends %d requests; this is about request %d.", n, r.Primary+1)
	} else if n > 1 {
		s += fmt.Sprintf(" The command sends %d requests; this is about all of them.", n)
	}
	if vars := unexpanded(r.Findings); len(vars) > 0 {
		s += " It uses " + strings.Join(vars, ", ") + ", which the page does not expand: paste the command with the real values to check them."
	}
	if partialRead(r.Findings) {
		s += " The command was read only in part (see curl.malformed)."
	}
	return s
}

// unexpanded lists, at most three, the evidence of curl.unexpanded
// findings: the $VARs and $(…)s the command left as they were.
func unexpanded(fs []Finding) []string {
	var out []string
	seen := map[string]bool{}
	for _, f := range fs {
		if f.Code != CodeCurlUnexpanded {
			continue
		}
		what := strings.TrimPrefix(f.Title, "Not expanded: ")
		if what == "" || seen[what] {
			continue
		}
		seen[what] = true
		if r := []rune(what); len(r) > 40 {
			what = string(r[:39]) + "…"
		}
		if len(out) == 3 {
			out = append(out, "…")
			break
		}
		out = append(out, what)
	}
	return out
}

func lowerFirst(s string) string {
	if s == "" || s[0] < 'A' || s[0] > 'Z' {
		return s
	}
	// Keep acronyms and names as they are ("OK", "API key …").
	if len(s) > 1 && s[1] >= 'A' && s[1] <= 'Z' {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

// partialRead reports whether a curl.malformed finding says the command was
// read only in part (a warning or worse; info ones note what was skipped).
func partialRead(fs []Finding) bool {
	for _, f := range fs {
		if f.Code == CodeCurlMalformed && f.Severity != SeverityInfo {
			return true
		}
	}
	return false
}
