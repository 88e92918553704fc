package inspect

// flagDocs says what each client option the parser reports (Request.Flags,
// "name" or "name=value") means for a diagnosis. Important ones are shown
// first and marked.
var flagDocs = map[string]struct {
	text      string
	important bool
}{
	"insecure":            {"-k / --insecure: the server's TLS certificate is not checked. A browser or a stricter client refuses this connection before any HTTP answer (a network failure, not a 401 or 403).", true},
	"proxy":               {"Goes through this proxy (-x). A proxy that wants credentials answers 407; some strip or replace Authorization.", true},
	"proxy-user":          {"Credentials for the proxy (-U), not for the server.", false},
	"proxy-insecure":      {"The proxy's TLS certificate is not checked.", false},
	"client-cert":         {"Client certificate (mutual TLS). The server may identify the caller by it; an mTLS endpoint refuses a client without the right one, often before HTTP (a TLS error) or with 403.", true},
	"client-key":          {"Private key of the client certificate (the file itself is not read here).", false},
	"follow-redirects":    {"-L: follows redirects. curl drops Authorization and cookies given with -H when a redirect leads to another host, a common cause of a 401 after a redirect.", true},
	"location-trusted":    {"--location-trusted: credentials go on to whatever host a redirect names.", true},
	"unknown-option":      {"Not a curl option this page knows: kept as written, not understood. curl itself stops with an error on an option it does not know.", true},
	"compressed":          {"--compressed: asks for a compressed answer.", false},
	"cacert":              {"Trusts this CA file for the server's certificate.", false},
	"config":              {"Reads more options from this file, which the page cannot see.", true},
	"cookie-file":         {"Reads cookies from this file, which the page cannot see.", true},
	"cookie-jar":          {"Writes the cookies it receives to this file.", false},
	"header-file":         {"Reads headers from this file, which the page cannot see.", true},
	"data-file":           {"Reads the body from this file, which the page cannot see.", false},
	"upload-file":         {"Uploads this file (PUT).", false},
	"netrc":               {"Takes credentials from .netrc, which the page cannot see.", true},
	"noproxy":             {"Hosts reached without the proxy.", false},
	"request-target":      {"Sends this request target instead of the URL's path.", false},
	"http-version":        {"HTTP version asked for.", false},
	"aws-sigv4":           {"Signs the request with AWS Signature Version 4; only AWS can check it.", true},
	"digest":              {"HTTP Digest authentication: curl answers the server's challenge, so the first request goes without credentials.", true},
	"ntlm":                {"NTLM (Windows) authentication: a handshake over several requests.", true},
	"negotiate":           {"Negotiate (Kerberos/SPNEGO) authentication from the machine's tickets.", true},
	"credential":          {"PowerShell -Credential: user and password from a credential object the paste does not show.", true},
	"default-credentials": {"PowerShell -UseDefaultCredentials: the Windows user's own credentials (NTLM/Kerberos).", true},
	"authentication":      {"PowerShell -Authentication scheme.", true},
	"mode":                {"fetch mode: decides whether CORS applies.", false},
	"credentials":         {"fetch credentials: whether the browser adds its cookies.", true},
	"redirect":            {"fetch redirect handling.", false},
	"cache":               {"fetch cache mode.", false},
}

// FlagNote says what a client option the parser reports (Request.Flags,
// "name" or "name=value", by name) means for a diagnosis, and whether it
// matters enough to be shown first. The page and any other output say the
// same about it.
func FlagNote(name string) (text string, important bool) {
	if d, ok := flagDocs[name]; ok {
		return d.text, d.important
	}
	return "A client option that changes how the request is sent.", false
}
