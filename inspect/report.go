package inspect

import (
	"encoding/json"
	"time"
)

// Report is the diagnosis of one Case: a verdict, the findings that support
// it, and per token and per entry the details a person reads.
type Report struct {
	Verdict Verdict `json:"verdict"`
	// Headline names the verdict and what it means (Headline); Summary is
	// the sentence that explains it. Both are written in words.go.
	Headline string        `json:"headline"`
	Summary  string        `json:"summary"`
	Findings []Finding     `json:"findings"`
	Tokens   []TokenReport `json:"tokens"`
	Entries  []EntryReport `json:"entries"`
	// Primary is the index in Entries of the primary failure (the first
	// failed entry in time order), or -1.
	Primary int `json:"primary"`
	// Kind is what the input was recognised as.
	Kind Kind `json:"kind"`
	// Server is the server profile that judged (DiagnoseWith).
	Server *ServerNote `json:"server,omitempty"`
	// judged names the token that decides among several (words).
	judged string
}

// TokenReport is one decoded token with its checks.
type TokenReport struct {
	Source string    `json:"source"`
	Kind   TokenKind `json:"kind"`
	// Header and Payload are the original JSON of the segments; Payload is
	// null when the payload is not JSON (then PayloadText holds it) or is
	// encrypted.
	Header      json.RawMessage `json:"header"`
	Payload     json.RawMessage `json:"payload"`
	PayloadText string          `json:"payload_text,omitempty"`
	Alg         string          `json:"alg,omitempty"`
	// Signature says what is known of the signature ("not verified", …).
	Signature string      `json:"signature"`
	Times     []TimeClaim `json:"times,omitempty"`
	Claims    []ClaimNote `json:"claims,omitempty"`
	// HeaderParams describes the JOSE header parameters.
	HeaderParams []ClaimNote `json:"header_params,omitempty"`
	Checks       []Check     `json:"checks,omitempty"`
	Verdict      Verdict     `json:"verdict"`
	Findings     []Finding   `json:"findings"`
	// Raw is the token itself; it is never written to JSON output.
	Raw string `json:"-"`
	// Decoded is the payload's claims as decoded (numbers as json.Number),
	// nil when the payload is not a JSON object; later stages read it
	// rather than decode the payload again.
	Decoded map[string]any `json:"-"`
}

// TimeClaim is one of exp, nbf, iat, auth_time read as a NumericDate.
type TimeClaim struct {
	Name string `json:"name"`
	// Raw is the number as written in the payload.
	Raw  string    `json:"raw"`
	Time time.Time `json:"time"`
	// Relative is the distance from the moment checked against, in words:
	// "expired 3 min 12 s ago", "valid for another 54 min".
	Relative string `json:"relative"`
	// State is "ok", "expired", "not_yet_valid", "future" or "past".
	State string `json:"state"`
}

// ClaimNote describes one claim of the payload.
type ClaimNote struct {
	Name string `json:"name"`
	// Value is the claim's JSON, compact.
	Value       string `json:"value"`
	Description string `json:"description"`
	// Vendor names the identity provider the claim is typical of, if any.
	Vendor string `json:"vendor,omitempty"`
}

// Check is one requirement line checked against one token.
type Check struct {
	Line int    `json:"line"`
	Text string `json:"text"`
	// Result is "pass", "fail" or "skip" (the token cannot tell, e.g. JWE).
	Result string `json:"result"`
	Detail string `json:"detail"`
}

// EntryReport is one request with what the evidence says of it. Index is
// its position in the input, from 0; JSON writes it from 1 ("index"), the
// number the page's table and every evidence show.
type EntryReport struct {
	Index        int           `json:"index"`
	Started      time.Time     `json:"started,omitzero"`
	Duration     time.Duration `json:"duration_ns,omitempty"`
	ResourceType string        `json:"resource_type,omitempty"`
	Timings      []Timing      `json:"timings,omitempty"`
	Request      Request       `json:"request"`
	Response     *Response     `json:"response"`
	Error        *string       `json:"error"`
	// Failed is true when the request got no answer or a status ≥ 400.
	Failed   bool          `json:"failed"`
	Verdict  Verdict       `json:"verdict"`
	Summary  string        `json:"summary"`
	Findings []Finding     `json:"findings"`
	Tokens   []TokenReport `json:"tokens,omitempty"`
}

// MarshalJSON writes the entry with its number from 1, as everywhere else
// people read it.
func (e EntryReport) MarshalJSON() ([]byte, error) {
	type plain EntryReport
	return json.Marshal(struct {
		plain
		Index int `json:"index"`
	}{plain(e), e.Index + 1})
}
