//go:build !js && browser

package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// harEntry is one request of a HAR built for a test.
type harEntry struct {
	started      time.Time
	method, url  string
	reqHeaders   [][2]string
	status       int // 0 or -1: no answer
	statusText   string
	respHeaders  [][2]string
	mime, body   string
	errText      string // Chrome's _error
	resourceType string
}

// buildHAR writes entries as a Chrome-like HAR (creator WebInspector).
func buildHAR(es []harEntry) []byte {
	var b bytes.Buffer
	b.WriteString(`{"log":{"version":"1.2","creator":{"name":"WebInspector","version":"537.36"},"pages":[],"entries":[`)
	for i, e := range es {
		if i > 0 {
			b.WriteByte(',')
		}
		writeEntry(&b, e)
	}
	b.WriteString("]}}\n")
	return b.Bytes()
}

func writeEntry(b *bytes.Buffer, e harEntry) {
	q := func(s string) string { j, _ := json.Marshal(s); return string(j) }
	rt := e.resourceType
	if rt == "" {
		rt = "fetch"
	}
	fmt.Fprintf(b, `{"_initiator":{"type":"script"},"_priority":"High","_resourceType":%s,"cache":{},"connection":"443",`, q(rt))
	fmt.Fprintf(b, `"request":{"method":%s,"url":%s,"httpVersion":"http/2.0","headers":[`, q(e.method), q(e.url))
	writePairs(b, e.reqHeaders)
	b.WriteString(`],"queryString":[],"cookies":[],"headersSize":-1,"bodySize":0},`)
	fmt.Fprintf(b, `"response":{"status":%d,"statusText":%s,"httpVersion":"http/2.0","headers":[`, e.status, q(e.statusText))
	writePairs(b, e.respHeaders)
	fmt.Fprintf(b, `],"cookies":[],"content":{"size":%d,"mimeType":%s`, len(e.body), q(e.mime))
	if e.body != "" {
		b.WriteString(`,"text":`)
		b.WriteString(q(e.body))
	}
	fmt.Fprintf(b, `},"redirectURL":"","headersSize":-1,"bodySize":-1,"_transferSize":%d`, len(e.body)+300)
	if e.errText != "" {
		fmt.Fprintf(b, `,"_error":%s`, q(e.errText))
	}
	fmt.Fprintf(b, `},"serverIPAddress":"192.0.2.10","startedDateTime":%s,"time":%d.25,"timings":{"blocked":0.5,"dns":-1,"ssl":-1,"connect":-1,"send":0.1,"wait":30.2,"receive":1.3}}`,
		q(e.started.UTC().Format("2006-01-02T15:04:05.000Z")), 30)
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

// bigHAR builds a HAR of about size bytes from entries with bodySize-byte
// bodies (JSON full of escapes once embedded, HTML, script), as a busy
// single-page app records them. One entry in a hundred failed — a 403
// insufficient_scope (the first, at index 57), a 401 or a refused
// connection — so the primary verdict is 403. It returns the file and the
// number of failed entries.
func bigHAR(size, bodySize int) ([]byte, int) {
	start := time.Date(2026, 5, 1, 10, 0, 0, 0, time.UTC)
	var jb strings.Builder
	jb.WriteString(`{"items":[`)
	for k := 0; jb.Len() < bodySize; k++ {
		if k > 0 {
			jb.WriteByte(',')
		}
		fmt.Fprintf(&jb, `{"id":%d,"name":"Item \"%d\" — ümlaut","path":"C:\\data\\%d","tags":["a","b"],"price":%d.99}`, k, k, k, k)
	}
	jb.WriteString(`]}`)
	bodies := []struct{ mime, text string }{
		{"application/json", jb.String()},
		{"text/html", strings.Repeat("<div class=\"row\"><span>Some text — with ümlauts</span></div>\n", bodySize/60+1)},
		{"application/javascript", strings.Repeat("function f(a){return a&&a.b?\"x\":'y'}\n", bodySize/38+1)},
	}
	var b bytes.Buffer
	b.WriteString(`{"log":{"version":"1.2","creator":{"name":"WebInspector","version":"537.36"},"pages":[],"entries":[`)
	failed := 0
	for i := 0; b.Len() < size; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		body := bodies[i%len(bodies)]
		e := harEntry{
			started: start.Add(time.Duration(i) * 37 * time.Millisecond),
			method:  "GET", url: fmt.Sprintf("https://api%d.example.test/v1/items/%d?page=2&q=x", i%3, i),
			reqHeaders: [][2]string{{":authority", "api.example.test"}, {"accept", "application/json"}, {"origin", "https://app.example.test"}, {"user-agent", "Mozilla/5.0 (X11; Linux x86_64) Chrome/130.0.0.0"}},
			status:     200, statusText: "", mime: body.mime, body: body.text,
			respHeaders: [][2]string{{"access-control-allow-origin", "https://app.example.test"}, {"content-type", body.mime}, {"x-request-id", fmt.Sprintf("req-%08d", i)}},
		}
		switch {
		case i%100 == 57 && (i/100)%3 == 0:
			e.status, e.body, e.mime = 403, `{"error":"insufficient_scope"}`, "application/json"
			e.respHeaders = append(e.respHeaders, [2]string{"www-authenticate", `Bearer error="insufficient_scope", scope="items.write"`})
		case i%100 == 57 && (i/100)%3 == 1:
			e.status, e.body, e.mime = 401, `{"error":"invalid_token"}`, "application/json"
			e.respHeaders = append(e.respHeaders, [2]string{"www-authenticate", `Bearer error="invalid_token"`})
		case i%100 == 57:
			e.status, e.body, e.mime, e.respHeaders, e.errText = 0, "", "", nil, "net::ERR_CONNECTION_REFUSED"
		}
		if e.status != 200 {
			failed++
		}
		writeEntry(&b, e)
	}
	b.WriteString("]}}\n")
	return b.Bytes(), failed
}
