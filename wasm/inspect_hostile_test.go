//go:build !js

package main

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// The inputs that crashed the process or took minutes, through the CLI:
// each is answered (a verdict, or one line saying what limit it passed and
// where), never a crash. Their cost is measured by the scaling tests and
// BenchmarkHostile in inspect, not timed here.
func TestInspectHostileSizes(t *testing.T) {
	const now = "--now=2030-01-01T00:00:01Z"
	// exp 2000000000 (2033), scope "read", aud api://orders.
	scoped := jwtOf(`{"sub":"alice","aud":"api://orders","scope":"read","exp":2000000000}`)
	var scopes, challenges, reqErrors strings.Builder
	scopes.WriteString("scope=")
	for i := range 80000 {
		fmt.Fprintf(&scopes, "s%d ", i)
	}
	challenges.WriteString("WWW-Authenticate: ")
	for i := range 30000 {
		fmt.Fprintf(&challenges, `Bearer realm="r%d", `, i)
	}
	for range 100000 {
		reqErrors.WriteString("nonsense\n")
	}
	for _, tc := range []struct {
		name    string
		in      string
		args    []string
		code    int
		stderr  string // in the one line on stderr
		verdict string // the JSON verdict, for exits other than 2
		out     string // in the JSON output (several: split at |)
	}{
		{name: "2,000 JWTs on one line", in: strings.Repeat("x "+tok+" ", 2000), code: 0, verdict: "ok"},
		{name: "100,000 JWTs on separate lines", in: strings.Repeat("Authorization: Bearer "+tok+"\n", 100000), code: 0, verdict: "ok"},
		{name: "curl and a million newlines", in: "curl https://a.test/" + strings.Repeat("\n", 1000000), code: 3, verdict: "401", out: "auth.missing"},
		{name: "cmd: 400,000 ^\"", in: "curl.exe ^\"https://a.test/^\" " + strings.Repeat(`^"`, 400000), code: 3, verdict: "401"},
		{name: "PowerShell: 400,000 (", in: `Invoke-WebRequest -Uri "https://a.test/" -Body ` + strings.Repeat("(", 400000), code: 3,
			stderr: "nested more than 64 levels deep", verdict: "401", out: "curl.malformed"},
		{name: "fetch: 400,000 [", in: `fetch("https://a.test/", {"headers": ` + strings.Repeat("[", 400000), code: 2, stderr: "1:101: nested more than 64 levels deep"},
		{name: "JSON nested 400,000 deep", in: `{"a":` + strings.Repeat("[", 400000), code: 2, stderr: "exceeded max depth"},
		{name: "token payload nested 5,000 deep", in: jwtOf(`{"exp":2000000000,"a":` + strings.Repeat("[", 5000) + strings.Repeat("]", 5000) + `}`), code: 1, verdict: "unknown", out: "The payload nests 5,001 levels deep: not read"},
		{name: "80,000 scopes", in: scoped, args: []string{"--require", scopes.String()}, code: 3, verdict: "403", out: "scope.missing"},
		{name: "80,000 scopes, the token's one among them", in: scoped, args: []string{"--require", "scope=read " + scopes.String()[6:]}, code: 3, verdict: "403"},
		{name: "30,000 challenges", in: tok, args: []string{"--require", challenges.String()}, code: 2, stderr: "more than 32 challenges in one header"},
		{name: "100,000 requirement errors", in: tok, args: []string{"--require", reqErrors.String()}, code: 2, stderr: "requirement 2:1: \"nonsense\" is not \"key=value\" (keys: aud, iss, scope, role) nor a WWW-Authenticate header; … and 99,998 more"},
		{name: "a million {} entries", in: `{"log":{"entries":[` + strings.TrimSuffix(strings.Repeat("{},", 1000000), ",") + `]}}`, code: 1,
			verdict: "unknown", out: "Only the first 100,000 entries of the HAR were read"},
		// Each status is named with its path, not read as "no answer".
		{name: "HAR statuses that are not numbers", in: `{"log":{"entries":[` +
			`{"request":{"method":"GET","url":"https://a.test/1"},"response":{"status":1e999}},` +
			`{"request":{"method":"GET","url":"https://a.test/2"},"response":{"status":NaN}},` +
			`{"request":{"method":"GET","url":"https://a.test/3"},"response":{"status":-0}},` +
			`{"request":{"method":"GET","url":"https://a.test/4"},"response":{"status":"four-oh-one"}}]}}`,
			code: 3, verdict: "network", out: "log.entries[0].response.status (#1): 1e999|log.entries[1].response.status (#2): NaN|" +
				"log.entries[2].response.status (#3): -0|log.entries[3].response.status (#4): \\\"four-oh-one\\\""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errText := runCLIFile(t, []byte(tc.in), append([]string{now, "--format=json"}, tc.args...)...)
			if code != tc.code {
				t.Fatalf("exit %d, want %d (stderr %.300q)", code, tc.code, errText)
			}
			if tc.stderr != "" || code == 2 {
				oneShortLine(t, tc.name, errText)
				if !strings.Contains(errText, tc.stderr) {
					t.Errorf("stderr %.300q, want %q in it", errText, tc.stderr)
				}
			}
			if code == 2 {
				if out != "" {
					t.Errorf("%d bytes on stdout for unusable input", len(out))
				}
				return
			}
			var r struct{ Verdict string }
			if err := json.Unmarshal([]byte(out), &r); err != nil || r.Verdict != tc.verdict {
				t.Errorf("verdict %q (%v), want %s\n%.2000s", r.Verdict, err, tc.verdict, out)
			}
			for _, want := range strings.Split(tc.out, "|") {
				if !strings.Contains(out, want) {
					t.Errorf("the report lacks %q:\n%.2000s", want, out)
				}
			}
		})
	}
}

func jwtOf(payload string) string {
	enc := base64.RawURLEncoding
	return enc.EncodeToString([]byte(`{"alg":"RS256","typ":"JWT"}`)) + "." + enc.EncodeToString([]byte(payload)) + ".c2lnbmF0dXJlc2lnbmF0dXJl"
}

// Keys the CLI must refuse with one line: private key material however it
// is wrapped (it is never used as an HMAC secret), and an RSA modulus
// above 16,384 bits (each verification with 1,048,576 bits took 22 s).
func TestInspectRefusesKeys(t *testing.T) {
	rsaKey, err := rsa.GenerateKey(rand.Reader, 1024)
	if err != nil {
		t.Fatal(err)
	}
	pkcs8, _ := x509.MarshalPKCS8PrivateKey(rsaKey)
	pkcs8PEM := string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: pkcs8}))
	b64u := base64.RawURLEncoding.EncodeToString
	n, e := b64u(rsaKey.N.Bytes()), "AQAB"
	p, q, d := b64u(rsaKey.Primes[0].Bytes()), b64u(rsaKey.Primes[1].Bytes()), b64u(rsaKey.D.Bytes())
	huge := make([]byte, 1<<17) // 1,048,576 bits
	for i := range huge {
		huge[i] = 0xc5
	}
	dir := t.TempDir()
	for _, tc := range []struct{ name, key, want string }{
		{"PEM after Bag Attributes", "Bag Attributes\n    localKeyID: 01 00 00 00 \n    friendlyName: api\nKey Attributes: <No Attributes>\n" + pkcs8PEM, "private key"},
		{"bare base64 PKCS#8", base64.StdEncoding.EncodeToString(pkcs8), "private key"},
		{"JWK with p and q but no d", `{"kty":"RSA","n":"` + n + `","e":"` + e + `","p":"` + p + `","q":"` + q + `"}`, "private key"},
		{"JWK with d twice", `{"kty":"RSA","n":"` + n + `","e":"` + e + `","d":"` + d + `","d":""}`, "private key"},
		{"1,048,576-bit RSA modulus", `{"kty":"RSA","n":"` + b64u(huge) + `","e":"AQAB"}`, "16384"},
	} {
		keyFile := filepath.Join(dir, strings.ReplaceAll(tc.name, " ", "_"))
		os.WriteFile(keyFile, []byte(tc.key), 0o600)
		code, out, errText := runCLI(t, tok, "inspect", "--now=2030-01-01T00:00:00Z", "--key", "@"+keyFile)
		if code != 2 || out != "" {
			t.Errorf("%s: exit %d with %d bytes on stdout, want 2 and nothing", tc.name, code, len(out))
		}
		oneShortLine(t, tc.name, errText)
		if !strings.Contains(errText, tc.want) {
			t.Errorf("%s: stderr %q, want %q in it", tc.name, errText, tc.want)
		}
		if strings.Contains(errText, d[10:30]) || strings.Contains(errText, base64.StdEncoding.EncodeToString(pkcs8)[40:60]) {
			t.Errorf("%s: the error quotes the key: %s", tc.name, errText)
		}
	}
}

// leaked returns the made-up secrets of testdata/secrets/planted.har that s
// still holds, as they are or inside base64.
func leaked(s string) []string {
	marker := regexp.MustCompile(`Mk\d\dQz7Sec`)
	left := marker.FindAllString(s, -1)
	for _, m := range regexp.MustCompile(`[A-Za-z0-9+/]{16,}={0,2}`).FindAllString(s, -1) {
		if raw, err := base64.StdEncoding.DecodeString(m); err == nil {
			for _, l := range marker.FindAllString(string(raw), -1) {
				left = append(left, l+" (in base64)")
			}
		}
	}
	return left
}

// testdata/secrets/planted.har holds a made-up secret in each place one
// hides (URL user-info and query, queryString, Location fragments, headers
// named like secrets, forms, multipart, GraphQL, Set-Cookie lines, JSON,
// HTML and base64 bodies, WebSocket frames, …): sanitize leaves none and
// writes JSON, and no report format quotes one.
func TestSanitizePlantedHAR(t *testing.T) {
	const file = "../testdata/secrets/planted.har"
	in, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(leaked(string(in))); n < 70 {
		t.Fatalf("%s holds %d secrets, want them all (over 70)", file, n)
	}
	code, out, errText := runCLI(t, "", "sanitize", file)
	if code != 0 || !json.Valid([]byte(out)) {
		t.Fatalf("sanitize: exit %d, JSON %v (stderr %q)", code, json.Valid([]byte(out)), errText)
	}
	for _, m := range leaked(out + errText) {
		t.Errorf("sanitize leaves %s", m)
	}
	for _, format := range []string{"json", "text", "markdown"} {
		_, out, errText := runCLI(t, "", "inspect", "--format="+format, "--now=2025-06-01T00:00:00Z", file)
		for _, m := range leaked(out + errText) {
			t.Errorf("inspect --format=%s prints %s", format, m)
		}
	}
}

// A token whose header is a JSON value followed by other bytes ("7M",
// base64url N00) made --format json fail: the report kept the bytes after
// the value as JSON. It is written, and the finding names the extra data.
func TestInspectJSONTokenWithTrailingData(t *testing.T) {
	code, out, errText := runCLI(t, "N00..", "inspect", "--format=json", "--now=2030-01-01T00:00:00Z")
	if code != 3 || !json.Valid([]byte(out)) || !strings.Contains(out, "data after the header JSON") {
		t.Errorf("exit %d, JSON %v, stderr %q:\n%s", code, json.Valid([]byte(out)), errText, out)
	}
}
