//go:build !js

package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf16"
)

// runCLIFile writes data to a file and runs inspect on it.
func runCLIFile(t *testing.T, data []byte, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	f := filepath.Join(t.TempDir(), "input")
	if err := os.WriteFile(f, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return runCLI(t, "", append(append([]string{"inspect"}, args...), f)...)
}

func oneShortLine(t *testing.T, what, s string) {
	t.Helper()
	s = strings.TrimSuffix(s, "\n")
	if s == "" || strings.Contains(s, "\n") || len(s) > 400 {
		t.Errorf("%s: stderr is not one short line (%d bytes): %.500q", what, len(s), s)
	}
}

// Input that crashed the process or was misread, through the CLI: each
// is read by its structure, or refused with one positioned line and exit 2.
func TestInspectHostileInput(t *testing.T) {
	gz := func(s []byte) []byte {
		var b bytes.Buffer
		w := gzip.NewWriter(&b)
		w.Write(s)
		w.Close()
		return b.Bytes()
	}
	utf16le := func(s string) []byte {
		out := []byte{0xFF, 0xFE}
		for _, c := range utf16.Encode([]rune(s)) {
			out = append(out, byte(c), byte(c>>8))
		}
		return out
	}
	const now = "--now=2030-01-01T00:00:01Z"
	for _, tc := range []struct {
		name    string
		in      []byte
		code    int
		stderr  string // for exit 2: in the one line on stderr
		verdict string // else: the JSON verdict
	}{
		// 400,000 unterminated $( killed the process with a stack overflow.
		{"deep $(", []byte("curl https://a/ " + strings.Repeat("$(", 400000)), 2, "1:418: nested more than 200 levels", ""},
		{"{}", []byte("{}"), 2, "JSON, but not a HAR: no log.entries", ""},
		{"[]", []byte("[]"), 2, "JSON, but not a HAR: no log.entries", ""},
		{"42", []byte("42"), 2, "JSON, but not a HAR: no log.entries", ""},
		{`{"log":[]}`, []byte(`{"log":[]}`), 2, "log: byte 7: log is not an object", ""},
		{"first 8 bytes of a HAR", []byte(har401[:8]), 2, "truncated", ""},
		{"gzip HAR", gz([]byte(har401)), 3, "", "401"},
		{"UTF-16 HAR", utf16le(har401), 3, "", "401"},
		{"HARP", []byte("onInputData(" + har401 + ");"), 3, "", "401"},
		{"log after 5 KB", []byte(`{"comment":"` + strings.Repeat("x", 5000) + `",` + har401[1:]), 3, "", "401"},
		{"a cut JWT", []byte("Authorization: Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJh"), 3, "", "401"},
		{"a HAR cut after 10,000 nested arrays", []byte(`{"log":{"entries":` + strings.Repeat("[", 10000)), 2, " more: byte", ""},
	} {
		code, out, errText := runCLIFile(t, tc.in, now, "--format=json")
		if code != tc.code {
			t.Errorf("%s: exit %d, want %d (stderr %.300q)", tc.name, code, tc.code, errText)
			continue
		}
		if tc.code == 2 {
			oneShortLine(t, tc.name, errText)
			if !strings.Contains(errText, tc.stderr) || out != "" {
				t.Errorf("%s: stderr %.300q, stdout %d bytes; want %q and nothing on stdout", tc.name, errText, len(out), tc.stderr)
			}
			continue
		}
		var r struct{ Verdict string }
		if err := json.Unmarshal([]byte(out), &r); err != nil || r.Verdict != tc.verdict {
			t.Errorf("%s: verdict %q (%v), want %s\n%s", tc.name, r.Verdict, err, tc.verdict, out)
		}
	}
}

// Text holding nothing to judge is not a 401: the verdict is unknown.
func TestInspectNothingToJudge(t *testing.T) {
	code, out, _ := runCLI(t, "hello, this is not a token", "inspect", "--format=json")
	var r struct {
		Verdict  string
		Findings []struct{ Code string }
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil || r.Verdict != "unknown" || len(r.Findings) != 1 || r.Findings[0].Code != "input.unrecognized" {
		t.Errorf("verdict %q, findings %+v (%v); want unknown with input.unrecognized\n%s", r.Verdict, r.Findings, err, out)
	}
	// DESIGN.md: a verdict of unknown (valid input, too little to judge)
	// exits 1.
	if code != 1 {
		t.Errorf("exit %d for a verdict of unknown, want 1", code)
	}
}

// A status that is not a number is named, with its path, in the report.
func TestInspectStatusNotANumber(t *testing.T) {
	in := strings.Replace(har401, `"status": 401`, `"status": "four-oh-one"`, 1)
	_, out, _ := runCLIFile(t, []byte(in), "--now=2030-01-01T00:00:01Z", "--format=json")
	if !strings.Contains(out, "log.entries[0].response.status") || !strings.Contains(out, "har.malformed") {
		t.Errorf("report does not name the status that is not a number:\n%s", out)
	}
}
