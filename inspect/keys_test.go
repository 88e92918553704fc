package inspect

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"errors"
	"math/big"
	"strings"
	"testing"
)

// wrap64 breaks s into lines of 64 characters, as PEM bodies and most
// tools that print base64 keys do.
func wrap64(s string) string {
	var b strings.Builder
	for len(s) > 64 {
		b.WriteString(s[:64] + "\n")
		s = s[64:]
	}
	b.WriteString(s)
	return b.String()
}

// Every way private key material reaches the key input is refused, before
// any of it is used: a private key pasted into a page is a key leaked, and
// used as an HMAC secret it would make a forged HS256 token verify.
func TestParseKeysRefusesPrivateKeyMaterial(t *testing.T) {
	rsaKey, err := rsa.GenerateKey(rand.Reader, 1024)
	if err != nil {
		t.Fatal(err)
	}
	ecKey, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	pkcs8, _ := x509.MarshalPKCS8PrivateKey(rsaKey)
	pkcs1 := x509.MarshalPKCS1PrivateKey(rsaKey)
	ecDER, _ := x509.MarshalECPrivateKey(ecKey)
	pemOfType := func(typ string, der []byte) string {
		return string(pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: der}))
	}
	b64 := base64.StdEncoding.EncodeToString
	pkcs8PEM := pemOfType("PRIVATE KEY", pkcs8)
	n, e := b64u(rsaKey.N.Bytes()), b64u(big.NewInt(int64(rsaKey.E)).Bytes())
	p, q := b64u(rsaKey.Primes[0].Bytes()), b64u(rsaKey.Primes[1].Bytes())
	d := b64u(rsaKey.D.Bytes())
	account, _ := json.Marshal(map[string]string{"type": "service_account", "client_email": "x@p.iam.gserviceaccount.com", "private_key": pkcs8PEM})
	tests := []struct{ name, text string }{
		{"PKCS#1 PEM", pemOfType("RSA PRIVATE KEY", pkcs1)},
		{"PKCS#8 PEM", pkcs8PEM},
		{"EC PEM", pemOfType("EC PRIVATE KEY", ecDER)},
		{"encrypted PKCS#8 PEM", "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIFHDBOBgkqhkiG9w0BBQ0wQTApBgkqhkiG9w0BBQwwHAQI\n-----END ENCRYPTED PRIVATE KEY-----\n"},
		{"OpenSSH PEM", "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\n-----END OPENSSH PRIVATE KEY-----\n"},
		// openssl pkcs12 -nodes prints these attribute lines before each block.
		{"PEM after OpenSSL's Bag Attributes", "Bag Attributes\n    localKeyID: 01 00 00 00 \n    friendlyName: api-signing\nKey Attributes: <No Attributes>\n" + pkcs8PEM},
		{"public key PEM followed by a private one", pemOf(t, &rsaKey.PublicKey) + pkcs8PEM},
		{"PEM with its newlines escaped as \\n", strings.ReplaceAll(strings.TrimSpace(pkcs8PEM), "\n", `\n`)},
		{"bare base64 PKCS#8 on one line", b64(pkcs8)},
		{"bare base64 PKCS#8 wrapped at 64", wrap64(b64(pkcs8)) + "\n"},
		{"bare base64url PKCS#8", base64.RawURLEncoding.EncodeToString(pkcs8)},
		{"bare base64 PKCS#1", b64(pkcs1)},
		{"bare base64 SEC 1 EC key", b64(ecDER)},
		{"raw DER PKCS#8 (a --key @file.der)", string(pkcs8)},
		{"service account JSON with a PEM private_key", string(account)},
		{"RSA JWK with d", `{"kty":"RSA","n":"` + n + `","e":"` + e + `","d":"` + d + `"}`},
		{"RSA JWK with p and q but no d", `{"kty":"RSA","n":"` + n + `","e":"` + e + `","p":"` + p + `","q":"` + q + `"}`},
		{"RSA JWK with CRT members only", `{"kty":"RSA","n":"` + n + `","e":"` + e + `","dp":"AQ","dq":"AQ","qi":"AQ"}`},
		// encoding/json keeps the last of two equal names: an empty second
		// "d" must not hide the first.
		{"RSA JWK with d twice", `{"kty":"RSA","n":"` + n + `","e":"` + e + `","d":"` + d + `","d":""}`},
		{"JWK with D in capitals", `{"kty":"RSA","n":"` + n + `","e":"` + e + `","D":"` + d + `"}`},
		{"EC JWK with d", `{"kty":"EC","crv":"P-256","x":"` + b64u(ecKey.X.FillBytes(make([]byte, 32))) + `","y":"` + b64u(ecKey.Y.FillBytes(make([]byte, 32))) + `","d":"` + b64u(ecKey.D.Bytes()) + `"}`},
		{"oct JWK with d", `{"kty":"oct","k":"c2VjcmV0","d":"x"}`},
		{"JWKS whose second key is private", `{"keys":[{"kty":"RSA","kid":"a","n":"` + n + `","e":"` + e + `"},{"kty":"RSA","kid":"b","n":"` + n + `","e":"` + e + `","p":"` + p + `","q":"` + q + `"}]}`},
		{".NET XML RSA key", "<RSAKeyValue><Modulus>" + b64(rsaKey.N.Bytes()) + "</Modulus><Exponent>AQAB</Exponent><P>" + b64(rsaKey.Primes[0].Bytes()) + "</P><D>" + b64(rsaKey.D.Bytes()) + "</D></RSAKeyValue>"},
		{"PuTTY key file", "PuTTY-User-Key-File-3: ssh-rsa\nEncryption: none\nComment: k\nPublic-Lines: 1\nAAAA\nPrivate-Lines: 1\nAAAA\n"},
	}
	for _, tt := range tests {
		keys, err := ParseKeys(tt.text)
		var ke *KeyError
		if !errors.As(err, &ke) || !strings.Contains(ke.Msg, "private key") {
			t.Errorf("%s: ParseKeys error = %v, want a KeyError saying it is a private key", tt.name, err)
		}
		if len(keys) != 0 {
			t.Errorf("%s: ParseKeys returned %d key(s) (%s), want none: nothing of a paste holding a private key is used", tt.name, len(keys), keySources(keys))
		}
		if err != nil && strings.Contains(err.Error(), b64(pkcs8)[20:40]) {
			t.Errorf("%s: the error quotes the key: %v", tt.name, err)
		}
	}
}

// Public keys in the same wrappings are read, not refused: a certificate
// after OpenSSL's Bag Attributes, and the bare base64 SubjectPublicKeyInfo
// that Keycloak's realm settings show.
func TestParseKeysReadsWrappedPublicKeys(t *testing.T) {
	rsaKey, _ := rsa.GenerateKey(rand.Reader, 1024)
	spki, _ := x509.MarshalPKIXPublicKey(&rsaKey.PublicKey)
	tests := []struct{ name, text, typ string }{
		{"PEM after Bag Attributes", "Bag Attributes\n    localKeyID: 01 00 00 00 \nsubject=CN = api\n" + pemOf(t, &rsaKey.PublicKey), "rsa"},
		{"bare base64 SPKI (Keycloak)", base64.StdEncoding.EncodeToString(spki), "rsa"},
		{"bare base64 SPKI wrapped", wrap64(base64.StdEncoding.EncodeToString(spki)), "rsa"},
		{"a plain secret stays an HMAC secret", "c2VjcmV0", "hmac"},
		{"a secret that mentions keys", "my private key is long", "hmac"},
	}
	for _, tt := range tests {
		keys, err := ParseKeys(tt.text)
		if err != nil {
			t.Errorf("%s: ParseKeys error %v", tt.name, err)
			continue
		}
		if len(keys) != 1 || keys[0].Type != tt.typ {
			t.Errorf("%s: ParseKeys = %d key(s) (%s), want one %s key", tt.name, len(keys), keySources(keys), tt.typ)
		}
	}
}

// An RSA modulus above 16,384 bits is refused when the key is read: each
// verification with a 1,048,576-bit modulus took 22 s. 16,384 bits itself
// is accepted (the largest size any library generates).
func TestParseKeysRefusesHugeRSAModulus(t *testing.T) {
	modulus := func(bits int) []byte {
		b := make([]byte, bits/8)
		for i := range b {
			b[i] = 0xc5
		}
		b[len(b)-1] |= 1
		return b
	}
	jwkOf := func(bits int) string {
		return `{"kty":"RSA","n":"` + b64u(modulus(bits)) + `","e":"AQAB"}`
	}
	pemOfBits := func(bits int) string {
		der := x509.MarshalPKCS1PublicKey(&rsa.PublicKey{N: new(big.Int).SetBytes(modulus(bits)), E: 65537})
		return string(pem.EncodeToMemory(&pem.Block{Type: "RSA PUBLIC KEY", Bytes: der}))
	}
	for _, tt := range []struct {
		name string
		text string
		ok   bool
	}{
		{"JWK of 16384 bits", jwkOf(16384), true},
		{"JWK of 16392 bits", jwkOf(16392), false},
		{"JWK of 1048576 bits", jwkOf(1 << 20), false},
		{"PEM of 16384 bits", pemOfBits(16384), true},
		{"PEM of 32768 bits", pemOfBits(32768), false},
	} {
		keys, err := ParseKeys(tt.text)
		if tt.ok {
			if err != nil || len(keys) != 1 {
				t.Errorf("%s: ParseKeys = %d keys, %v; want the key", tt.name, len(keys), err)
			}
			continue
		}
		var ke *KeyError
		if !errors.As(err, &ke) || !strings.Contains(ke.Msg, "16384") || len(keys) != 0 {
			t.Errorf("%s: ParseKeys = %d keys, %v; want a KeyError naming the 16384-bit limit", tt.name, len(keys), err)
		}
	}
}

// BenchmarkVerifyHugeModulus measures one verification with the largest
// RSA modulus accepted (16,384 bits); before the limit a 1,048,576-bit
// modulus was accepted and took about 22 s.
func BenchmarkVerifyHugeModulus(b *testing.B) {
	mod := make([]byte, 16384/8)
	for i := range mod {
		mod[i] = 0xc5
	}
	keys, err := ParseKeys(`{"kty":"RSA","n":"` + b64u(mod) + `","e":"AQAB"}`)
	if err != nil {
		b.Fatal(err)
	}
	tok := DecodeToken("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0."+b64u(mod), "bench")
	b.ResetTimer()
	for b.Loop() {
		verifySignature(tok, keys)
	}
}
