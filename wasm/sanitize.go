//go:build !js

package main

import (
	"io"

	"whydenied/inspect"
)

// sanitizeCmd writes a HAR with its secrets redacted to stdout, for sharing:
// whydenied sanitize FILE.har ("-" reads stdin).
func sanitizeCmd(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) != 1 || (args[0] != "-" && args[0] != "" && args[0][0] == '-') {
		return fail(stderr, exitUsage, "usage: whydenied sanitize FILE.har")
	}
	data, err := readInput(args[0], stdin)
	if err != nil {
		return fail(stderr, exitUsage, "sanitize: %v", err)
	}
	out, err := inspect.SanitizeHAR(data)
	if err != nil {
		return fail(stderr, exitUsage, "sanitize: %s: %v", displayName(args[0]), err)
	}
	if _, err := stdout.Write(out); err != nil {
		return fail(stderr, exitInternal, "sanitize: %v", err)
	}
	return exitOK
}
