package inspect

import (
	"strings"
	"testing"
	"time"
)

const (
	// Made-up unsigned tokens: {"alg":"none"} . {"exp":1767229200} / {"aud":"a"}.
	tokA = "eyJhbGciOiJub25lIn0.eyJleHAiOjE3NjcyMjkyMDB9."
	tokB = "eyJhbGciOiJub25lIn0.eyJhdWQiOiJhIn0."
)

func TestRequestTokens(t *testing.T) {
	tests := []struct {
		name    string
		req     Request
		sources []string
		codes   []string
	}{
		{"bearer header", Request{Headers: []Header{{"Authorization", "Bearer " + tokA}}}, []string{"Authorization header"}, nil},
		// Header names are case-insensitive; the source keeps the case written.
		{"lower-case header", Request{Headers: []Header{{"authorization", "bearer " + tokA}}}, []string{"authorization header"}, nil},
		{"opaque bearer", Request{Headers: []Header{{"Authorization", "Bearer abc123"}}}, nil, []string{CodeAuthOther}},
		{"basic", Request{Headers: []Header{{"Authorization", "Basic YWxpY2U6c2VjcmV0"}}}, nil, []string{CodeAuthBasic}},
		{"digest", Request{Headers: []Header{{"Authorization", `Digest username="a", nonce="n"`}}}, nil, []string{CodeAuthOther}},
		{"api key header", Request{Headers: []Header{{"X-Api-Key", "k-123"}}}, nil, []string{CodeAuthAPIKey}},
		// Cookies split by the parser, and cookies only in the header.
		{"cookie list", Request{Cookies: []Cookie{{"session", tokA}, {"theme", "dark"}}}, []string{"cookie session"}, nil},
		{"cookie header", Request{Headers: []Header{{"Cookie", "a=1; id_token=" + tokB}}}, []string{"cookie id_token"}, nil},
		{"query jwt and key", Request{URL: "https://x.test/p?access_token=" + tokA + "&api_key=zz"}, []string{"query access_token"}, []string{CodeAuthAPIKey}},
		{"url userinfo", Request{URL: "https://alice:pw@x.test/"}, nil, []string{CodeAuthBasic}},
		{"form body assertion", Request{Body: "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=" + tokB}, []string{"body assertion"}, nil},
		{"json body", Request{Body: `{"refresh":"x","id_token":"` + tokB + `"}`}, []string{"body id_token"}, nil},
		// The same token twice is reported once, where it was first found.
		{"deduplicated", Request{Headers: []Header{{"Authorization", "Bearer " + tokA}, {"Cookie", "s=" + tokA}}}, []string{"Authorization header"}, nil},
		{"nothing", Request{Method: "GET", URL: "https://x.test/"}, nil, nil},
	}
	for _, tt := range tests {
		toks, fs := RequestTokens(&tt.req)
		var sources, codes []string
		for _, tk := range toks {
			sources = append(sources, tk.Source)
		}
		for _, f := range fs {
			codes = append(codes, f.Code)
		}
		if strings.Join(sources, ",") != strings.Join(tt.sources, ",") || strings.Join(codes, ",") != strings.Join(tt.codes, ",") {
			t.Errorf("%s: RequestTokens = sources %q codes %q, want %q %q", tt.name, sources, codes, tt.sources, tt.codes)
		}
	}
}

// Basic credentials show the user but never the password.
func TestBasicPasswordNeverShown(t *testing.T) {
	_, fs := RequestTokens(&Request{Headers: []Header{{"Authorization", "Basic YWxpY2U6czNjcjN0LXB3"}}})
	for _, f := range fs {
		if strings.Contains(f.Evidence+f.Detail+f.Title, "s3cr3t-pw") {
			t.Fatalf("password shown in %+v", f)
		}
		if !strings.Contains(f.Evidence, "alice") {
			t.Errorf("user not shown: %+v", f)
		}
	}
}

func TestDiagnoseCommandPrediction(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name    string
		req     Request
		require string
		verdict Verdict
		code    string
	}{
		{"no credentials", Request{Method: "GET", URL: "https://api.test/orders"}, "", Verdict401, CodeAuthMissing},
		{"valid token", Request{Method: "GET", URL: "https://api.test/", Headers: []Header{{"Authorization", "Bearer " + tokA}}}, "", Verdict401, CodeTokenAlgNone},
		{"basic only", Request{Method: "GET", URL: "https://api.test/", Headers: []Header{{"Authorization", "Basic YWxpY2U6c2VjcmV0"}}}, "", VerdictUnknown, CodeAuthBasic},
		{"missing scope", Request{Method: "GET", URL: "https://api.test/", Headers: []Header{{"Authorization", "Bearer " + tokB}}}, "aud=a\nscope=x", Verdict401, CodeScopeMissing},
	}
	for _, tt := range tests {
		req, _ := ParseRequirement(tt.require)
		c := Case{Kind: KindCurl, Entries: []Entry{{Request: tt.req}}}
		r := Diagnose(c, req, now, 0)
		if r.Verdict != tt.verdict || !hasCode(r.Findings, tt.code) {
			t.Errorf("%s: verdict %s findings %v, want %s with %s", tt.name, r.Verdict, codesOf(r.Findings), tt.verdict, tt.code)
		}
		if r.Primary != 0 {
			t.Errorf("%s: primary %d, want 0", tt.name, r.Primary)
		}
	}
}

func codesOf(fs []Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Code)
	}
	return out
}
