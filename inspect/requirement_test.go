package inspect

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

// TestParseRequirement checks the lines ParseRequirement returns, which is
// what evaluateToken checks a token against: each line's key (canonical)
// and values, written "key:v1 v2", lines joined with " | ".
func TestParseRequirement(t *testing.T) {
	tests := []struct {
		in       string
		lines    string
		errLines []int
	}{
		// The documented forms, with comments and blank lines.
		{"# api\naud=api://x\n\niss: https://idp/\nscope=a b,c\nrole = admin", "aud:api://x | iss:https://idp/ | scope:a b c | role:admin", nil},
		// Several aud lines stay separate lines; synonyms of the keys.
		{"aud=a\naudience=b\npermissions=p\ngroups=g", "aud:a | aud:b | scope:p | role:g", nil},
		// Quotes around values are dropped; CRLF line ends are fine.
		{"scope=\"read write\"\r\n", "scope:read write", nil},
		// An issuer is one URL, kept whole even with a space.
		{"iss=https://idp/tenant a", "iss:https://idp/tenant a", nil},
		// A WWW-Authenticate header: its scope becomes required.
		{`WWW-Authenticate: Bearer error="insufficient_scope", scope="orders.write"`, "challenge:orders.write", nil},
		// The same value without the header name; a challenge without
		// scope is still a line.
		{`Bearer realm="api", scope="s1 s2"` + "\nBearer realm=\"x\"", "challenge:s1 s2 | challenge:", nil},
		// Every bad line is reported; good lines are kept.
		{"aud=x\nfoo=bar\nscope=\njust words", "aud:x", []int{2, 3, 4}},
	}
	for _, tt := range tests {
		r, err := ParseRequirement(tt.in)
		var got []string
		for _, l := range r.Lines {
			got = append(got, l.Key+":"+strings.Join(l.Values, " "))
		}
		if strings.Join(got, " | ") != tt.lines {
			t.Errorf("ParseRequirement(%q) lines = %q, want %q", tt.in, strings.Join(got, " | "), tt.lines)
		}
		var lines []int
		for _, e := range unwrapAll(err) {
			var re *RequirementError
			if !errors.As(e, &re) {
				t.Errorf("ParseRequirement(%q): error %v is not a *RequirementError", tt.in, e)
				continue
			}
			lines = append(lines, re.Line)
		}
		if !reflect.DeepEqual(lines, tt.errLines) {
			t.Errorf("ParseRequirement(%q) error lines = %v, want %v (err %v)", tt.in, lines, tt.errLines, err)
		}
	}
}

func unwrapAll(err error) []error {
	if err == nil {
		return nil
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}
