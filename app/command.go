package ui

import (
	"errors"
	"fmt"
	"strings"

	"whydenied/inspect"
)

// commandErrorText says why a pasted command could not be read, with its
// position ("1:48: unterminated single quote"). A paste that was cut off is
// called that, so the user looks for the missing end rather than a typo.
func commandErrorText(err error) string {
	if err == nil {
		return ""
	}
	if errors.Is(err, inspect.ErrIncompleteCommand) {
		return "Incomplete paste: the command looks cut off (" + err.Error() + "). The part before it is shown and judged."
	}
	var ce *inspect.CommandError
	if errors.As(err, &ce) {
		return "The command could not be read at " + err.Error()
	}
	return err.Error()
}

// commandSummary is the verdict's sentence for a command: inspect's reason,
// said as a prediction, with what limits it (several requests, variables
// left unexpanded, a command read only in part).
func commandSummary(r inspect.Report, err error) string {
	s := strings.TrimSpace(r.Summary)
	if s == "" {
		return s
	}
	switch r.Verdict {
	case inspect.Verdict401, inspect.Verdict403:
		s = "Sent as it is, this command would be refused. " + s
	case inspect.VerdictOK:
		s = "Sent as it is, this command would most likely be let through: " + lowerFirst(s)
	}
	if n := len(r.Entries); n > 1 && r.Primary >= 0 {
		s += fmt.Sprintf(" The command sends %d requests; this is about request %d.", n, r.Primary+1)
	}
	if vars := unexpanded(r.Findings); len(vars) > 0 {
		s += " It uses " + strings.Join(vars, ", ") + ", which the page does not expand: paste the command with the real values to check them."
	}
	if err != nil {
		s += " The command was read only in part (see the error under the input)."
	}
	return s
}

// unexpanded lists, at most three, the evidence of curl.unexpanded
// findings: the $VARs and $(…)s the command left as they were.
func unexpanded(fs []inspect.Finding) []string {
	var out []string
	seen := map[string]bool{}
	for _, f := range fs {
		if f.Code != inspect.CodeCurlUnexpanded {
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
