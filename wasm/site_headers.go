//go:build !js

package main

import "net/http"

// CSP is the Content-Security-Policy of the page. go-app needs
// 'wasm-unsafe-eval' to compile app.wasm; nothing else is allowed beyond the
// page's own origin. Inline styles are blocked, so the page uses classes.
const CSP = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self'; connect-src 'self'; manifest-src 'self'; worker-src 'self'; font-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

// PermissionsPolicy turns off the powerful features the page never uses.
const PermissionsPolicy = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"

// SecurityHeaders are the headers every response of the page carries. The
// README shows the same lines for nginx and Apache.
var SecurityHeaders = map[string]string{
	"Content-Security-Policy":    CSP,
	"X-Content-Type-Options":     "nosniff",
	"Referrer-Policy":            "no-referrer",
	"Permissions-Policy":         PermissionsPolicy,
	"Cross-Origin-Opener-Policy": "same-origin",
}

// WithSecurityHeaders wraps h so that every response carries SecurityHeaders.
func WithSecurityHeaders(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for k, v := range SecurityHeaders {
			w.Header().Set(k, v)
		}
		h.ServeHTTP(w, r)
	})
}
