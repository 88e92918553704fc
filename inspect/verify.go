package inspect

import (
	"fmt"
	"strings"

	"github.com/golang-jwt/jwt/v5"
)

// verifySignature checks a JWS's signature with the given keys, through
// golang-jwt so the algorithms and their key types are exactly those Go
// servers accept. A key whose type does not fit the token's alg is never
// tried (an RSA public key is not an HMAC secret: algorithm confusion is
// refused), nor a key whose kid differs from the token's. The keys left are
// tried one by one, as validators do with several matching keys (jose,
// golang-jwt's VerificationKeySet), so the finding names the one key that
// verifies. It returns token.signature_valid or token.signature_invalid.
func verifySignature(t Token, keys []Key) Finding {
	alg := t.Alg()
	var candidates []Key
	var skipped, kids []string
	kid, _ := t.Header["kid"].(string)
	kidKnown := false
	for _, k := range keys {
		if k.ID != "" {
			kids = append(kids, quote(k.ID))
			kidKnown = kidKnown || k.ID == kid
		}
		if !keyFitsAlg(k, alg) {
			skipped = append(skipped, fmt.Sprintf("%s is an %s", k.Source, keyTypeName(k.Type)))
			continue
		}
		if kid != "" && k.ID != "" && k.ID != kid {
			continue
		}
		candidates = append(candidates, k)
	}
	evidence := "alg " + quote(alg)
	if kid != "" {
		evidence += ", kid " + quote(kid)
	}
	// kidNote names a kid the set does not have: validators that select
	// the key by kid (jose, go-jose, Nimbus, keyfunc) find no key for it.
	kidNote := ""
	if kid != "" && !kidKnown && len(kids) > 0 {
		kidNote = fmt.Sprintf("The token's kid %q is not in the key set (it has kid %s): a server that selects the key by kid finds none and rejects the token (401; jose says \"no applicable key found in the JSON Web Key Set\"). The token was signed with a key this set does not publish: a key rotated since (fetch the current JWKS), or another tenant's or environment's key.", kid, strings.Join(kids, ", "))
	}
	if len(candidates) == 0 {
		if kidNote != "" {
			return newFinding(CodeTokenSignatureInvalid, fmt.Sprintf("The token's kid %q is not in the key set", kid), kidNote, evidence)
		}
		detail := fmt.Sprintf("None of the %d key(s) given can verify an %s signature", len(keys), alg)
		if len(skipped) > 0 {
			detail += ": " + strings.Join(skipped, "; ")
		}
		detail += ". A server holding only these keys rejects the token (401)."
		if isHMAC(alg) && hasType(keys, "rsa", "ec", "ed25519") {
			detail += " The token says HMAC but the keys are public keys: a server that let an HMAC token be checked with its public key would accept forged tokens (algorithm confusion)."
		}
		return newFinding(CodeTokenSignatureInvalid,
			"No key fits this token",
			detail,
			evidence)
	}
	parser := jwt.NewParser(jwt.WithoutClaimsValidation(), jwt.WithValidMethods([]string{alg}))
	var err error
	for _, k := range candidates {
		if _, err = parser.Parse(t.Raw, func(*jwt.Token) (any, error) { return k.key, nil }); err == nil {
			detail := fmt.Sprintf("The %s signature matches %s: the token was issued by the holder of that key and not altered since.", alg, k.Source)
			if kidNote != "" {
				detail += " " + kidNote
			}
			return newFinding(CodeTokenSignatureValid, "Signature verified with "+k.Source, detail, evidence)
		}
	}
	detail := fmt.Sprintf("The %s signature does not match the %d key(s) that fit it (%s). Either the token was altered, or it was signed with another key: a rotated key, another tenant or environment's key, or a kid the server's JWKS does not have. The server rejects it (401 invalid_token).", alg, len(candidates), keySources(candidates))
	if kidNote != "" {
		detail += " " + kidNote
	}
	return newFinding(CodeTokenSignatureInvalid, "Signature does not verify", detail+" ("+err.Error()+")", evidence)
}

// keyTypeName names a key type after "an".
func keyTypeName(t string) string {
	switch t {
	case "hmac":
		return "HMAC secret"
	case "ec":
		return "EC key"
	case "ed25519":
		return "Ed25519 key"
	}
	return strings.ToUpper(t) + " key"
}

func keySources(ks []Key) string {
	s := make([]string, len(ks))
	for i, k := range ks {
		s[i] = k.Source
	}
	return strings.Join(s, ", ")
}

func isHMAC(alg string) bool { return strings.HasPrefix(alg, "HS") }

func hasType(keys []Key, types ...string) bool {
	for _, k := range keys {
		for _, t := range types {
			if k.Type == t {
				return true
			}
		}
	}
	return false
}

// keyFitsAlg reports whether a key of k's type can verify alg.
func keyFitsAlg(k Key, alg string) bool {
	switch {
	case isHMAC(alg):
		return k.Type == "hmac"
	case strings.HasPrefix(alg, "RS"), strings.HasPrefix(alg, "PS"):
		return k.Type == "rsa"
	case strings.HasPrefix(alg, "ES"):
		return k.Type == "ec"
	case alg == "EdDSA" || alg == "Ed25519":
		return k.Type == "ed25519"
	}
	return false
}
