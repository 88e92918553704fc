package ui

import (
	"strings"
	"time"

	"whydenied/inspect"
)

// source names an input the verdict can speak of.
type source string

const (
	srcToken source = "token"
	srcCurl  source = "curl"
	srcHAR   source = "har"
)

// label is how the page names the input in "About: …".
func (s source) label() string {
	switch s {
	case srcToken:
		return "the token input"
	case srcCurl:
		return "the curl command"
	case srcHAR:
		return "the HAR file"
	}
	return "nothing entered yet"
}

// inputs is everything the user entered, as text.
type inputs struct {
	Token       string
	Requirement string
	Curl        string
	// Key is the optional verification key text (never stored).
	Key string
	// HAR is the HAR file read last, if any.
	HAR    *inspect.Case
	Leeway time.Duration
	// LeewaySet: the user chose the leeway, which replaces the server
	// profile's default skew; Server is the profile's name.
	LeewaySet bool
	Server    string
	// order lists the inputs by the time of their last change, most recent
	// first.
	order []source
}

// touch records that s changed now.
func (in *inputs) touch(s source) {
	order := []source{s}
	for _, o := range in.order {
		if o != s {
			order = append(order, o)
		}
	}
	in.order = order
}

// has reports whether input s holds something.
func (in inputs) has(s source) bool {
	switch s {
	case srcToken:
		return strings.TrimSpace(in.Token) != ""
	case srcCurl:
		return strings.TrimSpace(in.Curl) != ""
	case srcHAR:
		return in.HAR != nil
	}
	return false
}

// subject is the input the verdict speaks of: the one changed last that still
// holds something, or "" when every input is empty.
func (in inputs) subject() source {
	for _, s := range in.order {
		if in.has(s) {
			return s
		}
	}
	for _, s := range []source{srcToken, srcCurl, srcHAR} {
		if in.has(s) {
			return s
		}
	}
	return ""
}

// result is what the page renders.
type result struct {
	Report inspect.Report
	// About is the input the report speaks of ("" when nothing is entered).
	About source
	// HAR is the file the report speaks of when About is srcHAR.
	HAR *inspect.Case
	// RequirementErr explains why (part of) the requirement was not
	// understood; the rest of it still applies.
	RequirementErr string
	// InputErr is the error the parser of the subject input returned, if
	// any (a curl command it could not read, with its position).
	InputErr string
	// KeyErr says why the verification key was not understood.
	KeyErr string
	// KeyNote says which keys check the signatures.
	KeyNote string
}

// diagnose runs inspect on the input the verdict speaks of, with the
// requirement applied: every verdict the page shows comes from here
// (diagnoseProgress). Elsewhere the page calls inspect to read what it is
// given (a HAR file in har.go, keys in key.go, the leeway in leeway.go) and
// for wording and URLs (durations in har_tokens.go, HostPath in
// har_view.go), never to judge.
func diagnose(in inputs, now time.Time) result {
	return diagnoseProgress(in, now, nil)
}

// diagnoseProgress is diagnose calling progress every few hundred entries
// of a HAR (inspect.DiagnoseProgress).
func diagnoseProgress(in inputs, now time.Time, progress func(done, total int)) result {
	var res result
	req, err := inspect.ParseRequirement(in.Requirement)
	if err != nil {
		res.RequirementErr = err.Error()
	}
	req.Keys, res.KeyErr = parseKeys(in.Key)
	res.KeyNote = keyNote(req.Keys)
	res.About = in.subject()
	var c inspect.Case
	switch res.About {
	case srcToken:
		c = inspect.ParseTokens(in.Token)
	case srcCurl:
		// Parse recognises the command and returns what it could read
		// together with the error.
		c, err = inspect.Parse(in.Curl)
		res.InputErr = commandErrorText(err)
	case srcHAR:
		c, res.HAR = *in.HAR, in.HAR
	default:
		c = inspect.Case{Kind: inspect.KindEmpty}
	}
	res.Report = inspect.DiagnoseWith(c, req, now, inspect.Options{Server: inspect.Profile(in.Server), Leeway: in.Leeway, LeewaySet: in.LeewaySet, Progress: progress})
	if res.About == "" {
		res.Report.Verdict = inspect.VerdictUnknown
	}
	return res
}
