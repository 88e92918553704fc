package inspect

import (
	"bytes"
	"encoding/json"
	"testing"
)

func TestSanitizeCountsWhatItRedacts(t *testing.T) {
	q := func(s string) string { b, _ := json.Marshal(s); return string(b) }
	har := `{"log":{"version":"1.2","creator":{"name":"t","version":"1"},"entries":[` +
		`{"startedDateTime":"2025-06-02T09:00:00.000Z","time":1,"request":{"method":"POST","url":"https://api.example.test/a?code=Mk01Qz7Sec&page=2","httpVersion":"HTTP/1.1",` +
		`"headers":[{"name":"Authorization","value":` + q("Bearer "+markerJWT(2)) + `},{"name":"Cookie","value":"sid=Mk03Qz7Sec; theme=dark"},` +
		`{"name":"X-Api-Key","value":"Mk04Qz7Sec"},{"name":"Accept","value":"application/json"}],` +
		`"cookies":[{"name":"sid","value":"Mk03Qz7Sec"}],"queryString":[{"name":"code","value":"Mk01Qz7Sec"},{"name":"page","value":"2"}],` +
		`"postData":{"mimeType":"application/json","text":` + q(`{"password":"Mk05Qz7Sec","user":"alice"}`) + `},"headersSize":-1,"bodySize":40},` +
		`"response":{"status":200,"statusText":"OK","httpVersion":"HTTP/1.1","cookies":[],"headers":[{"name":"Set-Cookie","value":"s=Mk06Qz7Sec; Path=/"}],` +
		`"content":{"size":30,"mimeType":"application/json","text":` + q(`{"access_token":"Mk07Qz7Sec","id_token":"`+markerJWT(9)+`"}`) + `},"redirectURL":"","headersSize":-1,"bodySize":30},` +
		`"cache":{},"timings":{"send":0,"wait":1,"receive":0}},` +
		`{"startedDateTime":"2025-06-02T09:00:01.000Z","time":1,"request":{"method":"GET","url":"https://api.example.test/b","httpVersion":"HTTP/1.1",` +
		`"headers":[{"name":"Authorization","value":"Basic YWxpY2U6TWswOFF6N1NlYw=="}],"cookies":[],"queryString":[],"headersSize":-1,"bodySize":0},` +
		`"response":{"status":401,"statusText":"","httpVersion":"HTTP/1.1","cookies":[],"headers":[],"content":{"size":0,"mimeType":"text/plain"},"redirectURL":"","headersSize":-1,"bodySize":0},` +
		`"cache":{},"timings":{"send":0,"wait":1,"receive":0}}]}}`
	out, n, err := SanitizeHARCounted([]byte(har))
	if err != nil {
		t.Fatal(err)
	}
	if m := markerRE.FindAllString(string(out), -1); len(m) > 0 {
		t.Fatalf("secrets left: %v", m)
	}
	want := Redactions{Authorization: 2, CookieHeaders: 2, Cookies: 1, SecretHeaders: 1, URLs: 1, QueryParams: 1, Bodies: 2, BodyJWTs: 1}
	if n != want {
		t.Errorf("counts %+v, want %+v", n, want)
	}
	if got, w := n.String(), "2 Authorization headers, 2 Cookie and Set-Cookie headers, 1 cookie value, 1 API key or other credential header, 1 URL, 1 query or form parameter, 2 request and response bodies, 1 JWT signature in a body"; got != w {
		t.Errorf("String() = %q, want %q", got, w)
	}
	if n.Total() != 10 {
		t.Errorf("Total() = %d, want 10", n.Total())
	}
	// The counted and the plain sanitizer write the same bytes.
	plain, err := SanitizeHAR([]byte(har))
	if err != nil || !bytes.Equal(plain, out) {
		t.Errorf("SanitizeHAR differs from SanitizeHARCounted (err %v)", err)
	}
	// A HAR with nothing to redact counts nothing.
	clean := `{"log":{"version":"1.2","entries":[{"request":{"method":"GET","url":"https://x.test/","headers":[{"name":"Accept","value":"*/*"}]}}]}}`
	if _, n, err := SanitizeHARCounted([]byte(clean)); err != nil || n.Total() != 0 || n.String() != "nothing" {
		t.Errorf("clean HAR: %+v %v", n, err)
	}
}

// Every secret the planted HAR holds is counted somewhere: no kind of
// redaction goes unreported.
func TestSanitizeCountsPlantedHAR(t *testing.T) {
	har, markers := plantedHAR()
	_, n, err := SanitizeHARCounted([]byte(har))
	if err != nil {
		t.Fatal(err)
	}
	if n.Authorization != 3 || n.Frames != 2 || n.URLs == 0 || n.Bodies == 0 || n.Cookies == 0 || n.CookieHeaders != 2 || n.SecretHeaders == 0 {
		t.Errorf("counts %+v (%d markers planted)", n, markers)
	}
}
