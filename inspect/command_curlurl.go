package inspect

import (
	"strings"
)

// curlURL is a URL split the way curl's URL parser splits it. The host keeps
// its case (curl sends Host as written); query and path are not re-encoded.
type curlURL struct {
	scheme       string
	user, pass   string
	hasUser      bool
	host, port   string
	path, query  string
	hasQuery     bool
	guessed      bool // no scheme was written
	spaces, glob bool
	hostMissing  bool
	hasFragment  bool
	fragment     string
}

// parseCurlURL splits raw. It does not fail: problems curl would refuse
// the URL for are reported by the flags on the result.
func parseCurlURL(raw string, pathAsIs bool) curlURL {
	var u curlURL
	rest := raw
	if i := strings.Index(raw, "://"); i > 0 && validScheme(raw[:i]) {
		u.scheme, rest = strings.ToLower(raw[:i]), raw[i+3:]
	} else {
		u.scheme, u.guessed = guessScheme(raw), true
	}
	end := strings.IndexAny(rest, "/?#")
	if end < 0 {
		end = len(rest)
	}
	authority, tail := rest[:end], rest[end:]
	if at := strings.LastIndexByte(authority, '@'); at >= 0 {
		userinfo := authority[:at]
		authority = authority[at+1:]
		user, pass, _ := strings.Cut(userinfo, ":")
		u.user, u.pass, u.hasUser = percentDecode(user), percentDecode(pass), true
	}
	if strings.HasPrefix(authority, "[") {
		if j := strings.IndexByte(authority, ']'); j >= 0 {
			u.host = authority[:j+1]
			u.port = strings.TrimPrefix(authority[j+1:], ":")
		} else {
			u.host = authority
		}
	} else if j := strings.LastIndexByte(authority, ':'); j >= 0 {
		u.host, u.port = authority[:j], authority[j+1:]
	} else {
		u.host = authority
	}
	u.hostMissing = u.host == ""
	if i := strings.IndexByte(tail, '#'); i >= 0 {
		u.fragment, u.hasFragment = tail[i+1:], true
		tail = tail[:i]
	}
	if i := strings.IndexByte(tail, '?'); i >= 0 {
		u.query, u.hasQuery = tail[i+1:], true
		tail = tail[:i]
	}
	u.path = tail
	if u.path == "" {
		u.path = "/"
	}
	if !pathAsIs {
		u.path = removeDotSegments(u.path)
	}
	u.spaces = strings.IndexFunc(raw, func(r rune) bool { return r <= ' ' || r == 0x7f }) >= 0
	globbed := raw
	if strings.HasPrefix(u.host, "[") {
		globbed = strings.Replace(raw, u.host, "", 1)
	}
	u.glob = strings.ContainsAny(globbed, "[]{}")
	return u
}

func validScheme(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		alpha := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
		if !alpha && (i == 0 || !(c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.')) {
			return false
		}
	}
	return true
}

// guessScheme is curl's guess for a URL written without a scheme.
func guessScheme(raw string) string {
	l := strings.ToLower(raw)
	for _, p := range []string{"ftp", "dict", "ldap", "imap", "smtp", "pop3"} {
		if strings.HasPrefix(l, p+".") {
			return p
		}
	}
	return "http"
}

func defaultPort(scheme string) string {
	switch scheme {
	case "http", "ws":
		return "80"
	case "https", "wss":
		return "443"
	}
	return ""
}

// hostHeader is the Host header curl sends: the host as written, with the
// port unless it is the scheme's default.
func (u curlURL) hostHeader() string {
	if u.port == "" || u.port == defaultPort(u.scheme) {
		return u.host
	}
	return u.host + ":" + u.port
}

// String is the URL as requested: no credentials, no fragment.
func (u curlURL) String() string {
	s := u.scheme + "://" + u.host
	if u.port != "" {
		s += ":" + u.port
	}
	s += u.path
	if u.hasQuery {
		s += "?" + u.query
	}
	return s
}

// removeDotSegments is RFC 3986 section 5.2.4.
func removeDotSegments(p string) string {
	if !strings.Contains(p, ".") {
		return p
	}
	var out []string
	segs := strings.Split(p, "/")
	for i, s := range segs {
		last := i == len(segs)-1
		switch s {
		case ".":
			if last {
				out = append(out, "")
			}
		case "..":
			if len(out) > 1 {
				out = out[:len(out)-1]
			}
			if last {
				out = append(out, "")
			}
		default:
			out = append(out, s)
		}
	}
	r := strings.Join(out, "/")
	if !strings.HasPrefix(r, "/") {
		r = "/" + r
	}
	return r
}

// percentDecode decodes %XX; malformed escapes are kept as they are.
func percentDecode(s string) string {
	if !strings.Contains(s, "%") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) {
			b.WriteByte(unhex(s[i+1])<<4 | unhex(s[i+2]))
			i += 2
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case c >= '0' && c <= '9':
		return c - '0'
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10
	}
	return 0
}
