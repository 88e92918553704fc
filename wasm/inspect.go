//go:build !js

package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"reflect"
	"strconv"
	"strings"
	"time"

	"whydenied/inspect"
)

// inspectCmd prints the diagnosis of each input:
// whydenied inspect [--require TEXT|@FILE] [--key TEXT|@FILE] [--now RFC3339] [--leeway DURATION] [--format text|json] [--show-secrets] [FILE…|-]
// With no FILE, or "-", it reads stdin. Flags may come before or after the
// files.
func inspectCmd(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("inspect", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	require := fs.String("require", "", "what the server requires: TEXT or @FILE")
	key := fs.String("key", "", "verify signatures with this key: a shared secret, PEM or JWK/JWKS; TEXT or @FILE")
	nowText := fs.String("now", "", "check times against this RFC 3339 moment instead of the clock")
	leewayText := fs.String("leeway", "0", "clock leeway: seconds (30) or a duration (30s, 5m)")
	format := fs.String("format", "text", "text or json")
	showSecrets := fs.Bool("show-secrets", false, "print credentials as they are instead of redacted")

	var files []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				fmt.Fprint(stdout, usage)
				return exitOK
			}
			return fail(stderr, exitUsage, "inspect: %v", err)
		}
		args = fs.Args()
		if len(args) == 0 {
			break
		}
		files = append(files, args[0])
		args = args[1:]
	}
	if *format != "text" && *format != "json" {
		return fail(stderr, exitUsage, "inspect: --format %q: want text or json", *format)
	}
	now := time.Now()
	if *nowText != "" {
		t, err := time.Parse(time.RFC3339, *nowText)
		if err != nil {
			return fail(stderr, exitUsage, "inspect: --now %q: want an RFC 3339 time such as 2026-01-02T15:04:05Z", *nowText)
		}
		now = t
	}
	leeway, err := parseLeeway(*leewayText)
	if err != nil {
		return fail(stderr, exitUsage, "inspect: --leeway: %v", err)
	}
	reqText, err := textOrFile(*require)
	if err != nil {
		return fail(stderr, exitUsage, "inspect: --require: %v", err)
	}
	req, err := inspect.ParseRequirement(reqText)
	if err != nil {
		return fail(stderr, exitUsage, "inspect: --require: %v", err)
	}
	keyText, err := textOrFile(*key)
	if err != nil {
		return fail(stderr, exitUsage, "inspect: --key: %v", err)
	}
	if req.Keys, err = inspect.ParseKeys(keyText); err != nil {
		return fail(stderr, exitUsage, "inspect: --key: %v", err)
	}

	if len(files) == 0 {
		files = []string{"-"}
	}
	status := exitOK
	for _, name := range files {
		data, err := readInput(name, stdin)
		if err != nil {
			return fail(stderr, exitUsage, "inspect: %v", err)
		}
		if strings.TrimSpace(string(data)) == "" {
			return fail(stderr, exitUsage, "inspect: %s: empty input", displayName(name))
		}
		c, perr := inspect.ParseBytes(data)
		if perr != nil && len(c.Tokens) == 0 && len(c.Entries) == 0 && len(c.Findings) == 0 {
			return fail(stderr, exitUsage, "inspect: %s: %v", displayName(name), perr)
		}
		if perr != nil {
			// Judged on what could be read (a cut-off command up to its
			// open quote); say so, since the verdict rests on part of it.
			warn(stderr, "inspect: %s: %v (judged on the part that could be read)", displayName(name), perr)
		}
		r := inspect.Diagnose(c, req, now, leeway)
		if !*showSecrets {
			r = inspect.RedactReport(r)
		}
		if *format == "json" {
			if err := writeJSON(stdout, r); err != nil {
				return fail(stderr, exitInternal, "inspect: %v", err)
			}
		} else {
			if len(files) > 1 {
				fmt.Fprintf(stdout, "== %s\n", displayName(name))
			}
			fmt.Fprint(stdout, formatText(r))
		}
		switch r.Verdict {
		case inspect.VerdictOK:
		case inspect.VerdictUnknown:
			warn(stderr, "inspect: %s: verdict unknown: %s", displayName(name), r.Summary)
			status = exitUsage
		default:
			if status == exitOK {
				status = exitFailure
			}
		}
	}
	return status
}

func displayName(name string) string {
	if name == "-" {
		return "stdin"
	}
	return name
}

func readInput(name string, stdin io.Reader) ([]byte, error) {
	if name == "-" {
		return io.ReadAll(stdin)
	}
	return os.ReadFile(name)
}

// textOrFile returns v, or the content of the file v names as "@FILE".
func textOrFile(v string) (string, error) {
	if !strings.HasPrefix(v, "@") {
		return v, nil
	}
	b, err := os.ReadFile(v[1:])
	return string(b), err
}

// parseLeeway reads "30" (seconds) or a Go duration ("30s", "5m").
func parseLeeway(s string) (time.Duration, error) {
	if n, err := strconv.Atoi(s); err == nil {
		if n < 0 {
			return 0, fmt.Errorf("%q is negative", s)
		}
		return time.Duration(n) * time.Second, nil
	}
	d, err := time.ParseDuration(s)
	if err != nil {
		return 0, fmt.Errorf("%q: want seconds (30) or a duration (30s, 5m)", s)
	}
	if d < 0 {
		return 0, fmt.Errorf("%q is negative", s)
	}
	return d, nil
}

// writeJSON prints the report in the shape of DESIGN.md's CLI contract:
// findings, tokens and entries are arrays, empty ones included.
func writeJSON(w io.Writer, r inspect.Report) error {
	if r.Findings == nil {
		r.Findings = []inspect.Finding{}
	}
	if r.Tokens == nil {
		r.Tokens = []inspect.TokenReport{}
	}
	if r.Entries == nil {
		r.Entries = []inspect.EntryReport{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(r)
}

// formatText is inspect.FormatText with every control character of the
// input escaped: the report's strings are escaped (r is the CLI's own copy),
// and the text is checked again for what they cannot reach (JSON strings of
// a token's payload).
func formatText(r inspect.Report) string {
	escapeStrings(reflect.ValueOf(&r))
	return escapeControls(inspect.FormatText(r), true)
}

func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
