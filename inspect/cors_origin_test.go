package inspect

import (
	"context"
	"strings"
	"testing"
	"time"
)

// A cross-origin request that failed with net::ERR_FAILED and no status,
// with no Origin header and no preflight recorded: the headers that show
// the page's origin decide between network.cors and network.failed, and
// the detail says which header it rests on, or that none shows it.
func TestFailedWithoutOriginHeader(t *testing.T) {
	for _, c := range []struct {
		name, headers, code, detail string
	}{
		{"sec-fetch-site only", `{"name":"Sec-Fetch-Site","value":"cross-site"}`, CodeNetworkCORS, "A page of another origin called https://api.test, another origin (Sec-Fetch-Site: cross-site)"},
		{"referer", `{"name":"Referer","value":"https://app.test/x"}`, CodeNetworkCORS, "The page at https://app.test called https://api.test, another origin (Referer: https://app.test/x)"},
		{"same origin", `{"name":"Sec-Fetch-Site","value":"same-origin"},{"name":"Referer","value":"https://elsewhere.test/"}`, CodeNetworkFailed, "same-origin (Sec-Fetch-Site: same-origin), so CORS does not apply"},
		{"origin same", `{"name":"Origin","value":"https://api.test"}`, CodeNetworkFailed, "so CORS does not apply"},
		{"nothing", `{"name":"Accept","value":"*/*"}`, CodeNetworkFailed, "the file does not show whether the request was cross-origin"},
	} {
		har := `{"log":{"entries":[{"startedDateTime":"2026-01-01T00:00:00Z","request":{"method":"GET","url":"https://api.test/v1","headers":[` + c.headers +
			`]},"response":{"status":0,"headers":[],"_error":"net::ERR_FAILED"}}]}}`
		hc, err := ParseHAR(context.Background(), []byte(har), nil)
		if err != nil {
			t.Fatal(err)
		}
		r := Diagnose(hc, Requirement{}, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), 0)
		if r.Verdict != VerdictNetwork {
			t.Errorf("%s: verdict %s, want network", c.name, r.Verdict)
		}
		var got *Finding
		for i, f := range r.Entries[0].Findings {
			if f.Code == CodeNetworkCORS || f.Code == CodeNetworkFailed {
				got = &r.Entries[0].Findings[i]
			}
		}
		if got == nil || got.Code != c.code || !strings.Contains(got.Detail, c.detail) {
			t.Errorf("%s: got %+v\nwant %s with %q", c.name, got, c.code, c.detail)
		}
	}
}
