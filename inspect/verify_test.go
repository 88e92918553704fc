package inspect

import (
	"crypto/ecdsa"
	"crypto/ed25519"
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
	"time"

	"github.com/golang-jwt/jwt/v5"
)

func pemOf(t *testing.T, pub any) string {
	t.Helper()
	der, err := x509.MarshalPKIXPublicKey(pub)
	if err != nil {
		t.Fatal(err)
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der}))
}

func b64u(b []byte) string { return base64.RawURLEncoding.EncodeToString(b) }

// Each key format, each algorithm family: the right key verifies, a wrong
// key or a tampered token does not, and a public key never verifies an HMAC
// token (algorithm confusion).
func TestVerifySignature(t *testing.T) {
	rsaKey, _ := rsa.GenerateKey(rand.Reader, 2048)
	ecKey, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	edPub, edPriv, _ := ed25519.GenerateKey(rand.Reader)
	otherRSA, _ := rsa.GenerateKey(rand.Reader, 2048)
	claims := jwt.MapClaims{"exp": 1767229200}
	sign := func(m jwt.SigningMethod, key any, kid string) string {
		tok := jwt.NewWithClaims(m, claims)
		if kid != "" {
			tok.Header["kid"] = kid
		}
		s, err := tok.SignedString(key)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	rsaJWK, _ := json.Marshal(map[string]string{"kty": "RSA", "kid": "r1", "n": b64u(rsaKey.N.Bytes()), "e": b64u(big.NewInt(int64(rsaKey.E)).Bytes())})
	ecJWKS, _ := json.Marshal(map[string]any{"keys": []map[string]string{
		{"kty": "EC", "kid": "e1", "crv": "P-256", "x": b64u(ecKey.X.FillBytes(make([]byte, 32))), "y": b64u(ecKey.Y.FillBytes(make([]byte, 32)))},
		{"kty": "OKP", "kid": "d1", "crv": "Ed25519", "x": b64u(edPub)},
	}})
	hsTok := sign(jwt.SigningMethodHS256, []byte("s3cret"), "")
	tests := []struct {
		name  string
		token string
		keys  string
		code  string
	}{
		{"RS256 with PEM", sign(jwt.SigningMethodRS256, rsaKey, ""), pemOf(t, &rsaKey.PublicKey), CodeTokenSignatureValid},
		{"RS256 with JWK", sign(jwt.SigningMethodRS256, rsaKey, "r1"), string(rsaJWK), CodeTokenSignatureValid},
		{"PS256 with PEM", sign(jwt.SigningMethodPS256, rsaKey, ""), pemOf(t, &rsaKey.PublicKey), CodeTokenSignatureValid},
		{"RS256 wrong key", sign(jwt.SigningMethodRS256, rsaKey, ""), pemOf(t, &otherRSA.PublicKey), CodeTokenSignatureInvalid},
		{"ES256 with JWKS", sign(jwt.SigningMethodES256, ecKey, "e1"), string(ecJWKS), CodeTokenSignatureValid},
		{"EdDSA with JWKS", sign(jwt.SigningMethodEdDSA, edPriv, "d1"), string(ecJWKS), CodeTokenSignatureValid},
		{"EdDSA with PEM", sign(jwt.SigningMethodEdDSA, edPriv, ""), pemOf(t, edPub), CodeTokenSignatureValid},
		{"HS256 with secret", hsTok, "s3cret\n", CodeTokenSignatureValid},
		{"HS256 wrong secret", hsTok, "other", CodeTokenSignatureInvalid},
		{"HS256 tampered", hsTok[:len(hsTok)-2] + "AA", "s3cret", CodeTokenSignatureInvalid},
		// An HMAC token must not verify with the RSA public key's bytes.
		{"alg confusion", sign(jwt.SigningMethodHS256, []byte(pemOf(t, &rsaKey.PublicKey)), ""), pemOf(t, &rsaKey.PublicKey), CodeTokenSignatureInvalid},
		// kid not among the keys: nothing fits.
		{"kid mismatch", sign(jwt.SigningMethodRS256, rsaKey, "zz"), string(rsaJWK), CodeTokenSignatureInvalid},
	}
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, tt := range tests {
		keys, err := ParseKeys(tt.keys)
		if err != nil {
			t.Fatalf("%s: ParseKeys: %v", tt.name, err)
		}
		r := evaluateToken(DecodeToken(tt.token, "test"), Requirement{Keys: keys}, now, rules{})
		if !hasCode(r.Findings, tt.code) {
			t.Errorf("%s: findings %v, want %s", tt.name, codesOf(r.Findings), tt.code)
		}
		wantVerdict := VerdictOK
		if tt.code == CodeTokenSignatureInvalid {
			wantVerdict = Verdict401
		}
		if r.Verdict != wantVerdict {
			t.Errorf("%s: verdict %s, want %s", tt.name, r.Verdict, wantVerdict)
		}
	}
}

func TestParseKeysRefusesPrivateKeys(t *testing.T) {
	rsaKey, _ := rsa.GenerateKey(rand.Reader, 1024)
	der := x509.MarshalPKCS1PrivateKey(rsaKey)
	_, err := ParseKeys(string(pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: der})))
	var ke *KeyError
	if !errors.As(err, &ke) || !strings.Contains(ke.Msg, "private key") {
		t.Errorf("ParseKeys(private PEM) error = %v, want a KeyError about a private key", err)
	}
	_, err = ParseKeys(`{"kty":"oct","k":"c2VjcmV0","d":"x"}`)
	if !errors.As(err, &ke) || !strings.Contains(ke.Msg, "private key") {
		t.Errorf("ParseKeys(private JWK) error = %v", err)
	}
	_, err = ParseKeys(`{"kty":"EC","crv":"P-256","x":"AQ","y":"AQ"}`)
	if !errors.As(err, &ke) || !strings.Contains(ke.Msg, "not on curve") {
		t.Errorf("ParseKeys(point off the curve) error = %v", err)
	}
}

// A JWKS whose keys have no kid, a token without kid: the finding names the
// one key that verifies (validators try each key: jose iterates over
// multiple matching keys, golang-jwt over a VerificationKeySet), never
// every key of the set. A kid the set does not have is named as such (jose:
// "no applicable key found in the JSON Web Key Set"). A verified signature
// is said in the token's signature line and in the verdict's sentence.
func TestVerifyNamesTheKey(t *testing.T) {
	k1, _ := rsa.GenerateKey(rand.Reader, 2048)
	k2, _ := rsa.GenerateKey(rand.Reader, 2048)
	jwkOf := func(k *rsa.PrivateKey, kid string) map[string]string {
		m := map[string]string{"kty": "RSA", "n": b64u(k.N.Bytes()), "e": b64u(big.NewInt(int64(k.E)).Bytes())}
		if kid != "" {
			m["kid"] = kid
		}
		return m
	}
	set := func(keys ...map[string]string) string {
		b, _ := json.Marshal(map[string]any{"keys": keys})
		return string(b)
	}
	sign := func(k *rsa.PrivateKey, kid string) string {
		tok := jwt.NewWithClaims(jwt.SigningMethodRS256, jwt.MapClaims{"sub": "u", "exp": 1767229200})
		if kid != "" {
			tok.Header["kid"] = kid
		}
		s, err := tok.SignedString(k)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		why, token, keys string
		code             string
		says, never      []string
	}{
		{"no kid anywhere, the second key verifies", sign(k2, ""), set(jwkOf(k1, ""), jwkOf(k2, "")),
			CodeTokenSignatureValid, []string{"JWKS key 2"}, []string{"JWKS key 1"}},
		{"no kid anywhere, the first key verifies", sign(k1, ""), set(jwkOf(k1, ""), jwkOf(k2, "")),
			CodeTokenSignatureValid, []string{"JWKS key 1"}, []string{"JWKS key 2"}},
		{"token without kid, set with kids", sign(k2, ""), set(jwkOf(k1, "a"), jwkOf(k2, "b")),
			CodeTokenSignatureValid, []string{`kid "b"`}, []string{`kid "a"`}},
		{"kid not in the set", sign(k1, "zz"), set(jwkOf(k1, "a"), jwkOf(k2, "b")),
			CodeTokenSignatureInvalid, []string{`"zz"`, "not in the key set", `"a"`, `"b"`}, nil},
		{"kid in the set, wrong key under it", sign(k1, "b"), set(jwkOf(k1, "a"), jwkOf(k2, "b")),
			CodeTokenSignatureInvalid, []string{`kid "b"`}, nil},
	}
	for _, tt := range tests {
		keys, err := ParseKeys(tt.keys)
		if err != nil {
			t.Fatalf("%s: %v", tt.why, err)
		}
		r := evaluateToken(DecodeToken(tt.token, "Authorization header"), Requirement{Keys: keys}, now, rules{})
		var f *Finding
		for i := range r.Findings {
			if r.Findings[i].Code == tt.code {
				f = &r.Findings[i]
			}
		}
		if f == nil {
			t.Errorf("%s: findings %v, want %s", tt.why, codesOf(r.Findings), tt.code)
			continue
		}
		text := f.Title + " " + f.Detail
		for _, s := range tt.says {
			if !strings.Contains(text, s) {
				t.Errorf("%s: %q does not say %s", tt.why, text, s)
			}
		}
		for _, s := range tt.never {
			if strings.Contains(text, s) {
				t.Errorf("%s: %q names %s, which does not verify", tt.why, text, s)
			}
		}
		if tt.code != CodeTokenSignatureValid {
			continue
		}
		if !strings.Contains(r.Signature, "verified with") || !strings.Contains(r.Signature, tt.says[0]) {
			t.Errorf("%s: signature line %q, want it to say which key verified it", tt.why, r.Signature)
		}
		rep := Diagnose(Case{Kind: KindTokens, Tokens: []Token{DecodeToken(tt.token, "Authorization header")}}, Requirement{Keys: keys}, now, 0)
		if rep.Verdict != VerdictOK || strings.Contains(rep.Summary, "not verified") || !strings.Contains(rep.Summary, "verified with ") || !strings.Contains(rep.Summary, tt.says[0]) {
			t.Errorf("%s: verdict %s, summary %q; want ok and a summary saying the signature is verified with %s", tt.why, rep.Verdict, rep.Summary, tt.says[0])
		}
	}
}
