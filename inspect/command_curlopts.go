package inspect

import "strings"

// curlOptKind says whether an option takes a value.
type curlOptKind uint8

const (
	optNone curlOptKind = iota // a switch that cannot be negated (--http2)
	optBool                    // a switch that also exists as --no-NAME
	optArg                     // takes a value: the next argument, or attached (-XPOST)
)

// curlOpt is one entry of curl's option table (src/tool_getparam.c).
type curlOpt struct {
	long  string
	short byte
	kind  curlOptKind
	// newer marks options added after curl 7.88: they are matched by their
	// full name only, because the curl versions that know them no longer
	// accept abbreviations.
	newer bool
}

// curlOptions is curl's option table, sorted by long name. Prefix matching
// depends on it being complete: an abbreviation is accepted only when it
// names exactly one option, as curl 7.x does.
var curlOptions = []curlOpt{
	{"abstract-unix-socket", 0, optArg, false},
	{"alpn", 0, optBool, false},
	{"alt-svc", 0, optArg, false},
	{"anyauth", 0, optNone, false},
	{"append", 'a', optBool, false},
	{"aws-sigv4", 0, optArg, false},
	{"basic", 0, optBool, false},
	{"buffer", 'N', optBool, false},
	{"ca-native", 0, optBool, true},
	{"cacert", 0, optArg, false},
	{"capath", 0, optArg, false},
	{"cert", 'E', optArg, false},
	{"cert-status", 0, optBool, false},
	{"cert-type", 0, optArg, false},
	{"ciphers", 0, optArg, false},
	{"clobber", 0, optBool, false},
	{"compressed", 0, optBool, false},
	{"compressed-ssh", 0, optBool, false},
	{"config", 'K', optArg, false},
	{"connect-timeout", 0, optArg, false},
	{"connect-to", 0, optArg, false},
	{"continue-at", 'C', optArg, false},
	{"cookie", 'b', optArg, false},
	{"cookie-jar", 'c', optArg, false},
	{"create-dirs", 0, optBool, false},
	{"create-file-mode", 0, optArg, false},
	{"crlf", 0, optBool, false},
	{"crlfile", 0, optArg, false},
	{"curves", 0, optArg, false},
	{"data", 'd', optArg, false},
	{"data-ascii", 0, optArg, false},
	{"data-binary", 0, optArg, false},
	{"data-raw", 0, optArg, false},
	{"data-urlencode", 0, optArg, false},
	{"delegation", 0, optArg, false},
	{"digest", 0, optBool, false},
	{"disable", 'q', optBool, false},
	{"disable-eprt", 0, optBool, false},
	{"disable-epsv", 0, optBool, false},
	{"disallow-username-in-url", 0, optBool, false},
	{"dns-interface", 0, optArg, false},
	{"dns-ipv4-addr", 0, optArg, false},
	{"dns-ipv6-addr", 0, optArg, false},
	{"dns-servers", 0, optArg, false},
	{"doh-cert-status", 0, optBool, false},
	{"doh-insecure", 0, optBool, false},
	{"doh-url", 0, optArg, false},
	{"dump-ca-embed", 0, optNone, true},
	{"dump-header", 'D', optArg, false},
	{"ech", 0, optArg, true},
	{"egd-file", 0, optArg, false},
	{"engine", 0, optArg, false},
	{"eprt", 0, optBool, false},
	{"epsv", 0, optBool, false},
	{"etag-compare", 0, optArg, false},
	{"etag-save", 0, optArg, false},
	{"expect100-timeout", 0, optArg, false},
	{"fail", 'f', optBool, false},
	{"fail-early", 0, optBool, false},
	{"fail-with-body", 0, optBool, false},
	{"false-start", 0, optBool, false},
	{"follow", 0, optBool, true},
	{"form", 'F', optArg, false},
	{"form-escape", 0, optBool, false},
	{"form-string", 0, optArg, false},
	{"ftp-account", 0, optArg, false},
	{"ftp-alternative-to-user", 0, optArg, false},
	{"ftp-create-dirs", 0, optBool, false},
	{"ftp-method", 0, optArg, false},
	{"ftp-pasv", 0, optNone, false},
	{"ftp-port", 'P', optArg, false},
	{"ftp-pret", 0, optBool, false},
	{"ftp-skip-pasv-ip", 0, optBool, false},
	{"ftp-ssl", 0, optBool, false},
	{"ftp-ssl-ccc", 0, optBool, false},
	{"ftp-ssl-ccc-mode", 0, optArg, false},
	{"ftp-ssl-control", 0, optBool, false},
	{"ftp-ssl-reqd", 0, optBool, false},
	{"get", 'G', optBool, false},
	{"globoff", 'g', optBool, false},
	{"happy-eyeballs-timeout-ms", 0, optArg, false},
	{"haproxy-clientip", 0, optArg, true},
	{"haproxy-protocol", 0, optBool, false},
	{"head", 'I', optBool, false},
	{"header", 'H', optArg, false},
	{"help", 'h', optBool, false},
	{"hostpubmd5", 0, optArg, false},
	{"hostpubsha256", 0, optArg, false},
	{"hsts", 0, optArg, false},
	{"http0.9", 0, optBool, false},
	{"http1.0", '0', optNone, false},
	{"http1.1", 0, optNone, false},
	{"http2", 0, optNone, false},
	{"http2-prior-knowledge", 0, optNone, false},
	{"http3", 0, optNone, false},
	{"http3-only", 0, optNone, false},
	{"ignore-content-length", 0, optBool, false},
	{"include", 'i', optBool, false},
	{"insecure", 'k', optBool, false},
	{"interface", 0, optArg, false},
	{"ip-tos", 0, optArg, true},
	{"ipfs-gateway", 0, optArg, true},
	{"ipv4", '4', optNone, false},
	{"ipv6", '6', optNone, false},
	{"json", 0, optArg, false},
	{"junk-session-cookies", 'j', optBool, false},
	{"keepalive", 0, optBool, false},
	{"keepalive-cnt", 0, optArg, true},
	{"keepalive-time", 0, optArg, false},
	{"key", 0, optArg, false},
	{"key-type", 0, optArg, false},
	{"krb", 0, optArg, false},
	{"krb4", 0, optArg, false},
	{"libcurl", 0, optArg, false},
	{"limit-rate", 0, optArg, false},
	{"list-only", 'l', optBool, false},
	{"local-port", 0, optArg, false},
	{"location", 'L', optBool, false},
	{"location-trusted", 0, optBool, false},
	{"login-options", 0, optArg, false},
	{"mail-auth", 0, optArg, false},
	{"mail-from", 0, optArg, false},
	{"mail-rcpt", 0, optArg, false},
	{"mail-rcpt-allowfails", 0, optBool, false},
	{"manual", 'M', optBool, false},
	{"max-filesize", 0, optArg, false},
	{"max-redirs", 0, optArg, false},
	{"max-time", 'm', optArg, false},
	{"metalink", 0, optBool, false},
	{"mptcp", 0, optBool, true},
	{"negotiate", 0, optBool, false},
	{"netrc", 'n', optBool, false},
	{"netrc-file", 0, optArg, false},
	{"netrc-optional", 0, optBool, false},
	{"next", ':', optNone, false},
	{"noproxy", 0, optArg, false},
	{"npn", 0, optBool, false},
	{"ntlm", 0, optBool, false},
	{"ntlm-wb", 0, optBool, false},
	{"oauth2-bearer", 0, optArg, false},
	{"out-null", 0, optBool, true},
	{"output", 'o', optArg, false},
	{"output-dir", 0, optArg, false},
	{"parallel", 'Z', optBool, false},
	{"parallel-immediate", 0, optBool, false},
	{"parallel-max", 0, optArg, false},
	{"parallel-max-host", 0, optArg, true},
	{"pass", 0, optArg, false},
	{"path-as-is", 0, optBool, false},
	{"pinnedpubkey", 0, optArg, false},
	{"post301", 0, optBool, false},
	{"post302", 0, optBool, false},
	{"post303", 0, optBool, false},
	{"preproxy", 0, optArg, false},
	{"progress-bar", '#', optBool, false},
	{"progress-meter", 0, optBool, false},
	{"proto", 0, optArg, false},
	{"proto-default", 0, optArg, false},
	{"proto-redir", 0, optArg, false},
	{"proxy", 'x', optArg, false},
	{"proxy-anyauth", 0, optBool, false},
	{"proxy-basic", 0, optBool, false},
	{"proxy-ca-native", 0, optBool, true},
	{"proxy-cacert", 0, optArg, false},
	{"proxy-capath", 0, optArg, false},
	{"proxy-cert", 0, optArg, false},
	{"proxy-cert-type", 0, optArg, false},
	{"proxy-ciphers", 0, optArg, false},
	{"proxy-crlfile", 0, optArg, false},
	{"proxy-digest", 0, optBool, false},
	{"proxy-header", 0, optArg, false},
	{"proxy-http2", 0, optBool, true},
	{"proxy-insecure", 0, optBool, false},
	{"proxy-key", 0, optArg, false},
	{"proxy-key-type", 0, optArg, false},
	{"proxy-negotiate", 0, optBool, false},
	{"proxy-ntlm", 0, optBool, false},
	{"proxy-pass", 0, optArg, false},
	{"proxy-pinnedpubkey", 0, optArg, false},
	{"proxy-service-name", 0, optArg, false},
	{"proxy-ssl-allow-beast", 0, optBool, false},
	{"proxy-ssl-auto-client-cert", 0, optBool, false},
	{"proxy-tls13-ciphers", 0, optArg, false},
	{"proxy-tlsauthtype", 0, optArg, false},
	{"proxy-tlspassword", 0, optArg, false},
	{"proxy-tlsuser", 0, optArg, false},
	{"proxy-tlsv1", 0, optNone, false},
	{"proxy-user", 'U', optArg, false},
	{"proxy1.0", 0, optArg, false},
	{"proxytunnel", 'p', optBool, false},
	{"pubkey", 0, optArg, false},
	{"quote", 'Q', optArg, false},
	{"random-file", 0, optArg, false},
	{"range", 'r', optArg, false},
	{"rate", 0, optArg, false},
	{"raw", 0, optBool, false},
	{"referer", 'e', optArg, false},
	{"remote-header-name", 'J', optBool, false},
	{"remote-name", 'O', optBool, false},
	{"remote-name-all", 0, optBool, false},
	{"remote-time", 'R', optBool, false},
	{"remove-on-error", 0, optBool, false},
	{"request", 'X', optArg, false},
	{"request-target", 0, optArg, false},
	{"resolve", 0, optArg, false},
	{"retry", 0, optArg, false},
	{"retry-all-errors", 0, optBool, false},
	{"retry-connrefused", 0, optBool, false},
	{"retry-delay", 0, optArg, false},
	{"retry-max-time", 0, optArg, false},
	{"sasl-authzid", 0, optArg, false},
	{"sasl-ir", 0, optBool, false},
	{"service-name", 0, optArg, false},
	{"sessionid", 0, optBool, false},
	{"show-error", 'S', optBool, false},
	{"show-headers", 0, optBool, true},
	{"sigalgs", 0, optArg, true},
	{"silent", 's', optBool, false},
	{"skip-existing", 0, optBool, true},
	{"socks4", 0, optArg, false},
	{"socks4a", 0, optArg, false},
	{"socks5", 0, optArg, false},
	{"socks5-basic", 0, optBool, false},
	{"socks5-gssapi", 0, optBool, false},
	{"socks5-gssapi-nec", 0, optBool, false},
	{"socks5-gssapi-service", 0, optArg, false},
	{"socks5-hostname", 0, optArg, false},
	{"speed-limit", 'Y', optArg, false},
	{"speed-time", 'y', optArg, false},
	{"ssl", 0, optBool, false},
	{"ssl-allow-beast", 0, optBool, false},
	{"ssl-auto-client-cert", 0, optBool, false},
	{"ssl-no-revoke", 0, optBool, false},
	{"ssl-reqd", 0, optBool, false},
	{"ssl-revoke-best-effort", 0, optBool, false},
	{"ssl-sessions", 0, optArg, true},
	{"sslv2", '2', optNone, false},
	{"sslv3", '3', optNone, false},
	{"stderr", 0, optArg, false},
	{"styled-output", 0, optBool, false},
	{"suppress-connect-headers", 0, optBool, false},
	{"tcp-fastopen", 0, optBool, false},
	{"tcp-nodelay", 0, optBool, false},
	{"telnet-option", 't', optArg, false},
	{"tftp-blksize", 0, optArg, false},
	{"tftp-no-options", 0, optBool, false},
	{"time-cond", 'z', optArg, false},
	{"tls-earlydata", 0, optBool, true},
	{"tls-max", 0, optArg, false},
	{"tls13-ciphers", 0, optArg, false},
	{"tlsauthtype", 0, optArg, false},
	{"tlspassword", 0, optArg, false},
	{"tlsuser", 0, optArg, false},
	{"tlsv1", '1', optNone, false},
	{"tlsv1.0", 0, optNone, false},
	{"tlsv1.1", 0, optNone, false},
	{"tlsv1.2", 0, optNone, false},
	{"tlsv1.3", 0, optNone, false},
	{"tr-encoding", 0, optBool, false},
	{"trace", 0, optArg, false},
	{"trace-ascii", 0, optArg, false},
	{"trace-config", 0, optArg, true},
	{"trace-ids", 0, optBool, true},
	{"trace-time", 0, optBool, false},
	{"unix-socket", 0, optArg, false},
	{"upload-file", 'T', optArg, false},
	{"upload-flags", 0, optArg, true},
	{"url", 0, optArg, false},
	{"url-query", 0, optArg, true},
	{"use-ascii", 'B', optBool, false},
	{"user", 'u', optArg, false},
	{"user-agent", 'A', optArg, false},
	{"variable", 0, optArg, true},
	{"verbose", 'v', optBool, false},
	{"version", 'V', optBool, false},
	{"vlan-priority", 0, optArg, true},
	{"write-out", 'w', optArg, false},
	{"xattr", 0, optBool, false},
}

// lookupLong finds a long option by the text after "--": an exact name
// (case-insensitive, as curl 7.x compares), "no-NAME" for a boolean, or an
// abbreviation that names exactly one option. negated is true for --no-NAME.
// ambiguous lists the candidates when an abbreviation names several.
func lookupLong(word string) (opt curlOpt, negated bool, ambiguous []string, ok bool) {
	for _, o := range curlOptions {
		if strings.EqualFold(o.long, word) {
			return o, false, nil, true
		}
	}
	if len(word) > 3 && strings.EqualFold(word[:3], "no-") {
		for _, o := range curlOptions {
			if o.kind == optBool && strings.EqualFold(o.long, word[3:]) {
				return o, true, nil, true
			}
		}
	}
	if word == "" {
		return curlOpt{}, false, nil, false
	}
	var hit curlOpt
	for _, o := range curlOptions {
		if o.newer || len(o.long) < len(word) || !strings.EqualFold(o.long[:len(word)], word) {
			continue
		}
		hit = o
		ambiguous = append(ambiguous, "--"+o.long)
	}
	switch len(ambiguous) {
	case 0:
		return curlOpt{}, false, nil, false
	case 1:
		return hit, false, nil, true
	}
	return curlOpt{}, false, ambiguous, false
}

// lookupShort finds a single-letter option.
func lookupShort(c byte) (curlOpt, bool) {
	for _, o := range curlOptions {
		if o.short == c && c != 0 {
			return o, true
		}
	}
	return curlOpt{}, false
}
