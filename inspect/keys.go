package inspect

import (
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"math/big"
	"strings"
)

// Key is a key to verify token signatures with: an HMAC secret, or an RSA,
// ECDSA or Ed25519 public key read from PEM (public key or certificate), a
// JWK or a JWK set.
type Key struct {
	// ID is the JWK's kid, when it has one.
	ID string `json:"kid,omitempty"`
	// Type is "hmac", "rsa", "ec" or "ed25519".
	Type string `json:"type"`
	// Source says where the key came from ("PEM block 1", "JWKS key 2").
	Source string `json:"source"`
	key    any
}

// KeyError says which part of the key text could not be read.
type KeyError struct {
	Where string // "PEM block 2", "JWKS key 1", …
	Msg   string
}

func (e *KeyError) Error() string { return e.Where + ": " + e.Msg }

// ParseKeys reads verification keys from text: PEM blocks ("PUBLIC KEY",
// "RSA PUBLIC KEY", "CERTIFICATE", also after the attribute lines OpenSSL
// prints before them), a JWK or a JWK set as JSON, a public key or
// certificate as bare base64 DER, or else the whole text as an HMAC secret.
//
// Private key material is refused in every form refusePrivateKey knows,
// and then nothing of the text is used: only public keys (or a shared
// secret) are needed to verify, and a private key pasted into a page is a
// key leaked. RSA moduli above 16,384 bits are refused too.
func ParseKeys(text string) ([]Key, error) {
	trimmed := strings.TrimSpace(text)
	if trimmed == "" {
		return nil, nil
	}
	if err := refusePrivateKey(text); err != nil {
		return nil, err
	}
	switch {
	case strings.Contains(trimmed, "-----BEGIN"):
		return pemKeys([]byte(trimmed))
	case strings.HasPrefix(trimmed, "{"):
		return jwkKeys([]byte(trimmed))
	}
	if k, ok, err := bareDERPublicKey(text); ok {
		if err != nil {
			return nil, err
		}
		return []Key{k}, nil
	}
	return []Key{{Type: "hmac", Source: "shared secret", key: []byte(strings.TrimRight(text, "\r\n"))}}, nil
}

func pemKeys(b []byte) ([]Key, error) {
	var keys []Key
	var errs []error
	for n := 1; ; n++ {
		block, rest := pem.Decode(b)
		if block == nil {
			if len(strings.TrimSpace(string(b))) > 0 {
				errs = append(errs, &KeyError{fmt.Sprintf("PEM block %d", n), "not a complete PEM block (missing -----END line?)"})
			}
			break
		}
		b = rest
		where := fmt.Sprintf("PEM block %d (%s)", n, block.Type)
		var pub any
		var err error
		switch block.Type {
		case "PUBLIC KEY":
			pub, err = x509.ParsePKIXPublicKey(block.Bytes)
		case "RSA PUBLIC KEY":
			pub, err = x509.ParsePKCS1PublicKey(block.Bytes)
		case "CERTIFICATE":
			var cert *x509.Certificate
			if cert, err = x509.ParseCertificate(block.Bytes); err == nil {
				pub = cert.PublicKey
			}
		default:
			if strings.Contains(block.Type, "PRIVATE") {
				errs = append(errs, &KeyError{where, "this is a private key: paste the public key (or the certificate) instead, and treat this private key as leaked if it was shared"})
			} else {
				errs = append(errs, &KeyError{where, "unsupported PEM type (expected PUBLIC KEY, RSA PUBLIC KEY or CERTIFICATE)"})
			}
			continue
		}
		if err != nil {
			errs = append(errs, &KeyError{where, err.Error()})
			continue
		}
		k, err := publicKey(pub, where)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		keys = append(keys, k)
	}
	return keys, errors.Join(errs...)
}

func publicKey(pub any, where string) (Key, error) {
	switch p := pub.(type) {
	case *rsa.PublicKey:
		if bits := p.N.BitLen(); bits > maxRSABits {
			return Key{}, rsaTooLarge(where, bits)
		}
		return Key{Type: "rsa", Source: where, key: p}, nil
	case *ecdsa.PublicKey:
		return Key{Type: "ec", Source: where, key: p}, nil
	case ed25519.PublicKey:
		return Key{Type: "ed25519", Source: where, key: p}, nil
	}
	return Key{}, &KeyError{where, fmt.Sprintf("unsupported public key type %T", pub)}
}

// jwk holds the members of a JWK this package reads (RFC 7517, 7518, 8037).
type jwk struct {
	Kty string `json:"kty"`
	Kid string `json:"kid"`
	Crv string `json:"crv"`
	N   string `json:"n"`
	E   string `json:"e"`
	X   string `json:"x"`
	Y   string `json:"y"`
	K   string `json:"k"`
}

func jwkKeys(b []byte) ([]Key, error) {
	var set struct {
		Keys []json.RawMessage `json:"keys"`
	}
	if err := json.Unmarshal(b, &set); err != nil {
		return nil, &KeyError{"JSON key", jsonErrorText(err, b)}
	}
	raws, label := set.Keys, "JWKS key %d"
	if raws == nil {
		raws, label = []json.RawMessage{b}, "JWK"
	}
	var keys []Key
	var errs []error
	for i, raw := range raws {
		where := label
		if strings.Contains(label, "%d") {
			where = fmt.Sprintf(label, i+1)
		}
		var j jwk
		if err := json.Unmarshal(raw, &j); err != nil {
			errs = append(errs, &KeyError{where, jsonErrorText(err, raw)})
			continue
		}
		if j.Kid != "" {
			where += " (kid " + quote(j.Kid) + ")"
		}
		k, err := j.key(where)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		k.ID = j.Kid
		keys = append(keys, k)
	}
	return keys, errors.Join(errs...)
}

func (j jwk) key(where string) (Key, error) {
	b64 := func(name, s string) ([]byte, error) {
		v, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(s, "="))
		if err != nil || len(v) == 0 {
			return nil, &KeyError{where, fmt.Sprintf("member %q is not base64url", name)}
		}
		return v, nil
	}
	switch j.Kty {
	case "RSA":
		n, err := b64("n", j.N)
		if err != nil {
			return Key{}, err
		}
		e, err := b64("e", j.E)
		if err != nil {
			return Key{}, err
		}
		exp := new(big.Int).SetBytes(e)
		if !exp.IsInt64() || exp.Int64() > 1<<31 {
			return Key{}, &KeyError{where, "exponent e is too large"}
		}
		return publicKey(&rsa.PublicKey{N: new(big.Int).SetBytes(n), E: int(exp.Int64())}, where)
	case "EC":
		var curve elliptic.Curve
		switch j.Crv {
		case "P-256":
			curve = elliptic.P256()
		case "P-384":
			curve = elliptic.P384()
		case "P-521":
			curve = elliptic.P521()
		default:
			return Key{}, &KeyError{where, fmt.Sprintf("unsupported curve %q", j.Crv)}
		}
		x, err := b64("x", j.X)
		if err != nil {
			return Key{}, err
		}
		y, err := b64("y", j.Y)
		if err != nil {
			return Key{}, err
		}
		// Encode as an uncompressed point so the standard library checks
		// it lies on the curve.
		size := (curve.Params().BitSize + 7) / 8
		if len(x) > size || len(y) > size {
			return Key{}, &KeyError{where, "coordinates longer than the curve allows"}
		}
		point := make([]byte, 1+2*size)
		point[0] = 4
		copy(point[1+size-len(x):1+size], x)
		copy(point[1+2*size-len(y):], y)
		pub, err := ecdsaFromPoint(curve, point)
		if err != nil {
			return Key{}, &KeyError{where, err.Error()}
		}
		return Key{Type: "ec", Source: where, key: pub}, nil
	case "OKP":
		if j.Crv != "Ed25519" {
			return Key{}, &KeyError{where, fmt.Sprintf("unsupported OKP curve %q", j.Crv)}
		}
		x, err := b64("x", j.X)
		if err != nil {
			return Key{}, err
		}
		if len(x) != ed25519.PublicKeySize {
			return Key{}, &KeyError{where, fmt.Sprintf("an Ed25519 key is %d bytes, this one %d", ed25519.PublicKeySize, len(x))}
		}
		return Key{Type: "ed25519", Source: where, key: ed25519.PublicKey(x)}, nil
	case "oct":
		k, err := b64("k", j.K)
		if err != nil {
			return Key{}, err
		}
		return Key{Type: "hmac", Source: where, key: k}, nil
	}
	return Key{}, &KeyError{where, fmt.Sprintf("unsupported key type kty %q", j.Kty)}
}

// ecdsaFromPoint checks an uncompressed point and returns the public key.
func ecdsaFromPoint(curve elliptic.Curve, point []byte) (*ecdsa.PublicKey, error) {
	pub, err := ecdsa.ParseUncompressedPublicKey(curve, point)
	if err != nil {
		return nil, fmt.Errorf("the point (x, y) is not on curve %s", curve.Params().Name)
	}
	return pub, nil
}
