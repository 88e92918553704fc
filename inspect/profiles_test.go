package inspect

import (
	"encoding/base64"
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"
)

// unsignedish builds a token with the given header and claims (the
// signature is not checked without a key).
func unsignedish(t *testing.T, header, claims map[string]any) Token {
	t.Helper()
	h, _ := json.Marshal(header)
	c, _ := json.Marshal(claims)
	enc := base64.RawURLEncoding.EncodeToString
	return DecodeToken(enc(h)+"."+enc(c)+"."+enc([]byte("sig")), "Authorization header")
}

// Each profile's rules, from the stack's source (profiles.go cites it):
// the verdict at each boundary, and which code decides.
func TestProfileRules(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	n := now.Unix()
	base := func(extra map[string]any) map[string]any {
		c := map[string]any{"iss": "https://issuer.example", "sub": "u", "iat": n - 60, "exp": n + 3600}
		for k, v := range extra {
			if v == nil {
				delete(c, k)
			} else {
				c[k] = v
			}
		}
		return c
	}
	hs := map[string]any{"alg": "HS256", "typ": "JWT"}
	tests := []struct {
		name    string
		server  Profile
		leeway  time.Duration // set by the user when not 0
		header  map[string]any
		claims  map[string]any
		require string
		verdict Verdict
		code    string // the deciding code, or a code that must be present
	}{
		{"generic expired 1s", ProfileGeneric, 0, hs, base(map[string]any{"exp": n - 1}), "", Verdict401, CodeTokenExpired},
		{"express 4s within 5s", "express-oauth2-jwt-bearer", 0, hs, base(map[string]any{"exp": n - 4}), "", VerdictOK, CodeTokenExpired},
		{"express 5s boundary refused", "express-oauth2-jwt-bearer", 0, hs, base(map[string]any{"exp": n - 5}), "", Verdict401, CodeTokenExpired},
		{"express leeway set replaces skew", "express-oauth2-jwt-bearer", time.Second, hs, base(map[string]any{"exp": n - 4}), "", Verdict401, CodeTokenExpired},
		{"spring 60s boundary accepted", "spring", 0, hs, base(map[string]any{"exp": n - 60}), "", VerdictOK, CodeTokenExpired},
		{"spring 61s refused", "spring", 0, hs, base(map[string]any{"exp": n - 61}), "", Verdict401, CodeTokenExpired},
		{"aspnetcore 3 min accepted", "aspnetcore", 0, hs, base(map[string]any{"exp": n - 180}), "", VerdictOK, CodeTokenExpired},
		{"aspnetcore no exp refused", "aspnetcore", 0, hs, base(map[string]any{"exp": nil}), "", Verdict401, CodeTokenNoExp},
		{"kubernetes exp now accepted", "kubernetes", 0, map[string]any{"alg": "RS256"}, base(map[string]any{"exp": n}), "", VerdictOK, ""},
		{"kubernetes ES256 refused", "kubernetes", 0, map[string]any{"alg": "ES256"}, base(nil), "", Verdict401, CodeTokenAlgNotAllowed},
		{"kubernetes nbf 4 min ahead accepted", "kubernetes", 0, map[string]any{"alg": "RS256"}, base(map[string]any{"nbf": n + 240}), "", VerdictOK, ""},
		{"kubernetes exp digits accepted", "kubernetes", 0, map[string]any{"alg": "RS256"}, base(map[string]any{"exp": "1767229200"}), "", VerdictOK, ""},
		{"golang-jwt exp now refused", "golang-jwt", 0, hs, base(map[string]any{"exp": n}), "", Verdict401, CodeTokenExpired},
		{"generic future iat accepted", ProfileGeneric, 0, hs, base(map[string]any{"iat": n + 30}), "", VerdictOK, CodeTokenIssuedInFuture},
		{"pyjwt future iat refused", "pyjwt", 0, hs, base(map[string]any{"iat": n + 30}), "", Verdict401, CodeTokenIssuedInFuture},
		{"pyjwt exp digits read", "pyjwt", 0, hs, base(map[string]any{"exp": "1767229200"}), "", VerdictOK, ""},
		{"pyjwt aud not asked refused", "pyjwt", 0, hs, base(map[string]any{"aud": "api"}), "", Verdict401, CodeAudUnexpected},
		{"pyjwt aud asked accepted", "pyjwt", 0, hs, base(map[string]any{"aud": "api"}), "aud=api", VerdictOK, ""},
		{"jose exp digits refused", "jose", 0, hs, base(map[string]any{"exp": "1767229200"}), "", Verdict401, CodeTokenMalformed},
		{"spring at+jwt refused", "spring", 0, map[string]any{"alg": "HS256", "typ": "at+jwt"}, base(nil), "", Verdict401, CodeTokenTyp},
		{"generic at+jwt accepted", ProfileGeneric, 0, map[string]any{"alg": "HS256", "typ": "at+jwt"}, base(nil), "", VerdictOK, CodeTokenTyp},
		{"kong expired accepted", "kong", 0, hs, base(map[string]any{"exp": n - 3600}), "", VerdictOK, CodeTokenExpired},
		{"envoy wrong aud 403", "envoy", 0, hs, base(map[string]any{"aud": "other"}), "aud=api", Verdict403, CodeAudMismatch},
		{"generic wrong aud 401", ProfileGeneric, 0, hs, base(map[string]any{"aud": "other"}), "aud=api", Verdict401, CodeAudMismatch},
		{"express scope only in scp", "express-oauth2-jwt-bearer", 0, hs, base(map[string]any{"scp": []any{"read"}}), "scope=read", Verdict403, CodeScopeMissing},
		{"golang-jwt exp 0 is no exp", "golang-jwt", 0, hs, base(map[string]any{"exp": 0}), "", VerdictOK, CodeTokenNoExp},
		{"generic exp 0 expired", ProfileGeneric, 0, hs, base(map[string]any{"exp": 0}), "", Verdict401, CodeTokenExpired},
		{"jose iat string refused", "jose", 0, hs, base(map[string]any{"iat": "1767225540"}), "", Verdict401, CodeTokenMalformed},
		{"golang-jwt iat string accepted", "golang-jwt", 0, hs, base(map[string]any{"iat": "1767225540"}), "", VerdictOK, CodeTokenMalformed},
		{"generic scope in scp", ProfileGeneric, 0, hs, base(map[string]any{"scp": []any{"read"}}), "scope=read", VerdictOK, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, err := ParseRequirement(tt.require)
			if err != nil {
				t.Fatal(err)
			}
			tok := unsignedish(t, tt.header, tt.claims)
			r := DiagnoseWith(Case{Kind: KindTokens, Tokens: []Token{tok}}, req, now, Options{Server: tt.server, Leeway: tt.leeway, LeewaySet: tt.leeway != 0})
			if r.Verdict != tt.verdict {
				t.Fatalf("verdict %s, want %s; findings: %s", r.Verdict, tt.verdict, profCodes(r.Findings))
			}
			if tt.code != "" && !hasCode(r.Findings, tt.code) {
				t.Errorf("no %s among %s", tt.code, profCodes(r.Findings))
			}
			if r.Server == nil || r.Server.Name != tt.server {
				t.Errorf("report's server = %+v, want %s", r.Server, tt.server)
			}
			if tt.leeway != 0 && !strings.Contains(r.Server.Note, "your leeway") {
				t.Errorf("server note %q does not say the user's leeway replaces the skew", r.Server.Note)
			}
		})
	}
}

// With a profile chosen, the finding names the stack's rule.
func TestProfileNamesItsRule(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	tok := unsignedish(t, map[string]any{"alg": "HS256"}, map[string]any{"exp": now.Unix() - 180})
	r := DiagnoseWith(Case{Kind: KindTokens, Tokens: []Token{tok}}, Requirement{}, now, Options{Server: "aspnetcore"})
	var got string
	for _, f := range r.Findings {
		if f.Code == CodeTokenExpired {
			got = f.Title + " " + f.Detail
		}
	}
	if !strings.Contains(got, "ASP.NET Core JwtBearer's default clock skew of 5 min") || !strings.Contains(got, "still accepted") {
		t.Errorf("token.expired under aspnetcore = %q, want it to name the 5 min default skew and say the token is accepted", got)
	}
	// Under generic, a token 3 s past exp names the stacks that accept it.
	tok = unsignedish(t, map[string]any{"alg": "HS256"}, map[string]any{"exp": now.Unix() - 3})
	r = DiagnoseWith(Case{Kind: KindTokens, Tokens: []Token{tok}}, Requirement{}, now, Options{})
	for _, f := range r.Findings {
		if f.Code == CodeTokenExpired {
			got = f.Detail
		}
	}
	for _, want := range []string{"express-oauth2-jwt-bearer 5 s", "Spring Security resource server 1 min", "Envoy jwt_authn 1 min", "ASP.NET Core JwtBearer 5 min"} {
		if !strings.Contains(got, want) {
			t.Errorf("generic token.expired detail %q does not name %q", got, want)
		}
	}
}

func TestLookupProfile(t *testing.T) {
	for _, name := range ProfileNames() {
		if p, ok := LookupProfile(name); !ok || string(p.Name) != name {
			t.Errorf("LookupProfile(%q) = %v, %v", name, p.Name, ok)
		}
	}
	if _, ok := LookupProfile("tomcat"); ok {
		t.Error("LookupProfile(tomcat) found a profile")
	}
	if err := ProfileError("tomcat"); !strings.Contains(err.Error(), "aspnetcore") {
		t.Errorf("ProfileError does not list the names: %v", err)
	}
	for _, p := range Profiles() {
		if !p.generic() && len(p.Sources) == 0 {
			t.Errorf("profile %s names no source", p.Name)
		}
	}
}

// The README's defaults table is generated from the profiles (go test
// ./inspect -run TestREADMEProfileTable -update rewrites it).
func TestREADMEProfileTable(t *testing.T) {
	const begin, end = "<!-- profiles:begin (generated from inspect/profiles.go) -->\n", "<!-- profiles:end -->"
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	s := string(readme)
	i, j := strings.Index(s, begin), strings.Index(s, end)
	if i < 0 || j < i {
		t.Fatalf("README.md has no %q … %q section", strings.TrimSpace(begin), end)
	}
	want := ProfileMarkdown()
	if s[i+len(begin):j] == want {
		return
	}
	if *update {
		if err := os.WriteFile("../README.md", []byte(s[:i+len(begin)]+want+s[j:]), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Errorf("README.md's table of server profiles differs; run go test ./inspect -run TestREADMEProfileTable -update")
}

func profCodes(fs []Finding) string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Code+"("+string(f.Severity)+")")
	}
	return strings.Join(out, " ")
}

// The text and markdown outputs name the profile and, for a denial, the
// stack's answer.
func TestProfileInOutputs(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 10, 0, 0, time.UTC)
	tok := unsignedish(t, map[string]any{"alg": "HS256"}, map[string]any{"exp": now.Add(-10 * time.Minute).Unix()})
	r := DiagnoseWith(Case{Kind: KindTokens, Tokens: []Token{tok}}, Requirement{}, now, Options{Server: "envoy"})
	text := FormatText(r)
	md := FormatMarkdown(r, MarkdownOptions{})
	// Markdown escapes the underscore of jwt_authn.
	for _, want := range []string{"default clock skew 1 min", "Audiences in Jwt are not allowed"} {
		if !strings.Contains(text, want) || !strings.Contains(md, want) {
			t.Errorf("text or markdown lacks %q:\n%s\n%s", want, text, md)
		}
	}
	if r = DiagnoseWith(Case{Kind: KindTokens, Tokens: []Token{tok}}, Requirement{}, now, Options{}); strings.Contains(FormatText(r), "server:") {
		t.Errorf("generic prints a server line:\n%s", FormatText(r))
	}
}
