package inspect

import (
	"strings"
	"testing"
)

// Every option a parsed command reports has its own note, not the
// fallback; the ones that change a verdict are marked important.
func TestFlagNotes(t *testing.T) {
	c, err := Parse("curl -k -L -x http://proxy.example.test:3128 --digest -u bob:made-up --compressed --cert client.pem https://api.example.test/")
	if err != nil || len(c.Entries) != 1 {
		t.Fatalf("parse: %v, %d entries", err, len(c.Entries))
	}
	fallback, _ := FlagNote("no-such-option")
	important := map[string]bool{"insecure": true, "follow-redirects": true, "proxy": true, "digest": true, "client-cert": true, "compressed": false}
	seen := 0
	for _, f := range c.Entries[0].Request.Flags {
		name, _, _ := strings.Cut(f, "=")
		text, imp := FlagNote(name)
		if text == fallback {
			t.Errorf("option %q has no note of its own", name)
		}
		if want, ok := important[name]; ok {
			seen++
			if imp != want {
				t.Errorf("option %q: important %v, want %v", name, imp, want)
			}
		}
	}
	if seen < len(important) {
		t.Errorf("the command reported %v; want all of %v", c.Entries[0].Request.Flags, important)
	}
}
