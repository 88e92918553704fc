package inspect

import (
	"bytes"
	"errors"
	"io"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/go-json-experiment/json/jsontext"
)

// A jtree is a JSON document read once into a flat list of nodes that keep
// the byte spans of their values and member names, so that secrets can be
// replaced in place: the rest of the document keeps its bytes, its
// formatting and its member order.
type jtree struct {
	doc   []byte
	nodes []jnode
	rd    bytes.Reader
	dec   *jsontext.Decoder
}

type jnode struct {
	kind               jsontext.Kind // '{', '[', '"', '0', 't', 'f', 'n'
	start, end         int           // the value's bytes
	nameStart, nameEnd int           // the member name's bytes, quoted (nameEnd 0: none)
	child, next        int           // first child, next sibling; -1 when none
}

var jsonReadOptions = []jsontext.Options{jsontext.AllowDuplicateNames(true), jsontext.AllowInvalidUTF8(true)}

// parse reads doc, which must hold one JSON value.
func (t *jtree) parse(doc []byte) error {
	t.doc, t.nodes = doc, t.nodes[:0]
	t.rd.Reset(doc)
	if t.dec == nil {
		t.dec = jsontext.NewDecoder(&t.rd, jsonReadOptions...)
	} else {
		t.dec.Reset(&t.rd, jsonReadOptions...)
	}
	type open struct{ node, last int }
	var stackBuf [32]open
	stack := stackBuf[:0]
	wantName := false
	nameStart, nameEnd := 0, 0
	add := func(n jnode) int {
		n.child, n.next = -1, -1
		if nameEnd > 0 {
			n.nameStart, n.nameEnd = nameStart, nameEnd
			nameEnd = 0
		}
		t.nodes = append(t.nodes, n)
		i := len(t.nodes) - 1
		if len(stack) > 0 {
			top := &stack[len(stack)-1]
			if top.last < 0 {
				t.nodes[top.node].child = i
			} else {
				t.nodes[top.last].next = i
			}
			top.last = i
		}
		return i
	}
	for {
		k := t.dec.PeekKind()
		switch k {
		case 0:
			_, err := t.dec.ReadToken()
			if err == io.EOF && len(t.nodes) > 0 {
				return nil
			}
			if err == nil || err == io.EOF {
				err = io.ErrUnexpectedEOF
			}
			return err
		case '{', '[':
			if _, err := t.dec.ReadToken(); err != nil {
				return err
			}
			i := add(jnode{kind: k, start: int(t.dec.InputOffset()) - 1})
			stack = append(stack, open{i, -1})
			wantName = k == '{'
		case '}', ']':
			if _, err := t.dec.ReadToken(); err != nil {
				return err
			}
			t.nodes[stack[len(stack)-1].node].end = int(t.dec.InputOffset())
			stack = stack[:len(stack)-1]
			wantName = len(stack) > 0 && t.nodes[stack[len(stack)-1].node].kind == '{'
		default:
			v, err := t.dec.ReadValue()
			if err != nil {
				return err
			}
			end := int(t.dec.InputOffset())
			if wantName {
				nameStart, nameEnd, wantName = end-len(v), end, false
				continue
			}
			add(jnode{kind: k, start: end - len(v), end: end})
			wantName = len(stack) > 0 && t.nodes[stack[len(stack)-1].node].kind == '{'
		}
		if len(stack) == 0 && len(t.nodes) > 0 && t.dec.StackDepth() == 0 {
			if _, err := t.dec.ReadToken(); err != io.EOF {
				if err == nil {
					err = errors.New("more than one JSON value")
				}
				return err
			}
			return nil
		}
	}
}

// unquote decodes a JSON string literal.
func unquote(raw []byte) string {
	if len(raw) >= 2 && bytes.IndexByte(raw, '\\') < 0 {
		return string(raw[1 : len(raw)-1])
	}
	b, _ := jsontext.AppendUnquote(nil, raw)
	return string(b)
}

// quote encodes s as a JSON string literal.
func quoteJSON(s string) []byte {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	b, _ := jsontext.AppendQuote(nil, s)
	return b
}

func (t *jtree) str(i int) string { n := &t.nodes[i]; return unquote(t.doc[n.start:n.end]) }

func (t *jtree) name(i int) string {
	n := &t.nodes[i]
	if n.nameEnd == 0 {
		return ""
	}
	return unquote(t.doc[n.nameStart:n.nameEnd])
}

// nameIs reports whether node i is the member named s (s needs no escaping).
func (t *jtree) nameIs(i int, s string) bool {
	n := &t.nodes[i]
	if n.nameEnd == 0 {
		return false
	}
	raw := t.doc[n.nameStart:n.nameEnd]
	if len(raw) == len(s)+2 && string(raw[1:len(raw)-1]) == s {
		return true
	}
	return bytes.IndexByte(raw, '\\') >= 0 && unquote(raw) == s
}

// member returns the child of object i named s, or -1.
func (t *jtree) member(i int, s string) int {
	for c := t.nodes[i].child; c >= 0; c = t.nodes[c].next {
		if t.nameIs(c, s) {
			return c
		}
	}
	return -1
}

// strMember returns the string value of member s of object i, or "".
func (t *jtree) strMember(i int, s string) string {
	if c := t.member(i, s); c >= 0 && t.nodes[c].kind == '"' {
		return t.str(c)
	}
	return ""
}

// jedit replaces doc[start:end] with repl.
type jedit struct {
	start, end int
	repl       []byte
}

// jredactor collects the replacements for one document.
type jredactor struct {
	t     jtree
	edits []jedit
	// nested parses JSON found inside strings; body2 the bodies of a HAR
	// entry.
	nested, body2 *jredactor
	// bodyBefore is the size of the last body read, before redaction.
	bodyBefore int
	// count is what a HAR's redaction changed, by kind (SanitizeHAR).
	count Redactions
}

func (r *jredactor) set(i int, repl []byte) {
	n := &r.t.nodes[i]
	r.edits = append(r.edits, jedit{n.start, n.end, repl})
}

// setString replaces string node i when v differs from what it holds.
func (r *jredactor) setString(i int, old, v string) bool {
	if v == old {
		return false
	}
	r.set(i, quoteJSON(v))
	return true
}

// apply returns the document with the edits made.
func (r *jredactor) apply() []byte {
	if len(r.edits) == 0 {
		return r.t.doc
	}
	sort.SliceStable(r.edits, func(a, b int) bool { return r.edits[a].start < r.edits[b].start })
	var out bytes.Buffer
	out.Grow(len(r.t.doc))
	last := 0
	for _, e := range r.edits {
		if e.start < last {
			continue // inside a value already replaced
		}
		out.Write(r.t.doc[last:e.start])
		out.Write(e.repl)
		last = e.end
	}
	out.Write(r.t.doc[last:])
	return out.Bytes()
}

// jwkPrivate are the members of a JWK that hold private key material.
var jwkPrivate = map[string]bool{"d": true, "p": true, "q": true, "dp": true, "dq": true, "qi": true, "k": true, "oth": true}

// walk redacts node i, the value of member name; secret says the value is
// a credential (its name, or a container's, says so).
func (r *jredactor) walk(i int, name string, secret bool) {
	t := &r.t
	switch n := t.nodes[i]; n.kind {
	case '{':
		jwk := t.member(i, "kty") >= 0
		pairSecret := false
		if nm := t.member(i, "name"); nm >= 0 && t.nodes[nm].kind == '"' && t.member(i, "value") >= 0 {
			pn := t.str(nm)
			pairSecret = SecretParam(pn) || SecretHeader(pn) || containsFold(name, "cookie")
		}
		for c := n.child; c >= 0; c = t.nodes[c].next {
			cn := t.name(c)
			cs := secret && !describes(cn) || SecretName(cn) || jwk && jwkPrivate[cn] || pairSecret && cn == "value"
			if pairSecret && cn == "value" {
				cn = t.strMember(i, "name")
			}
			r.walk(c, cn, cs)
		}
	case '[':
		for c := n.child; c >= 0; c = t.nodes[c].next {
			r.walk(c, name, secret)
		}
	case '"':
		s := t.str(i)
		if secret {
			r.setString(i, s, redactNamedValue(name, s))
			return
		}
		r.setString(i, s, r.redactString(s))
	case '0':
		if secret {
			r.set(i, quoteJSON(Redacted))
		}
	}
}

// describes reports whether a member of a secret object only describes it
// (its type, expiry, …), so it stays.
func describes(name string) bool {
	var buf [12]string
	ws := nameWords(name, buf[:0])
	return len(ws) > 0 && describingWords[ws[len(ws)-1]]
}

// redactString redacts a string that is not itself a secret: JSON encoded
// inside it is read as JSON, anything else as text that may hold URLs.
func (r *jredactor) redactString(s string) string {
	if trimmed := strings.TrimSpace(s); len(trimmed) >= 2 && (trimmed[0] == '{' || trimmed[0] == '[') {
		if out, ok := r.redactNestedJSON(s); ok {
			return out
		}
	}
	return RedactURL(s)
}

// redactNestedJSON redacts JSON held in a string; ok is false when s is not
// JSON.
func (r *jredactor) redactNestedJSON(s string) (string, bool) {
	if !endsLikeJSON(s) {
		return "", false // it cannot parse: spare the attempt
	}
	if r.nested == nil {
		r.nested = &jredactor{}
	}
	out, err := r.nested.redactJSON([]byte(s))
	if err != nil {
		return "", false
	}
	return string(out), true
}

// redactJSON returns doc with every secret redacted (see RedactJSON).
func (r *jredactor) redactJSON(doc []byte) ([]byte, error) {
	if err := r.t.parse(doc); err != nil {
		return nil, err
	}
	r.edits = r.edits[:0]
	r.walk(0, "", false)
	return r.apply(), nil
}

// RedactJSON returns a JSON document with its secrets redacted in place
// (the rest keeps its bytes): the values of members named like a secret
// (access_token, accessToken, refreshToken, client_secret, private_key,
// password, otp, … see SecretName), numbers included; the value of
// {"name": …, "value": …} pairs whose name is a secret parameter or header;
// the private members of JWKs; Authorization values keep their scheme, JWTs
// their header and payload; JSON encoded inside strings is redacted as
// JSON, other strings as text (RedactText, RedactURL). It fails when doc is
// not JSON.
func RedactJSON(doc []byte) ([]byte, error) {
	var r jredactor
	return r.redactJSON(doc)
}

// endsLikeJSON reports whether s may be JSON by its last byte: a JSON value
// ends with '}', ']', '"', a digit or the last letter of true, false or
// null, and only white space may follow it. A body's excerpt, cut short,
// seldom does, and is then not parsed to learn that it is not JSON.
func endsLikeJSON(s string) bool {
	i := len(s)
	for i > 0 && (s[i-1] == ' ' || s[i-1] == '\t' || s[i-1] == '\n' || s[i-1] == '\r') {
		i--
	}
	if i == 0 {
		return false
	}
	c := s[i-1]
	return c == '}' || c == ']' || c == '"' || c >= '0' && c <= '9' || c == 'e' || c == 'l'
}
