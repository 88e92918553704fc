package ui

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"strconv"
	"strings"
	"time"
)

// warmHARSample builds a made-up HAR the page reads while it warms up
// (see warmHAR): n Chrome-like entries, numbered from first, of the kinds a real export holds —
// JSON bodies full of escapes, HTML, script, a base64 image, a form post,
// cookies, a token endpoint's answer, a 401 with a WWW-Authenticate
// challenge, a 403, a CORS failure and a refused connection — so that the
// reader, the diagnosis and the table's code all run. Bodies of about 6 KB,
// as busy single-page apps record them, so that the loops over long
// strings warm up too; nothing of it is shown.
func warmHARSample(first, n int) []byte {
	var jb strings.Builder
	jb.WriteString(`{"items":[`)
	for k := 0; jb.Len() < 6000; k++ {
		if k > 0 {
			jb.WriteByte(',')
		}
		jb.WriteString(`{"id":` + strconv.Itoa(k) + `,"name":"Item \"` + strconv.Itoa(k) + `\" — ümlaut \u00e9","path":"C:\\data","tags":["a","b"],"price":9.99}`)
	}
	jb.WriteString(`]}`)
	bodies := []struct{ mime, text string }{
		{"application/json", jb.String()},
		{"text/html", strings.Repeat("<div class=\"row\"><span>Some text — with ümlauts</span></div>\n", 100)},
		{"application/javascript", strings.Repeat("function f(a){return a&&a.b?\"x\":'y'}\n", 160)},
		{"image/png", base64.StdEncoding.EncodeToString(bytes.Repeat([]byte{0x89, 'P', 'N', 'G', 0, 1, 2, 255}, 600))},
	}
	var b bytes.Buffer
	b.WriteString("\uFEFF" + `{"log":{"version":"1.2","creator":{"name":"WebInspector","version":"537.36"},"pages":[{"startedDateTime":"2026-05-01T10:00:00.000Z","id":"page_1","title":"warm-up"}],"entries":[`)
	for i := first; i < first+n; i++ {
		if i > first {
			b.WriteByte(',')
		}
		body := bodies[i%len(bodies)]
		status, statusText, errText, enc := "200", "", "", ""
		method, url, rt := "GET", "https://api"+strconv.Itoa(i%3)+".example.test/v1/items/"+strconv.Itoa(i)+"?page=2&q=x%20y", "fetch"
		req := `{"name":":authority","value":"api.example.test"},{"name":"accept","value":"application/json"},{"name":"origin","value":"https://app.example.test"},{"name":"user-agent","value":"Mozilla/5.0 (X11; Linux x86_64) Chrome/130.0.0.0"}`
		resp := `{"name":"access-control-allow-origin","value":"https://app.example.test"},{"name":"content-type","value":"` + body.mime + `"},{"name":"x-request-id","value":"req-` + strconv.Itoa(i) + `"}`
		cookies, post := "", ""
		text := body.text
		if body.mime == "image/png" {
			enc, rt = "base64", "image"
		}
		switch i % 12 {
		case 1:
			req += `,{"name":"authorization","value":"Bearer ` + warmSample + `"}`
		case 4:
			method, post = "POST", `,"postData":{"mimeType":"application/x-www-form-urlencoded","text":"grant_type=refresh_token&client_id=web","params":[{"name":"grant_type","value":"refresh_token"}]}`
			text = `{"access_token":"` + warmSample + `","token_type":"Bearer","expires_in":3600}`
			body.mime = "application/json"
		case 5:
			cookies = `{"name":"session","value":"abc","path":"/","httpOnly":true,"secure":true}`
			req += `,{"name":"cookie","value":"session=abc; theme=dark"}`
		case 7:
			status, statusText, text = "401", "Unauthorized", `{"error":"invalid_token","error_description":"The access token expired"}`
			resp += `,{"name":"www-authenticate","value":"Bearer realm=\"api\", error=\"invalid_token\", error_description=\"The access token expired\""}`
			req += `,{"name":"authorization","value":"Bearer ` + warmSample + `"}`
		case 8:
			status, statusText, text = "403", "Forbidden", `<html><head><title>Attention Required! | Cloudflare</title></head><body>Sorry, you have been blocked. Error 1020 Ray ID: 7c1d</body></html>`
			resp += `,{"name":"cf-ray","value":"7c1d2e3f4a5b6c7d-AMS"},{"name":"server","value":"cloudflare"}`
			body.mime = "text/html"
		case 10:
			status, text, errText, resp = "0", "", "net::ERR_FAILED", ""
		case 11:
			status, text, errText, resp = "-1", "", "net::ERR_CONNECTION_REFUSED", ""
		}
		started := warmStart.Add(time.Duration(i) * 37 * time.Millisecond).Format("2006-01-02T15:04:05.000Z")
		b.WriteString(`{"_initiator":{"type":"script"},"_priority":"High","_resourceType":"` + rt + `","cache":{},"connection":"443","pageref":"page_1",`)
		b.WriteString(`"request":{"method":"` + method + `","url":"` + url + `","httpVersion":"http/2.0","headers":[` + req + `],"queryString":[{"name":"page","value":"2"},{"name":"q","value":"x y"}],"cookies":[` + cookies + `],"headersSize":-1,"bodySize":0` + post + `},`)
		b.WriteString(`"response":{"status":` + status + `,"statusText":"` + statusText + `","httpVersion":"http/2.0","headers":[` + resp + `],"cookies":[],"content":{"size":` + strconv.Itoa(len(text)) + `,"mimeType":"` + body.mime + `"`)
		if text != "" {
			b.WriteString(`,"text":` + jsonString(text))
		}
		if enc != "" {
			b.WriteString(`,"encoding":"` + enc + `"`)
		}
		b.WriteString(`},"redirectURL":"","headersSize":-1,"bodySize":-1,"_transferSize":` + strconv.Itoa(len(text)+300))
		if errText != "" {
			b.WriteString(`,"_error":"` + errText + `"`)
		}
		b.WriteString(`},"serverIPAddress":"192.0.2.1","startedDateTime":"` + started + `","time":` + strconv.Itoa(12+i%40) + `.5,`)
		b.WriteString(`"timings":{"blocked":0.5,"dns":-1,"ssl":-1,"connect":-1,"send":0.1,"wait":` + strconv.Itoa(10+i%40) + `.25,"receive":1.5,"_blocked_queueing":0.3}}`)
	}
	b.WriteString("]}}\n")
	return b.Bytes()
}

// warmStart is when the sample's requests start.
var warmStart = time.Date(2026, 5, 1, 10, 0, 0, 0, time.UTC)

// jsonString quotes s as a JSON string.
func jsonString(s string) string {
	q, _ := json.Marshal(s)
	return string(q)
}
