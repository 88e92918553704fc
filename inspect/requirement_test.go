package inspect

import (
	"errors"
	"reflect"
	"testing"
)

func TestParseRequirement(t *testing.T) {
	tests := []struct {
		in                    string
		aud, iss, scope, role []string
		errLines              []int
	}{
		// The documented forms, with comments and blank lines.
		{"# api\naud=api://x\n\niss: https://idp/\nscope=a b,c\nrole = admin", []string{"api://x"}, []string{"https://idp/"}, []string{"a", "b", "c"}, []string{"admin"}, nil},
		// Several aud lines accumulate (any of them is accepted).
		{"aud=a\naudience=b", []string{"a", "b"}, nil, nil, nil, nil},
		// Quotes around values are dropped; CRLF line ends are fine.
		{"scope=\"read write\"\r\n", nil, nil, []string{"read", "write"}, nil, nil},
		// A WWW-Authenticate header: its scope becomes required.
		{`WWW-Authenticate: Bearer error="insufficient_scope", scope="orders.write"`, nil, nil, []string{"orders.write"}, nil, nil},
		// The same value without the header name.
		{`Bearer realm="api", scope="s1 s2"`, nil, nil, []string{"s1", "s2"}, nil, nil},
		// Every bad line is reported; good lines are kept.
		{"aud=x\nfoo=bar\nscope=\njust words", []string{"x"}, nil, nil, nil, []int{2, 3, 4}},
	}
	for _, tt := range tests {
		r, err := ParseRequirement(tt.in)
		if !reflect.DeepEqual(r.Audiences, tt.aud) || !reflect.DeepEqual(r.Issuers, tt.iss) || !reflect.DeepEqual(r.Scopes, tt.scope) || !reflect.DeepEqual(r.Roles, tt.role) {
			t.Errorf("ParseRequirement(%q) = aud %q iss %q scope %q role %q, want %q %q %q %q", tt.in, r.Audiences, r.Issuers, r.Scopes, r.Roles, tt.aud, tt.iss, tt.scope, tt.role)
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
