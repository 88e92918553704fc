package inspect

import (
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"time"
)

// issued is a token a HAR entry's response handed out (a token endpoint's
// access_token).
type issued struct {
	entry   int // position in the entries
	token   string
	at      time.Time // when the response ended
	expires time.Time // from the JWT's exp, else at + expires_in; zero if unknown
	grant   string    // the request's grant_type
}

// diagnoseAcross compares entries with each other, in time order: a token
// handed out earlier and used after it expired, a refresh that did not
// happen (or failed, or whose new token was not used), and a call that
// succeeded earlier with another token (naming how the two tokens' claims
// differ). It returns Case-level findings; each names the entries it
// rests on by their index and time.
//
// It knows tokens only from what the HAR holds: Authorization headers
// (Bearer, DPoP) and token responses' bodies. A token response bigger than
// the excerpt kept (TokenExcerptMax) is not seen.
func diagnoseAcross(entries []EntryReport) []Finding {
	var fs []Finding
	var tokens []issued
	var refreshes []int
	for i, er := range entries {
		if isRefresh(er.Request) {
			refreshes = append(refreshes, i)
			if er.Response != nil && er.Response.Status >= 400 {
				fs = append(fs, refreshFailed(er))
			}
		}
		if t, ok := tokenResponse(i, er); ok {
			tokens = append(tokens, t...)
		}
	}
	seen := map[string]bool{}
	var succeeded map[string][]int
	for j, er := range entries {
		if !er.Failed || er.Response == nil || (er.Response.Status != 401 && er.Response.Status != 403) || er.Started.IsZero() {
			continue
		}
		tok := bearer(er.Request)
		if tok != "" && !seen["exp "+tok] {
			if f := expiredInUse(entries, j, tok, tokens, refreshes); len(f) > 0 {
				seen["exp "+tok] = true
				fs = append(fs, f...)
			}
		}
		key := er.Request.Method + " " + pathOf(er.Request.URL)
		if !seen["ok "+key] {
			if succeeded == nil {
				succeeded = successes(entries)
			}
			if f, ok := workedBefore(entries, succeeded[key], j); ok {
				seen["ok "+key] = true
				fs = append(fs, f)
			}
		}
	}
	return fs
}

// expiredInUse looks at a failed call whose token had expired when it was
// sent: where the token came from, and whether a newer one existed.
func expiredInUse(entries []EntryReport, j int, tok string, tokens []issued, refreshes []int) []Finding {
	er := entries[j]
	var from *issued
	for k := range tokens {
		if tokens[k].token == tok {
			from = &tokens[k]
			break
		}
	}
	exp := jwtExp(tok)
	if exp.IsZero() && from != nil {
		exp = from.expires
	}
	if exp.IsZero() || exp.After(er.Started) {
		return nil
	}
	late := er.Started.Sub(exp)
	use := entryRef(er)
	var fs []Finding
	f := newFinding(CodeHARTokenExpiredInUse,
		fmt.Sprintf("The token was used %s after it expired", humanDuration(late)),
		"",
		fmt.Sprintf("%s sent a token that expired at %s", use, formatUTC(exp)))
	if from != nil {
		f.Detail = fmt.Sprintf("The token came from %s at %s (grant %s) and was valid until %s (%s); the client kept using it %s later.",
			entryRef(entries[from.entry]), formatUTC(from.at), orDefault(from.grant, "unknown"), formatUTC(exp), humanDuration(exp.Sub(from.at)), humanDuration(late))
	} else {
		f.Detail = "The token was obtained before this recording began. The client should renew a token before it expires (or on the first 401) instead of sending it again."
	}
	fs = append(fs, f)
	for _, t := range tokens {
		if t.token != tok && t.at.Before(er.Started) && (from == nil || t.at.After(from.at)) {
			fs = append(fs, newFinding(CodeHARStaleToken,
				"A newer token had been obtained, yet this call sent the old one",
				fmt.Sprintf("%s obtained a new token at %s, before this call; the call still carried the expired one. The client caches the token somewhere the refresh does not update (another tab, a worker, a module-level variable, an interceptor that captured the old value).", entryRef(entries[t.entry]), formatUTC(t.at)),
				use))
			return fs
		}
	}
	since := time.Time{}
	if from != nil {
		since = from.at
	}
	for _, r := range refreshes {
		if s := entries[r].Started; s.After(since) && s.Before(er.Started) {
			return fs // a refresh was tried (refreshFailed reports a failure)
		}
	}
	fs = append(fs, newFinding(CodeHARNoRefresh,
		"The client did not refresh the token before sending it again",
		"The HAR shows no request to a token endpoint between the token's issue and this call. The client does not renew tokens before they expire (or silently fails to: a refresh in a hidden iframe blocked by third-party cookie rules is a common cause).",
		use))
	return fs
}

// successes indexes the entries answered with a 2xx by call (method, space,
// URL without query), each list in time order.
func successes(entries []EntryReport) map[string][]int {
	m := map[string][]int{}
	for i := range entries {
		e := &entries[i]
		if e.Response == nil || e.Response.Status < 200 || e.Response.Status > 299 {
			continue
		}
		key := e.Request.Method + " " + pathOf(e.Request.URL)
		m[key] = append(m[key], i)
	}
	return m
}

// workedBefore finds an earlier success of the same call with another
// credential, and says how the credentials differ. succeeded lists the
// entries that answered the same call with a 2xx (see successes): looking
// them up instead of walking back through every entry keeps a HAR with
// thousands of requests from costing failures × entries.
func workedBefore(entries []EntryReport, succeeded []int, j int) (Finding, bool) {
	er := entries[j]
	now := authValue(er.Request)
	for k := len(succeeded) - 1; k >= 0; k-- {
		i := succeeded[k]
		if i >= j {
			continue
		}
		ok := entries[i]
		before := authValue(ok.Request)
		if before == now {
			return Finding{}, false // same credential: something else changed
		}
		f := newFinding(CodeHARWorkedBefore,
			"The same call succeeded earlier with another credential",
			"",
			fmt.Sprintf("%s → %d; %s → %d", entryRef(ok), ok.Response.Status, entryRef(er), er.Response.Status))
		switch {
		case now == "":
			f.Detail = "The earlier call carried an Authorization header; this one carries none: the client lost or did not attach the token."
		case before == "":
			f.Detail = "The earlier call succeeded without an Authorization header (a cookie session?); this one sends a token the server refuses."
		default:
			f.Detail = "The two calls sent different tokens. " + claimsDiff(tokenPayload(ok), tokenPayload(er))
		}
		return f, true
	}
	return Finding{}, false
}

// claimsDiff lists the claims that differ between two token payloads.
func claimsDiff(a, b map[string]any) string {
	if a == nil || b == nil {
		return "At least one of them is not a readable JWT, so their claims cannot be compared."
	}
	names := []string{"iss", "aud", "azp", "appid", "client_id", "cid", "sub", "tid", "scope", "scp", "roles", "groups", "permissions", "token_use", "ver", "acr", "amr"}
	var diffs []string
	for _, n := range names {
		va, oka := a[n]
		vb, okb := b[n]
		if !oka && !okb {
			continue
		}
		ja, jb := jsonValueOr(va, "absent"), jsonValueOr(vb, "absent")
		if !oka {
			ja = "absent"
		}
		if !okb {
			jb = "absent"
		}
		if ja != jb {
			diffs = append(diffs, fmt.Sprintf("%s: %s before, %s now", n, shorten(ja, 120), shorten(jb, 120)))
		}
	}
	if len(diffs) == 0 {
		return "Their identity and permission claims are the same (only times differ): look at expiry, revocation, or a server-side change between the two calls."
	}
	return "How they differ: " + strings.Join(diffs, "; ") + "."
}

// tokenPayload decodes the claims of the entry's Authorization token.
func tokenPayload(er EntryReport) map[string]any {
	for _, tr := range er.Tokens {
		if strings.Contains(strings.ToLower(tr.Source), "authorization") {
			return tr.Decoded
		}
	}
	if tok := bearer(er.Request); tok != "" {
		return jwtClaims(tok)
	}
	return nil
}

// tokenResponse reads the tokens a successful token endpoint response
// handed out.
func tokenResponse(i int, er EntryReport) ([]issued, bool) {
	r := er.Response
	if r == nil || r.Status < 200 || r.Status > 299 || !strings.Contains(r.BodyExcerpt, "_token") {
		return nil, false
	}
	var body map[string]any
	dec := json.NewDecoder(strings.NewReader(r.BodyExcerpt))
	dec.UseNumber()
	if dec.Decode(&body) != nil {
		return nil, false
	}
	at := er.Started.Add(er.Duration)
	var lifetime time.Duration
	switch v := body["expires_in"].(type) {
	case json.Number:
		if n, err := v.Float64(); err == nil {
			lifetime = time.Duration(n * float64(time.Second))
		}
	case string:
		if d, err := time.ParseDuration(v + "s"); err == nil {
			lifetime = d
		}
	}
	var out []issued
	for _, name := range []string{"access_token", "id_token"} {
		tok, _ := body[name].(string)
		if tok == "" {
			continue
		}
		t := issued{entry: i, token: tok, at: at, grant: formValue(er.Request.Body, "grant_type")}
		t.expires = jwtExp(tok)
		if t.expires.IsZero() && lifetime > 0 && name == "access_token" && !at.IsZero() {
			t.expires = at.Add(lifetime)
		}
		out = append(out, t)
	}
	return out, len(out) > 0
}

// isRefresh reports whether a request asks a token endpoint for a refresh.
func isRefresh(r Request) bool {
	return formValue(r.Body, "grant_type") == "refresh_token" || strings.Contains(r.Body, `"grant_type":"refresh_token"`)
}

// refreshFailed reports a refused refresh with the endpoint's error.
func refreshFailed(er EntryReport) Finding {
	desc := ""
	var body map[string]any
	if json.Unmarshal([]byte(er.Response.BodyExcerpt), &body) == nil {
		e, _ := body["error"].(string)
		d, _ := body["error_description"].(string)
		desc = strings.TrimSpace(e + ": " + d)
	}
	f := newFinding(CodeHARRefreshFailed,
		fmt.Sprintf("A token refresh was refused (%d)", er.Response.Status),
		"The token endpoint would not exchange the refresh token: it expired, was revoked or already used (rotation), or belongs to another client. The user has to sign in again.",
		entryRef(er)+fmt.Sprintf(" → %d", er.Response.Status))
	if desc != ":" && desc != "" {
		f.Evidence += "; " + shorten(desc, 200)
		f.Detail += entraDetail(Challenge{}, desc)
	}
	return f
}

// bearer returns the token of a Bearer or DPoP Authorization header.
func bearer(r Request) string {
	v, ok := header(r.Headers, "authorization")
	if !ok {
		return ""
	}
	scheme, tok, _ := strings.Cut(strings.TrimSpace(v), " ")
	if !strings.EqualFold(scheme, "bearer") && !strings.EqualFold(scheme, "dpop") {
		return ""
	}
	return strings.TrimSpace(tok)
}

func authValue(r Request) string {
	v, _ := header(r.Headers, "authorization")
	return strings.TrimSpace(v)
}

// jwtClaims decodes a JWT's payload without checking anything, or nil.
func jwtClaims(tok string) map[string]any {
	t := DecodeToken(tok, "")
	if t.Claims == nil {
		return nil
	}
	return t.Claims
}

// jwtExp returns a JWT's exp, or the zero time.
func jwtExp(tok string) time.Time {
	if strings.Count(tok, ".") != 2 {
		return time.Time{}
	}
	t, err := numericDate(jwtClaims(tok)["exp"])
	if err != nil || t.Unix() <= 0 {
		return time.Time{}
	}
	return t
}

// formValue reads a parameter of a form-encoded body.
func formValue(body, name string) string {
	if strings.HasPrefix(strings.TrimSpace(body), "{") {
		return ""
	}
	v, err := url.ParseQuery(body)
	if err != nil {
		return ""
	}
	return v.Get(name)
}

// pathOf is the URL without query and fragment.
func pathOf(raw string) string {
	if i := strings.IndexAny(raw, "?#"); i >= 0 {
		return raw[:i]
	}
	return raw
}

// entryRef names an entry for evidence: #12 (10:01:02.345Z) GET /path,
// numbered from 1 as the page's table shows it.
func entryRef(er EntryReport) string {
	s := fmt.Sprintf("#%d", er.Index+1)
	if !er.Started.IsZero() {
		s += " (" + er.Started.UTC().Format("15:04:05.000Z") + ")"
	}
	p := er.Request.URL
	if u, err := url.Parse(p); err == nil && u.Path != "" {
		p = u.Path
	}
	return s + " " + er.Request.Method + " " + shorten(p, 100)
}
