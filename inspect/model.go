package inspect

import (
	"encoding/json"
	"time"
)

// Verdict is what the evidence says about a request: accepted, refused for
// want of identity (401), refused for want of permission (403), or never
// answered (network).
type Verdict string

// The verdicts, as they appear in the DOM (data-verdict) and in the CLI's JSON.
const (
	VerdictOK      Verdict = "ok"
	Verdict401     Verdict = "401"
	Verdict403     Verdict = "403"
	VerdictNetwork Verdict = "network"
	VerdictUnknown Verdict = "unknown"
)

// Severity ranks a finding. Errors explain a refusal; warnings are worth
// knowing but do not make a server refuse by themselves; info is context.
type Severity string

// The severities.
const (
	SeverityError   Severity = "error"
	SeverityWarning Severity = "warning"
	SeverityInfo    Severity = "info"
)

// Finding is one observation with a stable code (see codes.go), a one-line
// title, a detail that explains it and the evidence it rests on (a claim, a
// header, an entry), quoted from the input.
type Finding struct {
	Code     string   `json:"code"`
	Severity Severity `json:"severity"`
	Title    string   `json:"title"`
	Detail   string   `json:"detail"`
	Evidence string   `json:"evidence"`
}

// Header is one HTTP header as it was written: order and case are kept
// because both can be evidence.
type Header struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

// Cookie is one name=value pair sent in a Cookie header (or set by -b).
type Cookie struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

// Request is what was (or would be) sent.
type Request struct {
	Method  string   `json:"method"`
	URL     string   `json:"url"`
	Headers []Header `json:"headers"`
	Cookies []Cookie `json:"cookies"`
	Body    string   `json:"body"`
	// Flags lists client options that matter to a diagnosis but are not part
	// of the request itself: "insecure", "proxy=…", "client-cert=…",
	// "follow-redirects", "compressed", "digest", "ntlm", "negotiate",
	// "aws-sigv4=…", "unknown-option=--x", and so on.
	Flags []string `json:"flags,omitempty"`
}

// Response is what came back, if anything did.
type Response struct {
	Status     int    `json:"status"`
	StatusText string `json:"status_text,omitempty"`
	// StatusUnreadable is the status as the file wrote it when that is not
	// an HTTP status ("four-oh-one", 1.5); Status is then 0, and what the
	// server answered is not known (not "no answer": a response was
	// recorded).
	StatusUnreadable string   `json:"status_unreadable,omitempty"`
	Headers          []Header `json:"headers"`
	BodyExcerpt      string   `json:"body_excerpt"`
	// BodySize is the size of the whole body when known, -1 otherwise; the
	// excerpt may be shorter.
	BodySize int64  `json:"body_size"`
	MimeType string `json:"mime_type,omitempty"`
}

// Entry is one request with its response or its network error: a HAR entry,
// or the single request a curl command describes (Response nil, Error empty).
type Entry struct {
	Index    int           `json:"index"`
	Started  time.Time     `json:"started,omitzero"`
	Duration time.Duration `json:"duration_ns,omitempty"`
	Request  Request       `json:"request"`
	Response *Response     `json:"response"`
	// Error is the exporter's text for a request that got no answer
	// (Chrome's _error, Playwright's _failureText, a Charles comment).
	Error string `json:"error"`
	// ResourceType is the exporter's _resourceType ("xhr", "fetch",
	// "preflight", "document", …) when known.
	ResourceType string `json:"resource_type,omitempty"`
	// Findings made while reading the entry (curl.unexpanded, har.… ).
	Findings []Finding `json:"findings,omitempty"`
	// Timings are the phases of the HAR's timings object (see Timing).
	Timings []Timing `json:"timings,omitempty"`
	// Extra holds exporter-specific fields that a diagnosis may use
	// (_securityState, _initiator type, Charles comments), by name.
	Extra map[string]string `json:"extra,omitempty"`
}

// Kind names what an input was recognised as.
type Kind string

// The input kinds.
const (
	KindEmpty  Kind = "empty"
	KindTokens Kind = "tokens" // a JWT, a header, a token response or any text holding JWTs
	KindCurl   Kind = "curl"   // curl (bash/cmd), PowerShell, fetch
	KindHAR    Kind = "har"
)

// Case is everything known about one input: the tokens it holds and the
// requests it describes. Findings are those made while reading it.
type Case struct {
	Kind     Kind      `json:"kind"`
	Tokens   []Token   `json:"tokens"`
	Entries  []Entry   `json:"entries"`
	Findings []Finding `json:"findings"`
	// Creator is the HAR's log.creator.name ("WebInspector", "Firefox", …).
	Creator string `json:"creator,omitempty"`
}

// TokenKind distinguishes signed (JWS) from encrypted (JWE) tokens.
type TokenKind string

// Token kinds.
const (
	TokenJWS TokenKind = "jws"
	TokenJWE TokenKind = "jwe"
)

// Token is one JWT found in the input, decoded without verification.
//
// HeaderJSON and PayloadJSON hold the decoded segments exactly as they were
// encoded (not re-marshalled), so numbers keep their precision and member
// order is preserved. When the payload is not JSON, PayloadText holds it.
type Token struct {
	// Source says where the token was found: "input", "Authorization header",
	// "access_token", "cookie session", "query access_token", …
	Source string    `json:"source"`
	Raw    string    `json:"-"`
	Kind   TokenKind `json:"kind"`
	// Offset is the byte offset of the token in the text it was found in.
	Offset      int             `json:"-"`
	HeaderJSON  json.RawMessage `json:"header"`
	PayloadJSON json.RawMessage `json:"payload"`
	PayloadText string          `json:"payload_text,omitempty"`
	// Header and Claims are the decoded objects, numbers as json.Number.
	Header map[string]any `json:"-"`
	Claims map[string]any `json:"-"`
	// Findings made while decoding (token.malformed, token.encrypted, …).
	Findings []Finding `json:"findings"`
}

// Alg returns the header's alg, or "".
func (t *Token) Alg() string {
	s, _ := t.Header["alg"].(string)
	return s
}
