package ui

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/golang-jwt/jwt/v5"
	app "github.com/maxence-charriere/go-app/v10/pkg/app"

	"whydenied/inspect"
)

// The parsed request shows as text: method, URL, query parameters in
// order, headers in order, cookies, body, the flags that matter, and the
// credentials; markup in the paste stays inert and a Basic password is
// never shown.
func TestRequestRendering(t *testing.T) {
	cmd := `curl -k -x http://proxy.example.test:3128 -L -u 'bob:s3cret' ` +
		`-H 'X-Note: <img src=x onerror=alert(1)>' -b 'sid=abc; theme=dark' ` +
		`--data-raw '<b>body</b>' --frobnicate 'https://api.example.test/orders?b=2&a=1&api_key=k123'`
	res := diagnose(inputs{Curl: cmd}, now)
	if res.InputErr != "" {
		t.Fatalf("parse error: %s", res.InputErr)
	}
	html := app.HTMLString(&requestsPanel{Entries: res.Report.Entries, Primary: res.Report.Primary})
	for _, want := range []string{
		`id="requests"`, ">POST<", "https://api.example.test/orders?b=2&amp;a=1&amp;api_key=k123",
		">X-Note<", "&lt;img src=x onerror=alert(1)&gt;", ">sid<", ">abc<", "&lt;b&gt;body&lt;/b&gt;",
		`data-flag="insecure"`, `data-flag="proxy"`, `data-flag="follow-redirects"`, `data-flag="unknown-option"`,
		`data-credential="auth.basic"`, "only encoded", `user &#34;bob&#34;`, `data-credential="auth.api_key"`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("request panel lacks %s:\n%s", want, html)
		}
	}
	if strings.Contains(html, "<img") || strings.Contains(html, "<b>") {
		t.Errorf("pasted text became markup")
	}
	// The password appears neither decoded nor base64-encoded.
	if strings.Contains(html, "s3cret") || strings.Contains(html, "Ym9iOnMzY3JldA") {
		t.Errorf("the Basic password is shown")
	}
	// Query parameters keep their order (b before a).
	if i, j := strings.Index(html, "<code>b</code>"), strings.Index(html, "<code>a</code>"); i < 0 || j < 0 || i > j {
		t.Errorf("query parameters out of order (b at %d, a at %d)", i, j)
	}
}

// A bearer JWT in a command gets the token panel, checked against the
// requirement and, with a key, its signature.
func TestRequestTokenPanel(t *testing.T) {
	signed, err := jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.MapClaims{"sub": "alice", "aud": "api://orders", "exp": 2000000000}).
		SignedString([]byte("made-up secret"))
	if err != nil {
		t.Fatal(err)
	}
	cmd := "curl -H 'Authorization: Bearer " + signed + "' https://api.example.test/orders"
	res := diagnose(inputs{Curl: cmd, Requirement: "aud=api://billing", Key: "made-up secret"}, now)
	if res.Report.Verdict != inspect.Verdict401 {
		t.Errorf("verdict %q, want 401 for the wrong audience", res.Report.Verdict)
	}
	html := app.HTMLString(&requestsPanel{Entries: res.Report.Entries, Primary: res.Report.Primary})
	for _, want := range []string{`class="token`, "Requirement, line by line", "Signature verified."} {
		if !strings.Contains(html, want) {
			t.Errorf("token panel in the request lacks %s", want)
		}
	}
}

func TestKeyInput(t *testing.T) {
	signed, _ := jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.MapClaims{"sub": "alice", "exp": 2000000000}).
		SignedString([]byte("made-up secret"))
	cases := []struct {
		name, key string
		verdict   inspect.Verdict
		code      string
		keyErr    bool
	}{
		// No key: the signature is not checked, the token is fine.
		{"none", "", inspect.VerdictOK, "", false},
		// The secret it was signed with.
		{"right secret", "made-up secret", inspect.VerdictOK, inspect.CodeTokenSignatureValid, false},
		// Another secret: the server would reject it.
		{"wrong secret", "another secret", inspect.Verdict401, inspect.CodeTokenSignatureInvalid, false},
		// A JWK that is not one: said clearly, and no key is used.
		{"broken JWK", `{"kty": "RSA"}`, inspect.VerdictOK, "", true},
	}
	for _, c := range cases {
		res := diagnose(inputs{Token: signed, Key: c.key, order: []source{srcToken}}, now)
		if res.Report.Verdict != c.verdict {
			t.Errorf("%s: verdict %q, want %q", c.name, res.Report.Verdict, c.verdict)
		}
		if c.code != "" && !hasFinding(res.Report.Findings, c.code) {
			t.Errorf("%s: no %s finding", c.name, c.code)
		}
		if (res.KeyErr != "") != c.keyErr {
			t.Errorf("%s: key error %q, want one: %v", c.name, res.KeyErr, c.keyErr)
		}
	}
}

func hasFinding(fs []inspect.Finding, code string) bool {
	for _, f := range fs {
		if f.Code == code {
			return true
		}
	}
	return false
}

func TestCommandTexts(t *testing.T) {
	// A cut-off paste is called that, with its position.
	res := diagnose(inputs{Curl: "curl https://api.example.test/orders -H 'Accept: b"}, now)
	if !strings.HasPrefix(res.InputErr, "Incomplete paste") || !strings.Contains(res.InputErr, "1:") {
		t.Errorf("cut-off paste: %q", res.InputErr)
	}
	// An unexpanded variable is named in the verdict's sentence.
	res = diagnose(inputs{Curl: `curl -H "Authorization: Bearer $TOKEN" https://api.example.test/orders`}, now)
	if !strings.Contains(res.Report.Summary, "$TOKEN") || !hasFinding(res.Report.Findings, inspect.CodeCurlUnexpanded) {
		t.Errorf("unexpanded variable: %q", res.Report.Summary)
	}
	// No credentials: a prediction, in one reading.
	res = diagnose(inputs{Curl: "curl https://api.example.test/orders"}, now)
	if res.Report.Verdict != inspect.Verdict401 || !strings.HasPrefix(res.Report.Summary, "Sent as it is, this command would be refused.") {
		t.Errorf("no credentials: %q %q", res.Report.Verdict, res.Report.Summary)
	}
}

// The examples are what their buttons promise.
func TestExamples(t *testing.T) {
	at := now.AddDate(1, 0, 0)
	cases := []struct {
		name string
		in   inputs
		want inspect.Verdict
		code string
	}{
		{"token", inputs{Token: exampleToken, Requirement: exampleTokenRequirement}, inspect.Verdict401, inspect.CodeTokenExpired},
		{"curl", inputs{Curl: exampleCurl, Requirement: exampleCurlRequirement}, inspect.Verdict403, inspect.CodeScopeMissing},
		{"token with key", inputs{Token: exampleToken, Key: exampleSecret}, inspect.Verdict401, inspect.CodeTokenSignatureValid},
	}
	for _, c := range cases {
		res := diagnose(c.in, at)
		if res.Report.Verdict != c.want || !hasFinding(res.Report.Findings, c.code) || res.InputErr != "" {
			t.Errorf("%s example: verdict %q, findings %v, error %q; want %q with %s", c.name, res.Report.Verdict, res.Report.Findings, res.InputErr, c.want, c.code)
		}
	}
	c, err := inspect.Parse(exampleHAR)
	if err != nil {
		t.Fatal(err)
	}
	if r := inspect.Diagnose(c, inspect.Requirement{}, at, 0); r.Verdict != inspect.Verdict401 {
		t.Errorf("HAR example: verdict %q, want 401", r.Verdict)
	}
}

// A key entered before a HAR is chosen applies to the tokens of its
// requests, as it does to a pasted token: the HAR's first diagnosis (the one
// made while it loads) checks their signatures too.
func TestKeyAppliesToHAR(t *testing.T) {
	signed, _ := jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.MapClaims{"sub": "alice", "exp": 2000000000}).
		SignedString([]byte("made-up secret"))
	har := `{"log":{"entries":[{"startedDateTime":"2026-01-01T00:00:00Z","request":{"method":"GET","url":"https://api.example.test/orders",` +
		`"headers":[{"name":"Authorization","value":"Bearer ` + signed + `"}]},"response":{"status":401,"headers":[]}}]}}`
	c, err := inspect.ParseHAR(context.Background(), []byte(har), nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ key, code string }{
		{"made-up secret", inspect.CodeTokenSignatureValid},
		{"another secret", inspect.CodeTokenSignatureInvalid},
	} {
		res := diagnoseHAR(inputs{HAR: &c, Key: tc.key, Token: "ignored: the HAR is judged"}, now, nil)
		if res.About != srcHAR || len(res.Report.Entries) != 1 {
			t.Fatalf("key %q: about %q, %d entries", tc.key, res.About, len(res.Report.Entries))
		}
		var codes []string
		for _, tok := range res.Report.Entries[0].Tokens {
			for _, f := range tok.Findings {
				codes = append(codes, f.Code)
			}
		}
		if !slices.Contains(codes, tc.code) {
			t.Errorf("key %q: the entry's token has %v, want %s", tc.key, codes, tc.code)
		}
	}
}
