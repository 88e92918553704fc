package inspect

// tokenMemo keeps, for one diagnosis, what judging a token computes that
// does not depend on when the token was sent: the decoded token, the notes
// on its header and claims, and the result of checking its signature. A
// recording carries the same few tokens in thousands of requests; each is
// decoded, described and verified once. The times are checked for every
// request (they depend on its moment). What the memo hands out is shared
// between the requests' reports and must not be changed in place. A nil
// *tokenMemo remembers nothing.
type tokenMemo struct {
	decoded map[tokenKey]Token
	notes   map[string]*tokenNotes
}

type tokenKey struct{ raw, source string }

func newTokenMemo() *tokenMemo {
	return &tokenMemo{decoded: map[tokenKey]Token{}, notes: map[string]*tokenNotes{}}
}

// decode is DecodeToken(raw, source), once per pair.
func (m *tokenMemo) decode(raw, source string) Token {
	if m == nil {
		return DecodeToken(raw, source)
	}
	k := tokenKey{raw, source}
	if t, ok := m.decoded[k]; ok {
		return t
	}
	t := DecodeToken(raw, source)
	m.decoded[k] = t
	return t
}

// notesFor returns the notes of t, computed on first use. Tokens that are
// not from a raw string (tests build some) are never shared.
func (m *tokenMemo) notesFor(t Token, keys []Key) *tokenNotes {
	if m == nil || t.Raw == "" {
		return &tokenNotes{t: t, keys: keys}
	}
	if n, ok := m.notes[t.Raw]; ok {
		return n
	}
	n := &tokenNotes{t: t, keys: keys}
	m.notes[t.Raw] = n
	return n
}

// tokenNotes computes each note of one token once. The header and the
// claims depend only on the raw token, the signature check on it and the
// keys, which are the same for a whole diagnosis.
type tokenNotes struct {
	t    Token
	keys []Key

	headerDone, claimsDone, sigDone bool
	headerNotes, claimNotes         []ClaimNote
	sig                             Finding

	// The findings of profileHeaderRules, and the profile they are for
	// (the requirement is the same for a whole diagnosis).
	rulesDone bool
	rulesFor  Profile
	rules     []Finding
}

func (n *tokenNotes) header() []ClaimNote {
	if !n.headerDone {
		n.headerNotes, n.headerDone = headerNotes(n.t), true
	}
	return n.headerNotes
}

func (n *tokenNotes) claims() []ClaimNote {
	if !n.claimsDone {
		n.claimNotes, n.claimsDone = claimNotes(n.t), true
	}
	return n.claimNotes
}

func (n *tokenNotes) signature() Finding {
	if !n.sigDone {
		n.sig, n.sigDone = verifySignature(n.t, n.keys), true
	}
	return n.sig
}

// headerRules is profileHeaderRules(t, req, p), computed once per profile.
// The findings are shared: callers copy them into their own list.
func (n *tokenNotes) headerRules(req Requirement, p ServerProfile) []Finding {
	if !n.rulesDone || n.rulesFor != p.Name {
		n.rules, n.rulesFor, n.rulesDone = profileHeaderRules(n.t, req, p), p.Name, true
	}
	return n.rules
}
