package inspect

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// genHAR builds a Chrome-like HAR with n entries whose response bodies are
// about bodySize bytes: a mix of JSON (full of escapes once embedded),
// HTML, script and base64 images, with the headers a browser writes. Every
// tenth entry failed (401, 403, or no answer).
func genHAR(n, bodySize int) []byte {
	var b bytes.Buffer
	b.WriteString(`{"log":{"version":"1.2","creator":{"name":"WebInspector","version":"537.36"},"pages":[{"startedDateTime":"2024-05-01T10:00:00.000Z","id":"page_1","title":"https://app.example.test/","pageTimings":{"onContentLoad":120.5,"onLoad":300.25}}],"entries":[`)
	start := time.Date(2024, 5, 1, 10, 0, 0, 0, time.UTC)
	jsonBody := genJSONBody(bodySize)
	htmlBody := strings.Repeat("<div class=\"row\"><span>Some text — with ümlauts</span></div>\n", bodySize/40+1)[:bodySize]
	script := strings.Repeat("function f(a){return a&&a.b?\"x\":'y'}\n", bodySize/30+1)[:bodySize]
	img := base64.StdEncoding.EncodeToString(bytes.Repeat([]byte{0x89, 'P', 'N', 'G', 0, 1, 2, 255}, bodySize/5+1))[:bodySize/4*4]
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		status, text, mime, enc, errText := 200, jsonBody, "application/json", "", ""
		switch i % 10 {
		case 1:
			text, mime = htmlBody, "text/html"
		case 2:
			text, mime = script, "application/javascript"
		case 3:
			text, mime, enc = img, "image/png", "base64"
		case 7:
			status, text = 401, `{"error":"invalid_token"}`
		case 8:
			status, text = 403, `{"message":"Forbidden"}`
		case 9:
			status, text, errText = 0, "", "net::ERR_CONNECTION_REFUSED"
		}
		t := start.Add(time.Duration(i) * 37 * time.Millisecond)
		fmt.Fprintf(&b, `{"_initiator":{"type":"script","stack":{"callFrames":[{"functionName":"load","scriptId":"12","url":"https://app.example.test/main.js","lineNumber":10,"columnNumber":20}]}},"_priority":"High","_resourceType":"fetch","cache":{},"connection":"443","pageref":"page_1",`)
		fmt.Fprintf(&b, `"request":{"method":"GET","url":"https://api.example.test/v1/items/%d?page=2&q=x","httpVersion":"http/2.0","headers":[`, i)
		reqH := [][2]string{{":authority", "api.example.test"}, {":method", "GET"}, {":path", fmt.Sprintf("/v1/items/%d?page=2&q=x", i)}, {":scheme", "https"}, {"accept", "application/json, text/plain, */*"}, {"accept-encoding", "gzip, deflate, br, zstd"}, {"accept-language", "en-GB,en;q=0.9"}, {"origin", "https://app.example.test"}, {"referer", "https://app.example.test/"}, {"sec-ch-ua", `"Chromium";v="130", "Not?A_Brand";v="99"`}, {"sec-fetch-mode", "cors"}, {"user-agent", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36"}}
		writePairs(&b, reqH)
		fmt.Fprintf(&b, `],"queryString":[{"name":"page","value":"2"},{"name":"q","value":"x"}],"cookies":[],"headersSize":-1,"bodySize":0},`)
		fmt.Fprintf(&b, `"response":{"status":%d,"statusText":"","httpVersion":"http/2.0","headers":[`, status)
		if status != 0 {
			writePairs(&b, [][2]string{{"access-control-allow-origin", "https://app.example.test"}, {"cache-control", "no-cache"}, {"content-type", mime}, {"date", "Wed, 01 May 2024 10:00:00 GMT"}, {"server", "envoy"}, {"vary", "Origin"}, {"x-request-id", fmt.Sprintf("req-%08d", i)}})
		}
		fmt.Fprintf(&b, `],"cookies":[],"content":{"size":%d,"mimeType":%q`, len(text), mime)
		if text != "" {
			q, _ := json.Marshal(text)
			b.WriteString(`,"text":`)
			b.Write(q)
		}
		if enc != "" {
			fmt.Fprintf(&b, `,"encoding":%q`, enc)
		}
		fmt.Fprintf(&b, `},"redirectURL":"","headersSize":-1,"bodySize":-1,"_transferSize":%d,"_error":%s},`, len(text)+300, jsonOrNull(errText))
		fmt.Fprintf(&b, `"serverIPAddress":"192.0.2.10","startedDateTime":%q,"time":%d.123,"timings":{"blocked":0.5,"dns":-1,"ssl":-1,"connect":-1,"send":0.1,"wait":30.2,"receive":1.3,"_blocked_queueing":0.3}}`, t.Format("2006-01-02T15:04:05.000Z"), 30+i%50)
	}
	b.WriteString(`]}}`)
	return b.Bytes()
}

func jsonOrNull(s string) string {
	if s == "" {
		return "null"
	}
	q, _ := json.Marshal(s)
	return string(q)
}

func writePairs(b *bytes.Buffer, ps [][2]string) {
	for i, p := range ps {
		if i > 0 {
			b.WriteByte(',')
		}
		n, _ := json.Marshal(p[0])
		v, _ := json.Marshal(p[1])
		fmt.Fprintf(b, `{"name":%s,"value":%s}`, n, v)
	}
}

// genJSONBody returns a JSON document of about size bytes, like an API's
// list response.
func genJSONBody(size int) string {
	var b strings.Builder
	b.WriteString(`{"items":[`)
	for i := 0; b.Len() < size-40; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"id":%d,"name":"Item %d","tags":["a","b"],"price":12.5,"note":"line one\nline \"two\""}`, i, i)
	}
	b.WriteString(`]}`)
	return b.String()
}
