package inspect

import (
	"encoding/base64"
	"strings"
	"testing"
	"time"
)

// tokenWithHeader is an HS256-looking token with the given header JSON and
// a valid claims set; the signature is not checked here.
func tokenWithHeader(header string) Token {
	enc := base64.RawURLEncoding.EncodeToString
	return DecodeToken(enc([]byte(header))+"."+enc([]byte(`{"sub":"u","exp":1767229200}`))+".c2ln", "test")
}

// RFC 7515 §4.1.11: a recipient must reject a JWS whose crit names an
// extension it does not understand, and crit must be a non-empty array of
// names present in the header and not defined by JWS/JWA themselves. jose
// (Node), go-jose and Nimbus (Spring Security) reject such tokens; the only
// extension they understand is RFC 7797's b64, which a JWT may not set to
// false (RFC 7797 §7).
func TestCritHeader(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		why, header string
		want        bool   // token.crit_unsupported is reported (an error, 401)
		detail      string // a word the finding must say
	}{
		{"no crit", `{"alg":"HS256"}`, false, ""},
		{"RFC 7515 appendix E: an extension no validator knows", `{"alg":"HS256","crit":["http://example.invalid/UNDEFINED"],"http://example.invalid/UNDEFINED":true}`, true, "http://example.invalid/UNDEFINED"},
		{"two names, one unknown", `{"alg":"HS256","crit":["b64","exp"],"b64":true,"exp":1}`, true, `"exp"`},
		{"b64 true is understood", `{"alg":"HS256","crit":["b64"],"b64":true}`, false, ""},
		{"b64 false: an unencoded payload, never a JWT", `{"alg":"HS256","crit":["b64"],"b64":false}`, true, "RFC 7797"},
		{"empty list", `{"alg":"HS256","crit":[]}`, true, "empty"},
		{"not an array", `{"alg":"HS256","crit":"x","x":1}`, true, "array"},
		{"a name the header lacks", `{"alg":"HS256","crit":["x"]}`, true, "not in the header"},
		{"a name JWS itself defines", `{"alg":"HS256","crit":["kid"],"kid":"k"}`, true, "RFC 7515"},
	}
	for _, tt := range tests {
		r := evaluateToken(tokenWithHeader(tt.header), Requirement{}, now, rules{})
		var got *Finding
		for i := range r.Findings {
			if r.Findings[i].Code == CodeTokenCritUnsupported {
				got = &r.Findings[i]
			}
		}
		switch {
		case !tt.want && got != nil:
			t.Errorf("%s: %s reported (%s), want nothing", tt.why, CodeTokenCritUnsupported, got.Title)
		case tt.want && got == nil:
			t.Errorf("%s: findings %v, want %s", tt.why, codesOf(r.Findings), CodeTokenCritUnsupported)
		case tt.want && (got.Severity != SeverityError || r.Verdict != Verdict401):
			t.Errorf("%s: severity %s, verdict %s; want error, 401", tt.why, got.Severity, r.Verdict)
		case tt.want && !strings.Contains(got.Title+" "+got.Detail, tt.detail):
			t.Errorf("%s: finding %q / %q does not say %q", tt.why, got.Title, got.Detail, tt.detail)
		case !tt.want && r.Verdict != VerdictOK:
			t.Errorf("%s: verdict %s, want ok", tt.why, r.Verdict)
		}
	}
}
