package inspect

import (
	"time"
)

// Timeline is a HAR's session on one time axis: each dated request with
// its verdict, and each distinct token sent as a bar from when it was
// issued (or first seen) to when it expired, with the requests that still
// carried it after that and the calls to a token endpoint. It holds no
// credential: tokens are numbered.
type Timeline struct {
	// Start and End bound the requests (End ≥ Start).
	Start, End time.Time
	// Requests are the dated entries in time order.
	Requests []TimelineRequest
	// Tokens are the distinct bearer tokens sent, in order of first use.
	Tokens []TimelineToken
	// Undated counts entries without a start time, left out.
	Undated int
}

// TimelineRequest is one request on the axis.
type TimelineRequest struct {
	// Pos is the entry's position in Report.Entries; Index its number
	// in the file (from 0).
	Pos, Index int
	At         time.Time
	Verdict    Verdict
	Failed     bool
	// Status is the response status, 0 when none came back.
	Status int
	Method string
	// Token is the position in Tokens of the token it sent, or -1.
	Token int
	// Expired says the token it sent had expired when it was sent.
	Expired bool
	// Refresh says it is a call to a token endpoint: a refresh grant, or
	// a response that handed out a token.
	Refresh bool
}

// TimelineToken is one distinct token: a bar on the axis.
type TimelineToken struct {
	// From is the token's iat, else the time a token endpoint handed it
	// out, else its first use; FromWhat says which ("iat", "issued",
	// "first use").
	From     time.Time
	FromWhat string
	// Exp is when it expires (its exp, or the token response's
	// expires_in), zero when unknown.
	Exp time.Time
	// FirstUse and LastUse bound the requests that sent it.
	FirstUse, LastUse time.Time
	Uses              int
	// ExpiredUses counts the requests sent with it after Exp.
	ExpiredUses int
	// IssuedBy is the position in Requests of the token endpoint call that
	// handed it out, or -1.
	IssuedBy int
}

// BuildTimeline lays out the entries of a HAR's report on a time axis.
// Entries are read as the report holds them (time order); each distinct
// token is decoded once.
func BuildTimeline(r Report) Timeline {
	var tl Timeline
	byToken := map[string]int{}
	issuedAt := map[string]issued{}
	handedOut := map[int][]string{} // entry position → tokens its response handed out
	for i, er := range r.Entries {
		if ts, ok := tokenResponse(i, er); ok {
			for _, t := range ts {
				if _, seen := issuedAt[t.token]; !seen {
					issuedAt[t.token] = t
				}
				handedOut[i] = append(handedOut[i], t.token)
			}
		}
	}
	issuedBy := map[string]int{}
	for i, er := range r.Entries {
		if er.Started.IsZero() {
			tl.Undated++
			continue
		}
		q := TimelineRequest{Pos: i, Index: er.Index, At: er.Started, Verdict: er.Verdict, Failed: er.Failed,
			Method: er.Request.Method, Token: -1}
		if er.Response != nil {
			q.Status = er.Response.Status
		}
		q.Refresh = isRefresh(er.Request) || len(handedOut[i]) > 0
		if tok := bearer(er.Request); tok != "" {
			k, ok := byToken[tok]
			if !ok {
				k = len(tl.Tokens)
				byToken[tok] = k
				tl.Tokens = append(tl.Tokens, newTimelineToken(tok, er, issuedAt))
			}
			t := &tl.Tokens[k]
			t.Uses++
			if er.Started.Before(t.FirstUse) {
				t.FirstUse = er.Started
			}
			if er.Started.After(t.LastUse) {
				t.LastUse = er.Started
			}
			if !t.Exp.IsZero() && !er.Started.Before(t.Exp) {
				q.Expired = true
				t.ExpiredUses++
			}
			q.Token = k
		}
		for _, t := range handedOut[i] {
			if _, ok := issuedBy[t]; !ok {
				issuedBy[t] = len(tl.Requests)
			}
		}
		if len(tl.Requests) == 0 || er.Started.Before(tl.Start) {
			tl.Start = er.Started
		}
		if er.Started.After(tl.End) {
			tl.End = er.Started
		}
		tl.Requests = append(tl.Requests, q)
	}
	for tok, k := range byToken {
		if p, ok := issuedBy[tok]; ok {
			tl.Tokens[k].IssuedBy = p
		}
	}
	return tl
}

// newTimelineToken is the bar of tok, first sent by er. Its times come from
// the entry's decoded tokens when the diagnosis decoded it (a file whose
// every request carries a new token is not decoded twice), else from the
// token itself.
func newTimelineToken(tok string, er EntryReport, issuedAt map[string]issued) TimelineToken {
	first := er.Started
	t := TimelineToken{FirstUse: first, LastUse: first, IssuedBy: -1}
	decoded := false
	for _, tr := range er.Tokens {
		if tr.Raw != tok {
			continue
		}
		decoded = true
		for _, tc := range tr.Times {
			switch {
			case tc.Time.IsZero() || tc.Time.Unix() <= 0:
			case tc.Name == "iat":
				t.From, t.FromWhat = tc.Time, "iat"
			case tc.Name == "exp":
				t.Exp = tc.Time
			}
		}
		break
	}
	if !decoded {
		claims := jwtClaims(tok)
		if iat, err := numericDate(claims["iat"]); claims != nil && err == nil && iat.Unix() > 0 {
			t.From, t.FromWhat = iat, "iat"
		}
		if exp, err := numericDate(claims["exp"]); claims != nil && err == nil && exp.Unix() > 0 {
			t.Exp = exp
		}
	}
	if is, ok := issuedAt[tok]; ok {
		if t.From.IsZero() && !is.at.IsZero() {
			t.From, t.FromWhat = is.at, "issued"
		}
		if t.Exp.IsZero() {
			t.Exp = is.expires
		}
	}
	if t.From.IsZero() {
		t.From, t.FromWhat = first, "first use"
	}
	return t
}
