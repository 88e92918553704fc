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
	"os"
	"os/signal"
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

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fail(stderr, exitUsage, "serve: %v", err)
	}
	srv := &http.Server{Handler: Handler(os.DirFS(root)), ReadHeaderTimeout: 10 * time.Second}
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
