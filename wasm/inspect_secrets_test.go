//go:build !js

package main

import (
	"encoding/base64"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
)

// A HAR full of credentials, with a marker in each: neither output prints
// one unless --show-secrets is given.
func secretHAR() (har string, markers []string) {
	enc := base64.RawURLEncoding
	jwt := enc.EncodeToString([]byte(`{"alg":"HS256","typ":"JWT"}`)) + "." +
		enc.EncodeToString([]byte(`{"sub":"alice","aud":"api://orders","exp":2000000000}`)) + ".JwtSigMarker01x"
	markers = []string{"JwtSigMarker01x", "BasicPwMarker02", "ApiKeyMarker03", "CookieMarker04", "RefreshMarker05",
		"PasswordMarker06", "ClientSecretMarker07", "SetCookieMarker08"}
	q := func(s string) string { b, _ := json.Marshal(s); return string(b) }
	basic := base64.StdEncoding.EncodeToString([]byte("bob:BasicPwMarker02"))
	body := `{"grant_type":"refresh_token","refresh_token":"RefreshMarker05","password":"PasswordMarker06"}`
	entry := func(url, auth string, status int) string {
		return `{"startedDateTime":"2030-01-01T00:00:00.000Z","time":12,` +
			`"request":{"method":"POST","url":` + q(url) + `,"httpVersion":"HTTP/1.1","headers":[` +
			`{"name":"Authorization","value":` + q(auth) + `},{"name":"X-Api-Key","value":"ApiKeyMarker03"},` +
			`{"name":"Cookie","value":"sid=CookieMarker04"},{"name":"Content-Type","value":"application/json"}],` +
			`"cookies":[{"name":"sid","value":"CookieMarker04"}],"queryString":[],"postData":{"mimeType":"application/json","text":` + q(body) + `},"headersSize":-1,"bodySize":0},` +
			`"response":{"status":` + itoa(status) + `,"statusText":"","httpVersion":"HTTP/1.1","headers":[{"name":"Set-Cookie","value":"s=SetCookieMarker08; Path=/"},` +
			`{"name":"WWW-Authenticate","value":"Bearer error=\"invalid_token\""}],"cookies":[],` +
			`"content":{"size":0,"mimeType":"text/plain"},"redirectURL":"","headersSize":-1,"bodySize":0},"cache":{},"timings":{"send":0,"wait":10,"receive":2}}`
	}
	har = `{"log":{"version":"1.2","creator":{"name":"WebInspector","version":"1"},"entries":[` +
		entry("https://api.example.test/token?client_id=web&client_secret=ClientSecretMarker07", "Bearer "+jwt, 401) + "," +
		entry("https://api.example.test/orders", "Basic "+basic, 403) + `]}}`
	return har, markers
}

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }

func TestInspectRedactsSecrets(t *testing.T) {
	har, markers := secretHAR()
	file := filepath.Join(t.TempDir(), "s.har")
	os.WriteFile(file, []byte(har), 0o644)
	for _, format := range []string{"json", "text", "markdown", "markdown --keep-payload"} {
		args := append([]string{"inspect", "--now=2030-01-01T00:00:01Z", file, "--format"}, strings.Fields(format)...)
		code, out, errText := runCLI(t, "", args...)
		if code != 3 {
			t.Errorf("%s: exit %d, want 3 (stderr %q)", format, code, errText)
		}
		for _, m := range markers {
			if strings.Contains(out, m) || strings.Contains(errText, m) {
				t.Errorf("--format %s prints the secret %s", format, m)
			}
		}
		if strings.HasPrefix(format, "markdown") {
			for _, want := range []string{"**Verdict: 401**", "#### Failed requests (2 of 2)", "`https://api.example.test/token?client_id=web&client_secret=[REDACTED]`"} {
				if !strings.Contains(out, want) {
					t.Errorf("--format %s lacks %s:\n%s", format, want, out)
				}
			}
			if keep := strings.Contains(out, `"sub": "alice"`); keep != strings.HasSuffix(format, "payload") {
				t.Errorf("--format %s: whole payload shown %v:\n%s", format, keep, out)
			}
		}
		if format == "json" {
			if !json.Valid([]byte(out)) {
				t.Fatalf("not JSON:\n%s", out)
			}
			// What a diagnosis needs stays: the scheme, the token's
			// header and payload, the Basic user, the cookie's name.
			for _, want := range []string{`"Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.`, `.REDACTED"`, `"sid"`,
				`"Basic ` + base64.StdEncoding.EncodeToString([]byte("bob:[REDACTED]")) + `"`} {
				if !strings.Contains(out, want) {
					t.Errorf("the JSON lacks %s", want)
				}
			}
		}
	}
	// Asked for, they are printed.
	_, out, _ := runCLI(t, "", "inspect", "--format=json", "--show-secrets", "--now=2030-01-01T00:00:01Z", file)
	for _, m := range []string{"JwtSigMarker01x", "ApiKeyMarker03", "PasswordMarker06"} {
		if !strings.Contains(out, m) {
			t.Errorf("--show-secrets does not print %s", m)
		}
	}
	// Text output of a URL holding client_secret=.
	cmd := "curl 'https://api.example.test/token?client_secret=ClientSecretMarker07&x=1' -d 'grant_type=password&password=PasswordMarker06'"
	_, out, errText := runCLI(t, cmd, "inspect", "--now=2030-01-01T00:00:01Z")
	if strings.Contains(out+errText, "ClientSecretMarker07") || !strings.Contains(out, "client_secret=[REDACTED]") {
		t.Errorf("text output of a command with client_secret:\n%s", out)
	}
	_, out, _ = runCLI(t, cmd, "inspect", "--format=json", "--now=2030-01-01T00:00:01Z")
	if strings.Contains(out, "PasswordMarker06") {
		t.Errorf("the JSON prints the password of a form body:\n%s", out)
	}
}

// A crafted HAR writes terminal escapes in its URL, status text, error
// and headers to set the window title, clear the screen and print a fake
// verdict; the text output escapes every control character.
func TestInspectTextEscapesControls(t *testing.T) {
	har := controlHAR()
	code, out, errText := runCLI(t, har, "inspect", "--now=2030-01-01T00:00:01Z")
	if code != 3 {
		t.Errorf("exit %d, want 3 (stderr %q)", code, errText)
	}
	for _, text := range []string{out, errText} {
		if r, ok := rawControl(text, true); ok {
			t.Fatalf("raw control character %U in the output:\n%q", r, text)
		}
	}
	if !strings.Contains(out, `\x1b]0;pwned\x07`) {
		t.Errorf("the escape sequence is not shown escaped:\n%s", out)
	}
	for _, line := range strings.Split(out, "\n") {
		if strings.HasPrefix(line, "verdict: ok") || strings.HasPrefix(line, "\\x1b[32mverdict") {
			t.Errorf("a line of the output is forged: %q", line)
		}
	}
	if !strings.HasPrefix(out, "verdict: 401\n") {
		t.Errorf("output does not start with the verdict:\n%s", out)
	}
}

// encoding/json escapes C0 controls but writes DEL, the C1 controls
// (U+009B is CSI to a terminal) and the bidi controls as they are: the JSON
// output and its JSON Lines escape them too, and still decode to the text
// the HAR held.
func TestInspectJSONEscapesControls(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "evil.har")
	os.WriteFile(file, []byte(controlHAR()), 0o644)
	for _, args := range [][]string{{file}, {file, file}} {
		code, out, errText := runCLI(t, "", append([]string{"inspect", "--format=json", "--now=2030-01-01T00:00:01Z"}, args...)...)
		if code != 3 {
			t.Errorf("%d files: exit %d, want 3 (stderr %q)", len(args), code, errText)
		}
		if r, ok := rawControl(out+errText, true); ok {
			t.Fatalf("%d files: raw %U in the JSON output:\n%q", len(args), r, out)
		}
		for _, want := range []string{`\u009b31m`, `\u202e`, `\u007f`, `\u001b]0;pwned\u0007`} {
			if !strings.Contains(out, want) {
				t.Errorf("%d files: the JSON lacks %s", len(args), want)
			}
		}
		dec := json.NewDecoder(strings.NewReader(out))
		for n := 0; n < len(args); n++ {
			var r struct {
				Entries []struct {
					Request struct{ Method string }
				}
			}
			if err := dec.Decode(&r); err != nil {
				t.Fatalf("%d files: report %d is not JSON: %v", len(args), n+1, err)
			}
			if len(r.Entries) != 1 || r.Entries[0].Request.Method != "GET"+controlText {
				t.Errorf("%d files: report %d does not decode to the HAR's method: %+v", len(args), n+1, r.Entries)
			}
		}
	}
	// Markdown goes to a terminal too.
	_, out, _ := runCLI(t, "", "inspect", "--format=markdown", "--now=2030-01-01T00:00:01Z", file)
	if r, ok := rawControl(out, true); ok {
		t.Errorf("raw %U in the markdown output:\n%q", r, out)
	}
}

// rawControl returns the first control or bidi character of s (a newline
// allowed when keepNewlines).
func rawControl(s string, keepNewlines bool) (rune, bool) {
	for _, r := range s {
		if keepNewlines && r == '\n' {
			continue
		}
		if unicode.IsControl(r) || r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069 || r == 0x200e || r == 0x200f || r == 0x061c {
			return r, true
		}
	}
	return 0, false
}

// controlText sets the window title, clears the screen, forges a green
// verdict line, and uses DEL, a C1 CSI and a bidi override.
const controlText = "\x1b]0;pwned\x07\x1b[2J\r\n\x1b[32mverdict: ok\x1b[0m\x00\x7f\u009b31m\u202e\u2066"

// controlHAR writes controlText into every field a report quotes.
func controlHAR() string {
	evil := controlText
	q := func(s string) string { b, _ := json.Marshal(s); return string(b) }
	return `{"log":{"version":"1.2","creator":{"name":` + q("x"+evil) + `,"version":"1"},"entries":[` +
		`{"startedDateTime":"2030-01-01T00:00:00.000Z","time":1,"request":{"method":` + q("GET"+evil) + `,"url":` + q("https://a.test/"+evil) +
		`,"httpVersion":"HTTP/1.1","headers":[{"name":"X-Evil","value":` + q(evil) + `}],"cookies":[],"queryString":[],"headersSize":-1,"bodySize":0},` +
		`"response":{"status":401,"statusText":` + q(evil) + `,"httpVersion":"HTTP/1.1","headers":[{"name":"WWW-Authenticate","value":` + q("Bearer error=\"invalid_token\", error_description=\""+evil+"\"") + `}],` +
		`"cookies":[],"content":{"size":10,"mimeType":"text/html","text":` + q(evil) + `},"redirectURL":"","headersSize":-1,"bodySize":0,"_error":` + q(evil) + `},` +
		`"cache":{},"timings":{"send":0,"wait":1,"receive":1}}]}}`
}

// Error lines stay one short line, however long what they quote.
func TestErrorLineIsCut(t *testing.T) {
	got := stderrLine("whydenied: " + strings.Repeat("[0]", 10000))
	if !strings.HasSuffix(got, "… and 29,611 more characters") || strings.Contains(got, "\n") {
		t.Errorf("stderrLine = %q", got[max(0, len(got)-80):])
	}
	if got := stderrLine("a\x1b[2Jb\nc"); got != `a\x1b[2Jb c` {
		t.Errorf("stderrLine = %q", got)
	}
}
