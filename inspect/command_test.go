package inspect

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

func TestCommandErrorPosition(t *testing.T) {
	tests := []struct {
		why, text, want string
		incomplete      bool
	}{
		// The example from the issue: the column of the opening quote.
		{"cut-off single quote", "curl https://api.example.test/v1/orders -H 'Authorization: Bearer abc", "1:44: unterminated single quote", true},
		// Double quotes say so.
		{"cut-off double quote", "curl https://a.test \\\n  -H \"X: y", "2:6: unterminated double quote", true},
		// A trailing continuation means more lines were meant to follow.
		{"trailing backslash", "curl https://a.test \\\n", "1:21: command ends with a line continuation \\", true},
		// cmd's continuation at the very end.
		{"trailing caret", "curl ^\"https://a.test^\" ^", "1:25: command ends with a line continuation ^", true},
		// An operator with nothing after it is cut off too.
		{"dangling &&", "curl https://a.test &&", "1:21: `&&` must be followed by a statement", true},
		// Not every error is a cut-off paste.
		{"nothing to read", "just some words", "1:1: no curl, PowerShell or fetch command found", false},
		// Leading blank lines move the position.
		{"no command after blank lines", "\n\n  hello", "3:3: no curl, PowerShell or fetch command found", false},
	}
	for _, tc := range tests {
		_, err := ParseCommand(tc.text)
		var ce *CommandError
		if !errors.As(err, &ce) {
			t.Errorf("%s: ParseCommand(%q) error = %v, want a *CommandError", tc.why, tc.text, err)
			continue
		}
		if ce.Error() != tc.want || ce.Incomplete != tc.incomplete || errors.Is(err, ErrIncompleteCommand) != tc.incomplete {
			t.Errorf("%s: ParseCommand(%q) = %q (incomplete %v), want %q (incomplete %v)", tc.why, tc.text, ce.Error(), ce.Incomplete, tc.want, tc.incomplete)
		}
	}
}

func TestLooksLikeCommand(t *testing.T) {
	tests := []struct {
		text string
		want bool
	}{
		{"curl https://a.test", true},                                                   // the plain case
		{"  \n# comment\ncurl -H x https://a.test", true},                               // comments and blank lines first
		{"$ curl https://a.test", true},                                                 // a terminal prompt
		{"sudo curl https://a.test", true},                                              // a wrapper
		{"/usr/bin/curl https://a.test", true},                                          // a path to curl
		{"curl.exe -s https://a.test", true},                                            // Windows
		{"Invoke-WebRequest -Uri https://a.test", true},                                 // PowerShell
		{"$session = New-Object Microsoft.PowerShell.Commands.WebRequestSession", true}, // Copy as PowerShell starts so
		{"fetch(\"https://a.test\", {});", true},                                        // Copy as fetch
		{"await fetch('https://a.test')", true},                                         // hand-written fetch
		{"eyJhbGciOiJIUzI1NiJ9.e30.c2ln", false},                                        // a JWT is not a command
		{"Authorization: Bearer abc", false},                                            // nor is a header
		{"{\"log\": {\"entries\": []}}", false},                                         // nor a HAR
		{"curling is a sport", false},                                                   // a word that starts like curl
	}
	for _, tc := range tests {
		if got := LooksLikeCommand(tc.text); got != tc.want {
			t.Errorf("LooksLikeCommand(%q) = %v, want %v", tc.text, got, tc.want)
		}
	}
}

func TestLookupLong(t *testing.T) {
	tests := []struct {
		word, want string
		negated    bool
		ambiguous  bool
	}{
		{"header", "header", false, false},        // exact
		{"data", "data", false, false},            // exact wins over the longer data-raw, data-binary…
		{"user-ag", "user-agent", false, false},   // an unambiguous abbreviation (curl 7.x)
		{"hea", "", false, true},                  // head or header
		{"HEADER", "header", false, false},        // curl 7.x compares without case
		{"no-insecure", "insecure", true, false},  // --no- for a boolean
		{"no-header", "", false, false},           // --no- only for booleans
		{"no-insec", "", false, false},            // --no- needs the full name
		{"follow", "follow", false, false},        // newer options by full name
		{"url-q", "", false, false},               // but never abbreviated
		{"oauth2", "oauth2-bearer", false, false}, // prefix of a single option
		{"", "", false, false},                    // nothing
	}
	for _, tc := range tests {
		opt, neg, amb, ok := lookupLong(tc.word)
		if got := map[bool]string{true: opt.long, false: ""}[ok]; got != tc.want || neg != tc.negated || (amb != nil) != tc.ambiguous {
			t.Errorf("lookupLong(%q) = %q neg %v amb %v, want %q neg %v amb %v", tc.word, got, neg, amb, tc.want, tc.negated, tc.ambiguous)
		}
	}
}

// crtQuote quotes one argument for the Microsoft C runtime: backslashes
// are doubled only before a quote, quotes are \".
func crtQuote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	n := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\':
			n++
			continue
		case '"':
			b.WriteString(strings.Repeat("\\", 2*n+1))
			b.WriteByte('"')
		default:
			b.WriteString(strings.Repeat("\\", n))
			b.WriteByte(s[i])
		}
		n = 0
	}
	b.WriteString(strings.Repeat("\\", 2*n))
	b.WriteByte('"')
	return b.String()
}

// cmdQuote writes an argument the way DevTools' "Copy as cURL (cmd)" does:
// C runtime quoting, then ^ before everything cmd might read, %^ against
// variable expansion, ^ and two line ends for a newline.
func cmdQuote(s string) string {
	q := crtQuote(s)
	var b strings.Builder
	for i := 0; i < len(q); i++ {
		c := q[i]
		switch {
		case c == '\n':
			b.WriteString("^\n\n")
		case c == '%' && i+1 < len(q) && (isJSIdent(q[i+1]) && q[i+1] != '$'):
			b.WriteString("^%^")
		case isLetter(c) || c >= '0' && c <= '9' || strings.IndexByte(" \t_-:=+~'/.,?;()*`", c) >= 0:
			b.WriteByte(c)
		default:
			b.WriteByte('^')
			b.WriteByte(c)
		}
	}
	return b.String()
}

// psQuote writes an argument in PowerShell single quotes.
func psQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// TestOtherShellsMatchBash rewrites every single-command case of the
// real-curl corpus in Windows cmd quoting (as DevTools writes it) and in
// PowerShell (curl.exe with single quotes), and checks that each reads as
// the same requests as the bash original, which TestRealCurl checks
// against the real curl.
func TestOtherShellsMatchBash(t *testing.T) {
	n := 0
	for _, tc := range realCurlCorpus {
		if strings.Contains(tc.cmd, "{{port}}") {
			continue
		}
		cmds, err := bashCommands(tc.cmd)
		if err != nil || len(cmds) != 1 || cmds[0].stdin != nil {
			continue // several commands, or input from a here-document: bash only
		}
		want, err := ParseCommand(tc.cmd)
		if err != nil {
			t.Fatal(err)
		}
		var cmdArgs, psArgs []string
		for i, w := range cmds[0].words {
			if i == 0 {
				cmdArgs, psArgs = append(cmdArgs, "curl"), append(psArgs, "curl.exe")
				continue
			}
			cmdArgs = append(cmdArgs, cmdQuote(w.Value))
			psArgs = append(psArgs, psQuote(w.Value))
		}
		for _, v := range []struct {
			flavour string
			want    commandFlavour
			text    string
		}{
			{"cmd", flavourCmd, strings.Join(cmdArgs, " ^\n  ")},
			{"PowerShell", flavourPowerShell, strings.Join(psArgs, " `\n  ")},
		} {
			if f := detectFlavour(v.text); f != v.want {
				t.Errorf("%s (%s): read as flavour %d\n%s", tc.why, v.flavour, f, v.text)
			}
			got, err := ParseCommand(v.text)
			if err != nil {
				t.Errorf("%s (%s): ParseCommand(%q): %v", tc.why, v.flavour, v.text, err)
				continue
			}
			if len(got.Entries) != len(want.Entries) {
				t.Errorf("%s (%s): %d entries, bash gives %d\n%s", tc.why, v.flavour, len(got.Entries), len(want.Entries), v.text)
				continue
			}
			for i := range got.Entries {
				if !reflect.DeepEqual(got.Entries[i].Request, want.Entries[i].Request) {
					t.Errorf("%s (%s): request %d\n%+v\nbash:\n%+v\ninput:\n%s", tc.why, v.flavour, i, got.Entries[i].Request, want.Entries[i].Request, v.text)
				}
			}
		}
		n++
	}
	if n < 40 {
		t.Errorf("only %d corpus commands compared", n)
	}
}
