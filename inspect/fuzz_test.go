package inspect

import (
	"errors"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

var fuzzNow = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// FuzzParseTokens feeds arbitrary text to the token reader and the whole
// diagnosis: nothing may panic, every token has a source, every finding a
// code and a title, and the verdict is one of the five.
func FuzzParseTokens(f *testing.F) {
	seeds := []string{
		"eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk",
		"eyJhbGciOiJub25lIn0.eyJleHAiOjFlMzA4fQ.",                  // exp 1e308
		"eyJhbGciOiJub25lIn0.eyJleHAiOi0xZTMwOH0.",                 // exp -1e308
		"eyJhbGciOiJub25lIn0.eyJleHAiOiJ0b21vcnJvdyJ9.",            // exp "tomorrow"
		"eyJhbGciOiJub25lIn0.eyJhdWQiOnsieCI6MX0sInNjcCI6W1tdXX0.", // aud object, scp [[]]
		"eyJhbGciOiJub25lIn0.eyJFWFAiOjEsImV4cCI6MiwiZXhwIjozfQ.",  // EXP and exp twice
		"eyJhbGciOiJub25lIn0.W10.",                                 // payload []
		"eyJhbGciOiJub25lIn0.eyJleHAiOjE3Njcy.",                    // truncated JSON
		"eyJ.eyJ.eyJ.eyJ.eyJ",                                      // JWE-shaped garbage
		"a.b.c.d.e.f",
		"Authorization: Bearer ",
		"Authorization: Basic !!!",
		`{"access_token":"eyJhbGciOiJub25lIn0.e30.","id_token":5}`,
		`{"a":[{"b":"eyJhbGciOiJub25lIn0.e30."}]}`,
		"\ufeff eyJhbGciOiJub25lIn0.e30.",
		"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOi+4In0=.c2ln===",
		strings.Repeat("eyJ", 1000),
	}
	for _, s := range seeds {
		f.Add(s, "aud=x\nscope=a b")
	}
	f.Fuzz(func(t *testing.T, text, requirement string) {
		req, _ := ParseRequirement(requirement)
		c, _ := Parse(text)
		r := Diagnose(c, req, fuzzNow, 30*time.Second)
		switch r.Verdict {
		case VerdictOK, Verdict401, Verdict403, VerdictNetwork, VerdictUnknown:
		default:
			t.Fatalf("verdict %q", r.Verdict)
		}
		if strings.TrimSpace(text) != "" && r.Summary == "" {
			t.Fatalf("no summary for %q", text)
		}
		for _, tr := range r.Tokens {
			if tr.Source == "" {
				t.Fatalf("token without a source in %q", text)
			}
		}
		for _, f := range r.Findings {
			if f.Code == "" || f.Title == "" {
				t.Fatalf("finding without code or title: %+v", f)
			}
		}
		_ = FormatText(r)
	})
}

// FuzzParseRequirement: no panic; every error is a *RequirementError whose
// line exists and whose column lies inside (or just after) that line.
func FuzzParseRequirement(f *testing.F) {
	for _, s := range []string{
		"aud=x\niss: y\nscope=a b\nrole=r",
		`WWW-Authenticate: Bearer realm="a", error="insufficient_scope", scope="x y"`,
		`Bearer realm="unterminated`,
		"=\n:\n==\nscope",
		"WWW-Authenticate: ,,,, Basic , Negotiate abc==, x=",
		"\r\n\r\n# c\n// c\n  aud  =  'q'  ",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		_, err := ParseRequirement(text)
		lines := strings.Split(text, "\n")
		for _, e := range unwrapAll(err) {
			var re *RequirementError
			if !errors.As(e, &re) {
				t.Fatalf("error %v is not a *RequirementError", e)
			}
			if re.Line < 1 || re.Line > len(lines) {
				t.Fatalf("error line %d outside 1..%d", re.Line, len(lines))
			}
			if re.Col < 1 || re.Col > len(lines[re.Line-1])+1 {
				t.Fatalf("error column %d outside line %q", re.Col, lines[re.Line-1])
			}
		}
	})
}

// FuzzParseChallenges: no panic; error offsets point inside the value.
func FuzzParseChallenges(f *testing.F) {
	for _, s := range []string{
		`Bearer realm="example", error="invalid_token"`,
		`Newauth realm="apps", type=1, title="Login to \"apps\"", Basic realm="simple"`,
		`Negotiate a==, Bearer`, `Bearer x="\`, `,`, `=`, `Bearer a=b c=d`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, v string) {
		cs, err := ParseChallenges(v)
		var ce *ChallengeError
		if err != nil {
			if !errors.As(err, &ce) {
				t.Fatalf("error %T", err)
			}
			if ce.Offset < 0 || ce.Offset > len(v) {
				t.Fatalf("offset %d outside %d bytes", ce.Offset, len(v))
			}
		}
		for _, c := range cs {
			if c.Scheme == "" {
				t.Fatalf("empty scheme from %q", v)
			}
		}
	})
}

// FuzzDecodeToken: a decoded token's JSON is what the segment held, and
// findings that quote the input keep valid UTF-8 when the input is.
func FuzzDecodeToken(f *testing.F) {
	f.Add("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln")
	f.Add("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOi+4In0.c2ln")
	f.Add("....")
	f.Fuzz(func(t *testing.T, raw string) {
		tok := DecodeToken(raw, "fuzz")
		if tok.Kind != TokenJWS && tok.Kind != TokenJWE {
			t.Fatalf("kind %q", tok.Kind)
		}
		if utf8.ValidString(raw) {
			for _, f := range tok.Findings {
				if !utf8.ValidString(f.Evidence) {
					t.Fatalf("evidence %q is not UTF-8", f.Evidence)
				}
			}
		}
	})
}

// FuzzParseKeys: no panic on any key text; every error is a *KeyError.
func FuzzParseKeys(f *testing.F) {
	for _, s := range []string{
		`{"keys":[{"kty":"RSA","n":"AQAB","e":"AQAB"},{"kty":"EC","crv":"P-256","x":"AQ","y":"AQ"}]}`,
		`{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}`,
		"-----BEGIN PUBLIC KEY-----\nMFkw\n-----END PUBLIC KEY-----\n",
		"-----BEGIN CERTIFICATE-----\n", `{"kty":"RSA","n":"","e":"/////////w"}`, "secret",
		"Bag Attributes\n    localKeyID: 01\n-----BEGIN PUBLIC KEY-----\nMFkw\n-----END PUBLIC KEY-----\n",
		`{"kty":"RSA","n":"AQAB","e":"AQAB","d":"AQ","d":""}`, `{"keys":[[{"D":1}]]}`,
		"MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQC", "0\x82\x01\x0a\x02\x01\x03",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		_, err := ParseKeys(s)
		for _, e := range unwrapAll(err) {
			var ke *KeyError
			if !errors.As(e, &ke) {
				t.Fatalf("error %T %v", e, e)
			}
		}
	})
}
