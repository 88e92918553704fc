package inspect

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
)

// registeredNames are the claim and header names that validators look up by
// exact, case-sensitive name.
var registeredNames = []string{"iss", "sub", "aud", "exp", "nbf", "iat", "jti", "alg", "typ", "kid", "scope", "scp", "roles", "azp", "auth_time", "nonce", "enc", "cty"}

// memberNameFindings reads the top-level member names of a JSON object in
// order and flags names given twice (parsers disagree on which one wins) and
// names that differ from a registered one only in case ("EXP"): JSON is
// case-sensitive and so are validators, so such a claim is ignored.
func memberNameFindings(obj []byte, where string) []Finding {
	dec := json.NewDecoder(bytes.NewReader(obj))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return nil
	}
	seen := map[string]bool{}
	lower := map[string]string{}
	var out []Finding
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return out
		}
		name, _ := tok.(string)
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			return out
		}
		if seen[name] {
			out = append(out, newFinding(CodeTokenClaimCase,
				fmt.Sprintf("%s member %q appears twice", upperFirst(where), safeText(name)),
				"JSON parsers disagree on duplicate names: some keep the first value, most the last, strict ones reject the token. The server may read a different value than this page shows (the last one).",
				safeText(name)))
			continue
		}
		seen[name] = true
		if other, ok := lower[strings.ToLower(name)]; ok {
			out = append(out, newFinding(CodeTokenClaimCase,
				fmt.Sprintf("%s members %q and %q differ only in case", upperFirst(where), other, name),
				"Claim names are case-sensitive: validators read exactly one of them and ignore the other.",
				safeText(other+", "+name)))
		}
		lower[strings.ToLower(name)] = name
	}
	for _, r := range registeredNames {
		if seen[r] {
			continue
		}
		if got, ok := lower[r]; ok && got != r {
			out = append(out, newFinding(CodeTokenClaimCase,
				fmt.Sprintf("%s member %q is not %q", upperFirst(where), got, r),
				fmt.Sprintf("JSON names are case-sensitive: a validator looks for %q and ignores %q, so this token behaves as if it had no %s.", r, got, r),
				safeText(got)))
		}
	}
	return out
}
