package inspect

import (
	"encoding/json"
	"testing"
)

// What marks an ID token, from the shapes identity providers issue, and
// the access tokens that must not be taken for one.
func TestIDTokenReason(t *testing.T) {
	tests := []struct {
		why, claims string
		id          bool
	}{
		{"Cognito ID token", `{"token_use":"id","aud":"3n4b5urk1ft4fl3mg5e62d9ado","cognito:username":"a"}`, true},
		{"Cognito access token", `{"token_use":"access","client_id":"3n4b","scope":"openid"}`, false},
		{"Keycloak ID token", `{"typ":"ID","aud":"web","azp":"web","nonce":"n"}`, true},
		{"Keycloak access token with a nonce", `{"typ":"Bearer","aud":"account","nonce":"n","scope":"openid profile"}`, false},
		{"Auth0 ID token", `{"aud":"Xk2p9QvN3mTz7RbW1sLd","nonce":"n","sid":"s"}`, true},
		{"Auth0 access token", `{"aud":["https://api.example.com","https://t.auth0.com/userinfo"],"scope":"openid read"}`, false},
		{"Okta ID token (at_hash)", `{"aud":"0oa1b2c3","at_hash":"h","amr":["pwd"],"ver":1}`, true},
		{"Okta access token", `{"aud":"api://default","cid":"0oa1","scp":["openid"]}`, false},
		{"Google ID token", `{"aud":"123-abc.apps.googleusercontent.com","azp":"123-abc.apps.googleusercontent.com","at_hash":"h"}`, true},
		{"nonce but aud is an API URL", `{"aud":"https://orders.example.com","nonce":"n"}`, false},
		{"client credentials token: no marks", `{"aud":"client-1","sub":"client-1"}`, false},
	}
	for _, tt := range tests {
		var claims map[string]any
		if err := json.Unmarshal([]byte(tt.claims), &claims); err != nil {
			t.Fatal(err)
		}
		if got := idTokenReason(claims) != ""; got != tt.id {
			t.Errorf("%s: idTokenReason = %q, want an ID token: %v", tt.why, idTokenReason(claims), tt.id)
		}
	}
}
