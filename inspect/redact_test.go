package inspect

import (
	"strings"
	"testing"
)

func TestSecretNames(t *testing.T) {
	cases := []struct {
		name               string
		secret, param, hdr bool
	}{
		// Spellings of the same secret.
		{"access_token", true, true, true},
		{"accessToken", true, true, true},
		{"AccessToken", true, true, true},
		{"refreshToken", true, true, true},
		{"private_key", true, true, true},
		{"privateKey", true, true, true},
		{"client_secret", true, true, true},
		{"X-Client-Secret", true, true, true},
		{"X-Session-Id", true, true, true},
		{"X-Refresh-Token", true, true, true},
		{"Token", true, true, true},
		{"X-New-Token", true, true, true},
		{"X-Api-Key", true, true, true},
		{"APIKey", true, true, true},
		{"password", true, true, true},
		{"new_password", true, true, true},
		{"otp", true, true, true},
		{"client_assertion", true, true, true},
		{"code_verifier", true, true, true},
		{"authenticity_token", true, true, true},
		{"csrf-token", true, true, true},
		// Names that describe a secret without holding one.
		{"token_type", false, false, false},
		{"tokenType", false, false, false},
		{"expires_in", false, false, false},
		{"authorization_endpoint", false, false, false},
		{"token_endpoint_auth_methods_supported", false, false, false},
		{"password_hint", false, false, false},
		{"session_state", false, false, false},
		// Parameters that are secret in a query or form, not as JSON names.
		{"code", false, true, false},
		{"key", false, true, false},
		{"sig", false, true, false},
		{"pin", true, true, true},
		// Headers whose name holds no credential word.
		{"Authorization", true, true, true},
		{"Proxy-Authorization", true, true, true},
		{"Cookie", false, false, true},
		{"DPoP", true, true, true},
		{"X-Amz-Security-Token", true, true, true},
		// Ordinary names.
		{"page", false, false, false},
		{"footprint", false, false, false},
		{"keyboard", false, false, false},
		{"Content-Type", false, false, false},
		{"Sec-WebSocket-Key", false, true, false},
	}
	for _, c := range cases {
		if got := SecretName(c.name); got != c.secret {
			t.Errorf("SecretName(%q) = %v, want %v", c.name, got, c.secret)
		}
		if got := SecretParam(c.name); got != c.param {
			t.Errorf("SecretParam(%q) = %v, want %v", c.name, got, c.param)
		}
		if got := SecretHeader(c.name); got != c.hdr {
			t.Errorf("SecretHeader(%q) = %v, want %v", c.name, got, c.hdr)
		}
	}
}

func TestRedactText(t *testing.T) {
	jwt := madeUpJWT("SIGsecret")
	cases := []struct{ in, want string }{
		{"see " + jwt + " here", "see " + strings.TrimSuffix(jwt, "SIGsecret") + "REDACTED here"},
		{"https://a.test/cb?code=abc123&state=s", "https://a.test/cb?code=[REDACTED]&state=s"},
		{"https://u:pw1@a.test/", "https://u:REDACTED@a.test/"},
		{"Authorization: Bearer abcDEF123456", "Authorization: Bearer [REDACTED]"},
		{"x Authorization: Bearer abcDEF123456 y", "x Authorization: Bearer [REDACTED] y"},
		{`var password = 'hunter2';`, `var password = '[REDACTED]';`},
		{`login(password: "hunter2")`, `login(password: "[REDACTED]")`},
		{`localStorage.setItem('access_token', 'abc');`, `localStorage.setItem('access_token', '[REDACTED]');`},
		{`<input type="hidden" name="code" value="abc">`, `<input type="hidden" name="code" value="[REDACTED]">`},
		{`<meta content="abc" name="csrf-token">`, `<meta content="[REDACTED]" name="csrf-token">`},
		{`{"pin": 1234, "n": 5}`, `{"pin": [REDACTED], "n": 5}`},
		{`{\"access_token\":\"abc\"}`, `{\"access_token\":\"[REDACTED]\"}`},
		{"Bearer realm=\"api\", error=\"invalid_token\"", "Bearer realm=\"api\", error=\"invalid_token\""},
		{"No Bearer token was sent", "No Bearer token was sent"},
		{"key ghp_abcdefghijklmnopqrstuvwxyz0123 ok", "key [REDACTED] ok"},
		{"-----BEGIN RSA PRIVATE KEY-----\nMIIabc\n-----END RSA PRIVATE KEY-----", "-----BEGIN RSA PRIVATE KEY-----[REDACTED]-----END RSA PRIVATE KEY-----"},
		// Base64 padding is not a comparison.
		{`"data":"QUJDa2V5=="`, `"data":"QUJDa2V5=="`},
		{"plain text, nothing to hide: a=b", "plain text, nothing to hide: a=b"},
		// Prose after "name:" stays: the report's own sentences quote
		// names like token and credentials.
		{"Malformed token: the header is not valid JSON", "Malformed token: the header is not valid JSON"},
		{"401 invalid_token: request a token for this API's audience.", "401 invalid_token: request a token for this API's audience."},
		{"would not exchange the refresh token: it expired", "would not exchange the refresh token: it expired"},
		{`With credentials: "include" the browser sends cookies`, `With credentials: "include" the browser sends cookies`},
		{"request authorization: Bearer [REDACTED]; cookie: session=x", "request authorization: Bearer [REDACTED]; cookie: session=[REDACTED]"},
		{"token: exp: 1767220000 (2025-12-31T22:26:40Z)", "token: exp: 1767220000 (2025-12-31T22:26:40Z)"},
	}
	for _, c := range cases {
		if got := RedactText(c.in); got != c.want {
			t.Errorf("RedactText(%q)\n got %q\nwant %q", c.in, got, c.want)
		}
	}
	if got := RedactFrame("AUTH s3cretPass\nPING"); got != "AUTH [REDACTED]\nPING" {
		t.Errorf("RedactFrame = %q", got)
	}
}

// An Authorization header is redacted whatever the JSON type of its value.
func TestSanitizeHARAuthorizationOfAnyType(t *testing.T) {
	for _, v := range []string{`12345678901`, `{"token":"objSecret9"}`, `["arrSecret9"]`, `true`} {
		har := `{"log":{"entries":[{"request":{"headers":[{"name":"Authorization","value":` + v + `}]}}]}}`
		out, err := SanitizeHAR([]byte(har))
		if err != nil {
			t.Fatal(err)
		}
		want := `{"log":{"entries":[{"request":{"headers":[{"name":"Authorization","value":"[REDACTED]"}]}}]}}`
		if string(out) != want {
			t.Errorf("value %s: got %s", v, out)
		}
	}
}

// BenchmarkRedactTextHostile: text made of what each rule looks for, with
// nothing that completes it, must stay linear (compare 1 MB with 10 MB).
func BenchmarkRedactTextHostile(b *testing.B) {
	for _, unit := range []string{"<input ", "-----BEGIN ", "token:", "eyJhbGciOiJIUzI1NiJ9.", "Bearer ", "a=", "'token', "} {
		for _, size := range []int{1 << 20, 10 << 20} {
			s := strings.Repeat(unit, size/len(unit))
			b.Run(strings.TrimSpace(unit)+"/"+fmtSize(size), func(b *testing.B) {
				b.SetBytes(int64(len(s)))
				for range b.N {
					RedactText(s)
				}
			})
		}
	}
}

func fmtSize(n int) string {
	if n >= 10<<20 {
		return "10MB"
	}
	return "1MB"
}
