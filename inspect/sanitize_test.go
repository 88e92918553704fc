package inspect

import (
	"context"
	"encoding/base64"
	"strings"
	"testing"
)

// madeUpJWT builds an unsigned-looking but well-formed JWT whose signature
// is the given marker, so a test can look for the marker afterwards.
func madeUpJWT(sig string) string {
	enc := base64.RawURLEncoding
	return enc.EncodeToString([]byte(`{"alg":"HS256","typ":"JWT"}`)) + "." +
		enc.EncodeToString([]byte(`{"sub":"u1","aud":"api://x","exp":1748858400}`)) + "." + sig
}

func TestSanitizeHARNoSecretSurvives(t *testing.T) {
	secrets := map[string]string{
		"jwtAuth":     madeUpJWT("SIGauthHeader"),
		"jwtCookie":   madeUpJWT("SIGcookie"),
		"jwtBody":     madeUpJWT("SIGbody"),
		"jwtQuery":    madeUpJWT("SIGquery"),
		"jwtText":     madeUpJWT("SIGfreeText"),
		"jwtRespBody": madeUpJWT("SIGresponse"),
		"opaque":      "opaqueBearerSecret123",
		"basic":       "dXNlcjpwYXNzd29yZA==",
		"proxy":       "proxyCredSecret",
		"session":     "sessCookieSecret",
		"setcookie":   "setCookieSecret",
		"apikey":      "apiKeySecret",
		"refresh":     "refreshTokenSecret",
		"clientsec":   "clientSecretValue",
		"password":    "hunter2secret",
		"querytok":    "queryTokenSecret",
		"cookieobj":   "cookieObjSecret",
		"jwe":         "eyJhbGciOiJSU0EtT0FFUCJ9.ZW5j.aXY.Y2lwaGVy.dGFn",
	}
	s := secrets
	har := `{"log":{"version":"1.2","creator":{"name":"WebInspector"},"entries":[{
	 "startedDateTime":"2025-06-02T09:00:00Z","time":1.5,
	 "request":{"method":"POST","url":"https://a.test/cb?access_token=` + s["querytok"] + `&x=1",
	  "headers":[{"name":"Authorization","value":"Bearer ` + s["jwtAuth"] + `"},
	   {"value":"Basic ` + s["basic"] + `","name":"Proxy-Authorization"},
	   {"name":"Cookie","value":"sid=` + s["session"] + `; jwt=` + s["jwtCookie"] + `"},
	   {"name":"X-Api-Key","value":"` + s["apikey"] + `"},
	   {"name":"X-Note","value":"see ` + s["jwtText"] + ` here"}],
	  "cookies":[{"name":"sid","value":"` + s["cookieobj"] + `"}],
	  "queryString":[{"name":"access_token","value":"` + s["querytok"] + `"}],
	  "postData":{"mimeType":"application/x-www-form-urlencoded","text":"grant_type=refresh_token&refresh_token=` + s["refresh"] + `&client_secret=` + s["clientsec"] + `&assertion=` + s["jwtBody"] + `",
	   "params":[{"name":"password","value":"` + s["password"] + `"}]}},
	 "response":{"status":200,"headers":[{"name":"Set-Cookie","value":"sid=` + s["setcookie"] + `; Path=/; HttpOnly"},{"name":"WWW-Authenticate","value":"Bearer realm=\"x\""}],
	  "cookies":[{"name":"sid","value":"` + s["setcookie"] + `","httpOnly":true}],
	  "content":{"size":100,"mimeType":"application/json","text":"{\"access_token\":\"` + s["jwtRespBody"] + `\",\"id_token\":\"` + s["jwe"] + `\",\"token_type\":\"Bearer\",\"expires_in\":3600,\"password\":\"` + s["password"] + `\"}"}}
	}]}}`
	out, err := SanitizeHAR([]byte("\uFEFF" + har))
	if err != nil {
		t.Fatal(err)
	}
	for name, secret := range secrets {
		sig := secret
		if i := strings.LastIndexByte(secret, '.'); i > 0 && strings.HasPrefix(secret, "eyJhbGciOiJIUzI1NiIs") {
			sig = secret[i+1:] // a JWT keeps header and payload, never its signature
		}
		if strings.Contains(string(out), sig) {
			t.Errorf("secret %s (%q) survives SanitizeHAR", name, sig)
		}
	}
	// The result still loads, keeps what is not secret, and the tokens'
	// claims stay readable.
	c, err := ParseHAR(context.Background(), out, nil)
	if err != nil || len(c.Entries) != 1 {
		t.Fatalf("sanitized HAR does not load: %v", err)
	}
	e := c.Entries[0]
	if e.Request.Method != "POST" || e.Response.Status != 200 || !strings.Contains(e.Request.URL, "x=1") {
		t.Errorf("sanitizing changed what is not secret: %+v", e.Request)
	}
	auth, _ := header(e.Request.Headers, "authorization")
	if !strings.HasPrefix(auth, "Bearer eyJ") || !strings.HasSuffix(auth, ".REDACTED") {
		t.Errorf("Authorization = %q, want the JWT with its signature redacted", auth)
	}
	if sc, _ := header(e.Response.Headers, "set-cookie"); sc != "sid=[REDACTED]; Path=/; HttpOnly" {
		t.Errorf("Set-Cookie = %q", sc)
	}
	if len(credentialsStripped(c)) == 0 {
		t.Error("the sanitized HAR is not recognised as having its credentials redacted")
	}
}

func TestSanitizeHARErrors(t *testing.T) {
	// A cut-off file is refused with a position, not half-redacted.
	_, err := SanitizeHAR([]byte(`{"log":{"entries":[{"request":{"headers":[{"name":"Cookie","value":"a=b`))
	if err == nil {
		t.Fatal("SanitizeHAR of a truncated file succeeded")
	}
	if _, ok := err.(*HARError); !ok {
		t.Errorf("error %T, want *HARError", err)
	}
}
