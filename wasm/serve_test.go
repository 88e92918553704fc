//go:build !js

package main

import (
	"bufio"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// serve --dir reaches nothing outside the directory, whatever symbolic
// links it holds.
func TestServeStaysInDir(t *testing.T) {
	site, outside := t.TempDir(), t.TempDir()
	write := func(p, s string) {
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(filepath.Join(site, "index.html"), "<p>page</p>")
	write(filepath.Join(site, "real.txt"), "inside")
	write(filepath.Join(outside, "secret.txt"), "outside secret")
	links := map[string]string{
		"leak.txt":     filepath.Join(outside, "secret.txt"), // absolute, out
		"passwd":       "/etc/passwd",
		"up.txt":       filepath.Join("..", filepath.Base(outside), "secret.txt"), // relative, climbs out
		"outdir":       outside,
		"alias.txt":    "real.txt", // inside: still served
		"sub-real.txt": filepath.Join(".", "real.txt"),
	}
	for name, target := range links {
		if err := os.Symlink(target, filepath.Join(site, name)); err != nil {
			t.Fatal(err)
		}
	}
	root, h, err := openSite(site)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	srv := httptest.NewServer(h)
	defer srv.Close()
	for _, c := range []struct {
		path string
		code int
	}{
		{"/", 200}, {"/real.txt", 200}, {"/alias.txt", 200}, {"/sub-real.txt", 200},
		{"/leak.txt", 404}, {"/passwd", 404}, {"/up.txt", 404}, {"/outdir/secret.txt", 404},
		{"/../" + filepath.Base(outside) + "/secret.txt", 404}, {"/%2e%2e/etc/passwd", 404},
	} {
		resp, err := http.Get(srv.URL + c.path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != c.code || strings.Contains(string(body), "secret") || strings.Contains(string(body), "root:") {
			t.Errorf("GET %s: %d %q, want %d and nothing from outside", c.path, resp.StatusCode, body, c.code)
		}
	}
}

// On a loopback address only requests naming a loopback host are answered
// (DNS rebinding: evil.example resolving to 127.0.0.1).
func TestServeRejectsForeignHost(t *testing.T) {
	ok := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "page") })
	loop := newServer(ok, &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 8000})
	for host, want := range map[string]int{
		"127.0.0.1:8000": 200, "localhost:8000": 200, "LOCALHOST": 200, "app.localhost:8000": 200,
		"[::1]:8000": 200, "127.1.2.3": 200, "localhost.:8000": 200,
		"evil.example:8000": 421, "evil.example": 421, "127.0.0.1.evil.example": 421, "localhost.evil.example": 421,
		"10.0.0.1:8000": 421, "": 421,
	} {
		req := httptest.NewRequest("GET", "/", nil)
		req.Host = host
		rec := httptest.NewRecorder()
		loop.Handler.ServeHTTP(rec, req)
		if rec.Code != want {
			t.Errorf("Host %q: %d, want %d", host, rec.Code, want)
		}
	}
	// Bound to every interface, the server is meant to be reached by name.
	all := newServer(ok, &net.TCPAddr{IP: net.IPv4zero, Port: 8000})
	req := httptest.NewRequest("GET", "/", nil)
	req.Host = "intranet.example:8000"
	rec := httptest.NewRecorder()
	all.Handler.ServeHTTP(rec, req)
	if rec.Code != 200 {
		t.Errorf("on 0.0.0.0, Host intranet.example: %d, want 200", rec.Code)
	}
}

// A connection that sends nothing, or stays idle after a request, is
// closed.
func TestServeClosesIdleConnections(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := newServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "ok") }), ln.Addr())
	if srv.ReadHeaderTimeout <= 0 || srv.IdleTimeout <= 0 || srv.ReadTimeout <= 0 {
		t.Fatalf("timeouts: header %v, idle %v, read %v", srv.ReadHeaderTimeout, srv.IdleTimeout, srv.ReadTimeout)
	}
	// Shorter here so the test is quick; the server closes what the
	// configuration says.
	srv.ReadHeaderTimeout, srv.IdleTimeout = 200*time.Millisecond, 200*time.Millisecond
	go srv.Serve(ln)
	defer srv.Close()

	closed := func(c net.Conn) bool {
		c.SetReadDeadline(time.Now().Add(20 * time.Second))
		_, err := io.ReadAll(c)
		return err == nil // EOF from the server, not our deadline
	}
	silent, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer silent.Close()
	if !closed(silent) {
		t.Error("a connection that sends no request stays open")
	}
	idle, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer idle.Close()
	io.WriteString(idle, "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
	resp, err := http.ReadResponse(bufio.NewReader(idle), nil)
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("request: %v %v", resp, err)
	}
	io.Copy(io.Discard, resp.Body)
	if !closed(idle) {
		t.Error("an idle keep-alive connection stays open")
	}
}
