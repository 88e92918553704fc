package inspect

import (
	"net/url"
	"strings"
)

// Most URLs in a HAR are plain: http or https, a host name and a path and
// query that need no escaping. The functions here read those without
// url.Parse, which the diagnosis and the page's table would otherwise call
// for every request, and give what url.Parse gives (fuzz targets compare
// them); anything else goes through url.Parse.

// plainAuthority splits an http or https URL whose authority is a host name
// or IPv4 address of ASCII letters, digits, dots and hyphens, with an
// optional port, into its scheme, host, port and what follows (path,
// query, fragment). ok is false for anything else.
func plainAuthority(raw string) (scheme, host, port, rest string, ok bool) {
	switch {
	case strings.HasPrefix(raw, "https://"):
		scheme = "https"
	case strings.HasPrefix(raw, "http://"):
		scheme = "http"
	default:
		return "", "", "", "", false
	}
	rest = raw[len(scheme)+3:]
	end := strings.IndexAny(rest, "/?#")
	if end < 0 {
		end = len(rest)
	}
	host, rest = rest[:end], rest[end:]
	if h, p, found := strings.Cut(host, ":"); found {
		if p == "" || strings.Trim(p, "0123456789") != "" {
			return "", "", "", "", false
		}
		host, port = h, p
	}
	if host == "" {
		return "", "", "", "", false
	}
	for i := 0; i < len(host); i++ {
		if c := host[i]; !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '-') {
			return "", "", "", "", false
		}
	}
	return scheme, host, port, rest, true
}

// plainRest reports whether the path, query and fragment of a URL are ones
// url.Parse reads as they are, and EscapedPath gives back unchanged.
func plainRest(rest string) bool {
	rest, frag, _ := strings.Cut(rest, "#")
	for i := 0; i < len(frag); i++ {
		if c := frag[i]; c <= 0x20 || c >= 0x7f || c == '%' {
			return false
		}
	}
	inQuery := false
	for i := 0; i < len(rest); i++ {
		c := rest[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
		case strings.IndexByte("-._~/!$&'()*+,;=:@", c) >= 0:
		case c == '?' && !inQuery:
			inQuery = true
		case inQuery && c > 0x20 && c < 0x7f && strings.IndexByte("\"<>\\^`{|}%", c) < 0:
		default:
			return false
		}
	}
	return true
}

// requestOrigin is the origin (scheme://host[:port], lower case, default
// port dropped) of a request URL, or "" when it has none.
func requestOrigin(raw string) string {
	if scheme, host, port, rest, ok := plainAuthority(raw); ok && plainRest(rest) {
		if scheme == "https" && port == "443" || scheme == "http" && port == "80" {
			port = ""
		}
		o := scheme + "://" + strings.ToLower(host)
		if port != "" {
			o += ":" + port
		}
		return o
	}
	return parsedOrigin(raw)
}

// parsedOrigin is requestOrigin through url.Parse.
func parsedOrigin(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Scheme == "" || u.Host == "" {
		return ""
	}
	host := strings.ToLower(u.Host)
	switch {
	case u.Scheme == "https" && strings.HasSuffix(host, ":443"):
		host = strings.TrimSuffix(host, ":443")
	case u.Scheme == "http" && strings.HasSuffix(host, ":80"):
		host = strings.TrimSuffix(host, ":80")
	}
	return strings.ToLower(u.Scheme) + "://" + host
}

// HostPath splits a request's URL as the page's table of requests shows
// it: the host (with its port) and the path with its query, escaped as
// url.URL.EscapedPath escapes it. A URL that does not parse is all path.
func HostPath(raw string) (host, path string) {
	if _, h, port, rest, ok := plainAuthority(raw); ok && plainRest(rest) {
		if port != "" {
			h += ":" + port
		}
		rest, _, _ = strings.Cut(rest, "#")
		if q := strings.IndexByte(rest, '?'); q >= 0 && q == len(rest)-1 {
			rest = rest[:q] // url.Parse drops an empty query
		}
		return h, rest
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
