package inspect

import (
	"errors"
	"reflect"
	"testing"
)

func TestParseChallenges(t *testing.T) {
	tests := []struct {
		in   string
		want []Challenge
		err  bool
	}{
		// RFC 6750 §3 example: one Bearer challenge with quoted params.
		{`Bearer realm="example", error="invalid_token", error_description="The access token expired"`,
			[]Challenge{{Scheme: "Bearer", Params: []Param{{"realm", "example"}, {"error", "invalid_token"}, {"error_description", "The access token expired"}}}}, false},
		// Several challenges in one value; the comma after a quoted value
		// may start a parameter or a new challenge.
		{`Newauth realm="apps", type=1, title="Login to \"apps\"", Basic realm="simple"`,
			[]Challenge{{Scheme: "Newauth", Params: []Param{{"realm", "apps"}, {"type", "1"}, {"title", `Login to "apps"`}}}, {Scheme: "Basic", Params: []Param{{"realm", "simple"}}}}, false},
		// A token68 (Negotiate) followed by another challenge.
		{`Negotiate YIIB9wYGKwYBBQUCoIIB==, Bearer`,
			[]Challenge{{Scheme: "Negotiate", Token68: "YIIB9wYGKwYBBQUCoIIB=="}, {Scheme: "Bearer"}}, false},
		// Entra's challenge with authorization_uri and an unquoted-free value.
		{`Bearer authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", error="invalid_token", resource_id="00000003-0000-0000-c000-000000000000"`,
			[]Challenge{{Scheme: "Bearer", Params: []Param{{"authorization_uri", "https://login.microsoftonline.com/common/oauth2/authorize"}, {"error", "invalid_token"}, {"resource_id", "00000003-0000-0000-c000-000000000000"}}}}, false},
		// Bare scheme.
		{`Basic`, []Challenge{{Scheme: "Basic"}}, false},
		// Spaces around '=' (BWS) are allowed.
		{`Bearer scope = "a b"`, []Challenge{{Scheme: "Bearer", Params: []Param{{"scope", "a b"}}}}, false},
		// Unterminated quote: an error, with the challenge read so far.
		{`Bearer realm="x`, []Challenge{{Scheme: "Bearer"}}, true},
		// Garbage where a scheme should be.
		{`"quoted"`, nil, true},
	}
	for _, tt := range tests {
		got, err := ParseChallenges(tt.in)
		if (err != nil) != tt.err {
			t.Errorf("ParseChallenges(%q) error = %v, want error %v", tt.in, err, tt.err)
		}
		var ce *ChallengeError
		if err != nil && !errors.As(err, &ce) {
			t.Errorf("ParseChallenges(%q) error %T is not a *ChallengeError", tt.in, err)
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("ParseChallenges(%q) = %+v, want %+v", tt.in, got, tt.want)
		}
	}
}

func TestChallengeParamIsCaseInsensitive(t *testing.T) {
	cs, err := ParseChallenges(`Bearer ERROR="insufficient_scope"`)
	if err != nil {
		t.Fatal(err)
	}
	if v, ok := cs[0].Param("error"); !ok || v != "insufficient_scope" {
		t.Errorf("Param(error) = %q, %v", v, ok)
	}
}
