package inspect

import (
	"fmt"
	"strings"
)

// exportWithCredentials tells how to get a HAR with credentials from
// Chromium-based DevTools (Chrome 130 and later strip them by default).
const exportWithCredentials = `In Chrome or Edge DevTools open Settings (the gear) → Preferences → Network, ` +
	`tick "Allow to generate HAR with sensitive data", then in the Network panel use the download button's ` +
	`menu "Export HAR (with sensitive data)…". The file then holds live credentials: share it only with ` +
	`people you trust, or sanitize it first (whydenied sanitize).`

// credentialsStripped looks for signs that the exporter removed credentials
// from the file, so that "no credentials were sent" is not concluded from
// their absence. Chrome and Edge 130+ (creator "WebInspector") drop
// Authorization, Cookie and Set-Cookie headers and the cookie lists unless
// asked not to; sanitizers replace values with placeholders.
//
// It is a heuristic: a site that uses no cookies and no Authorization header
// at all looks the same, so the finding is a warning, not an error.
func credentialsStripped(c Case) []Finding {
	var (
		redacted      []string
		creds         bool
		authFail      = -1
		api, answered int
	)
	for i, e := range c.Entries {
		for _, h := range e.Request.Headers {
			switch strings.ToLower(h.Name) {
			case "authorization", "cookie", "proxy-authorization":
				creds = true
				if looksRedacted(h.Value) {
					redacted = append(redacted, fmt.Sprintf("#%d request %s: %s", e.Index+1, h.Name, h.Value))
				}
			}
		}
		creds = creds || len(e.Request.Cookies) > 0
		if e.Response != nil {
			if len(e.Response.Headers) > 0 {
				answered++
			}
			for _, h := range e.Response.Headers {
				if strings.EqualFold(h.Name, "set-cookie") {
					creds = true
					if looksRedacted(h.Value) {
						redacted = append(redacted, fmt.Sprintf("#%d response %s: %s", e.Index+1, h.Name, h.Value))
					}
				}
			}
			if (e.Response.Status == 401 || e.Response.Status == 403) && authFail < 0 {
				authFail = i
			}
		}
		switch e.ResourceType {
		case "xhr", "fetch", "XHR", "Fetch":
			api++
		}
	}
	if len(redacted) > 0 {
		return []Finding{newFinding(CodeHARCredentialsStripped,
			"Credentials in this HAR were replaced with placeholders",
			"The values of Authorization, Cookie or Set-Cookie headers were redacted before the file was "+
				"shared, so the tokens they held cannot be checked. Ask for the token itself (its payload is "+
				"enough for most checks) or for an export with the values kept.",
			strings.Join(redacted[:min(len(redacted), 3)], "; "))}
	}
	if creds || len(c.Entries) == 0 {
		return nil
	}
	chromium := c.Creator == "WebInspector"
	if !chromium {
		return nil
	}
	// Without a 401/403, absence only means something when there were
	// enough answers for some Set-Cookie or credential to be expected.
	if authFail < 0 && (answered < 3 || api == 0) {
		return nil
	}
	ev := fmt.Sprintf("creator %q; none of %d requests has a Cookie or Authorization header and no response has Set-Cookie", c.Creator, len(c.Entries))
	if authFail >= 0 {
		e := c.Entries[authFail]
		ev += fmt.Sprintf("; #%d %s %s got %d", e.Index+1, e.Request.Method, e.Request.URL, e.Response.Status)
	}
	return []Finding{newFinding(CodeHARCredentialsStripped,
		"This HAR was probably exported without credentials",
		"Chrome and Edge 130 and later remove Authorization, Cookie and Set-Cookie headers from a HAR "+
			"export by default, so requests that did carry a token or a session cookie look as if they carried "+
			"none. Do not conclude from this file that no credentials were sent. "+exportWithCredentials,
		ev)}
}

// looksRedacted reports whether a header value is a placeholder a sanitizer
// wrote instead of the secret.
func looksRedacted(v string) bool {
	if ascii(v) {
		return looksRedactedASCII(v)
	}
	return looksRedactedAny(v)
}

// looksRedactedAny is looksRedacted for any text.
func looksRedactedAny(v string) bool {
	l := strings.ToLower(strings.TrimSpace(v))
	if i := strings.IndexByte(l, ' '); i >= 0 && !strings.Contains(l, "=") {
		l = strings.TrimSpace(l[i+1:]) // "Bearer [REDACTED]"
	}
	if _, val, ok := strings.Cut(l, "="); ok {
		l = val // "session=redacted"
	}
	l = strings.Trim(l, "[]<>{}()*\"' ;")
	switch l {
	case "redacted", "removed", "hidden", "sanitized", "scrubbed", "filtered", "", "xxx", "xxxx", "xxxxx":
		return l != "" || strings.Contains(v, "*")
	}
	return strings.HasPrefix(l, "redacted")
}

// looksRedactedASCII is looksRedacted for ASCII text, without the lower-case
// copy of a value that is mostly a long token: on ASCII, lowering commutes
// with each step (the separators and trimmed characters are not letters),
// so the steps can run on v and only the end be compared ignoring case.
func looksRedactedASCII(v string) bool {
	l := strings.TrimSpace(v)
	if i := strings.IndexByte(l, ' '); i >= 0 && !strings.Contains(l, "=") {
		l = strings.TrimSpace(l[i+1:])
	}
	if _, val, ok := strings.Cut(l, "="); ok {
		l = val
	}
	l = strings.Trim(l, "[]<>{}()*\"' ;")
	for _, w := range []string{"redacted", "removed", "hidden", "sanitized", "scrubbed", "filtered", "xxx", "xxxx", "xxxxx"} {
		if strings.EqualFold(l, w) {
			return true
		}
	}
	if l == "" {
		return strings.Contains(v, "*")
	}
	return len(l) > len("redacted") && strings.EqualFold(l[:len("redacted")], "redacted")
}

// ascii reports whether s is all ASCII.
func ascii(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
