package inspect

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"sync"
)

// Requirement is what the server expects of a token, line by line as the
// person wrote it: any of an aud line's values, any of an iss line's, all of
// a scope or role line's (each line is checked, and shown, on its own).
// Challenges are WWW-Authenticate challenges the person pasted; their error
// and scope are part of it.
type Requirement struct {
	Challenges []Challenge       `json:"challenges,omitempty"`
	Lines      []RequirementLine `json:"lines,omitempty"`
	// Keys verify signatures when given (ParseKeys); without them the
	// signature is reported as not verified.
	Keys []Key `json:"-"`
}

// RequirementLine is one line of the requirement as written, for showing
// each line's check.
type RequirementLine struct {
	Line   int      `json:"line"`
	Text   string   `json:"text"`
	Key    string   `json:"key"` // aud, iss, scope, role or challenge
	Values []string `json:"values"`
}

// RequirementError points at a line of the requirement that cannot be read.
type RequirementError struct {
	Line, Col int
	Msg       string
}

func (e *RequirementError) Error() string {
	return fmt.Sprintf("requirement %d:%d: %s", e.Line, e.Col, e.Msg)
}

var requirementKeys = map[string]string{
	"aud": "aud", "audience": "aud", "audiences": "aud",
	"iss": "iss", "issuer": "iss",
	"scope": "scope", "scopes": "scope", "scp": "scope", "permission": "scope", "permissions": "scope",
	"role": "role", "roles": "role", "group": "role", "groups": "role",
}

// challengeStart recognises a pasted WWW-Authenticate value without its name:
// a scheme, a space, then a parameter.
var challengeStart = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?i)^(bearer|dpop|basic|digest|negotiate|ntlm)(\s+[\w-]+\s*=|\s*$)`)
})

// ParseRequirement reads the requirement a person pastes: lines "aud=VALUE",
// "iss=VALUE", "scope=A B C", "role=R" (also "key: value", several values
// separated by spaces or commas), blank lines and "#" comments, or a
// WWW-Authenticate header value (with or without its name), whose scope
// becomes required scopes. Lines that cannot be read are reported, all of
// them, each as a *RequirementError joined into the error; the lines that
// could be read are returned with it.
func ParseRequirement(text string) (Requirement, error) {
	var r Requirement
	if len(text) > MaxRequirementBytes {
		return r, &RequirementError{1, 1, fmt.Sprintf("the requirement is %s; whydenied reads at most %s", byteSize(len(text)), byteSize(MaxRequirementBytes))}
	}
	var errs []error
	for i, raw := range strings.Split(text, "\n") {
		n := i + 1
		line := strings.TrimSpace(strings.TrimSuffix(raw, "\r"))
		if line == "" || strings.HasPrefix(line, "#") || strings.HasPrefix(line, "//") {
			continue
		}
		col := strings.Index(raw, line) + 1
		if name, v, ok := strings.Cut(line, ":"); ok && (strings.EqualFold(strings.TrimSpace(name), "www-authenticate") || strings.EqualFold(strings.TrimSpace(name), "proxy-authenticate")) {
			errs = append(errs, r.addChallenges(n, line, strings.TrimSpace(v), col+len(name)+1)...)
			continue
		}
		if challengeStart().MatchString(line) {
			errs = append(errs, r.addChallenges(n, line, line, col)...)
			continue
		}
		sep := strings.IndexAny(line, "=:")
		if sep < 0 {
			errs = append(errs, &RequirementError{n, col, fmt.Sprintf("%q is not \"key=value\" (keys: aud, iss, scope, role) nor a WWW-Authenticate header", shorten(line, 40))})
			continue
		}
		key := strings.ToLower(strings.TrimSpace(line[:sep]))
		canon, ok := requirementKeys[key]
		if !ok {
			errs = append(errs, &RequirementError{n, col, fmt.Sprintf("unknown key %q (expected aud, iss, scope or role)", key)})
			continue
		}
		value := strings.Trim(strings.TrimSpace(line[sep+1:]), `"'`)
		var values []string
		if canon == "iss" {
			// Issuers are URLs: one per line, kept whole.
			if value != "" {
				values = []string{value}
			}
		} else {
			values = strings.FieldsFunc(value, func(r rune) bool { return r == ' ' || r == ',' || r == '\t' })
		}
		if len(values) == 0 {
			errs = append(errs, &RequirementError{n, col + sep + 1, fmt.Sprintf("%s has no value", key)})
			continue
		}
		r.Lines = append(r.Lines, RequirementLine{Line: n, Text: line, Key: canon, Values: values})
	}
	return r, joinErrors(errs)
}

func (r *Requirement) addChallenges(n int, line, value string, col int) []error {
	cs, err := ParseChallenges(value)
	var errs []error
	if err != nil {
		var ce *ChallengeError
		if errors.As(err, &ce) {
			errs = append(errs, &RequirementError{n, col + ce.Offset, ce.Msg})
		} else {
			errs = append(errs, &RequirementError{n, col, err.Error()})
		}
	}
	for _, c := range cs {
		r.Challenges = append(r.Challenges, c)
		var values []string
		if s, ok := c.Param("scope"); ok {
			values = strings.Fields(s)
		}
		r.Lines = append(r.Lines, RequirementLine{Line: n, Text: line, Key: "challenge", Values: values})
	}
	return errs
}

// MaxRequirementBytes is the largest requirement ParseRequirement reads.
const MaxRequirementBytes = 1 << 20

// maxListedErrors is how many errors an error message lists before it
// gives the count of the rest.
const maxListedErrors = 2

// ErrorList is several errors of one input, printed on one line: the first
// few, then how many more ("… and 99,990 more"). errors.Is and errors.As
// see all of them.
type ErrorList []error

func (l ErrorList) Error() string {
	var b strings.Builder
	for i, e := range l {
		if i == maxListedErrors {
			fmt.Fprintf(&b, "; … and %s more", groupDigits(len(l)-i))
			break
		}
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

// Unwrap returns the errors, for errors.Is and errors.As.
func (l ErrorList) Unwrap() []error { return l }

// joinErrors returns nil, the one error, or an ErrorList.
func joinErrors(errs []error) error {
	switch len(errs) {
	case 0:
		return nil
	case 1:
		return errs[0]
	}
	return ErrorList(errs)
}
