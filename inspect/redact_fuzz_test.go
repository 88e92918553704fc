package inspect

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

// FuzzRedactText: the text rules never panic, and text already redacted
// comes back the same (no rule feeds on its own output).
func FuzzRedactText(f *testing.F) {
	for _, s := range []string{
		"Authorization: Bearer abcDEF123456", "https://u:p@a.test/?code=x&key=y#access_token=z",
		`<input name="csrf" value="v">`, `localStorage.setItem('token', 'x')`, "password = 'x'",
		"-----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----", madeUpJWT("sig+/="),
		`{"password":1234,"inner":"{\"access_token\":\"x\"}"}`, "AUTH secret\r\nPASS x", "ghp_abcdefghijklmnopqrstuvwx",
		"token: ", "a=", "<input", "-----BEGIN ", "eyJ.", "eyJhbGciOiJIUzI1NiJ9..", "Bearer ", "x: \"", "\\\"",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		once := RedactText(s)
		if twice := RedactText(once); twice != once {
			t.Errorf("RedactText is not stable:\n in   %q\n once %q\n twice %q", s, once, twice)
		}
		RedactFrame(s)
		RedactURL(s)
		RedactBody("multipart/form-data; boundary=b", s)
		RedactBody("application/x-www-form-urlencoded", s)
		if out, err := RedactJSON([]byte(s)); err == nil && !json.Valid(out) && json.Valid([]byte(s)) {
			t.Errorf("RedactJSON(%q) = %q, not JSON", s, out)
		}
	})
}

// FuzzSanitizeHAR: what the check accepts, the stream sanitizes into JSON.
func FuzzSanitizeHAR(f *testing.F) {
	har, _ := plantedHAR()
	f.Add([]byte(har))
	f.Add([]byte(`{"log":{"entries":[{"request":{"headers":[{"name":"Authorization","value":1}]}}]}}`))
	f.Add([]byte(`{"log":{"entries":[{"response":{"content":{"text":"e30=","encoding":"base64","mimeType":"application/json","size":2},"bodySize":2}}]}}`))
	f.Add([]byte(`{"log":{"entries":[{"_webSocketMessages":[{"opcode":1,"data":"AUTH x"}]}]}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		if SanitizeHARStream(ioDiscard{}, bytes.NewReader(data), true) != nil {
			return
		}
		var out bytes.Buffer
		if err := SanitizeHARStream(&out, bytes.NewReader(data), false); err != nil {
			t.Fatalf("the check passed, the stream failed: %v", err)
		}
		if json.Valid(data) && !json.Valid(out.Bytes()) && !strings.Contains(string(data), "\\ud8") {
			t.Errorf("output is not JSON:\n%q\n%q", data, out.Bytes())
		}
	})
}
