package inspect

import (
	"bufio"
	"bytes"
	"context"
	"crypto/tls"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// received is one request as the test server saw it on the wire.
type received struct {
	method, target string
	headers        []Header
	body           string
}

// recordingServer accepts plain HTTP and TLS on one port (curl is pointed
// at it with --connect-to for every host and port), keeps the raw bytes of
// each connection and records every request: method, target, every header
// line in order and case, and the body.
type recordingServer struct {
	ln   net.Listener
	srv  *http.Server
	tls  *tls.Config
	mu   sync.Mutex
	reqs []received
}

type rawConn struct {
	net.Conn
	mu  sync.Mutex
	buf bytes.Buffer
}

func (c *rawConn) Read(p []byte) (int, error) {
	n, err := c.Conn.Read(p)
	c.mu.Lock()
	c.buf.Write(p[:n])
	c.mu.Unlock()
	return n, err
}

type peekConn struct {
	net.Conn
	r *bufio.Reader
}

func (c peekConn) Read(p []byte) (int, error) { return c.r.Read(p) }

type sniffListener struct {
	net.Listener
	tls *tls.Config
}

func (l sniffListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	pc := peekConn{Conn: c, r: bufio.NewReader(c)}
	_ = c.SetReadDeadline(time.Now().Add(5 * time.Second))
	first, err := pc.r.Peek(1)
	_ = c.SetReadDeadline(time.Time{})
	if err == nil && first[0] == 0x16 {
		return &rawConn{Conn: tls.Server(pc, l.tls)}, nil
	}
	return &rawConn{Conn: pc}, nil
}

type connKey struct{}

func newRecordingServer(t *testing.T) *recordingServer {
	// Borrow httptest's self-signed certificate.
	donor := httptest.NewTLSServer(http.NotFoundHandler())
	certs := donor.TLS.Certificates
	donor.Close()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	rs := &recordingServer{tls: &tls.Config{Certificates: certs, NextProtos: []string{"http/1.1"}}}
	rs.ln = sniffListener{Listener: ln, tls: rs.tls}
	rs.srv = &http.Server{
		Handler: http.HandlerFunc(rs.handle),
		ConnContext: func(ctx context.Context, c net.Conn) context.Context {
			return context.WithValue(ctx, connKey{}, c)
		},
	}
	rs.srv.SetKeepAlivesEnabled(false)
	go func() { _ = rs.srv.Serve(rs.ln) }()
	t.Cleanup(func() { _ = rs.srv.Close() })
	return rs
}

func (rs *recordingServer) handle(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	rec := received{method: r.Method, target: r.RequestURI, body: string(body)}
	if c, ok := r.Context().Value(connKey{}).(*rawConn); ok {
		c.mu.Lock()
		raw := c.buf.String()
		c.mu.Unlock()
		if i := strings.Index(raw, "\r\n\r\n"); i >= 0 {
			lines := strings.Split(raw[:i], "\r\n")
			for _, l := range lines[1:] {
				name, value, _ := strings.Cut(l, ":")
				rec.headers = append(rec.headers, Header{Name: name, Value: strings.Trim(value, " \t")})
			}
		}
	}
	rs.mu.Lock()
	rs.reqs = append(rs.reqs, rec)
	rs.mu.Unlock()
	w.WriteHeader(http.StatusOK)
}

func (rs *recordingServer) take() []received {
	rs.mu.Lock()
	defer rs.mu.Unlock()
	r := rs.reqs
	rs.reqs = nil
	return r
}

// realCurlCorpus is run through bash and the real curl, and through
// ParseCommand; what the server receives must equal what was parsed.
// Bash runs in a UTF-8 locale ($'\u00e9' is é), as terminals do.
// Hosts are kept as written: curl is sent to the test server by
// --connect-to in a .curlrc, so Host stays what the command says.
var realCurlCorpus = []struct{ why, cmd string }{
	{"plain GET: curl's own Host, User-Agent, Accept", `curl https://api.example.test/v1/me`},
	{"Bearer header in single quotes", `curl 'https://api.example.test/v1/me' -H 'Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ0ZXN0In0.c2lnbmF0dXJl'`},
	{"double quotes with escaped quote and dollar", `curl "https://api.example.test/q" -H "X-Note: say \"hi\" for \$5"`},
	{"$'…' with hex, unicode, octal, newline escapes", `curl https://api.example.test/a -H $'X-Ansi: A\x42\u00e9\103' --data-binary $'line1\nline2\ttab'`},
	{"quotes inside quotes: JSON body in single quotes", `curl https://api.example.test/json -H 'Content-Type: application/json' --data-raw '{"name":"a \"b\"","n":1}'`},
	{"single quote inside single-quoted string via '\\''", `curl https://api.example.test/q -d 'it'\''s'`},
	{"-H 'x;' sends an empty header", `curl https://api.example.test/e -H 'X-Empty;'`},
	{"-H 'Accept:' removes curl's Accept", `curl https://api.example.test/e -H 'Accept:'`},
	{"-H 'User-Agent:' removes curl's User-Agent, X: with blank removes nothing", `curl https://api.example.test/e -H 'User-Agent:' -H 'X-Blank:   '`},
	// -H 'Host:' (no Host at all) is left to the golden tests: Go's server
	// answers 400 to an HTTP/1.1 request without Host before recording it.
	{"custom Host replaces curl's and moves first", `curl http://api.example.test/h -H 'X-A: 1' -H 'Host: other.example.test'`},
	{"--data-urlencode forms: name=content, =content, content", `curl https://api.example.test/f --data-urlencode 'q=a b&c=d' --data-urlencode '=x y' --data-urlencode 'plain*text~'`},
	{"-G moves data into the query", `curl -G https://api.example.test/search -d q=jwt -d page=2`},
	{"-G appends to an existing query", `curl https://api.example.test/search?x=1 -G --data-urlencode 'q=a b'`},
	{"combined short options -sSLk", `curl -sSLk https://api.example.test/s`},
	{"attached values -XPOST -H'x: y'", `curl -XPOST -H'X-Attached: yes' https://api.example.test/p`},
	{"combined shorts ending with a value", `curl -sLXPUT https://api.example.test/p -d x=1`},
	{"cookies from -b, two of them joined with ;", `curl https://api.example.test/c -b 'session=abc123; theme=dark' -b lang=en`},
	{"-b without = is a cookie file (missing here): nothing sent", `curl https://api.example.test/c -b cookies.txt`},
	{"explicit Cookie header wins over -b", `curl https://api.example.test/c -b a=1 -H 'Cookie: b=2'`},
	{"--json sets Content-Type and Accept after custom headers", `curl https://api.example.test/j -H 'X-Trace: 1' --json '{"a":1}'`},
	{"--json twice concatenates without separator", `curl https://api.example.test/j --json '{"a":1}' --json '{"b":2}'`},
	{"--json with an explicit Accept keeps it", `curl https://api.example.test/j -H 'Accept: text/plain' --json '[]'`},
	{"-u user:pass gives Basic", `curl -u alice:s3cret https://api.example.test/b`},
	{"user:pass@host gives Basic, percent-decoded", `curl 'https://bob:p%40ss%3Aw@api.example.test/b'`},
	{"-u wins over URL credentials", `curl -u carol:x 'https://bob:y@api.example.test/b'`},
	{"--oauth2-bearer", `curl --oauth2-bearer made.up.token https://api.example.test/o`},
	{"--oauth2-bearer loses to an Authorization header", `curl --oauth2-bearer made.up.token -H 'Authorization: Bearer other' https://api.example.test/o`},
	{"--oauth2-bearer wins over -u", `curl -u dave:pw --oauth2-bearer tok123 https://api.example.test/o`},
	{"-A and -e", `curl -A 'MyAgent/1.0' -e 'https://app.example.test/page' https://api.example.test/ae`},
	{"-e ';auto' with an empty referer sends none", `curl -e ';auto' https://api.example.test/ae`},
	{"-A '' removes User-Agent", `curl -A '' https://api.example.test/ae`},
	{"--compressed asks for every encoding curl knows", `curl --compressed https://api.example.test/z`},
	{"several -d joined with &", `curl https://api.example.test/d -d a=1 -d b=2 -d 'c=3 4'`},
	{"-d literal keeps newlines; explicit Content-Type", `curl https://api.example.test/d -H 'content-type: text/plain' -d $'x\ny'`},
	{"-d then --json: json piece joins without &", `curl https://api.example.test/d -d a=1 --json '{}' -d b=2`},
	{"--data-raw keeps a leading @", `curl https://api.example.test/d --data-raw '@notafile'`},
	{"empty -d still POSTs", `curl https://api.example.test/d -d ''`},
	{"-X overrides the method only", `curl -X DELETE https://api.example.test/r/1`},
	{"-X GET with data sends a GET with a body", `curl -X GET https://api.example.test/r -d 'q=1'`},
	{"-I is HEAD", `curl -sI https://api.example.test/head`},
	{"-F text parts; multipart body", `curl https://api.example.test/up -F 'name=value' -F 'typed=x;type=text/x-test' -F 'quoted="a;b"'`},
	{"--form-string keeps @ and ;", `curl https://api.example.test/up --form-string 'raw=@x;y'`},
	{"--url and a second URL: two requests", `curl --url https://api.example.test/one https://api.example.test/two -H 'X-Both: 1'`},
	{"--next starts a new set of options", `curl https://api.example.test/n1 -H 'X-First: 1' --next --connect-to ::127.0.0.1:{{port}} -k -d x=1 https://api.example.test/n2`},
	{"unambiguous long-option prefixes", `curl --head --user-ag prefix/1 --oauth2-b tok https://api.example.test/pre`},
	{"--no- form of a boolean", `curl --compressed --no-compressed https://api.example.test/no`},
	{"backslash-newline continuations with indentation", "curl 'https://api.example.test/cont' \\\n  -H 'X-One: 1' \\\n  -H 'X-Two: 2'"},
	{"commands joined with && and |, comments", "curl https://api.example.test/first # a comment\ncurl -s https://api.example.test/second && curl -s https://api.example.test/third | cat"},
	{"path dot segments are removed, fragment dropped", `curl 'https://api.example.test/a/./b/../c?x=1#frag'`},
	{"explicit default port is left out of Host, other ports kept", `curl https://api.example.test:443/p http://api.example.test:8080/q`},
	{"--ntlm sends the NTLM negotiate message first", `curl --ntlm -u eve:pw https://api.example.test/ntlm`},
	{"--digest sends no credentials first", `curl --digest -u frank:pw https://api.example.test/digest`},
	{"-d @- from a here-document: curl drops its newlines", "curl -d @- https://api.example.test/stdin <<EOF\nname=alice&\nrole=admin\nEOF"},
	{"--data-binary @- from a quoted here-document keeps newlines and $", "curl --data-binary @- https://api.example.test/stdin <<'EOF'\n{\"a\": \"$1 \\\\n\"}\nline2\nEOF"},
	{"--data-binary @- from an unquoted here-document: \\$ and \\\\ unescaped", "curl --data-binary @- https://api.example.test/stdin <<EOF\ncost \\$5 \\\\ \\\" end\nEOF"},
	{"<<- strips leading tabs", "curl --data-binary @- https://api.example.test/stdin <<-END\n\t{\"a\":1}\n\t\t2\n\tEND"},
	{"--json @- from a here-string", `curl --json @- https://api.example.test/stdin <<< '{"q":"x y"}'`},
	{"-d @- from a here-string", `curl -d @- https://api.example.test/stdin <<< 'a=1&b=2'`},
	{"--data-urlencode name@- from a here-string", `curl --data-urlencode q@- https://api.example.test/stdin <<< 'a b&c'`},
	{"stdin read once: the second @- is empty", `curl -d @- -d @- https://api.example.test/stdin <<< 'a=1'`},
	{"-r adds Range", `curl -r 0-99 https://api.example.test/range`},
	{"-r with a lone number: curl appends the dash", `curl -r 600 https://api.example.test/range`},
	{"--range with several ranges", `curl --range 0-499,1000- https://api.example.test/range`},
	{"-r attached, and --range later wins", `curl -r0-1 --range 600 https://api.example.test/range`},
	{"--http2 over http:// asks to upgrade to h2c", `curl --http2 http://api.example.test/h2c`},
	{"--http2 over http:// with a body and custom headers", `curl --http2 http://api.example.test/h2c -H 'X-A: 1' -d x=1`},
	{"--http2 over https:// changes no header", `curl --http2 https://api.example.test/h2`},
	{"--http2 then --http1.1: no upgrade", `curl --http2 --http1.1 http://api.example.test/h1`},
	{"--http2 upgrade headers come before cookies and custom headers", `curl --http2 http://api.example.test/h2c -e https://app.example.test/ -b a=1 --compressed -H 'Connection: keep-alive'`},
	{"header value with inner spaces kept, outer trimmed", `curl https://api.example.test/sp -H 'X-Spaced:    a  b   '`},
	{"-k changes no header", `curl -k https://api.example.test/insecure`},
	{"-L changes no header", `curl -L https://api.example.test/redirect`},
	{"Chrome's Copy as cURL (bash) shape", "curl 'https://api.example.test/graphql' \\\n  -H 'accept: */*' \\\n  -H 'accept-language: en-US,en;q=0.9' \\\n  -H 'authorization: Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.sig' \\\n  -H 'content-type: application/json' \\\n  -b 'sid=s%3Aabc.def; _ga=GA1.1.1' \\\n  -H 'origin: https://app.example.test' \\\n  -H 'sec-fetch-mode: cors' \\\n  -H 'user-agent: Mozilla/5.0 (X11; Linux x86_64)' \\\n  --data-raw $'{\"query\":\"{ me { name } }\",\"note\":\"it\\'s\"}' \\\n  --compressed"},
}

func TestRealCurl(t *testing.T) {
	curl, err := exec.LookPath("curl")
	if err != nil {
		t.Skip("curl is not installed:", err)
	}
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("bash is not installed:", err)
	}
	rs := newRecordingServer(t)
	home := t.TempDir()
	port := rs.ln.Addr().(*net.TCPAddr).Port
	rc := "connect-to = \"::127.0.0.1:" + itoa(port) + "\"\ninsecure\n"
	if err := os.WriteFile(filepath.Join(home, ".curlrc"), []byte(rc), 0o600); err != nil {
		t.Fatal(err)
	}
	env := []string{"HOME=" + home, "PATH=" + filepath.Dir(curl) + ":/usr/bin:/bin", "LC_ALL=C.UTF-8"}
	for _, tc := range realCurlCorpus {
		t.Run(tc.why, func(t *testing.T) {
			text := strings.ReplaceAll(tc.cmd, "{{port}}", itoa(port))
			c, err := ParseCommand(text)
			if err != nil {
				t.Fatalf("ParseCommand: %v", err)
			}
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			cmd := exec.CommandContext(ctx, bash, "-c", text)
			cmd.Env, cmd.Dir = env, home
			var stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = io.Discard, &stderr
			runErr := cmd.Run()
			got := rs.take()
			if len(got) != len(c.Entries) {
				t.Fatalf("curl sent %d requests, ParseCommand found %d (curl: %v %s)", len(got), len(c.Entries), runErr, stderr.String())
			}
			for i, g := range got {
				compareReceived(t, i, g, c.Entries[i].Request)
			}
		})
	}
}

func compareReceived(t *testing.T, i int, g received, want Request) {
	t.Helper()
	if g.method != want.Method {
		t.Errorf("request %d: method %q, parsed %q", i, g.method, want.Method)
	}
	if target := requestTarget(want.URL); g.target != target {
		t.Errorf("request %d: target %q, parsed %q", i, g.target, target)
	}
	body, headers := g.body, g.headers
	for j, h := range headers {
		if strings.EqualFold(h.Name, "Content-Type") && strings.Contains(h.Value, "boundary=") {
			b := h.Value[strings.Index(h.Value, "boundary=")+len("boundary="):]
			headers[j].Value = strings.ReplaceAll(h.Value, b, formBoundary)
			body = strings.ReplaceAll(body, b, formBoundary)
		}
		if h.Name == "User-Agent" && strings.HasPrefix(h.Value, "curl/") {
			headers[j].Value = curlUserAgent
		}
		if h.Name == "HTTP2-Settings" {
			headers[j].Value = curlHTTP2Settings // differs between curl versions
		}
	}
	if body != want.Body {
		t.Errorf("request %d: body %q, parsed %q", i, body, want.Body)
	}
	if len(headers) != len(want.Headers) {
		t.Errorf("request %d: headers on the wire:\n%s\nparsed:\n%s", i, fmtHeaders(headers), fmtHeaders(want.Headers))
		return
	}
	for j := range headers {
		if headers[j] != want.Headers[j] {
			t.Errorf("request %d: header %d on the wire %q, parsed %q\nwire:\n%s\nparsed:\n%s", i, j, headers[j], want.Headers[j], fmtHeaders(headers), fmtHeaders(want.Headers))
			return
		}
	}
}

// requestTarget is the path and query of an absolute URL.
func requestTarget(u string) string {
	if i := strings.Index(u, "://"); i >= 0 {
		u = u[i+3:]
		if j := strings.IndexByte(u, '/'); j >= 0 {
			return u[j:]
		}
		return "/"
	}
	return u
}

func fmtHeaders(hs []Header) string {
	var b strings.Builder
	for _, h := range hs {
		b.WriteString("  " + h.Name + ": " + h.Value + "\n")
	}
	return b.String()
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for n > 0 {
		b = append([]byte{byte('0' + n%10)}, b...)
		n /= 10
	}
	return string(b)
}
