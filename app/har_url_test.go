package ui

import (
	"net/url"
	"testing"
)

// FuzzHostPath checks the quick split of a plain URL against url.Parse.
func FuzzHostPath(f *testing.F) {
	for _, s := range []string{"https://api.example.test/v1/items/3?page=2&q=x", "http://a:8080/x", "https://a", "https://a/?",
		"https://a/p?q#f", "https://u@a/", "https://a/%20", "https://a/a b", "https://A-1.test/é", "https://a/x?a=%zz", "https://a/x?y=\"z\""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		h, p, ok := plainHostPath(raw)
		if !ok {
			return
		}
		u, err := url.Parse(raw)
		if err != nil {
			t.Fatalf("plainHostPath(%q) = %q %q, but url.Parse fails: %v", raw, h, p, err)
		}
		wh, wp := u.Host, u.EscapedPath()
		if u.RawQuery != "" {
			wp += "?" + u.RawQuery
		}
		if h != wh || p != wp {
			t.Fatalf("plainHostPath(%q) = %q %q, url.Parse gives %q %q", raw, h, p, wh, wp)
		}
	})
}
