//go:build !js

package main

import (
	"io"
	"os"

	"whydenied/inspect"
)

// sanitizeCmd writes a HAR with its secrets redacted to stdout, for sharing:
// whydenied sanitize FILE.har ("-" reads stdin). A line on stderr says
// what was redacted, counted by kind.
//
// The file is read twice, once to check that it is a whole HAR and once to
// redact it as a stream, so that nothing is written for a file that cannot
// be sanitized and memory does not grow with the file. Standard input is
// copied to a temporary file first.
func sanitizeCmd(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) != 1 || (args[0] != "-" && args[0] != "" && args[0][0] == '-') {
		return fail(stderr, exitUsage, "usage: whydenied sanitize FILE.har")
	}
	var in io.ReadSeeker
	if args[0] == "-" {
		// Standard input is kept in a temporary file, so that it can be
		// read twice without holding it in memory.
		tmp, err := os.CreateTemp("", "whydenied-sanitize-")
		if err != nil {
			return fail(stderr, exitInternal, "sanitize: %v", err)
		}
		defer os.Remove(tmp.Name())
		defer tmp.Close()
		if _, err := io.Copy(tmp, stdin); err != nil {
			return fail(stderr, exitUsage, "sanitize: stdin: %v", err)
		}
		if _, err := tmp.Seek(0, io.SeekStart); err != nil {
			return fail(stderr, exitInternal, "sanitize: %v", err)
		}
		in = tmp
	} else {
		f, err := os.Open(args[0])
		if err != nil {
			return fail(stderr, exitUsage, "sanitize: %v", err)
		}
		defer f.Close()
		if st, err := f.Stat(); err == nil && st.IsDir() {
			return fail(stderr, exitUsage, "sanitize: %s is a directory", args[0])
		}
		in = f
	}
	if err := inspect.SanitizeHARStream(io.Discard, in, true); err != nil {
		return fail(stderr, exitUsage, "sanitize: %s: %v", displayName(args[0]), err)
	}
	if _, err := in.Seek(0, io.SeekStart); err != nil {
		return fail(stderr, exitUsage, "sanitize: %s: %v", displayName(args[0]), err)
	}
	n, err := inspect.SanitizeHARCount(stdout, in)
	if err != nil {
		return fail(stderr, exitInternal, "sanitize: %s: %v", displayName(args[0]), err)
	}
	// What was taken out, on stderr so that stdout stays the HAR.
	warn(stderr, "sanitize: %s: redacted %s", displayName(args[0]), n)
	return exitOK
}
