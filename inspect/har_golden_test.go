package inspect

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestHARGolden runs every testdata/har/*.txtar case: the "har" section
// (tokens built from header:/claims: sections as in TestGolden) goes
// through ParseHAR and Diagnose with "requirement" and "now" (default
// 2026-01-01T00:00:00Z); harSummary of the result must equal "want". Run
// with -update to rewrite "want", then read the diff. testdata/README.md
// describes the format.
func TestHARGolden(t *testing.T) {
	files, _ := filepath.Glob("../testdata/har/*.txtar")
	if len(files) == 0 {
		t.Fatal("no golden files found in ../testdata/har")
	}
	for _, path := range files {
		t.Run(strings.TrimSuffix(filepath.Base(path), ".txtar"), func(t *testing.T) {
			f := readTxtar(t, path)
			input := buildTokens(t, f, f.data["har"])
			if strings.Contains(f.comment, "[bom]") {
				input = "\uFEFF" + input
			}
			now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
			if s := strings.TrimSpace(f.data["now"]); s != "" {
				var err error
				if now, err = time.Parse(time.RFC3339, s); err != nil {
					t.Fatal(err)
				}
			}
			req, err := ParseRequirement(f.data["requirement"])
			if err != nil {
				t.Fatal(err)
			}
			c, perr := ParseHAR(context.Background(), []byte(input), nil)
			got := harSummary(c, perr, Diagnose(c, req, now, 0))
			f.check(t, path, "harSummary", got)
		})
	}
}

// harSummary is the golden form of a HAR's diagnosis: what was read of each
// entry and every finding's code, severity and title; evidence only where
// it is the point (vendor rules quote it).
func harSummary(c Case, perr error, r Report) string {
	var b strings.Builder
	if perr != nil {
		fmt.Fprintf(&b, "error: %v\n", perr)
	}
	primary := "none"
	if r.Primary >= 0 {
		primary = fmt.Sprintf("#%d", r.Entries[r.Primary].Index+1)
	}
	fmt.Fprintf(&b, "creator: %s\nverdict: %s (primary %s)\nsummary: %s\n", c.Creator, r.Verdict, primary, r.Summary)
	for _, f := range r.Findings {
		fmt.Fprintf(&b, "finding: %s %s: %s\n", f.Code, f.Severity, f.Title)
		if strings.HasPrefix(f.Code, "har.") {
			fmt.Fprintf(&b, "  detail: %s\n  evidence: %s\n", f.Detail, f.Evidence)
		}
	}
	for _, er := range r.Entries {
		status := "-"
		if er.Response != nil {
			status = fmt.Sprint(er.Response.Status)
		}
		fmt.Fprintf(&b, "entry %d %s %s %s status=%s verdict=%s failed=%v", er.Index+1, er.Started.UTC().Format("15:04:05.000"), er.Request.Method, er.Request.URL, status, er.Verdict, er.Failed)
		if er.Error != nil {
			fmt.Fprintf(&b, " error=%q", *er.Error)
		}
		if er.ResourceType != "" {
			fmt.Fprintf(&b, " type=%s", er.ResourceType)
		}
		b.WriteString("\n")
		if er.Response != nil && er.Response.BodyExcerpt != "" {
			fmt.Fprintf(&b, "  body: %q\n", shorten(er.Response.BodyExcerpt, 60))
		}
		for _, f := range er.Findings {
			fmt.Fprintf(&b, "  %s %s: %s\n", f.Code, f.Severity, f.Title)
			if strings.HasPrefix(f.Code, "vendor.") || f.Code == CodeWAFBlock || f.Code == CodeIAMDenied || f.Code == CodeCSRFFailed || f.Code == CodeProxyBlock {
				fmt.Fprintf(&b, "    evidence: %s\n", f.Evidence)
			}
		}
	}
	return b.String()
}

// TestHARGoldenTokensMadeUp keeps real credentials out of the golden files:
// every JWT there is built from its sections and signed with the made-up
// test key.
func TestHARGoldenTokensMadeUp(t *testing.T) {
	files, _ := filepath.Glob("../testdata/har/*.txtar")
	for _, path := range files {
		f := readTxtar(t, path)
		if s := f.data["har"]; jwtPattern().MatchString(s) {
			t.Errorf("%s: the har section holds a literal JWT; use {{token:NAME}}", path)
		}
	}
}
