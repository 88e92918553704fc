package inspect

import "testing"

// -r/--range as curl 7.88 sends it (tool_getparam.c): a lone number gets
// the dash curl appends, read as a number (leading zeros go); anything with
// a dash, or not starting with a digit, is sent as written.
func TestCurlRange(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"600", "600-"},
		{"0", "0-"},
		{"0600", "600-"},
		{"0-499", "0-499"},
		{"-500", "-500"},
		{"0-0,-1", "0-0,-1"},
		{"bytes", "bytes"},
	} {
		if got := curlRange(tt.in); got != tt.want {
			t.Errorf("curlRange(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// The h2c upgrade headers appear only for --http2 over http:// (RFC 7540
// §3.2): not over https:// (ALPN decides there), not with
// --http2-prior-knowledge (HTTP/2 from the first byte), not when a later
// option picks another version. The real-curl test checks the cases a
// plain HTTP/1.1 server can answer.
func TestCurlHTTP2Upgrade(t *testing.T) {
	for _, tt := range []struct {
		cmd     string
		upgrade bool
	}{
		{"curl --http2 http://a.test/", true},
		{"curl --http2 https://a.test/", false},
		{"curl --http2-prior-knowledge http://a.test/", false},
		{"curl --http2 --http1.1 http://a.test/", false},
		{"curl --http1.1 --http2 http://a.test/", true},
		{"curl http://a.test/", false},
	} {
		c, err := ParseCommand(tt.cmd)
		if err != nil || len(c.Entries) != 1 {
			t.Fatalf("ParseCommand(%q) = %d entries, %v", tt.cmd, len(c.Entries), err)
		}
		_, up := header(c.Entries[0].Request.Headers, "upgrade")
		_, settings := header(c.Entries[0].Request.Headers, "http2-settings")
		conn, _ := header(c.Entries[0].Request.Headers, "connection")
		if up != tt.upgrade || settings != tt.upgrade || (tt.upgrade && conn != "Upgrade, HTTP2-Settings") {
			t.Errorf("ParseCommand(%q): Upgrade %v, HTTP2-Settings %v, Connection %q; want the upgrade headers %v", tt.cmd, up, settings, conn, tt.upgrade)
		}
	}
}
