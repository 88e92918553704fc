package inspect

import "testing"

// The error texts browsers and exporters write for a request without an
// answer, each with the code its cause belongs to.
func TestClassifyNetError(t *testing.T) {
	cases := []struct{ msg, code string }{
		{"net::ERR_BLOCKED_BY_CSP", CodeNetworkBlockedByBrowser},
		{"blocked:mixed-content", CodeNetworkBlockedByBrowser},
		{"net::ERR_BLOCKED_BY_ORB", CodeNetworkBlockedByBrowser},
		{"net::ERR_BLOCKED_BY_CLIENT", CodeNetworkBlockedByClient},
		{"net::ERR_BLOCKED_BY_ADMINISTRATOR", CodeNetworkBlockedByPolicy},
		{"net::ERR_NAME_NOT_RESOLVED", CodeNetworkDNS},
		{"NS_ERROR_UNKNOWN_HOST", CodeNetworkDNS},
		{"net::ERR_CERT_AUTHORITY_INVALID", CodeNetworkTLS},
		{"net::ERR_CONNECTION_REFUSED", CodeNetworkRefused},
		{"net::ERR_TIMED_OUT", CodeNetworkTimeout},
		{"net::ERR_INTERNET_DISCONNECTED", CodeNetworkOffline},
		{"net::ERR_PROXY_CONNECTION_FAILED", CodeNetworkProxy},
		{"net::ERR_ABORTED", CodeNetworkAborted},
		{"net::ERR_SOMETHING_NEW", CodeNetworkFailed},
	}
	for _, c := range cases {
		f := classifyNetError(c.msg, "GET https://api.example/")
		if f.Code != c.code {
			t.Errorf("%s: code %s, want %s", c.msg, f.Code, c.code)
		}
		if info, _ := LookupCode(c.code); f.Severity != info.Severity {
			t.Errorf("%s: severity %s, want the code's default %s", c.msg, f.Severity, info.Severity)
		}
	}
}
