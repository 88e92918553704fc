package inspect

import (
	"bytes"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"sync"
)

// maxRSABits is the largest RSA modulus accepted. Verification time grows
// with the cube of the modulus size: a 1,048,576-bit modulus took seconds
// per signature. 16,384 bits is the largest size tools generate; real keys
// have 2048 to 4096.
const maxRSABits = 16384

func rsaTooLarge(where string, bits int) *KeyError {
	return &KeyError{where, fmt.Sprintf("the RSA modulus has %d bits; keys above %d bits are refused (issuers use 2048 to 4096, and verifying with a modulus this large takes seconds or minutes)", bits, maxRSABits)}
}

// leakedAdvice ends every refusal of private key material.
const leakedAdvice = ": paste the public key (the certificate, or the public JWK) instead, and treat this private key as leaked if it was shared"

var (
	// pemPrivate finds the armour line of any PEM private key (PKCS#1,
	// PKCS#8, encrypted PKCS#8, SEC 1, OpenSSH, DSA, PGP), also when the
	// text's newlines were escaped or it sits inside a JSON string.
	pemPrivate = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?i)-----\s*(?:BEGIN|END)\s+([A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?)`)
	})
	puttyPrivate = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?im)^\s*PuTTY-User-Key-File-\d+:`)
	})
	// xmlPrivate finds the private members of .NET's RSAKeyValue.
	xmlPrivate = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?is)<RSAKeyValue>.*<(D|P|Q|DP|DQ|InverseQ)>`)
	})
)

// jwkPrivateMembers are the members of a private JWK (RFC 7518 §6.2.2,
// §6.3.2, RFC 8037 §2): any one of them is private key material.
var jwkPrivateMembers = []string{"d", "p", "q", "dp", "dq", "qi", "oth"}

// refusePrivateKey returns a *KeyError when text holds private key material
// in any form this package can recognise: PEM (whatever precedes it, even
// with escaped newlines), PuTTY and .NET XML key files, a JWK or JWKS with a
// private member (however often or in whatever case it is written), and
// DER, raw or in bare base64, of a PKCS#8, PKCS#1, SEC 1, encrypted PKCS#8,
// PKCS#12 or OpenSSH private key. The error never quotes the key.
func refusePrivateKey(text string) error {
	if m := pemPrivate().FindStringSubmatchIndex(text); m != nil {
		line, _ := lineCol(text, m[0])
		return &KeyError{fmt.Sprintf("line %d", line), fmt.Sprintf("a PEM %q block is a private key", strings.ToUpper(text[m[2]:m[3]])) + leakedAdvice}
	}
	if loc := puttyPrivate().FindStringIndex(text); loc != nil {
		line, _ := lineCol(text, loc[0])
		return &KeyError{fmt.Sprintf("line %d", line), "a PuTTY key file holds a private key" + leakedAdvice}
	}
	if m := xmlPrivate().FindStringSubmatch(text); m != nil {
		return &KeyError{"XML key", fmt.Sprintf("an RSAKeyValue with <%s> is a private key", m[1]) + leakedAdvice}
	}
	trimmed := strings.TrimSpace(text)
	if strings.HasPrefix(trimmed, "{") || strings.HasPrefix(trimmed, "[") {
		if where, name, ok := privateJSONMember([]byte(trimmed)); ok {
			return &KeyError{where, fmt.Sprintf("this JWK holds a private key (member %q)", name) + leakedAdvice}
		}
		return nil
	}
	for _, der := range derCandidates(text) {
		if what := privateDER(der); what != "" {
			return &KeyError{"key", "this is " + what + ", a private key" + leakedAdvice}
		}
	}
	return nil
}

// privateJSONMember walks a JSON document (without recursion, so nesting
// depth costs no stack) and returns the first member of any object whose
// name is a private JWK member, compared without regard to case (a
// decoder matching names loosely would read "D" as "d"). Every occurrence
// counts: a second, empty "d" does not hide the first.
func privateJSONMember(b []byte) (where, name string, ok bool) {
	dec := json.NewDecoder(bytes.NewReader(b))
	var stack []jsonFrame
	valueDone := func() {
		if n := len(stack); n > 0 {
			if stack[n-1].obj {
				stack[n-1].expectKey = true
			} else {
				stack[n-1].index++
			}
		}
	}
	for {
		tok, err := dec.Token()
		if err != nil {
			return "", "", false // the key parser reports broken JSON
		}
		if n := len(stack); n > 0 && stack[n-1].obj && stack[n-1].expectKey {
			if tok == json.Delim('}') {
				stack = stack[:n-1]
				valueDone()
				continue
			}
			key, _ := tok.(string)
			for _, m := range jwkPrivateMembers {
				if strings.EqualFold(key, m) {
					return jsonKeyWhere(stack), key, true
				}
			}
			stack[n-1].key, stack[n-1].expectKey = key, false
			continue
		}
		switch tok {
		case json.Delim('{'):
			stack = append(stack, jsonFrame{obj: true, expectKey: true})
			continue
		case json.Delim('['):
			stack = append(stack, jsonFrame{})
			continue
		case json.Delim(']'):
			stack = stack[:len(stack)-1]
		}
		if len(stack) == 0 {
			return "", "", false
		}
		valueDone()
	}
}

// jsonFrame is one open object or array of privateJSONMember's walk.
type jsonFrame struct {
	obj       bool
	expectKey bool
	key       string // the member being read, in an object
	index     int    // the element being read, in an array
}

// jsonKeyWhere names the object being read as ParseKeys does: "JWKS key 2"
// inside a set's "keys" array, else "JWK".
func jsonKeyWhere(stack []jsonFrame) string {
	if len(stack) >= 3 && stack[0].obj && stack[0].key == "keys" && !stack[1].obj {
		return fmt.Sprintf("JWKS key %d", stack[1].index+1)
	}
	return "JWK"
}

// derCandidates returns the DER a key text may be: the text itself when it
// starts like a DER SEQUENCE (a key file given as --key @file.der), and the
// text decoded as bare base64 or base64url (line breaks, also escaped ones,
// removed).
func derCandidates(text string) [][]byte {
	var out [][]byte
	if len(text) > 1 && text[0] == 0x30 {
		out = append(out, []byte(text))
	}
	compact := strings.NewReplacer(`\n`, "", `\r`, "", "\n", "", "\r", "", " ", "", "\t", "").Replace(strings.TrimSpace(text))
	if len(compact) < 16 {
		return out
	}
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding, base64.URLEncoding, base64.RawURLEncoding} {
		if b, err := enc.DecodeString(compact); err == nil {
			return append(out, b)
		}
	}
	return out
}

var (
	oidPKCS5   = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 5}
	oidPKCS12  = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 12}
	oidPKCS7   = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 7}
	opensshKey = []byte("openssh-key-v1\x00")
)

// privateDER says which kind of private key der is, or "".
func privateDER(der []byte) string {
	switch {
	case bytes.HasPrefix(der, opensshKey):
		return "an OpenSSH key"
	case parses(x509.ParsePKCS8PrivateKey, der):
		return "a PKCS#8 key"
	case parses(x509.ParsePKCS1PrivateKey, der):
		return "a PKCS#1 RSA key"
	case parses(x509.ParseECPrivateKey, der):
		return "a SEC 1 EC key"
	}
	var enc struct {
		Algo pkix.AlgorithmIdentifier
		Data []byte
	}
	if rest, err := asn1.Unmarshal(der, &enc); err == nil && len(rest) == 0 && (hasOIDPrefix(enc.Algo.Algorithm, oidPKCS5) || hasOIDPrefix(enc.Algo.Algorithm, oidPKCS12)) {
		return "an encrypted PKCS#8 key"
	}
	var pfx struct {
		Version  int
		AuthSafe struct {
			ContentType asn1.ObjectIdentifier
			Content     asn1.RawValue `asn1:"tag:0,explicit,optional"`
		}
		MacData asn1.RawValue `asn1:"optional"`
	}
	if _, err := asn1.Unmarshal(der, &pfx); err == nil && pfx.Version == 3 && hasOIDPrefix(pfx.AuthSafe.ContentType, oidPKCS7) {
		return "a PKCS#12 bundle (it carries the private key with the certificate)"
	}
	return ""
}

func parses[T any](parse func([]byte) (T, error), der []byte) bool {
	_, err := parse(der)
	return err == nil
}

func hasOIDPrefix(oid, prefix asn1.ObjectIdentifier) bool {
	return len(oid) > len(prefix) && oid[:len(prefix)].Equal(prefix)
}

// bareDERPublicKey reads a public key given as bare base64 (or raw) DER: a
// SubjectPublicKeyInfo (what Keycloak's realm settings show), a PKCS#1 RSA
// public key or a certificate.
func bareDERPublicKey(text string) (Key, bool, error) {
	for _, der := range derCandidates(text) {
		var pub any
		if p, err := x509.ParsePKIXPublicKey(der); err == nil {
			pub = p
		} else if p, err := x509.ParsePKCS1PublicKey(der); err == nil {
			pub = p
		} else if c, err := x509.ParseCertificate(der); err == nil {
			pub = c.PublicKey
		} else {
			continue
		}
		k, err := publicKey(pub, "base64 public key")
		return k, true, err
	}
	return Key{}, false, nil
}
