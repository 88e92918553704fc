//go:build !js

package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/golang-jwt/jwt/v5"
)

// Made-up HS256 token: {"sub":"alice","aud":"api://orders","exp":2000000000},
// exp = 2033-05-18T03:33:20Z.
const tok = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhbGljZSIsImF1ZCI6ImFwaTovL29yZGVycyIsImV4cCI6MjAwMDAwMDAwMH0.c2lnbmF0dXJl"

func runCLI(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

func TestInspectExitCodes(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "token.txt")
	os.WriteFile(file, []byte("Authorization: Bearer "+tok+"\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "req.txt"), []byte("aud=api://orders\n"), 0o644)
	before, after := "--now=2030-01-01T00:00:00Z", "--now=2040-01-01T00:00:00Z"

	cases := []struct {
		name   string
		stdin  string
		args   []string
		code   int
		stdout string // a substring
	}{
		// Valid at the time given: ok, 0.
		{"ok", "", []string{"inspect", before, file}, 0, "verdict: ok"},
		// Same token later: expired, a failure verdict, 3.
		{"expired", "", []string{"inspect", after, file}, 3, "token.expired"},
		// Flags after the file and the requirement from a file.
		{"flags after file", "", []string{"inspect", file, before, "--require", "@" + filepath.Join(dir, "req.txt")}, 0, "aud=api://orders"},
		// Wrong audience: 401, exit 3.
		{"wrong aud", "", []string{"inspect", before, "--require", "aud=api://billing", file}, 3, "aud.mismatch"},
		// The leeway covers 10 s past exp.
		{"leeway", "", []string{"inspect", "--now=2033-05-18T03:33:30Z", "--leeway", "30s", file}, 0, "verdict: ok"},
		// stdin, explicitly and by default.
		{"stdin dash", tok, []string{"inspect", before, "-"}, 0, "verdict: ok"},
		{"stdin default", tok, []string{"inspect", before}, 0, "verdict: ok"},
		// Valid input, too little to judge: unknown, 1.
		{"unknown", "hello, nothing to judge here", []string{"inspect", before}, 1, "verdict: unknown"},
		// A denial not among --fail-on does not fail.
		{"fail-on", "", []string{"inspect", after, "--fail-on", "403,network", file}, 0, "token.expired"},
		{"bad fail-on", "", []string{"inspect", "--fail-on", "404", file}, 2, ""},
		// Unusable input or arguments: 2, nothing on stdout.
		{"empty stdin", "", []string{"inspect"}, 2, ""},
		{"missing file", "", []string{"inspect", filepath.Join(dir, "nope")}, 2, ""},
		{"bad flag", "", []string{"inspect", "--nope"}, 2, ""},
		{"bad now", "", []string{"inspect", "--now", "yesterday", file}, 2, ""},
		{"bad leeway", "", []string{"inspect", "--leeway", "-5s", file}, 2, ""},
		{"bad format", "", []string{"inspect", "--format", "xml", file}, 2, ""},
		{"unknown command", "", []string{"frobnicate"}, 2, ""},
		{"no command", "", nil, 2, ""},
	}
	for _, c := range cases {
		code, out, errText := runCLI(t, c.stdin, c.args...)
		if code != c.code {
			t.Errorf("%s: exit %d, want %d (stderr %q)", c.name, code, c.code, errText)
		}
		if c.code == 2 && out != "" {
			t.Errorf("%s: exit 2 with %d bytes on stdout, want nothing: %.200q", c.name, len(out), out)
		}
		if !strings.Contains(out, c.stdout) {
			t.Errorf("%s: stdout lacks %q:\n%s", c.name, c.stdout, out)
		}
		if c.code == 2 {
			// One line, no stack trace.
			if strings.Count(errText, "\n") != 1 && c.args != nil {
				t.Errorf("%s: stderr is not one line: %q", c.name, errText)
			}
			if strings.Contains(errText, "goroutine") {
				t.Errorf("%s: stack trace on stderr", c.name)
			}
		}
	}
}

// The JSON output has the shape of DESIGN.md's CLI contract, with the
// original JSON of the token segments and no raw token.
func TestInspectJSON(t *testing.T) {
	code, out, _ := runCLI(t, tok, "inspect", "--format=json", "--now=2030-01-01T00:00:00Z", "--require", "aud=api://billing")
	if code != 3 {
		t.Fatalf("exit %d, want 3", code)
	}
	var got map[string]any
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if got["verdict"] != "401" {
		t.Errorf("verdict %v", got["verdict"])
	}
	for _, k := range []string{"findings", "tokens", "entries"} {
		if _, ok := got[k].([]any); !ok {
			t.Errorf("%s is %T, want an array", k, got[k])
		}
	}
	f := got["findings"].([]any)[0].(map[string]any)
	for _, k := range []string{"code", "severity", "title", "detail", "evidence"} {
		if _, ok := f[k]; !ok {
			t.Errorf("finding lacks %s", k)
		}
	}
	tk := got["tokens"].([]any)[0].(map[string]any)
	for _, k := range []string{"source", "header", "payload", "findings"} {
		if _, ok := tk[k]; !ok {
			t.Errorf("token lacks %s", k)
		}
	}
	if strings.Contains(out, "c2lnbmF0dXJl") {
		t.Errorf("the JSON output holds the token itself")
	}
}

func TestBuildNeedsDir(t *testing.T) {
	if code, _, _ := runCLI(t, "", "build"); code != 2 {
		t.Errorf("build with no DIR: exit %d, want 2", code)
	}
}

// --key verifies the signature: the right secret passes, a wrong one is a
// 401 (the server would reject the token).
func TestInspectKey(t *testing.T) {
	signed, err := jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.MapClaims{"sub": "alice", "exp": 2000000000}).
		SignedString([]byte("made-up secret"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	keyFile := filepath.Join(dir, "key")
	os.WriteFile(keyFile, []byte("made-up secret\n"), 0o644)
	now := "--now=2030-01-01T00:00:00Z"

	if code, out, _ := runCLI(t, signed, "inspect", now, "--key", "@"+keyFile); code != 0 || !strings.Contains(out, "token.signature_valid") {
		t.Errorf("right key: exit %d\n%s", code, out)
	}
	if code, out, _ := runCLI(t, signed, "inspect", now, "--key", "another secret"); code != 3 || !strings.Contains(out, "token.signature_invalid") {
		t.Errorf("wrong key: exit %d\n%s", code, out)
	}
	if code, _, errText := runCLI(t, signed, "inspect", now, "--key", "@"+filepath.Join(dir, "missing")); code != 2 {
		t.Errorf("missing key file: exit %d (%s)", code, errText)
	}
}

// A made-up HAR: one request with a bearer token that got a 401.
const har401 = `{"log": {"version": "1.2", "creator": {"name": "WebInspector", "version": "537.36"},
 "entries": [{"startedDateTime": "2030-01-01T00:00:00.000Z", "time": 12,
  "request": {"method": "GET", "url": "https://api.example.test/orders", "httpVersion": "HTTP/1.1",
   "headers": [{"name": "Authorization", "value": "Bearer ` + tok + `"}], "cookies": [], "queryString": [], "headersSize": -1, "bodySize": 0},
  "response": {"status": 401, "statusText": "Unauthorized", "httpVersion": "HTTP/1.1",
   "headers": [{"name": "WWW-Authenticate", "value": "Bearer error=\"invalid_token\""}], "cookies": [],
   "content": {"size": 0, "mimeType": "text/plain"}, "redirectURL": "", "headersSize": -1, "bodySize": 0},
  "cache": {}, "timings": {"send": 0, "wait": 10, "receive": 2}}]}}`

// The CLI reads HARs and commands as well as tokens: the kind is detected.
func TestInspectDetectsKinds(t *testing.T) {
	code, out, _ := runCLI(t, har401, "inspect", "--now=2030-01-01T00:00:01Z")
	if code != 3 || !strings.Contains(out, "server.invalid_token") {
		t.Errorf("HAR with a 401: exit %d\n%s", code, out)
	}
	cmd := "curl -H 'Authorization: Bearer " + tok + "' https://api.example.test/orders"
	code, out, _ = runCLI(t, cmd, "inspect", "--now=2040-01-01T00:00:00Z")
	if code != 3 || !strings.Contains(out, "token.expired") {
		t.Errorf("curl with an expired token: exit %d\n%s", code, out)
	}
}

func TestSanitize(t *testing.T) {
	file := filepath.Join(t.TempDir(), "x.har")
	os.WriteFile(file, []byte(har401), 0o644)
	code, out, errText := runCLI(t, "", "sanitize", file)
	if code != 0 {
		t.Fatalf("sanitize: exit %d: %s", code, errText)
	}
	if strings.Contains(out, "c2lnbmF0dXJl") {
		t.Errorf("the sanitized HAR still holds the token's signature")
	}
	if !json.Valid([]byte(out)) {
		t.Errorf("the sanitized HAR is not JSON")
	}
	// What was redacted, counted, on stderr only.
	if want := "whydenied: sanitize: " + file + ": redacted 1 Authorization header\n"; errText != want {
		t.Errorf("sanitize: stderr %q, want %q", errText, want)
	}
	// From standard input, the same.
	if code, fromStdin, errText := runCLI(t, har401, "sanitize", "-"); code != 0 || fromStdin != out {
		t.Errorf("sanitize -: exit %d (%s), output differs from the file's: %v", code, errText, fromStdin != out)
	}
	if code, _, _ := runCLI(t, "not json", "sanitize", "-"); code != 2 {
		t.Errorf("sanitize of non-JSON: exit %d, want 2", code)
	}
	if code, _, _ := runCLI(t, "", "sanitize"); code != 2 {
		t.Errorf("sanitize with no file: exit %d, want 2", code)
	}
	// An empty file, JSON that is not a HAR, a cut-off HAR: exit 2, one
	// line saying what and where, nothing on stdout (not half a HAR).
	dir := t.TempDir()
	for name, c := range map[string]struct{ in, want string }{
		"empty.har":   {"", "empty input"},
		"object.har":  {`{"a":1}`, "no log.entries"},
		"array.har":   {`[1,2]`, "JSON, but not a HAR"},
		"cut.har":     {har401[:len(har401)/2], "byte "},
		"text.har":    {"hello", "not JSON"},
		"trailer.har": {har401 + " {}", "more JSON after the HAR"},
	} {
		p := filepath.Join(dir, name)
		os.WriteFile(p, []byte(c.in), 0o644)
		code, out, errText := runCLI(t, "", "sanitize", p)
		if code != 2 || out != "" || strings.Count(errText, "\n") != 1 || !strings.Contains(errText, c.want) {
			t.Errorf("sanitize %s: exit %d, stdout %d bytes, stderr %q; want 2, nothing, one line with %q", name, code, len(out), errText, c.want)
		}
	}
}

// `inspect` reads a curl command from a file or stdin like the page does:
// the JSON verdict, the request as parsed and the exit code.
func TestInspectCommand(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	bash := write("cmd.txt", "curl 'https://api.example.test/orders?status=open' \\\n  -H 'Accept: application/json' \\\n  -H 'Authorization: Bearer "+tok+"' \\\n  --compressed\n")
	cmdExe := write("cmd-windows.txt", "curl ^\"https://api.example.test/orders^\" ^\n  -H ^\"Authorization: Bearer "+tok+"^\"\n")
	ps := write("ps.txt", "Invoke-WebRequest -UseBasicParsing -Uri \"https://api.example.test/orders\" `\n-Method \"DELETE\" `\n-Headers @{\n  \"Authorization\"=\"Bearer "+tok+"\"\n}\n")
	before, after := "--now=2030-01-01T00:00:00Z", "--now=2040-01-01T00:00:00Z"

	cases := []struct {
		name    string
		stdin   string
		args    []string
		code    int
		verdict string
		codes   []string // finding codes the JSON must hold
		method  string   // of the first request
		stderr  string   // a substring, "" for an empty stderr
	}{
		// A bash command in a file, token still valid: ok, exit 0.
		{"file ok", "", []string{"inspect", "--format=json", before, bash}, 0, "ok", nil, "GET", ""},
		// The same later: the token expired, 401, exit 3.
		{"file expired", "", []string{"inspect", "--format=json", after, bash}, 3, "401", []string{"token.expired"}, "GET", ""},
		// The requirement applies to the command's token: missing scope, 403.
		{"file scope", "", []string{"inspect", "--format=json", before, "--require", "scope=orders.write", bash}, 3, "403", []string{"scope.missing"}, "GET", ""},
		// "Copy as cURL (cmd)" and "Copy as PowerShell" are recognised too.
		{"cmd file", "", []string{"inspect", "--format=json", after, cmdExe}, 3, "401", []string{"token.expired"}, "GET", ""},
		{"powershell file", "", []string{"inspect", "--format=json", after, ps}, 3, "401", []string{"token.expired"}, "DELETE", ""},
		// From stdin with "-": no credentials at all, 401 auth.missing.
		{"stdin no credentials", "curl -X POST https://api.example.test/orders -d 'item=A-1'\n", []string{"inspect", "--format=json", before, "-"}, 3, "401", []string{"auth.missing"}, "POST", ""},
		// An unexpanded variable: nothing to judge, unknown, exit 1 with
		// the reason on stderr.
		{"stdin unexpanded", `curl -H "Authorization: Bearer $TOKEN" https://api.example.test/orders`, []string{"inspect", "--format=json", before, "-"}, 1, "unknown", []string{"curl.unexpanded"}, "GET", "verdict unknown"},
		// A cut-off paste is judged on what could be read; the report
		// carries curl.malformed with the position, and stderr says it too.
		{"stdin cut off", "curl https://api.example.test/orders -H 'Accept: application/json", []string{"inspect", "--format=json", before, "-"}, 3, "401", []string{"auth.missing", "curl.malformed"}, "GET", "1:41: unterminated single quote"},
		{"stdin trailing continuation", "curl https://api.example.test/orders \\\n  -H 'Accept: application/json' \\\n", []string{"inspect", "--format=json", before, "-"}, 3, "401", []string{"auth.missing", "curl.malformed"}, "GET", "2:33: command ends with a line continuation"},
	}
	for _, c := range cases {
		code, out, errText := runCLI(t, c.stdin, c.args...)
		if code != c.code {
			t.Errorf("%s: exit %d, want %d (stderr %q)", c.name, code, c.code, errText)
		}
		if c.stderr == "" && errText != "" || !strings.Contains(errText, c.stderr) {
			t.Errorf("%s: stderr %q, want %q", c.name, errText, c.stderr)
		}
		var got struct {
			Verdict  string
			Findings []struct{ Code string }
			Entries  []struct {
				Request struct {
					Method, URL string
					Headers     []struct{ Name, Value string }
				}
			}
		}
		if err := json.Unmarshal([]byte(out), &got); err != nil {
			t.Errorf("%s: not JSON: %v\n%s", c.name, err, out)
			continue
		}
		if got.Verdict != c.verdict {
			t.Errorf("%s: verdict %q, want %q", c.name, got.Verdict, c.verdict)
		}
		for _, want := range c.codes {
			found := false
			for _, f := range got.Findings {
				found = found || f.Code == want
			}
			if !found {
				t.Errorf("%s: no %s finding in %+v", c.name, want, got.Findings)
			}
		}
		if len(got.Entries) == 0 || got.Entries[0].Request.Method != c.method || !strings.HasPrefix(got.Entries[0].Request.URL, "https://api.example.test/orders") {
			t.Errorf("%s: entries %+v, want a %s to https://api.example.test/orders", c.name, got.Entries, c.method)
		}
	}
}

// Several files: one JSON line each, with "file", and "error" for one that
// could not be read; the exit status is the worst by DESIGN.md's order
// (unusable, then denied, then unknown, then ok).
func TestInspectSeveralFiles(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		os.WriteFile(p, []byte(text), 0o644)
		return p
	}
	ok := write("ok.txt", tok)
	nothing := write("nothing.txt", "hello, nothing to judge here")
	empty := write("empty.txt", "")
	const now = "--now=2030-01-01T00:00:00Z"
	cases := []struct {
		name  string
		files []string
		code  int
	}{
		{"ok", []string{ok, ok}, 0},
		{"unknown beats ok", []string{ok, nothing}, 1},
		{"denied beats unknown", []string{nothing, write("expired.har", har401)}, 3},
		{"unusable beats all", []string{write("denied.har", har401), empty, nothing}, 2},
	}
	for _, c := range cases {
		args := append([]string{"inspect", "--format=json", now}, c.files...)
		code, out, errText := runCLI(t, "", args...)
		if code != c.code {
			t.Errorf("%s: exit %d, want %d (stderr %q)", c.name, code, c.code, errText)
		}
		lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
		if len(lines) != len(c.files) {
			t.Fatalf("%s: %d lines for %d files:\n%s", c.name, len(lines), len(c.files), out)
		}
		for i, line := range lines {
			var got struct {
				File, Error, Verdict string
			}
			if err := json.Unmarshal([]byte(line), &got); err != nil {
				t.Fatalf("%s: line %d is not JSON: %v", c.name, i+1, err)
			}
			if got.File != c.files[i] {
				t.Errorf("%s: line %d names %q, want %q", c.name, i+1, got.File, c.files[i])
			}
			if (c.files[i] == empty) != (got.Error != "") || (got.Error == "") != (got.Verdict != "") {
				t.Errorf("%s: line %d: error %q, verdict %q", c.name, i+1, got.Error, got.Verdict)
			}
		}
	}
}

// JSON lists are [], never null, at every depth.
func TestInspectJSONListsNotNull(t *testing.T) {
	for _, in := range []string{tok, har401, "curl https://api.example.test/orders", "hello"} {
		_, out, _ := runCLI(t, in, "inspect", "--format=json", "--now=2030-01-01T00:00:00Z")
		var doc any
		if err := json.Unmarshal([]byte(out), &doc); err != nil {
			t.Fatalf("not JSON: %v\n%s", err, out)
		}
		var walk func(path string, v any)
		walk = func(path string, v any) {
			switch v := v.(type) {
			case map[string]any:
				for k, x := range v {
					if x == nil && k != "payload" && k != "response" && k != "error" {
						t.Errorf("%.20q: %s.%s is null", in, path, k)
					}
					walk(path+"."+k, x)
				}
			case []any:
				for i, x := range v {
					walk(fmt.Sprintf("%s[%d]", path, i), x)
				}
			}
		}
		walk("", doc)
	}
}

// --server: the profile decides (ASP.NET Core's 5 min skew accepts a
// token 3 min past exp that generic refuses), the output names it, a user
// leeway replaces the skew, and an unknown name is unusable arguments.
func TestInspectServer(t *testing.T) {
	// exp 2026-01-01T00:00:00Z, checked 3 min later.
	tok := "eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjE3NjcyMjU2MDB9.c2ln"
	now := "--now=2026-01-01T00:03:00Z"
	if code, _, _ := runCLI(t, tok, "inspect", now); code != exitDenied {
		t.Fatalf("generic: exit %d, want %d", code, exitDenied)
	}
	code, out, _ := runCLI(t, tok, "inspect", now, "--server", "aspnetcore")
	if code != exitOK || !strings.Contains(out, "server: ASP.NET Core JwtBearer: default clock skew 5 min") {
		t.Fatalf("aspnetcore: exit %d, output:\n%s", code, out)
	}
	code, out, _ = runCLI(t, tok, "inspect", now, "--server=aspnetcore", "--leeway=10s", "--format=json")
	if code != exitDenied || !strings.Contains(out, `"leeway_set": true`) || !strings.Contains(out, "your leeway of 10 s replaces the default clock skew of 5 min") {
		t.Fatalf("aspnetcore with a leeway: exit %d, output:\n%s", code, out)
	}
	code, _, errOut := runCLI(t, tok, "inspect", "--server", "tomcat")
	if code != exitUsage || !strings.Contains(errOut, "kubernetes") {
		t.Fatalf("unknown server: exit %d, stderr %q", code, errOut)
	}
	if _, out, _ := runCLI(t, "", "inspect", "--help"); !strings.Contains(out, "express-oauth2-jwt-bearer") {
		t.Errorf("--help does not list the server names:\n%s", out)
	}
}
