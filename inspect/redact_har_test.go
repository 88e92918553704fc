package inspect

import (
	"bytes"
	"compress/gzip"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// marker returns a unique made-up secret for place n: long and mixed, like
// a real credential, so that no rule may leave it for looking like a word.
func marker(n int) string { return fmt.Sprintf("Mk%02dQz7Sec", n) }

// markerJWT returns a made-up JWT whose signature is marker(n).
func markerJWT(n int) string {
	enc := base64.RawURLEncoding
	return enc.EncodeToString([]byte(`{"alg":"RS256","typ":"JWT"}`)) + "." +
		enc.EncodeToString([]byte(`{"sub":"u1","aud":"api://x","exp":1748858400}`)) + "." + marker(n) + "xYz"
}

var markerRE = regexp.MustCompile(`Mk\d\dQz7Sec`)

// plantedHAR is a valid HAR 1.2 with a marker in each place a secret
// hides; it returns the file and the number of markers.
func plantedHAR() (string, int) {
	n := 0
	m := func() string { n++; return marker(n) }
	jwt := func() string { n++; return markerJWT(n) }
	q := func(s string) string { b, _ := json.Marshal(s); return string(b) }
	b64 := func(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }

	// A JWT whose signature is written in standard base64 (+, /, =).
	stdJWT := strings.TrimSuffix(markerJWT(0), marker(0)+"xYz") + m() + "a+b/c=="

	url := "https://alice:" + m() + "@api.example.test/v1/orders?page=2&code=" + m() + "&key=" + m() +
		"&pin=" + m() + "&otp=" + m() + "&session=" + m() + "&sig=" + m() + "&signature=" + m() +
		"&X-Amz-Signature=" + m() + "&sv=2022-11-02&se=2030-01-01&sp=r&sig=" + m() + "&access_token=" + jwt() +
		"&redirect_uri=" + "https%3A%2F%2Fapp.example.test%2Fcb%3Fcode%3D" + m()
	var qs []string
	for _, name := range []string{"code", "key", "pin", "otp", "session", "sig", "signature", "X-Amz-Signature", "access_token", "client_secret"} {
		qs = append(qs, `{"name":`+q(name)+`,"value":`+q(m())+`}`)
	}
	qs = append(qs, `{"name":"page","value":"2"}`)

	headers := []string{
		`{"name":"Authorization","value":` + q("Bearer "+jwt()) + `}`,
		`{"name":"Proxy-Authorization","value":` + q("Basic "+b64("proxyuser:"+m())) + `}`,
		`{"name":"X-Client-Secret","value":` + q(m()) + `}`,
		`{"name":"X-Session-Id","value":` + q(m()) + `}`,
		`{"name":"X-Refresh-Token","value":` + q(m()) + `}`,
		`{"name":"Token","value":` + q(m()) + `}`,
		`{"name":"X-New-Token","value":` + q(m()) + `}`,
		`{"name":"X-Amz-Security-Token","value":` + q(m()) + `}`,
		`{"name":"DPoP","value":` + q(jwt()) + `}`,
		`{"name":"X-Api-Key","value":` + q(m()) + `}`,
		`{"name":"Cookie","value":` + q("sid="+m()+"; theme=dark; jwt="+jwt()) + `}`,
		`{"name":"Referer","value":` + q("https://app.example.test/cb?code="+m()+"&state=s1") + `}`,
		`{"name":"X-Debug","value":` + q("sig "+stdJWT) + `}`,
		`{"name":"Accept","value":"application/json"}`,
	}
	form := "grant_type=authorization_code&code=" + m() + "&pin=" + m() + "&otp=" + m() +
		"&client_assertion=" + jwt() + "&password=" + m() + "&scope=orders.read"
	multipart := "--XyZb\r\nContent-Disposition: form-data; name=\"user\"\r\n\r\nalice\r\n" +
		"--XyZb\r\nContent-Disposition: form-data; name=\"password\"\r\n\r\n" + m() + "\r\n--XyZb--\r\n"
	graphql := `{"query":"mutation { login(username: \"alice\", password: \"` + m() + `\") { accessToken } }","variables":{"otp":"` + m() + `"}}`
	setCookie := "a=" + m() + "; Path=/; HttpOnly\nb=" + m() + "; Secure\nc=" + jwt() + "; SameSite=Lax"
	jsonBody := `{"accessToken":"` + m() + `","refreshToken":"` + m() + `","token_type":"Bearer","expires_in":3600,` +
		`"private_key":"-----BEGIN PRIVATE KEY-----\n` + m() + `\n-----END PRIVATE KEY-----\n","otp":"` + m() + `",` +
		`"password":98761234,"Authorization":"Bearer ` + m() + `","inner":` + q(`{"access_token":"`+m()+`","scope":"a b"}`) +
		`,"jwk":{"kty":"RSA","n":"AQAB","e":"AQAB","d":"` + m() + `"},"note":"plain"}`
	html := `<html><head><meta name="csrf-token" content="` + m() + `"></head><body>` +
		`<pre>Authorization: Bearer ` + m() + `</pre>` +
		`<form><input type="hidden" name="authenticity_token" value="` + m() + `"><input name="q" value="keep"></form>` +
		`<script>localStorage.setItem('access_token', '` + m() + `'); var password = '` + m() + `';</script></body></html>`
	b64JSON := b64(`{"id_token":"` + jwt() + `","session":"` + m() + `"}`)
	png := base64.StdEncoding.EncodeToString([]byte{0x89, 'P', 'N', 'G', 1, 2, 3, 4, 5, 6})
	ws := `[{"type":"send","time":1.5,"opcode":1,"data":` + q(`{"type":"connection_init","payload":{"authorization":"Bearer `+m()+`"}}`) + `},` +
		`{"type":"send","time":1.6,"opcode":1,"data":` + q("AUTH "+m()) + `},` +
		`{"type":"receive","time":1.7,"opcode":1,"data":"{\"ok\":true}"}]`

	entry := func(request, response string) string {
		return `{"startedDateTime":"2025-06-02T09:00:00.000Z","time":12.5,"request":` + request + `,"response":` + response +
			`,"cache":{},"timings":{"blocked":-1,"dns":-1,"connect":-1,"send":0.1,"wait":10,"receive":2.4,"ssl":-1}}`
	}
	request := func(method, url, headers, qs, postData string, bodySize int) string {
		cookies := ""
		if method == "POST" {
			cookies = `{"name":"sid","value":"` + m() + `","httpOnly":true}`
		}
		s := `{"method":"` + method + `","url":` + q(url) + `,"httpVersion":"HTTP/1.1","cookies":[` + cookies + `],` +
			`"headers":[` + headers + `],"queryString":[` + qs + `]`
		if postData != "" {
			s += `,"postData":` + postData
		}
		return s + fmt.Sprintf(`,"headersSize":420,"bodySize":%d}`, bodySize)
	}
	response := func(status int, headers, content string, bodySize int, redirect string) string {
		return fmt.Sprintf(`{"status":%d,"statusText":"","httpVersion":"HTTP/1.1","cookies":[{"name":"a","value":%s}],"headers":[%s],"content":%s,"redirectURL":%s,"headersSize":300,"bodySize":%d}`,
			status, q(m()), headers, content, q(redirect), bodySize)
	}
	content := func(mime, text, enc string) string {
		size := len(text)
		if enc == "base64" {
			raw, _ := base64.StdEncoding.DecodeString(text)
			size = len(raw)
		}
		s := fmt.Sprintf(`{"size":%d,"mimeType":%s,"text":%s`, size, q(mime), q(text))
		if enc != "" {
			s += `,"encoding":"` + enc + `"`
		}
		return s + "}"
	}

	var entries []string
	entries = append(entries, entry(
		request("POST", url, strings.Join(headers, ","), strings.Join(qs, ","),
			`{"mimeType":"application/x-www-form-urlencoded","text":`+q(form)+`,"params":[{"name":"code","value":"`+m()+`"},{"name":"password","value":"`+m()+`"},{"name":"scope","value":"orders.read"}]}`, len(form)),
		response(302, `{"name":"Location","value":`+q("https://app.example.test/cb#access_token="+m()+"&id_token="+jwt()+"&state=s1")+`},{"name":"Set-Cookie","value":`+q(setCookie)+`}`,
			content("text/plain", "", ""), 0, "https://app.example.test/cb?code="+m()+"&state=s1")))
	entries = append(entries, entry(
		request("POST", "https://api.example.test/upload", `{"name":"Content-Type","value":"multipart/form-data; boundary=XyZb"}`, "",
			`{"mimeType":"multipart/form-data; boundary=XyZb","text":`+q(multipart)+`}`, len(multipart)),
		response(200, `{"name":"Content-Type","value":"application/json"}`, content("application/json", jsonBody, ""), len(jsonBody), "")))
	entries = append(entries, entry(
		request("POST", "https://api.example.test/graphql", `{"name":"Content-Type","value":"application/json"}`, "",
			`{"mimeType":"application/json","text":`+q(graphql)+`}`, len(graphql)),
		response(200, `{"name":"Content-Type","value":"text/html"}`, content("text/html; charset=utf-8", html, ""), len(html), "")))
	entries = append(entries, entry(
		request("GET", "https://api.example.test/token", `{"name":"Accept","value":"*/*"}`, "", "", 0),
		response(200, `{"name":"Content-Type","value":"application/json"}`, content("application/json", b64JSON, "base64"), 120, "")))
	entries = append(entries, entry(
		request("GET", "https://api.example.test/logo.png", `{"name":"Accept","value":"image/png"}`, "", "", 0),
		response(200, `{"name":"Content-Type","value":"image/png"}`, content("image/png", png, "base64"), 10, "")))
	wsEntry := entry(
		request("GET", "wss://api.example.test/socket", `{"name":"Upgrade","value":"websocket"}`, "", "", 0),
		response(101, `{"name":"Upgrade","value":"websocket"}`, content("x-unknown", "", ""), 0, ""))
	entries = append(entries, strings.TrimSuffix(wsEntry, "}")+`,"_resourceType":"websocket","_webSocketMessages":`+ws+`}`)

	har := `{"log":{"version":"1.2","creator":{"name":"WebInspector","version":"537.36"},` +
		`"pages":[{"startedDateTime":"2025-06-02T09:00:00.000Z","id":"page_1","title":` + q("https://app.example.test/?token="+m()) + `,"pageTimings":{"onLoad":300}}],` +
		"\n\"entries\": [\n  " + strings.Join(entries, ",\n  ") + "\n]}}\n"
	return har, n
}

// Every secret planted in a HAR is gone after SanitizeHAR, and nothing
// else changed: both files parsed as JSON differ only where a marker was
// and in the sizes that follow from it.
func TestSanitizeHARNoMarkerSurvives(t *testing.T) {
	har, n := plantedHAR()
	if got := len(leakedMarkers(har)); got < n {
		t.Fatalf("planted %d markers, found %d in the input", n, got)
	}
	if errs := checkHAR12([]byte(har)); len(errs) > 0 {
		t.Fatalf("the planted HAR is not HAR 1.2 itself: %v", errs)
	}
	out, err := SanitizeHAR([]byte(har))
	if err != nil {
		t.Fatal(err)
	}
	for _, left := range leakedMarkers(string(out)) {
		t.Errorf("secret survives: %s", left)
	}
	if errs := checkHAR12(out); len(errs) > 0 {
		t.Errorf("the sanitized HAR is not HAR 1.2: %v", errs)
	}
	var before, after any
	if err := json.Unmarshal([]byte(har), &before); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(out, &after); err != nil {
		t.Fatalf("the sanitized HAR is not JSON: %v", err)
	}
	compareRedacted(t, "", before, after)

	// What a diagnosis needs stays: the JWT's header and payload, the
	// scheme, the Basic user, cookie names and attributes.
	c, err := ParseHAR(t.Context(), out, nil)
	if err != nil || len(c.Entries) != 6 {
		t.Fatalf("the sanitized HAR does not load: %v", err)
	}
	e := c.Entries[0]
	auth, _ := header(e.Request.Headers, "authorization")
	if want := "Bearer " + strings.TrimSuffix(markerJWT(0), marker(0)+"xYz") + "REDACTED"; auth != want {
		t.Errorf("Authorization = %q, want %q", auth, want)
	}
	proxy, _ := header(e.Request.Headers, "proxy-authorization")
	if raw, _ := base64.StdEncoding.DecodeString(strings.TrimPrefix(proxy, "Basic ")); string(raw) != "proxyuser:"+Redacted {
		t.Errorf("Proxy-Authorization = %q (%q), want Basic with the user kept", proxy, raw)
	}
	sc, _ := header(e.Response.Headers, "set-cookie")
	if !strings.HasPrefix(sc, "a=[REDACTED]; Path=/; HttpOnly\nb=[REDACTED]; Secure\nc=eyJ") {
		t.Errorf("Set-Cookie = %q", sc)
	}
	if !strings.HasPrefix(e.Request.URL, "https://alice:REDACTED@api.example.test/v1/orders?page=2&code=[REDACTED]") {
		t.Errorf("URL = %q", e.Request.URL)
	}
	// The binary body is untouched, the base64 JSON one still decodes.
	var doc struct {
		Log struct {
			Entries []struct {
				Request struct {
					HeadersSize, BodySize int
				}
				Response struct {
					BodySize int
					Content  struct {
						Size       int
						Text       string
						Encoding   string
						MimeType   string
						TextLength int `json:"-"`
					}
				}
			}
		}
	}
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatal(err)
	}
	es := doc.Log.Entries
	if es[0].Request.HeadersSize != -1 || es[3].Request.HeadersSize != 420 {
		t.Errorf("headersSize = %d, %d; want -1 where headers changed, 420 where not", es[0].Request.HeadersSize, es[3].Request.HeadersSize)
	}
	if es[4].Response.Content.Text != base64.StdEncoding.EncodeToString([]byte{0x89, 'P', 'N', 'G', 1, 2, 3, 4, 5, 6}) {
		t.Errorf("the binary body changed: %q", es[4].Response.Content.Text)
	}
	raw, err := base64.StdEncoding.DecodeString(es[3].Response.Content.Text)
	if err != nil || !json.Valid(raw) || es[3].Response.Content.Size != len(raw) {
		t.Errorf("base64 body %q (size %d): %v", raw, es[3].Response.Content.Size, err)
	}
	for i, e := range es {
		c := e.Response.Content
		if c.Encoding == "" && c.Size != len(c.Text) {
			t.Errorf("entry %d: content.size %d, text of %d bytes", i, c.Size, len(c.Text))
		}
		if c.Encoding == "" && e.Response.BodySize > 0 && e.Response.BodySize != len(c.Text) {
			t.Errorf("entry %d: bodySize %d, text of %d bytes", i, e.Response.BodySize, len(c.Text))
		}
	}
}

// leakedMarkers returns the markers left in s, also inside base64.
func leakedMarkers(s string) []string {
	left := markerRE.FindAllString(s, -1)
	for _, m := range regexp.MustCompile(`[A-Za-z0-9+/]{16,}={0,2}`).FindAllString(s, -1) {
		if raw, err := base64.StdEncoding.DecodeString(m); err == nil {
			for _, l := range markerRE.FindAllString(string(raw), -1) {
				left = append(left, l+" (in base64)")
			}
		}
	}
	return left
}

// compareRedacted fails where after differs from before other than by a
// redacted marker or a size.
func compareRedacted(t *testing.T, path string, before, after any) {
	t.Helper()
	switch b := before.(type) {
	case map[string]any:
		a, ok := after.(map[string]any)
		if !ok {
			t.Errorf("%s: object became %T", path, after)
			return
		}
		if len(a) != len(b) {
			t.Errorf("%s: %d members became %d", path, len(b), len(a))
		}
		for k, v := range b {
			compareRedacted(t, path+"."+k, v, a[k])
		}
	case []any:
		a, ok := after.([]any)
		if !ok || len(a) != len(b) {
			t.Errorf("%s: array of %d became %v", path, len(b), after)
			return
		}
		for i := range b {
			compareRedacted(t, fmt.Sprintf("%s[%d]", path, i), b[i], a[i])
		}
	case string:
		if after != before && len(leakedMarkers(b)) == 0 {
			t.Errorf("%s: %q became %q, though it held no secret", path, b, after)
		}
	case float64:
		last := path[strings.LastIndexByte(path, '.')+1:]
		if after != before && last != "headersSize" && last != "bodySize" && last != "size" && !strings.Contains(path, "password") {
			t.Errorf("%s: %v became %v", path, b, after)
		}
	default:
		if after != before {
			t.Errorf("%s: %v became %v", path, before, after)
		}
	}
}

// checkHAR12 checks a HAR against the required members and types of the
// HAR 1.2 specification (http://www.softwareishard.com/blog/har-12-spec/),
// as its JSON schema does.
func checkHAR12(data []byte) []string {
	var errs []string
	var doc any
	d := json.NewDecoder(bytes.NewReader(data))
	d.UseNumber()
	if err := d.Decode(&doc); err != nil {
		return []string{err.Error()}
	}
	bad := func(path, msg string) { errs = append(errs, path+": "+msg) }
	obj := func(path string, v any, required map[string]string) map[string]any {
		o, ok := v.(map[string]any)
		if !ok {
			bad(path, "not an object")
			return nil
		}
		for name, typ := range required {
			optional := strings.HasPrefix(typ, "?")
			typ = strings.TrimPrefix(typ, "?")
			m, present := o[name]
			if !present {
				if !optional {
					bad(path+"."+name, "missing")
				}
				continue
			}
			ok := false
			switch typ {
			case "string":
				_, ok = m.(string)
			case "object":
				_, ok = m.(map[string]any)
			case "array":
				_, ok = m.([]any)
			case "number":
				_, ok = m.(json.Number)
			case "boolean":
				_, ok = m.(bool)
			case "integer":
				n, isNum := m.(json.Number)
				_, err := n.Int64()
				ok = isNum && err == nil
			}
			if !ok {
				bad(path+"."+name, fmt.Sprintf("%v is not of type %s", m, typ))
			}
		}
		return o
	}
	pairs := func(path string, v any, extra map[string]string) {
		list, _ := v.([]any)
		for i, p := range list {
			req := map[string]string{"name": "string", "value": "string", "comment": "?string"}
			for k, t := range extra {
				req[k] = t
			}
			obj(fmt.Sprintf("%s[%d]", path, i), p, req)
		}
	}
	root := obj("", doc, map[string]string{"log": "object"})
	if root == nil {
		return errs
	}
	log := obj("log", root["log"], map[string]string{"version": "string", "creator": "object", "browser": "?object", "pages": "?array", "entries": "array", "comment": "?string"})
	if log == nil {
		return errs
	}
	obj("log.creator", log["creator"], map[string]string{"name": "string", "version": "string"})
	pages, _ := log["pages"].([]any)
	for i, p := range pages {
		obj(fmt.Sprintf("log.pages[%d]", i), p, map[string]string{"startedDateTime": "string", "id": "string", "title": "string", "pageTimings": "object"})
	}
	entries, _ := log["entries"].([]any)
	for i, e := range entries {
		path := fmt.Sprintf("log.entries[%d]", i)
		eo := obj(path, e, map[string]string{"pageref": "?string", "startedDateTime": "string", "time": "number", "request": "object",
			"response": "object", "cache": "object", "timings": "object", "serverIPAddress": "?string", "connection": "?string", "comment": "?string"})
		if eo == nil {
			continue
		}
		req := obj(path+".request", eo["request"], map[string]string{"method": "string", "url": "string", "httpVersion": "string",
			"cookies": "array", "headers": "array", "queryString": "array", "postData": "?object", "headersSize": "integer", "bodySize": "integer"})
		if req != nil {
			pairs(path+".request.headers", req["headers"], nil)
			pairs(path+".request.queryString", req["queryString"], nil)
			pairs(path+".request.cookies", req["cookies"], map[string]string{"path": "?string", "domain": "?string", "expires": "?string", "httpOnly": "?boolean"})
			if pd, ok := req["postData"]; ok {
				pdo := obj(path+".request.postData", pd, map[string]string{"mimeType": "string", "text": "?string", "params": "?array"})
				if pdo != nil {
					ps, _ := pdo["params"].([]any)
					for k, p := range ps {
						obj(fmt.Sprintf("%s.request.postData.params[%d]", path, k), p, map[string]string{"name": "string", "value": "?string", "fileName": "?string", "contentType": "?string"})
					}
				}
			}
		}
		resp := obj(path+".response", eo["response"], map[string]string{"status": "integer", "statusText": "string", "httpVersion": "string",
			"cookies": "array", "headers": "array", "content": "object", "redirectURL": "string", "headersSize": "integer", "bodySize": "integer"})
		if resp != nil {
			pairs(path+".response.headers", resp["headers"], nil)
			obj(path+".response.content", resp["content"], map[string]string{"size": "integer", "compression": "?integer", "mimeType": "string", "text": "?string", "encoding": "?string"})
		}
		obj(path+".timings", eo["timings"], map[string]string{"blocked": "?number", "dns": "?number", "connect": "?number", "send": "number", "wait": "number", "receive": "number", "ssl": "?number"})
	}
	return errs
}

// An empty file, JSON that is not a HAR, and a cut-off HAR are refused
// with what is wrong and where, and nothing is written.
func TestSanitizeHARRefuses(t *testing.T) {
	cases := []struct {
		name, in string
		want     error
		msg      string
	}{
		{"empty", "", ErrNotJSON, "empty"},
		{"spaces", " \n", ErrNotJSON, "empty"},
		{"text", "not json", ErrNotJSON, "not JSON"},
		{"array", `[{"log":{}}]`, ErrNotHAR, "array"},
		{"no entries", `{"log":{"version":"1.2"}}`, ErrNotHAR, "no log.entries"},
		{"entries not a list", `{"log":{"entries":{}}}`, ErrNotHAR, "no log.entries"},
		{"cut off", `{"log":{"entries":[{"request":{"headers":[{"name":"Cookie","value":"a=b`, ErrTruncated, "cut off"},
		{"two values", `{"log":{"entries":[]}} {}`, ErrNotHAR, "more JSON"},
	}
	for _, c := range cases {
		var out bytes.Buffer
		err := SanitizeHARStream(&out, strings.NewReader(c.in), true)
		if err == nil || !errors.Is(err, c.want) || !strings.Contains(err.Error(), c.msg) {
			t.Errorf("%s: error %v, want %v saying %q", c.name, err, c.want, c.msg)
		}
		if out.Len() != 0 {
			t.Errorf("%s: the check wrote %q", c.name, out.String())
		}
		if got, err := SanitizeHAR([]byte(c.in)); err == nil || got != nil {
			t.Errorf("SanitizeHAR(%s) = %q, %v; want no output and an error", c.name, got, err)
		}
	}
	// A byte-order mark is not part of the HAR.
	if out, err := SanitizeHAR([]byte("\uFEFF{\"log\":{\"entries\":[]}}")); err != nil || string(out) != `{"log":{"entries":[]}}` {
		t.Errorf("with a BOM: %q, %v", out, err)
	}
}

// Sanitizing holds one entry at a time: the memory it allocates grows with
// the file's size, not faster (10 times the entries, about 10 times the
// bytes allocated).
func TestSanitizeHARScales(t *testing.T) {
	har, _ := plantedHAR()
	entriesOf := func(h string) string {
		i := strings.Index(h, "[\n  ")
		j := strings.LastIndex(h, "\n]")
		return h[i+4 : j]
	}
	one := entriesOf(har)
	build := func(n int) []byte {
		parts := make([]string, n)
		for i := range parts {
			parts[i] = one
		}
		return []byte(`{"log":{"version":"1.2","creator":{"name":"x","version":"1"},"entries":[` + strings.Join(parts, ",") + `]}}`)
	}
	measure := func(data []byte) float64 {
		return testing.AllocsPerRun(3, func() {
			if err := SanitizeHARStream(ioDiscard{}, bytes.NewReader(data), false); err != nil {
				t.Fatal(err)
			}
		})
	}
	small, big := measure(build(20)), measure(build(200))
	if big > 11*small {
		t.Errorf("allocations: %.0f for 20 copies, %.0f for 200 (%.1fx); want near-linear", small, big, big/small)
	}
	bytesOf := func(data []byte) int64 {
		res := testing.Benchmark(func(b *testing.B) {
			b.ReportAllocs()
			for range b.N {
				SanitizeHARStream(ioDiscard{}, bytes.NewReader(data), false)
			}
		})
		return res.AllocedBytesPerOp()
	}
	bs, bb := bytesOf(build(20)), bytesOf(build(200))
	if bb > 11*bs {
		t.Errorf("bytes allocated: %d for 20 copies, %d for 200; want near-linear", bs, bb)
	}
}

type ioDiscard struct{}

func (ioDiscard) Write(p []byte) (int, error) { return len(p), nil }

func BenchmarkSanitizeHAR(b *testing.B) {
	data := genHAR(2000, 6000)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for range b.N {
		if err := SanitizeHARStream(ioDiscard{}, bytes.NewReader(data), false); err != nil {
			b.Fatal(err)
		}
	}
}

// The report of the planted HAR, redacted, holds none of its secrets in
// either output: the CLI and the page share sanitize's rules.
func TestRedactReportNoMarkerSurvives(t *testing.T) {
	har, _ := plantedHAR()
	c, err := ParseHAR(t.Context(), []byte(har), nil)
	if err != nil {
		t.Fatal(err)
	}
	r := Diagnose(c, Requirement{}, time.Date(2025, 6, 2, 9, 0, 0, 0, time.UTC), 0)
	raw, _ := json.Marshal(r)
	if len(leakedMarkers(string(raw))) == 0 {
		t.Fatal("the report holds no secret to redact: the test proves nothing")
	}
	red := RedactReport(r)
	out, err := json.Marshal(red)
	if err != nil {
		t.Fatal(err)
	}
	for _, left := range leakedMarkers(string(out) + FormatText(red)) {
		t.Errorf("secret survives in the report: %s", left)
	}
	if red.Verdict != r.Verdict || len(red.Entries) != len(r.Entries) || len(red.Findings) != len(r.Findings) {
		t.Errorf("redacting changed the judgement: %s/%d/%d, was %s/%d/%d", red.Verdict, len(red.Entries), len(red.Findings), r.Verdict, len(r.Entries), len(r.Findings))
	}
	if again, _ := json.Marshal(r); string(again) != string(raw) {
		t.Error("RedactReport changed the report it was given")
	}
}

// A gzip-compressed HAR is sanitized into the plain HAR; a UTF-16 one is
// refused by name.
func TestSanitizeHAREncodings(t *testing.T) {
	har, _ := plantedHAR()
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte(har))
	zw.Close()
	plain, err := SanitizeHAR([]byte(har))
	if err != nil {
		t.Fatal(err)
	}
	got, err := SanitizeHAR(gz.Bytes())
	if err != nil || !bytes.Equal(got, plain) {
		t.Errorf("gzip HAR: %v, same output as the plain file: %v", err, bytes.Equal(got, plain))
	}
	// Cut in the middle of the compressed data.
	if _, err := SanitizeHAR(gz.Bytes()[:gz.Len()/2]); err == nil {
		t.Error("a cut gzip HAR was sanitized")
	}
	utf16le := []byte{0xFF, 0xFE}
	for _, r := range `{"log":{"entries":[]}}` {
		utf16le = append(utf16le, byte(r), 0)
	}
	if _, err := SanitizeHAR(utf16le); err == nil || !errors.Is(err, ErrEncoding) || !strings.Contains(err.Error(), "UTF-16LE") {
		t.Errorf("UTF-16 HAR: %v, want a refusal naming UTF-16LE", err)
	}
}

// testdata/secrets/planted.har is plantedHAR written out, for the CLI's
// tests of sanitize and of the reports (wasm/). It must stay the same HAR:
// -update rewrites it.
func TestPlantedHARFile(t *testing.T) {
	har, _ := plantedHAR()
	const file = "../testdata/secrets/planted.har"
	if *update {
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, []byte(har+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != har+"\n" {
		t.Errorf("%s is not plantedHAR(): run go test ./inspect/ -run TestPlantedHARFile -update", file)
	}
}
