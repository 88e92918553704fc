package inspect

// Differential tests of the quick paths the HAR diagnosis takes: each must
// give what the general code it skips gives.

import (
	"net/url"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// FuzzRequestOrigin checks the origin and the host and path read from a
// plain URL against what url.Parse gives.
func FuzzRequestOrigin(f *testing.F) {
	for _, s := range []string{"https://api.example.test/v1?x=1", "http://a:80/", "https://a:443", "https://a:", "https://a:0443/x",
		"http://a:12x/", "https://user@a/", "https://A.test/", "https://a/%zz", "https://a/ b", "https://[::1]:8080/", "https://a.test#f?x",
		"ftp://a/", "https://a/?", "http://0??", "http://000#00%0X", "https://a/x?y=\"z\"", "https://A-1.test/é"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		if got, want := requestOrigin(raw), parsedOrigin(raw); got != want {
			t.Fatalf("requestOrigin(%q) = %q, url.Parse gives %q", raw, got, want)
		}
		h, p := HostPath(raw)
		u, err := url.Parse(raw)
		if err != nil {
			if h != "" || p != raw {
				t.Fatalf("HostPath(%q) = %q %q, but url.Parse fails: %v", raw, h, p, err)
			}
			return
		}
		wp := u.EscapedPath()
		if u.RawQuery != "" {
			wp += "?" + u.RawQuery
		}
		if h != u.Host || p != wp {
			t.Fatalf("HostPath(%q) = %q %q, url.Parse gives %q %q", raw, h, p, u.Host, wp)
		}
	})
}

// FuzzQueryPairs checks the query reader against url.ParseQuery: the same
// pairs, in order.
func FuzzQueryPairs(f *testing.F) {
	for _, s := range []string{"a=1&b=2", "a=%zz&b=2", "x;y=1&z", "a+b=c+d&&=e&f", "token=eyJ.a.b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, q string) {
		want, _ := url.ParseQuery(q)
		got := url.Values{}
		for k, v := range queryPairs(q) {
			got[k] = append(got[k], v)
		}
		if !reflect.DeepEqual(map[string][]string(got), map[string][]string(want)) && !(len(got) == 0 && len(want) == 0) {
			t.Fatalf("queryPairs(%q) = %v, url.ParseQuery gives %v", q, got, want)
		}
	})
}

// FuzzMayHoldJWT checks the quick test that lets textTokens skip its
// regular expression: whenever the expression matches, it says yes.
func FuzzMayHoldJWT(f *testing.F) {
	for _, s := range []string{"Bearer eyJhbGciOiJIUzI1NiJ9.e30.sig", "ewogICJhIjogMQp9.e30.x", "e", "ye", "eeeeey", "no token here"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if jwtPattern().MatchString(s) && !mayHoldJWT(s) {
			t.Fatalf("mayHoldJWT(%q) = false, but it holds %q", s, jwtPattern().FindString(s))
		}
	})
}

// FuzzKeyBeforeMatch checks the quick test in front of keyBefore: it
// answers exactly what the expression answers.
func FuzzKeyBeforeMatch(f *testing.F) {
	for _, s := range []string{`{"access_token": "`, `"a":"`, "token=", "Authorization: Bearer ", "authorization:", "DPoP: dpop  ",
		"x bearer\t", "BEARER", "Bearer", "x ", "", "\"", "=", "a:\r\n", "Authorization: BeArEr \f", "ſ bearer ", "K dpop"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want := keyBefore().FindStringSubmatch(s)
		if got := keyBeforeMatch(s); !slices.Equal(got, want) {
			t.Fatalf("keyBeforeMatch(%q) = %q, the expression says %q", s, got, want)
		}
	})
}

// RequestTokens looks a header up in apiKeyHeaders only when its name holds
// "key" or "token": every name there must.
func TestAPIKeyHeaderNames(t *testing.T) {
	for name := range apiKeyHeaders {
		if !strings.Contains(name, "key") && !strings.Contains(name, "token") {
			t.Errorf("%q holds neither key nor token", name)
		}
	}
}

// sameName folds ASCII letters only, as header names are ASCII.
func TestSameName(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{"Authorization", "authorization", true},
		{"WWW-Authenticate", "www-authenticate", true},
		{"cookie", "COOKIE", true},
		{"cookie", "cookies", false},
		{"x-api-key", "x_api-key", false},
		{"[", "{", false}, // '[' | 0x20 is '{': not letters, not the same
	} {
		if got := sameName(c.a, c.b); got != c.want {
			t.Errorf("sameName(%q, %q) = %v", c.a, c.b, got)
		}
	}
}
