// Package hargen writes HAR files for tests and benchmarks: recordings
// shaped like a real authenticated single-page-app session, generated from
// a seed so that every run reads the same bytes. Nothing here is linked
// into the page or the CLI.
package hargen

import (
	"bufio"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
	"time"
)

// Session describes what WriteSession wrote.
type Session struct {
	Bytes   int64 // the size of the file
	Entries int   // log.entries
	// Tokens are the distinct bearer tokens the requests carry, in the
	// order they first appear.
	Tokens []string
	// DeniedURL is the URL of the one denied request, the file's last
	// entry: a 403 with an RFC 6750 insufficient_scope challenge.
	DeniedURL string
}

// SessionStart is the startedDateTime of the first entry.
var SessionStart = time.Date(2026, 5, 4, 9, 30, 0, 0, time.UTC)

// sessionTokens is how many bearer tokens rotate through the requests.
const sessionTokens = 4

// WriteSession writes, to w, a Chrome DevTools HAR of at least size bytes
// (it stops after the entry that crosses size, then adds the denied one)
// with the traits of an authenticated single-page-app session:
//
//   - every request carries Authorization: Bearer <JWT> (one of a few
//     tokens, rotating every 37 requests, all valid for a day from
//     the start of the recording), a cookie header and a cookies array of
//     three cookies; every response a set-cookie; twelve request and
//     twelve response headers;
//   - half the responses are JSON bodies of about 7 KB (arrays of objects
//     with nested objects, e-mail addresses, ISO dates), half base64
//     application/pdf bodies of about 7 KB;
//   - _initiator, _priority, _resourceType, timings with _blocked_queueing,
//     serverIPAddress and connection, as Chrome writes them;
//   - every request succeeds but the last one, a 403 (insufficient_scope),
//     so the file's verdict needs the whole file.
//
// The same seed gives the same bytes.
func WriteSession(w io.Writer, size int64, seed uint64) (Session, error) {
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	cw := &countWriter{w: bufio.NewWriterSize(w, 1<<20)}
	var s Session
	var tokens []string
	for k := range sessionTokens {
		tokens = append(tokens, sessionJWT(rng, k))
	}
	jsonBodies := make([]string, 16)
	for i := range jsonBodies {
		jsonBodies[i] = quote(sessionJSONBody(rng, 7<<10))
	}
	pdfBodies := make([]string, 16)
	for i := range pdfBodies {
		pdfBodies[i] = sessionPDF(rng, 7<<10)
	}
	cw.WriteString(`{"log":{"version":"1.2","creator":{"name":"WebInspector","version":"537.36"},"pages":[{"startedDateTime":"`)
	cw.WriteString(SessionStart.Format("2006-01-02T15:04:05.000Z"))
	cw.WriteString(`","id":"page_3","title":"https://app.example.test/reports","pageTimings":{"onContentLoad":412.8,"onLoad":903.1}}],"entries":[`)
	at := SessionStart
	for i := 0; ; i++ {
		last := cw.n >= size
		if i > 0 {
			cw.WriteString(",")
		}
		e := sessionEntry{i: i, at: at, token: tokens[(i/37)%sessionTokens], rng: rng}
		if i < len(tokens)*37 && i%37 == 0 {
			s.Tokens = append(s.Tokens, e.token)
		}
		if last {
			e.denied = true
			e.body = `{"error":"insufficient_scope","error_description":"reports:write is required"}`
			s.DeniedURL = e.url()
		} else if i%2 == 0 {
			e.body, e.mime = jsonBodies[rng.IntN(len(jsonBodies))], "application/json; charset=utf-8"
		} else {
			e.body, e.mime, e.base64 = pdfBodies[rng.IntN(len(pdfBodies))], "application/pdf", true
		}
		e.write(cw)
		s.Entries++
		at = at.Add(time.Duration(80+rng.IntN(160)) * time.Millisecond)
		if last {
			break
		}
	}
	cw.WriteString("]}}\n")
	if err := cw.w.Flush(); cw.err == nil {
		cw.err = err
	}
	s.Bytes = cw.n
	return s, cw.err
}

// countWriter counts what it writes and keeps the first error.
type countWriter struct {
	w   *bufio.Writer
	n   int64
	err error
}

func (c *countWriter) WriteString(s string) {
	if c.err != nil {
		return
	}
	n, err := c.w.WriteString(s)
	c.n += int64(n)
	c.err = err
}

func (c *countWriter) printf(format string, a ...any) {
	c.WriteString(fmt.Sprintf(format, a...))
}

type sessionEntry struct {
	i      int
	at     time.Time
	token  string
	rng    *rand.Rand
	denied bool
	body   string // JSON-quoted, except for a denied entry
	mime   string
	base64 bool
}

var sessionPaths = []string{"/api/v2/reports/%d", "/api/v2/documents/%d/pdf", "/api/v2/users/%d/activity", "/api/v2/invoices/%d", "/api/v2/projects/%d/members"}

func (e *sessionEntry) url() string {
	if e.denied {
		return "https://api.example.test/api/v2/reports/8812/publish"
	}
	p := sessionPaths[e.i%len(sessionPaths)]
	if e.base64 {
		p = sessionPaths[1]
	}
	return "https://api.example.test" + fmt.Sprintf(p, 1000+e.i) + fmt.Sprintf("?page=%d&include=owner", 1+e.i%7)
}

func (e *sessionEntry) write(w *countWriter) {
	method := "GET"
	if e.denied {
		method = "POST"
	}
	u := e.url()
	path := strings.TrimPrefix(u, "https://api.example.test")
	sid := fmt.Sprintf("s%016x", uint64(e.i/500)*0x9e3779b97f4a7c15)
	csrf := fmt.Sprintf("c%012x", uint64(e.i/500)*0xbf58476d1ce4e5b9>>16)
	cookies := [][2]string{{"session_id", sid}, {"csrf_token", csrf}, {"_ga", "GA1.1.1736251952.1714815000"}}
	reqID := fmt.Sprintf("%08x-%04x-4%03x-a%03x-%012x", e.rng.Uint32(), e.rng.IntN(1<<16), e.rng.IntN(1<<12), e.rng.IntN(1<<12), e.rng.Uint64()&(1<<48-1))

	w.printf(`{"_initiator":{"type":"script","stack":{"callFrames":[{"functionName":"fetchJSON","scriptId":"%d","url":"https://app.example.test/assets/index-4f1c2a.js","lineNumber":%d,"columnNumber":%d},{"functionName":"load","scriptId":"%d","url":"https://app.example.test/assets/index-4f1c2a.js","lineNumber":%d,"columnNumber":%d}]}},`,
		14+e.i%3, 1200+e.i%90, 17+e.i%40, 14, 880, 12)
	w.printf(`"_priority":"High","_resourceType":"fetch","cache":{},"connection":"%d","pageref":"page_3",`, 184000+e.i%6)
	w.printf(`"request":{"method":"%s","url":%s,"httpVersion":"http/2.0","headers":[`, method, quote(u))
	reqH := [][2]string{
		{":authority", "api.example.test"}, {":method", method}, {":path", path}, {":scheme", "https"},
		{"accept", "application/json, text/plain, */*"},
		{"accept-language", "en-GB,en;q=0.9,fr;q=0.8"},
		{"authorization", "Bearer " + e.token},
		{"cookie", "session_id=" + sid + "; csrf_token=" + csrf + "; _ga=GA1.1.1736251952.1714815000"},
		{"origin", "https://app.example.test"},
		{"referer", "https://app.example.test/reports"},
		{"sec-fetch-mode", "cors"},
		{"user-agent", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36"},
	}
	writePairs(w, reqH)
	w.WriteString(`],"queryString":[`)
	if !e.denied {
		writePairs(w, [][2]string{{"page", fmt.Sprint(1 + e.i%7)}, {"include", "owner"}})
	}
	w.WriteString(`],"cookies":[`)
	for k, c := range cookies {
		if k > 0 {
			w.WriteString(",")
		}
		w.printf(`{"name":%s,"value":%s,"path":"/","domain":".example.test","expires":"2026-06-03T09:30:00.000Z","httpOnly":%t,"secure":true,"sameSite":"Lax"}`, quote(c[0]), quote(c[1]), k == 0)
	}
	w.WriteString(`],"headersSize":-1,"bodySize":`)
	if e.denied {
		body := `{"title":"Q2","visibility":"public"}`
		w.printf(`%d,"postData":{"mimeType":"application/json","text":%s}},`, len(body), quote(body))
	} else {
		w.WriteString(`0},`)
	}

	status, statusText := 200, ""
	mime := e.mime
	if e.denied {
		status, mime = 403, "application/json"
	}
	w.printf(`"response":{"status":%d,"statusText":"%s","httpVersion":"http/2.0","headers":[`, status, statusText)
	setCookie := "session_id=" + sid + "; Path=/; Domain=.example.test; Max-Age=2592000; Secure; HttpOnly; SameSite=Lax"
	respH := [][2]string{
		{"access-control-allow-credentials", "true"},
		{"access-control-allow-origin", "https://app.example.test"},
		{"cache-control", "private, no-store"},
		{"content-length", fmt.Sprint(len(e.body) * 3 / 4)},
		{"content-type", mime},
		{"date", e.at.Format(time.RFC1123)},
		{"etag", fmt.Sprintf(`W/"%x"`, e.rng.Uint32())},
		{"server", "envoy"},
		{"set-cookie", setCookie},
		{"strict-transport-security", "max-age=63072000; includeSubDomains"},
		{"vary", "Origin, Accept-Encoding"},
		{"x-request-id", reqID},
	}
	if e.denied {
		respH[len(respH)-2] = [2]string{"www-authenticate", `Bearer realm="api", error="insufficient_scope", error_description="reports:write is required", scope="reports:write"`}
	}
	writePairs(w, respH)
	w.printf(`],"cookies":[{"name":"session_id","value":%s,"path":"/","domain":".example.test","expires":"2026-06-03T09:30:00.000Z","httpOnly":true,"secure":true,"sameSite":"Lax"}],`, quote(sid))
	if e.denied {
		w.printf(`"content":{"size":%d,"mimeType":%s,"text":%s}`, len(e.body), quote(mime), quote(e.body))
	} else if e.base64 {
		w.printf(`"content":{"size":%d,"mimeType":%s,"text":"%s","encoding":"base64"}`, len(e.body)*3/4, quote(mime), e.body)
	} else {
		w.printf(`"content":{"size":%d,"mimeType":%s,"text":%s}`, len(e.body), quote(mime), e.body)
	}
	w.printf(`,"redirectURL":"","headersSize":-1,"bodySize":-1,"_transferSize":%d,"_error":null,"_fetchedViaServiceWorker":false},`, len(e.body)+420)
	wait := 20 + e.rng.Float64()*180
	w.printf(`"serverIPAddress":"203.0.113.%d","startedDateTime":"%s","time":%.3f,"timings":{"blocked":%.3f,"dns":-1,"ssl":-1,"connect":-1,"send":0.094,"wait":%.3f,"receive":%.3f,"_blocked_queueing":%.3f,"_workerStart":-1,"_workerReady":-1,"_workerFetchStart":-1,"_workerRespondWithSettled":-1}}`,
		20+e.i%4, e.at.Format("2006-01-02T15:04:05.000Z"), wait+3.2, 1.9, wait, 1.2, 0.7)
}

func writePairs(w *countWriter, ps [][2]string) {
	for i, p := range ps {
		if i > 0 {
			w.WriteString(",")
		}
		w.WriteString(`{"name":` + quote(p[0]) + `,"value":` + quote(p[1]) + `}`)
	}
}

func quote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// sessionJWT is the k-th access token of the session: RS256, issued five
// minutes before the recording starts and valid for a day, with an opaque
// 256-byte signature (no key verifies it: the page is given none).
func sessionJWT(rng *rand.Rand, k int) string {
	iat := SessionStart.Add(-5 * time.Minute).Unix()
	header := fmt.Sprintf(`{"alg":"RS256","typ":"at+jwt","kid":"key-%d"}`, 2+k%2)
	payload := fmt.Sprintf(`{"iss":"https://login.example.test/","sub":"auth0|65f1c%07d","aud":["https://api.example.test","https://login.example.test/userinfo"],"iat":%d,"exp":%d,"azp":"Xk2pQ9c%d","scope":"openid profile email reports:read documents:read users:read","permissions":["reports:read","documents:read","users:read"],"email":"dana.k%d@example.test","jti":"%016x"}`,
		rng.IntN(10_000_000), iat, iat+86400, k, k, rng.Uint64())
	sig := make([]byte, 256)
	for i := range sig {
		sig[i] = byte(rng.Uint32())
	}
	enc := base64.RawURLEncoding
	return enc.EncodeToString([]byte(header)) + "." + enc.EncodeToString([]byte(payload)) + "." + enc.EncodeToString(sig)
}

var (
	firstNames = []string{"Ada", "Björn", "Chloé", "Dmitri", "Eun-ji", "Farah", "Grace", "Hiro", "Inès", "José", "Kwame", "Lena"}
	lastNames  = []string{"Lovelace", "Ångström", "Dubois", "Ivanov", "Kim", "Haddad", "Hopper", "Tanaka", "Moreau", "García", "Mensah", "Novak"}
	cities     = []string{"Zürich", "Lyon", "Osaka", "Accra", "Porto", "Kraków"}
)

// sessionJSONBody is an API's list response of about size bytes: objects
// with nested objects, e-mail addresses and ISO dates.
func sessionJSONBody(rng *rand.Rand, size int) string {
	var b strings.Builder
	b.WriteString(`{"data":[`)
	for i := 0; b.Len() < size-220; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		fn, ln := firstNames[rng.IntN(len(firstNames))], lastNames[rng.IntN(len(lastNames))]
		created := SessionStart.Add(-time.Duration(rng.IntN(900*24)) * time.Hour).Add(time.Duration(rng.IntN(3600_000)) * time.Millisecond)
		fmt.Fprintf(&b, `{"id":"usr_%08x","name":"%s %s","email":"%s.%s@example.test","createdAt":"%s","profile":{"title":"Analyst \"L%d\"","address":{"city":"%s","postcode":"%05d"},"tags":["reports","q%d"]},"lastLogin":{"at":"%s","ip":"198.51.100.%d"},"active":%t}`,
			rng.Uint32(), fn, ln, strings.ToLower(asciiName(fn)), strings.ToLower(asciiName(ln)), created.Format("2006-01-02T15:04:05.000Z07:00"),
			1+rng.IntN(5), cities[rng.IntN(len(cities))], rng.IntN(100000), 1+rng.IntN(4),
			SessionStart.Add(-time.Duration(rng.IntN(72*3600))*time.Second).Format(time.RFC3339), rng.IntN(255), rng.IntN(4) > 0)
	}
	fmt.Fprintf(&b, `],"meta":{"page":%d,"perPage":25,"total":%d,"generatedAt":"%s"}}`, 1+rng.IntN(9), 200+rng.IntN(2000), SessionStart.Format(time.RFC3339Nano))
	return b.String()
}

func asciiName(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x80 {
			return r
		}
		return 'x'
	}, s)
}

// sessionPDF is the base64 of a binary document of about size bytes of
// base64 text: a PDF header, then bytes of every value.
func sessionPDF(rng *rand.Rand, size int) string {
	raw := make([]byte, size/4*3)
	copy(raw, "%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
	for i := 15; i < len(raw); i++ {
		raw[i] = byte(rng.Uint32())
	}
	return base64.StdEncoding.EncodeToString(raw)
}
