//go:build !js && browser

package main

import (
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// token signs made-up claims with a made-up key, times relative to now.
func token(t *testing.T, claims jwt.MapClaims) string {
	t.Helper()
	s, err := jwt.NewWithClaims(jwt.SigningMethodHS256, claims).SignedString([]byte("made-up test key, not a secret"))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// claims are those of a token that satisfies the requirement below: change
// one to break one rule.
func claims(change func(jwt.MapClaims)) jwt.MapClaims {
	now := time.Now()
	c := jwt.MapClaims{
		"iss":   "https://login.example.test/tenant/v2.0",
		"sub":   "user-1234",
		"aud":   "api://orders",
		"scope": "orders.read orders.write",
		"iat":   now.Add(-10 * time.Minute).Unix(),
		"nbf":   now.Add(-10 * time.Minute).Unix(),
		"exp":   now.Add(50 * time.Minute).Unix(),
	}
	if change != nil {
		change(c)
	}
	return c
}

const requirement = "aud=api://orders\niss=https://login.example.test/tenant/v2.0\nscope=orders.read"
