package inspect

import (
	"context"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// entryNumber finds the ways reports number an entry for people: "#3",
// "entry 3", "request 3". log.entries[2] is a JSON path into the file (its
// array index, from 0) and is not one of them, nor is Akamai's
// "Reference #18.a1b2…".
var entryNumber = regexp.MustCompile(`(?:#|\bentry |\brequest )(-?\d+)(\.\w)?`)

// Entry numbers are the same everywhere people read them: from 1, as the
// page's table shows them, in every finding's evidence, every sentence and
// the text output, for every HAR golden case and the cases made here.
func TestEntryNumbersFromOne(t *testing.T) {
	files, _ := filepath.Glob("../testdata/har/*.txtar")
	if len(files) == 0 {
		t.Fatal("no golden HAR cases")
	}
	seen := 0
	check := func(name, where, s string, n int) {
		t.Helper()
		for _, m := range entryNumber.FindAllStringSubmatch(s, -1) {
			if m[2] != "" {
				continue
			}
			k, _ := strconv.Atoi(m[1])
			seen++
			if k < 1 || k > n {
				t.Errorf("%s: %s numbers an entry %q, outside 1…%d: %s", name, where, m[0], n, s)
			}
		}
	}
	judge := func(name, har string) Report {
		c, _ := ParseHAR(context.Background(), []byte(har), nil)
		r := Diagnose(c, Requirement{}, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), 0)
		n := len(r.Entries)
		check(name, "the summary", r.Summary, n)
		for _, f := range r.Findings {
			check(name, f.Code+"'s evidence", f.Evidence, n)
		}
		for _, er := range r.Entries {
			check(name, "an entry's summary", er.Summary, n)
			for _, f := range er.Findings {
				check(name, f.Code+"'s evidence", f.Evidence, n)
			}
		}
		for _, l := range strings.Split(FormatText(r), "\n") {
			if strings.HasPrefix(l, "entry ") {
				check(name, "the text output", l, n)
			}
		}
		return r
	}
	for _, path := range files {
		f := readTxtar(t, path)
		judge(filepath.Base(path), buildTokens(t, f, f.data["har"]))
	}
	// Chromium's stripped export: the 401 is the second entry.
	r := judge("stripped", `{"log":{"creator":{"name":"WebInspector"},"entries":[
		{"startedDateTime":"2026-01-01T00:00:00Z","_resourceType":"fetch","request":{"method":"GET","url":"https://a.test/","headers":[]},"response":{"status":200,"headers":[{"name":"content-type","value":"text/html"}]}},
		{"startedDateTime":"2026-01-01T00:00:01Z","_resourceType":"fetch","request":{"method":"GET","url":"https://a.test/api","headers":[]},"response":{"status":401,"headers":[{"name":"content-type","value":"application/json"}]}}]}}`)
	if len(r.Findings) == 0 || r.Findings[0].Code != CodeHARCredentialsStripped || !strings.Contains(r.Findings[0].Evidence, "#2 GET https://a.test/api got 401") {
		t.Errorf("stripped: the evidence should name the 401 as #2: %+v", r.Findings)
	}
	// Placeholders in the first entry's headers.
	r = judge("placeholders", `{"log":{"entries":[
		{"startedDateTime":"2026-01-01T00:00:00Z","request":{"method":"GET","url":"https://a.test/api","headers":[{"name":"Authorization","value":"Bearer [REDACTED]"}]},"response":{"status":401,"headers":[]}}]}}`)
	if len(r.Findings) == 0 || !strings.Contains(r.Findings[0].Evidence, "#1 request Authorization") {
		t.Errorf("placeholders: the evidence should name #1: %+v", r.Findings)
	}
	if seen < 10 {
		t.Errorf("only %d entry numbers seen: the check reads too little", seen)
	}
}
