package inspect

import (
	"fmt"
	"strings"
)

// CodeTokenCritUnsupported: the header's crit marks an extension critical
// that validators do not understand, or crit itself is malformed (RFC 7515
// §4.1.11); validators that honour crit reject the token.
const CodeTokenCritUnsupported = "token.crit_unsupported"

// joseHeaderNames are the header parameters JWS, JWE and JWA define
// (RFC 7515 §4.1, RFC 7516 §4.1, RFC 7518 §4.6–4.8): crit must not list
// them.
var joseHeaderNames = map[string]bool{
	"alg": true, "jku": true, "jwk": true, "kid": true, "x5u": true, "x5c": true, "x5t": true, "x5t#S256": true,
	"typ": true, "cty": true, "crit": true, "enc": true, "zip": true,
	"epk": true, "apu": true, "apv": true, "iv": true, "tag": true, "p2s": true, "p2c": true,
}

// critRejects says who rejects and who accepts a token with an unsupported
// crit, for the finding's detail.
const critRejects = "RFC 7515 §4.1.11 requires a recipient to reject it: jose (Node.js), go-jose and Nimbus (Spring Security) do, answering 401; golang-jwt and jsonwebtoken ignore crit and accept the token."

// checkCrit reads the header's crit parameter the way validators that honour
// it do (jose's validateCrit): it must be a non-empty array of strings, each
// naming a parameter present in the header and not defined by JWS/JWE/JWA,
// and each must be an extension the validator understands. The only one
// common validators understand is RFC 7797's b64, and a JWT may not set it
// to false (RFC 7797 §7: a JWT's payload is always base64url-encoded).
func checkCrit(t Token) []Finding {
	raw, ok := t.Header["crit"]
	if !ok {
		return nil
	}
	evidence := "crit: " + shorten(jsonValue(raw), 120)
	finding := func(title, detail string) []Finding {
		return []Finding{newFinding(CodeTokenCritUnsupported, title, detail+" "+critRejects, evidence)}
	}
	list, isList := raw.([]any)
	if !isList {
		return finding("The header's crit is not an array", fmt.Sprintf("crit must be an array of header parameter names; here it is %s.", jsonKind(raw)))
	}
	if len(list) == 0 {
		return finding("The header's crit is an empty list", "crit, when present, must not be empty.")
	}
	var unknown, missing, defined []string
	for _, v := range list {
		name, ok := v.(string)
		if !ok {
			return finding("The header's crit holds a non-string", fmt.Sprintf("crit must be an array of header parameter names; it holds %s.", jsonValue(v)))
		}
		_, present := t.Header[name]
		switch {
		case joseHeaderNames[name]:
			defined = append(defined, quote(name))
		case !present:
			missing = append(missing, quote(name))
		case name == "b64":
			if b, _ := t.Header["b64"].(bool); !b {
				return finding("Unencoded payload (b64 false) in a JWT",
					"The header marks b64 critical and sets it to false: the payload is not base64url-encoded (RFC 7797). RFC 7797 §7 forbids this for JWTs, and validators that understand b64 (jose, go-jose) refuse a JWT that uses it.")
			}
		default:
			unknown = append(unknown, quote(name))
		}
	}
	switch {
	case len(defined) > 0:
		return finding("The header's crit lists "+strings.Join(defined, ", "), "crit must not list parameters that JWS itself defines (RFC 7515 §4.1.11): "+strings.Join(defined, ", ")+". The token is invalid.")
	case len(missing) > 0:
		return finding("The header's crit names "+strings.Join(missing, ", ")+", which is not in the header", "Every name crit lists must be a parameter of the same header; "+strings.Join(missing, ", ")+" is not in the header.")
	case len(unknown) > 0:
		return finding("Critical header extension "+strings.Join(unknown, ", ")+" is not understood",
			"The header marks "+strings.Join(unknown, ", ")+" critical: a validator that does not implement that extension must reject the token, and none of the common ones implements it.")
	}
	return nil
}
