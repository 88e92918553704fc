package ui

import (
	"net/url"
	"strings"
)

// hostPath is the host (with its port) and the path with the query of a
// request's URL, as the table shows them; a URL it cannot parse is all
// path.
func hostPath(raw string) (host, path string) {
	if h, p, ok := plainHostPath(raw); ok {
		return h, p
	}
	u, err := url.Parse(raw)
	if err != nil {
		return "", raw
	}
	host, path = u.Host, u.EscapedPath()
	if u.RawQuery != "" {
		path += "?" + u.RawQuery
	}
	return host, path
}

// plainHostPath is hostPath without url.Parse for the URLs most of a HAR
// holds: http or https, a host of plain characters, and a path and query
// that need no escaping. ok is false for anything else.
func plainHostPath(raw string) (host, path string, ok bool) {
	rest, found := strings.CutPrefix(raw, "https://")
	if !found {
		if rest, found = strings.CutPrefix(raw, "http://"); !found {
			return "", "", false
		}
	}
	rest, frag, _ := strings.Cut(rest, "#")
	for i := 0; i < len(frag); i++ {
		if c := frag[i]; c <= 0x20 || c >= 0x7f || c == '%' {
			return "", "", false // url.Parse checks a fragment's escapes
		}
	}
	end := strings.IndexAny(rest, "/?")
	if end < 0 {
		end = len(rest)
	}
	host, path = rest[:end], rest[end:]
	if host == "" {
		return "", "", false
	}
	for i := 0; i < len(host); i++ {
		if c := host[i]; !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '-') {
			return "", "", false
		}
	}
	inQuery := false
	for i := 0; i < len(path); i++ {
		c := path[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
		case strings.IndexByte("-._~/!$&'()*+,;=:@", c) >= 0:
		case c == '?' && !inQuery:
			inQuery = true
		case inQuery && c > 0x20 && c < 0x7f && c != '"' && c != '<' && c != '>' && c != '\\' && c != '^' && c != '`' && c != '{' && c != '|' && c != '}' && c != '%':
		default:
			return "", "", false
		}
	}
	if q := strings.IndexByte(path, '?'); q >= 0 && q == len(path)-1 {
		path = path[:q] // url.Parse drops an empty query
	}
	return host, path, true
}
