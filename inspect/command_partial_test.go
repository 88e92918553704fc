package inspect

import (
	"encoding/base64"
	"encoding/json"
	"strings"
	"testing"
	"time"
)

// A command cut off in the paste (an unterminated quote, a trailing line
// continuation) is judged on what was read, and the report itself, not
// only the error beside it, carries curl.malformed with the line:column
// where the paste stops being readable (DESIGN.md, CLI contract). The
// verdict is that of what was read: here an expired token, 401.
func TestCutOffCommandInReport(t *testing.T) {
	enc := base64.RawURLEncoding.EncodeToString
	expired := enc([]byte(`{"alg":"HS256"}`)) + "." + enc([]byte(`{"sub":"u","exp":1767225600}`)) + ".c2ln"
	now := time.Date(2026, 1, 1, 1, 0, 0, 0, time.UTC)
	tests := []struct {
		why, text, at string
	}{
		{"unterminated single quote", "curl https://api.example.test/orders -H 'Authorization: Bearer " + expired, "1:41"},
		{"unterminated double quote on line 2", "curl https://api.example.test/orders \\\n  -H \"Authorization: Bearer " + expired, "2:6"},
		{"trailing line continuation", "curl https://api.example.test/orders \\\n  -H 'Authorization: Bearer " + expired + "' \\\n", "2:"},
	}
	for _, tt := range tests {
		c, err := Parse(tt.text)
		if err == nil {
			t.Errorf("%s: Parse gave no error", tt.why)
		}
		r := Diagnose(c, Requirement{}, now, 0)
		if r.Verdict != Verdict401 || !hasCode(r.Findings, CodeTokenExpired) {
			t.Errorf("%s: verdict %s, findings %v; want 401 with token.expired (what was read is judged)", tt.why, r.Verdict, codesOf(r.Findings))
		}
		var f *Finding
		for i := range r.Findings {
			if r.Findings[i].Code == CodeCurlMalformed {
				f = &r.Findings[i]
			}
		}
		if f == nil {
			t.Errorf("%s: report findings %v, want %s", tt.why, codesOf(r.Findings), CodeCurlMalformed)
			continue
		}
		if !strings.Contains(f.Evidence, tt.at) || !strings.Contains(f.Title+f.Detail, "read only in part") {
			t.Errorf("%s: %s finding %q / %q / evidence %q; want the position %s and that the command was read only in part", tt.why, CodeCurlMalformed, f.Title, f.Detail, f.Evidence, tt.at)
		}
		js, _ := json.Marshal(r)
		if !strings.Contains(string(js), `"code":"curl.malformed"`) {
			t.Errorf("%s: the JSON report lacks curl.malformed", tt.why)
		}
	}
}
