package inspect

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"
)

// FuzzDiagnose runs the whole path the CLI and the page take: any bytes
// through ParseBytes (detection, gzip and UTF-16, HAR, commands, tokens),
// a requirement, Diagnose, the redacted report, its text and its JSON.
// Nothing may panic; an error is one of the parsers' typed errors with a
// message; every verdict is one of the five; every finding has a
// registered code, a severity and a title; the primary entry exists; the
// report encodes as JSON; and the redacted report quotes no token
// signature.
func FuzzDiagnose(f *testing.F) {
	jwt := madeUpJWT("c2lnbmF0dXJlLXNlY3JldA")
	for _, s := range []string{
		"", "{}", "[]", "42", `{"log":[]}`, `"x"`,
		jwt,
		"Authorization: Bearer " + jwt,
		`{"access_token":"` + jwt + `","refresh_token":"r"}`,
		"curl https://api.test/v1 -H 'Authorization: Bearer " + jwt + "'",
		"curl ^\"https://api.test/^\" -H ^\"authorization: Bearer " + jwt + "^\"",
		"Invoke-WebRequest -Uri \"https://api.test/\" -Headers @{ \"Authorization\" = \"Bearer " + jwt + "\" }",
		`fetch("https://api.test/", {"headers": {"authorization": "Bearer ` + jwt + `"}, "method": "GET"});`,
		inputHAR,
		string(gzipped(inputHAR)),
		string(utf16Bytes(inputHAR, true, true)),
		`{"log":{"entries":[{"request":{"url":"https://a/?client_secret=s"},"response":{"status":401,"headers":[{"name":"WWW-Authenticate","value":"Bearer error=\"invalid_token\""}]}}]}}`,
		"curl https://a/ " + strings.Repeat("$(", 300),
		"curl https://a/\x1b]0;title\x07 -H 'X: \x00'",
	} {
		f.Add([]byte(s), "aud=api\niss=https://issuer.test/\nscope=read write")
	}
	f.Add([]byte(jwt), `WWW-Authenticate: Bearer realm="r", error="insufficient_scope", scope="admin"`)
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, data []byte, requirement string) {
		req, _ := ParseRequirement(requirement)
		c, err := ParseBytes(data)
		if err != nil {
			var (
				he *HARError
				ce *CommandError
			)
			if !errors.As(err, &he) && !errors.As(err, &ce) {
				t.Fatalf("error %T %v is neither a *HARError nor a *CommandError", err, err)
			}
			if strings.TrimSpace(err.Error()) == "" {
				t.Fatal("error without a message")
			}
		}
		r := Diagnose(c, req, now, 30*time.Second)
		checkVerdict(t, "report", r.Verdict)
		checkFindings(t, r.Findings)
		for _, tr := range r.Tokens {
			checkVerdict(t, "token", tr.Verdict)
			checkFindings(t, tr.Findings)
		}
		for _, e := range r.Entries {
			checkVerdict(t, "entry", e.Verdict)
			checkFindings(t, e.Findings)
		}
		if len(r.Entries) > 0 && (r.Primary < -1 || r.Primary >= len(r.Entries)) {
			t.Fatalf("primary entry %d of %d", r.Primary, len(r.Entries))
		}
		red := RedactReport(r)
		out, jerr := json.Marshal(red)
		if jerr != nil {
			t.Fatalf("the report does not encode as JSON: %v", jerr)
		}
		text := FormatText(red)
		// The signature of a JWS (three segments; a cut token is
		// quoted as evidence whole), written once in the input, in plain
		// text, must not come out of the redacted report (written twice,
		// it may also sit somewhere that is not a credential).
		for _, tr := range reportTokens(r) {
			sig := tr.Raw[strings.LastIndexByte(tr.Raw, '.')+1:]
			if tr.Kind != TokenJWS || strings.Count(tr.Raw, ".") != 2 || len(sig) < 16 || strings.Count(string(data), sig) != 1 {
				continue
			}
			if strings.Contains(string(out), sig) || strings.Contains(text, sig) {
				t.Fatalf("the redacted report quotes the signature %q", sig)
			}
		}
	})
}

func reportTokens(r Report) []TokenReport {
	ts := append([]TokenReport(nil), r.Tokens...)
	for _, e := range r.Entries {
		ts = append(ts, e.Tokens...)
	}
	return ts
}

func checkVerdict(t *testing.T, what string, v Verdict) {
	t.Helper()
	switch v {
	case VerdictOK, Verdict401, Verdict403, VerdictNetwork, VerdictUnknown:
	default:
		t.Fatalf("%s verdict %q", what, v)
	}
}

func checkFindings(t *testing.T, fs []Finding) {
	t.Helper()
	for _, f := range fs {
		if _, ok := LookupCode(f.Code); !ok {
			t.Fatalf("finding code %q is not in the registry", f.Code)
		}
		if f.Title == "" {
			t.Fatalf("finding %s without a title", f.Code)
		}
		switch f.Severity {
		case SeverityError, SeverityWarning, SeverityInfo:
		default:
			t.Fatalf("finding %s has severity %q", f.Code, f.Severity)
		}
	}
}
