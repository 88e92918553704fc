//go:build !js

package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/netip"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"
)

// serveCmd serves the static site on a local address with the security
// headers: whydenied serve [--addr 127.0.0.1:8000] [--dir DIR].
func serveCmd(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	addr := fs.String("addr", "127.0.0.1:8000", "address to listen on")
	dir := fs.String("dir", "", "serve this built site instead of building one")
	if err := fs.Parse(args); err != nil {
		return fail(stderr, exitUsage, "serve: %v", err)
	}
	if fs.NArg() != 0 {
		return fail(stderr, exitUsage, "serve: unexpected argument %q", fs.Arg(0))
	}

	root := *dir
	if root == "" {
		tmp, err := os.MkdirTemp("", "whydenied-site-")
		if err != nil {
			return fail(stderr, exitInternal, "serve: %v", err)
		}
		defer os.RemoveAll(tmp)
		// A fast brotli level: this copy lives as long as the server.
		if _, err := buildSite(tmp, Options{BrotliLevel: 5}); err != nil {
			return fail(stderr, exitInternal, "serve: %v", err)
		}
		root = tmp
	} else if st, err := os.Stat(root); err != nil || !st.IsDir() {
		return fail(stderr, exitUsage, "serve: --dir %s is not a directory", root)
	}
	site, handler, err := openSite(root)
	if err != nil {
		return fail(stderr, exitUsage, "serve: --dir %s: %v", root, err)
	}
	defer site.Close()

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fail(stderr, exitUsage, "serve: %v", err)
	}
	srv := newServer(handler, ln.Addr())
	fmt.Fprintf(stdout, "serving http://%s/ (Ctrl-C to stop)\n", ln.Addr())

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		if !errors.Is(err, http.ErrServerClosed) {
			return fail(stderr, exitInternal, "serve: %v", err)
		}
	case <-ctx.Done():
		shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		srv.Shutdown(shutdown)
	}
	return exitOK
}

// openSite serves the directory dir through an os.Root, which refuses
// every path that leads out of it: "..", an absolute symbolic link or a
// relative one that climbs out.
func openSite(dir string) (*os.Root, http.Handler, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, nil, err
	}
	return root, Handler(root.FS()), nil
}

// Server timeouts: a connection that sends no request headers, or stays
// idle between requests, is closed instead of held for ever.
const (
	readHeaderTimeout = 10 * time.Second
	readTimeout       = 30 * time.Second
	idleTimeout       = 60 * time.Second
)

// newServer configures the HTTP server for h listening on addr: timeouts,
// a bound on header size, and, on a loopback address, only requests that
// name a loopback host.
func newServer(h http.Handler, addr net.Addr) *http.Server {
	if tcp, ok := addr.(*net.TCPAddr); ok && tcp.IP.IsLoopback() {
		h = loopbackOnly(h)
	}
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: readHeaderTimeout,
		ReadTimeout:       readTimeout,
		IdleTimeout:       idleTimeout,
		MaxHeaderBytes:    64 << 10,
	}
}

// loopbackOnly answers 421 to a request whose Host is not a loopback name
// or address. A server on 127.0.0.1 is reachable from any page the browser
// shows: a site whose name resolves to 127.0.0.1 (DNS rebinding) would
// otherwise read it as its own origin.
func loopbackOnly(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !loopbackHost(r.Host) {
			http.Error(w, "misdirected request: this server answers only to localhost and loopback addresses", http.StatusMisdirectedRequest)
			return
		}
		h.ServeHTTP(w, r)
	})
}

// loopbackHost reports whether a Host header names this machine:
// localhost, a name under .localhost, or a loopback address.
func loopbackHost(host string) bool {
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	host = strings.TrimSuffix(strings.Trim(host, "[]"), ".")
	if host == "" {
		return false
	}
	if strings.EqualFold(host, "localhost") || strings.HasSuffix(strings.ToLower(host), ".localhost") {
		return true
	}
	ip, err := netip.ParseAddr(host)
	return err == nil && ip.IsLoopback()
}
