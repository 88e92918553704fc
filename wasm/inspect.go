//go:build !js

package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"time"

	"whydenied/inspect"
)

// inspectCmd prints the diagnosis of each input:
// whydenied inspect [--require TEXT|@FILE] [--key TEXT|@FILE] [--server NAME] [--now RFC3339] [--leeway DURATION] [--format text|json|markdown] [--keep-payload] [--fail-on 401,403,network] [--show-secrets] [FILE|DIR|GLOB…|-]
// With no FILE, or "-", it reads stdin. Flags may come before or after the
// files.
func inspectCmd(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("inspect", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	require := fs.String("require", "", "what the server requires: TEXT or @FILE")
	key := fs.String("key", "", "verify signatures with this key: a shared secret, PEM or JWK/JWKS; TEXT or @FILE")
	nowText := fs.String("now", "", "check times against this RFC 3339 moment instead of the clock")
	leewayText := fs.String("leeway", "0", "clock leeway: seconds (30) or a duration (30s, 5m); replaces the server profile's default skew")
	server := fs.String("server", "generic", "the validator whose rules decide: "+strings.Join(inspect.ProfileNames(), ", "))
	format := fs.String("format", "text", "text, json or markdown")
	keepPayload := fs.Bool("keep-payload", false, "markdown: include each token's whole header and payload (never the signature)")
	showSecrets := fs.Bool("show-secrets", false, "print credentials as they are instead of redacted")
	failOnText := fs.String("fail-on", "401,403,network", "verdicts that exit 3: a list of 401, 403 and network")

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
	if *format != "text" && *format != "json" && *format != "markdown" {
		return fail(stderr, exitUsage, "inspect: --format %q: want text, json or markdown", *format)
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
	opt := inspect.Options{Server: inspect.Profile(strings.ToLower(strings.TrimSpace(*server))), Leeway: leeway}
	if _, ok := inspect.LookupProfile(*server); !ok {
		return fail(stderr, exitUsage, "inspect: --server: %v", inspect.ProfileError(*server))
	}
	fs.Visit(func(f *flag.Flag) { opt.LeewaySet = opt.LeewaySet || f.Name == "leeway" })
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

	failOn, err := parseFailOn(*failOnText)
	if err != nil {
		return fail(stderr, exitUsage, "inspect: --fail-on: %v", err)
	}

	if len(files) == 0 {
		files = []string{"-"}
	}
	inputs, multi, skipped := expandInputs(files)
	// One file: its report. Several (or a directory, or a glob): one
	// report per file, as JSON Lines carrying "file" (and "error" for a
	// file that could not be read).
	var unusable, denied, unknown bool
	judged := 0
	for _, in := range inputs {
		name := in.name
		var r inspect.Report
		err := in.err
		if err == nil {
			r, err = judgeFile(name, stdin, req, now, opt, stderr, in.found)
		}
		if errors.Is(err, errNotHAR) {
			skipped++
			continue
		}
		judged++
		if err != nil {
			unusable = true
			warn(stderr, "inspect: %s: %v", displayName(name), err)
			if multi && *format == "json" {
				if err := writeJSONLine(stdout, fileError{File: displayName(name), Error: stderrLine(err.Error())}); err != nil {
					return fail(stderr, exitUsage, "inspect: %v", err)
				}
			}
			continue
		}
		if *format == "text" {
			r = textView(r)
		}
		if !*showSecrets && !(*format == "json" && !multi) {
			r = inspect.RedactReport(r)
		}
		switch {
		case *format == "json" && multi:
			err = writeJSONLine(stdout, fileReport{File: displayName(name), Report: listsNotNull(r)})
		case *format == "json":
			err = writeJSON(stdout, r, !*showSecrets)
		case *format == "markdown":
			if multi {
				_, err = fmt.Fprintf(stdout, "## %s\n\n", inspect.MarkdownCode(displayName(name)))
			}
			if err == nil {
				_, err = fmt.Fprint(stdout, inspect.FormatMarkdown(r, inspect.MarkdownOptions{KeepPayload: *keepPayload, ShowSecrets: *showSecrets}))
			}
		default:
			if multi {
				_, err = fmt.Fprintf(stdout, "== %s\n", escapeControls(displayName(name), false))
			}
			if err == nil {
				_, err = fmt.Fprint(stdout, formatText(r))
			}
		}
		if err != nil {
			return fail(stderr, exitUsage, "inspect: writing the report: %v", err)
		}
		switch {
		case r.Verdict == inspect.VerdictUnknown:
			unknown = true
			warn(stderr, "inspect: %s: verdict unknown: %s", displayName(name), r.Summary)
		case failOn[r.Verdict]:
			denied = true
		}
	}
	if skipped > 0 {
		warn(stderr, "inspect: skipped %d %s: not a HAR (.har, .har.gz, or .json holding a HAR)", skipped, plural(skipped, "file", "files"))
	}
	if judged == 0 {
		return fail(stderr, exitUsage, "inspect: no HAR found in %s", strings.Join(files, ", "))
	}
	switch {
	case unusable:
		return exitUsage
	case denied:
		return exitDenied
	case unknown:
		return exitUnknown
	}
	return exitOK
}

// judgeFile reads and judges one input. An error means nothing could be
// read (exit 2); input read in part is judged, with a line on stderr.
// A .json file found in a directory that holds no HAR is skipped
// (errNotHAR).
func judgeFile(name string, stdin io.Reader, req inspect.Requirement, now time.Time, opt inspect.Options, stderr io.Writer, found bool) (inspect.Report, error) {
	in, err := openInput(name, stdin)
	if err != nil {
		return inspect.Report{}, err
	}
	data := in.data
	if len(bytes.TrimSpace(data)) == 0 {
		in.close()
		if found {
			return inspect.Report{}, errNotHAR
		}
		return inspect.Report{}, errors.New("empty input")
	}
	c, perr := inspect.ParseBytesProgress(data, func(done, total int) {
		if total == len(data) { // not a decoded copy (UTF-16, gzip)
			in.forget(done)
		}
	})
	// What the Case holds is copied out of the input: let it go now,
	// before the diagnosis needs the room.
	data = nil
	in.close()
	if found && (c.Kind != inspect.KindHAR || errors.Is(perr, inspect.ErrNotHAR) || errors.Is(perr, inspect.ErrNotJSON)) {
		return inspect.Report{}, errNotHAR
	}
	if perr != nil && len(c.Tokens) == 0 && len(c.Entries) == 0 && len(c.Findings) == 0 {
		return inspect.Report{}, perr
	}
	if perr != nil {
		// Judged on what could be read (a cut-off command up to its
		// open quote); say so, since the verdict rests on part of it.
		warn(stderr, "inspect: %s: %v (judged on the part that could be read)", displayName(name), perr)
	}
	return inspect.DiagnoseWith(c, req, now, opt), nil
}

var errNotHAR = errors.New("not a HAR")

// inputFile is one file to judge: named on the command line, matched by a
// glob, or found in a directory (found: a .json file, skipped unless it
// holds a HAR).
type inputFile struct {
	name  string
	found bool
	err   error
}

// expandInputs turns the arguments into the files to judge: a directory
// is walked (every .har, .har.gz and .json; other files are skipped and
// counted), a glob that names no file is expanded. multi says the output
// is one report per file.
func expandInputs(args []string) (inputs []inputFile, multi bool, skipped int) {
	multi = len(args) > 1
	for _, a := range args {
		if a == "-" {
			inputs = append(inputs, inputFile{name: a})
			continue
		}
		st, err := os.Stat(a)
		if err != nil && strings.ContainsAny(a, "*?[") {
			matches, gerr := filepath.Glob(a)
			switch {
			case gerr != nil:
				inputs = append(inputs, inputFile{name: a, err: fmt.Errorf("glob: %v", gerr)})
			case len(matches) == 0:
				inputs = append(inputs, inputFile{name: a, err: errors.New("no file matches")})
			}
			multi = true
			for _, m := range matches {
				if st, err := os.Stat(m); err == nil && st.IsDir() {
					skipped += walkDir(m, &inputs)
				} else {
					inputs = append(inputs, inputFile{name: m})
				}
			}
			continue
		}
		if err == nil && st.IsDir() {
			multi = true
			skipped += walkDir(a, &inputs)
			continue
		}
		inputs = append(inputs, inputFile{name: a})
	}
	return inputs, multi, skipped
}

// walkDir adds the HAR candidates under dir, in lexical order, and
// returns how many other files it skipped. A directory that cannot be
// read is an input with its error.
func walkDir(dir string, inputs *[]inputFile) (skipped int) {
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			*inputs = append(*inputs, inputFile{name: path, err: err})
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		lower := strings.ToLower(d.Name())
		switch {
		case strings.HasSuffix(lower, ".har") || strings.HasSuffix(lower, ".har.gz"):
			*inputs = append(*inputs, inputFile{name: path})
		case strings.HasSuffix(lower, ".json"):
			// Judged only if it holds a HAR.
			*inputs = append(*inputs, inputFile{name: path, found: true})
		default:
			skipped++
		}
		return nil
	})
	if err != nil {
		*inputs = append(*inputs, inputFile{name: dir, err: err})
	}
	return skipped
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// parseFailOn reads --fail-on: the verdicts that make inspect exit 3.
func parseFailOn(s string) (map[inspect.Verdict]bool, error) {
	out := map[inspect.Verdict]bool{}
	for _, v := range strings.Split(s, ",") {
		switch v := inspect.Verdict(strings.TrimSpace(v)); v {
		case inspect.Verdict401, inspect.Verdict403, inspect.VerdictNetwork:
			out[v] = true
		case "":
		default:
			return nil, fmt.Errorf("%q: want a list of 401, 403 and network", string(v))
		}
	}
	return out, nil
}

// fileReport and fileError are the JSON Lines written for several files.
type fileReport struct {
	File string `json:"file"`
	inspect.Report
}

type fileError struct {
	File  string `json:"file"`
	Error string `json:"error"`
}

func writeJSONLine(w io.Writer, v any) error {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return err
	}
	_, err := w.Write(escapeJSONText(b.Bytes()))
	return err
}

func displayName(name string) string {
	if name == "-" {
		return "stdin"
	}
	return name
}

// textOrFile returns v, or the content of the file v names as "@FILE".
func textOrFile(v string) (string, error) {
	if !strings.HasPrefix(v, "@") {
		return v, nil
	}
	b, err := os.ReadFile(v[1:])
	return string(b), err
}

// parseLeeway reads "30" or "1.5" (seconds) or a Go duration ("30s", "5m").
func parseLeeway(s string) (time.Duration, error) {
	return inspect.ParseLeeway(s)
}

// writeJSON prints the report in the shape of DESIGN.md's CLI contract,
// redacted unless told otherwise. The entries are redacted and written one
// at a time, as they would be by encoding the whole report with a
// json.Encoder (two-space indent, no HTML escaping, escapeJSONText): the
// same bytes, without a second copy of every entry and of the whole output
// in memory.
func writeJSON(w io.Writer, r inspect.Report, redact bool) error {
	entries := r.Entries
	r.Entries = []inspect.EntryReport{}
	if redact {
		r = inspect.RedactReport(r)
	}
	var head bytes.Buffer
	enc := json.NewEncoder(&head)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(listsNotNull(r)); err != nil {
		return err
	}
	const slot = "\n  \"entries\": [],\n"
	before, after, ok := bytes.Cut(head.Bytes(), []byte(slot))
	if !ok {
		return errors.New("the report has no entries member")
	}
	bw := bufio.NewWriterSize(w, 256<<10)
	bw.Write(escapeJSONText(before))
	if len(entries) == 0 {
		bw.WriteString(slot)
	} else {
		bw.WriteString("\n  \"entries\": [")
		var one bytes.Buffer
		var indented []byte
		// EntryReport.MarshalJSON is json.Marshal of entryJSON, whose
		// output the encoder then checks and copies (compacts) before
		// indenting it: entryJSON is encoded directly, escaping HTML
		// as json.Marshal does, and indented by appendIndentJSON, for
		// the same bytes in fewer passes.
		ee := json.NewEncoder(&one)
		red := inspect.NewReportRedactor()
		toks := newTokenJSON()
		var withTokens []byte
		for i, e := range entries {
			if redact {
				e = red.Entry(e)
			}
			one.Reset()
			tokens := e.Tokens
			e.Tokens = nil
			if err := ee.Encode(entryJSON{plainEntry(listsNotNullEntry(e)), e.Index + 1}); err != nil {
				return err
			}
			indented = appendIndentJSON(indented[:0], bytes.TrimSuffix(one.Bytes(), []byte("\n")), "    ", "  ")
			if len(tokens) > 0 {
				// "tokens" is the member before "index", the last.
				const index = ",\n      \"index\": "
				at := bytes.LastIndex(indented, []byte(index))
				if at < 0 {
					return errors.New("an entry has no index member")
				}
				withTokens = append(append(withTokens[:0], indented[:at]...), ",\n      \"tokens\": ["...)
				for k, t := range tokens {
					if k > 0 {
						withTokens = append(withTokens, ',')
					}
					withTokens = append(withTokens, "\n"+tokenPrefix...)
					var err error
					if withTokens, err = toks.appendToken(withTokens, t); err != nil {
						return err
					}
				}
				withTokens = append(append(withTokens, "\n      ]"...), indented[at:]...)
				indented, withTokens = withTokens, indented
			}
			if i > 0 {
				bw.WriteByte(',')
			}
			bw.WriteString("\n    ")
			bw.Write(escapeJSONText(indented))
			if bw.Buffered() == 0 || i%64 == 63 {
				if err := bw.Flush(); err != nil {
					return err
				}
			}
		}
		bw.WriteString("\n  ],\n")
	}
	bw.Write(escapeJSONText(after))
	return bw.Flush()
}

// plainEntry is EntryReport without its MarshalJSON method, and entryJSON
// what that method encodes: the entry, its number from 1 as "index".
type plainEntry inspect.EntryReport

type entryJSON struct {
	plainEntry
	Index int `json:"index"`
}

// listsNotNullEntry is listsNotNull for one entry.
func listsNotNullEntry(e inspect.EntryReport) inspect.EntryReport {
	fillSlices(reflect.ValueOf(&e).Elem())
	return e
}

// listsNotNull makes every list of the report an array, empty ones
// included, however deep (findings of a token, headers of a request): JSON
// readers need not test for null. Raw JSON (a payload that is not JSON is
// null on purpose) and maps are left as they are.
func listsNotNull(r inspect.Report) inspect.Report {
	fillSlices(reflect.ValueOf(&r).Elem())
	return r
}

var rawMessage = reflect.TypeFor[json.RawMessage]()

// listTypes remembers, per type, whether fillSlices can change a value of
// it: whether it is, or holds, a slice other than raw JSON.
var listTypes sync.Map // reflect.Type → bool

func holdsLists(t reflect.Type) bool {
	if v, ok := listTypes.Load(t); ok {
		return v.(bool)
	}
	listTypes.Store(t, true) // a type that holds itself: assume so while looking
	holds := false
	switch t.Kind() {
	case reflect.Pointer:
		holds = holdsLists(t.Elem())
	case reflect.Struct:
		for i := 0; i < t.NumField() && !holds; i++ {
			holds = t.Field(i).IsExported() && holdsLists(t.Field(i).Type)
		}
	case reflect.Slice:
		holds = t != rawMessage
	}
	listTypes.Store(t, holds)
	return holds
}

func fillSlices(v reflect.Value) {
	if !holdsLists(v.Type()) {
		return // strings and numbers only (a header, a timing, a finding)
	}
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			fillSlices(v.Elem())
		}
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			if v.Type().Field(i).IsExported() {
				fillSlices(v.Field(i))
			}
		}
	case reflect.Slice:
		if v.Type() == rawMessage {
			return
		}
		if v.IsNil() {
			if v.CanSet() {
				v.Set(reflect.MakeSlice(v.Type(), 0, 0))
			}
			return
		}
		for i := 0; i < v.Len(); i++ {
			fillSlices(v.Index(i))
		}
	}
}

// textView keeps of each entry what the text output prints of it (number,
// method, URL, status, verdict, error, summary: inspect.FormatText), so
// that the redaction and escaping of a report of thousands of requests do
// not work through headers, bodies and tokens never printed.
func textView(r inspect.Report) inspect.Report {
	if len(r.Entries) == 0 {
		return r
	}
	es := make([]inspect.EntryReport, len(r.Entries))
	for i, e := range r.Entries {
		v := inspect.EntryReport{Index: e.Index, Verdict: e.Verdict, Error: e.Error, Summary: e.Summary,
			Request: inspect.Request{Method: e.Request.Method, URL: e.Request.URL}}
		if e.Response != nil {
			v.Response = &inspect.Response{Status: e.Response.Status}
		}
		es[i] = v
	}
	r.Entries = es
	return r
}

// formatText is inspect.FormatText with every control character of the
// input escaped: the report's strings are escaped (r is the CLI's own copy),
// and the text is checked again for what they cannot reach (JSON strings of
// a token's payload).
func formatText(r inspect.Report) string {
	escapeStrings(reflect.ValueOf(&r))
	return escapeControls(inspect.FormatText(r), true)
}
