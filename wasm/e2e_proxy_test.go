//go:build !js && browser

package main

import (
	"bytes"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"sync"
	"time"
)

// seen is one request as the browser sent it.
type seen struct {
	Method string
	URL    string
	Host   string
	Header http.Header
	Body   []byte
}

// recorder is an HTTP proxy that every request of the browser goes through
// (the page's, its service worker's and the browser's own). It records each
// one and forwards only those for the test servers; anything else is
// refused, so a request to another origin is both seen and stopped.
type recorder struct {
	addr    string
	allowed map[string]bool
	srv     *http.Server
	mu      sync.Mutex
	log     []seen
}

func newRecorder(servers ...*httptest.Server) (*recorder, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	r := &recorder{addr: ln.Addr().String(), allowed: make(map[string]bool)}
	for _, s := range servers {
		r.allowed[hostOf(s)] = true
	}
	r.srv = &http.Server{Handler: r, ReadHeaderTimeout: 10 * time.Second}
	go r.srv.Serve(ln)
	return r, nil
}

func (r *recorder) close() { r.srv.Close() }

// allow lets the browser reach one more test server.
func (r *recorder) allow(s *httptest.Server) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.allowed[hostOf(s)] = true
}

func (r *recorder) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	body, _ := io.ReadAll(req.Body)
	url := req.URL.String()
	if req.Method == http.MethodConnect {
		url = "https://" + req.Host
	}
	r.mu.Lock()
	r.log = append(r.log, seen{Method: req.Method, URL: url, Host: req.Host, Header: req.Header.Clone(), Body: body})
	r.mu.Unlock()

	r.mu.Lock()
	allowed := r.allowed[req.URL.Host]
	r.mu.Unlock()
	if req.Method == http.MethodConnect || !allowed {
		http.Error(w, "refused by the test proxy", http.StatusForbidden)
		return
	}
	out, err := http.NewRequestWithContext(req.Context(), req.Method, url, bytes.NewReader(body))
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	out.Header = req.Header.Clone()
	out.Header.Del("Proxy-Connection")
	res, err := direct.RoundTrip(out)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	defer res.Body.Close()
	for k, v := range res.Header {
		w.Header()[k] = v
	}
	w.WriteHeader(res.StatusCode)
	io.Copy(w, res.Body)
}

// direct forwards without any proxy from the environment.
var direct = &http.Transport{Proxy: nil}

// mark returns a position in the log; since returns what came after it.
func (r *recorder) mark() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.log)
}

func (r *recorder) since(mark int) []seen {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]seen(nil), r.log[mark:]...)
}

func (r *recorder) all() []seen { return r.since(0) }
