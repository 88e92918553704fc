//go:build !js

// Command whydenied explains why a request was, or would be, refused.
//
// Built for GOOS=js it is the page (see main_js.go). Built natively it is a
// command line tool:
//
//	whydenied inspect [--require TEXT|@FILE] [--key TEXT|@FILE] [--server NAME] [--now RFC3339] [--leeway DURATION] [--format text|json|markdown] [--keep-payload] [--fail-on 401,403,network] [--show-secrets] [FILE|DIR|GLOB…|-]
//	whydenied sanitize FILE.har
//	whydenied serve [--addr 127.0.0.1:8000] [--dir DIR]
//	whydenied build DIR
//
// Exit status of inspect: 0 nothing was denied, 1 a verdict of unknown (too
// little to judge), 2 unusable input or arguments (a one-line error on
// stderr, nothing on stdout), 3 a denial or block (401, 403, network; see
// --fail-on). With several files: 2 if any was unusable, else 3 if any was
// denied, else 1 if any is unknown, else 0.
//
// The static build (site_*.go) writes index.html, app.wasm, wasm_exec.js,
// app.js, the service worker, the manifest and the assets of web/ with no
// absolute path in them, so the same files work at / and under any sub-path
// (/tools/whydenied/), from any static server; it refuses to write a site
// that still holds an absolute path or an off-origin URL. serve sends that
// site with the security headers the page relies on.
//
// The browser end-to-end tests (e2e_*_test.go, build tag "browser") drive
// that site in headless Chromium through the DOM contract of DESIGN.md:
// `make browser` runs them. They need Chromium (apt-get install -y chromium)
// and fail, not skip, without it; WHYDENIED_WASM names the app.wasm to test,
// otherwise they build it.
package main

import (
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"unicode/utf8"

	"whydenied/inspect"
)

// Exit statuses (DESIGN.md's CLI contract).
const (
	exitOK = 0
	// exitUnknown: a verdict of unknown, too little to judge (inspect).
	exitUnknown = 1
	// exitInternal: serve, build or sanitize failed while running.
	exitInternal = 1
	// exitUsage: unusable input or arguments, nothing could be read.
	exitUsage = 2
	// exitDenied: a denial or block (401, 403, network) among --fail-on.
	exitDenied = 3
)

var usage = `usage:
  whydenied inspect [--require TEXT|@FILE] [--key TEXT|@FILE] [--server NAME] [--now RFC3339] [--leeway DURATION] [--format text|json|markdown] [--keep-payload] [--fail-on 401,403,network] [--show-secrets] [FILE|DIR|GLOB…|-]
  whydenied sanitize FILE.har
  whydenied serve [--addr 127.0.0.1:8000] [--dir DIR]
  whydenied build DIR

--server NAME judges as that validator does with its default settings
(README: "Server profiles"): ` + strings.Join(inspect.ProfileNames(), ", ") + `
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// run dispatches to a subcommand and returns the exit status.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	switch args[0] {
	case "inspect":
		return inspectCmd(args[1:], stdin, stdout, stderr)
	case "sanitize":
		return sanitizeCmd(args[1:], stdin, stdout, stderr)
	case "serve":
		return serveCmd(args[1:], stdout, stderr)
	case "build":
		return buildCmd(args[1:], stdout, stderr)
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return exitOK
	}
	return fail(stderr, exitUsage, "unknown command %q (want inspect, sanitize, serve or build)", args[0])
}

// fail prints a one-line error and returns status.
func fail(stderr io.Writer, status int, format string, a ...any) int {
	warn(stderr, format, a...)
	return status
}

// warn prints one short line on stderr: control characters from the input
// escaped, newlines folded, and a long message cut with a count of what was
// left out.
func warn(stderr io.Writer, format string, a ...any) {
	fmt.Fprintln(stderr, stderrLine("whydenied: "+fmt.Sprintf(format, a...)))
}

// maxErrorLine is how long an error line may grow before it is cut.
const maxErrorLine = 400

func stderrLine(msg string) string {
	msg = escapeControls(strings.Join(strings.Fields(msg), " "), false)
	if utf8.RuneCountInString(msg) <= maxErrorLine {
		return msg
	}
	cut := 0
	for i := range msg {
		if cut == maxErrorLine {
			rest := utf8.RuneCountInString(msg[i:])
			return msg[:i] + fmt.Sprintf("… and %s more characters", thousands(rest))
		}
		cut++
	}
	return msg
}

// thousands writes n with comma separators (99,990).
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
