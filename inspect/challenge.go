package inspect

import (
	"fmt"
	"strings"
)

// Challenge is one authentication challenge of a WWW-Authenticate or
// Proxy-Authenticate header (RFC 7235 §4.1): a scheme with either a token68
// or a list of parameters, in the order the server wrote them.
type Challenge struct {
	Scheme  string  `json:"scheme"`
	Token68 string  `json:"token68,omitempty"`
	Params  []Param `json:"params,omitempty"`
}

// Param is one auth-param; Value is unquoted and unescaped.
type Param struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

// Param returns the value of the named parameter; names are case-insensitive.
func (c Challenge) Param(name string) (string, bool) {
	for _, p := range c.Params {
		if strings.EqualFold(p.Name, name) {
			return p.Value, true
		}
	}
	return "", false
}

// MaxChallenges is the most challenges ParseChallenges reads from one
// header value.
const MaxChallenges = 32

// ChallengeError says where a WWW-Authenticate value stops following RFC 7235.
type ChallengeError struct {
	Offset int // byte offset in the value
	Msg    string
}

func (e *ChallengeError) Error() string {
	return fmt.Sprintf("WWW-Authenticate: byte %d: %s", e.Offset, e.Msg)
}

// ParseChallenges parses a WWW-Authenticate or Proxy-Authenticate value, which
// may hold several challenges ("Bearer realm=\"api\", error=\"invalid_token\",
// Basic realm=\"x\""). It returns the challenges read before an error along
// with it. Several header lines can be joined with ", " first.
//
// It reads at most MaxChallenges challenges: a header holding more (real
// ones hold a few: Bearer, DPoP, Basic, Negotiate) gives the first ones and
// an error at the next.
func ParseChallenges(v string) ([]Challenge, error) {
	p := challengeParser{s: v}
	var out []Challenge
	for {
		p.skipListSeparators()
		if p.eof() {
			return out, nil
		}
		start := p.i
		if len(out) == MaxChallenges {
			return out, &ChallengeError{Offset: start, Msg: fmt.Sprintf("more than %d challenges in one header: whydenied reads the first %d", MaxChallenges, MaxChallenges)}
		}
		scheme := p.token()
		if scheme == "" {
			return out, p.errorf("expected an authentication scheme, found %q", p.s[p.i])
		}
		c := Challenge{Scheme: scheme}
		if p.eof() || p.peek() == ',' {
			out = append(out, c)
			continue
		}
		if !p.spaces() {
			return out, &ChallengeError{Offset: start, Msg: fmt.Sprintf("scheme %q must be followed by a space or a comma", scheme)}
		}
		if t68, ok := p.token68(); ok {
			c.Token68 = t68
			out = append(out, c)
			continue
		}
		for {
			nameAt := p.i
			name := p.token()
			if name == "" {
				break
			}
			p.ows()
			if p.eof() || p.peek() != '=' {
				// A bare token after a comma starts the next challenge.
				p.i = nameAt
				break
			}
			p.i++
			p.ows()
			val, err := p.value()
			if err != nil {
				return append(out, c), err
			}
			c.Params = append(c.Params, Param{Name: name, Value: val})
			p.ows()
			if p.eof() {
				break
			}
			if p.peek() != ',' {
				return append(out, c), p.errorf("expected ',' after the value of %q, found %q", name, p.s[p.i])
			}
			p.skipListSeparators()
		}
		out = append(out, c)
	}
}

type challengeParser struct {
	s string
	i int
}

func (p *challengeParser) eof() bool  { return p.i >= len(p.s) }
func (p *challengeParser) peek() byte { return p.s[p.i] }

func (p *challengeParser) errorf(format string, args ...any) error {
	return &ChallengeError{Offset: p.i, Msg: fmt.Sprintf(format, args...)}
}

func (p *challengeParser) ows() {
	for !p.eof() && (p.s[p.i] == ' ' || p.s[p.i] == '\t') {
		p.i++
	}
}

func (p *challengeParser) spaces() bool {
	start := p.i
	p.ows()
	return p.i > start
}

func (p *challengeParser) skipListSeparators() {
	for !p.eof() && (p.s[p.i] == ' ' || p.s[p.i] == '\t' || p.s[p.i] == ',' || p.s[p.i] == '\r' || p.s[p.i] == '\n') {
		p.i++
	}
}

func isTchar(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("!#$%&'*+-.^_`|~", c) >= 0
}

func (p *challengeParser) token() string {
	start := p.i
	for !p.eof() && isTchar(p.s[p.i]) {
		p.i++
	}
	return p.s[start:p.i]
}

// token68 reads a token68 when what follows the scheme is one (a run of
// token68 characters, optional '=' padding, then the end or a comma).
func (p *challengeParser) token68() (string, bool) {
	start := p.i
	j := p.i
	for j < len(p.s) && (isTchar(p.s[j]) || p.s[j] == '/') && p.s[j] != '=' {
		j++
	}
	if j == start {
		return "", false
	}
	k := j
	for k < len(p.s) && p.s[k] == '=' {
		k++
	}
	e := k
	for e < len(p.s) && (p.s[e] == ' ' || p.s[e] == '\t') {
		e++
	}
	if e < len(p.s) && p.s[e] != ',' {
		return "", false
	}
	if k == j && e < len(p.s) {
		// "Scheme word, …" — ambiguous with a parameter list; RFC 7235
		// reads a lone token as token68.
		p.i = e
		return p.s[start:j], true
	}
	p.i = e
	return p.s[start:k], true
}

func (p *challengeParser) value() (string, error) {
	if p.eof() {
		return "", p.errorf("expected a value after '='")
	}
	if p.peek() != '"' {
		v := p.token()
		if v == "" {
			return "", p.errorf("expected a token or a quoted string, found %q", p.s[p.i])
		}
		return v, nil
	}
	open := p.i
	p.i++
	var b strings.Builder
	for !p.eof() {
		c := p.s[p.i]
		switch c {
		case '"':
			p.i++
			return b.String(), nil
		case '\\':
			p.i++
			if p.eof() {
				return "", &ChallengeError{Offset: open, Msg: "unterminated quoted string (ends with a backslash)"}
			}
			c = p.s[p.i]
		}
		b.WriteByte(c)
		p.i++
	}
	return "", &ChallengeError{Offset: open, Msg: "unterminated quoted string"}
}
