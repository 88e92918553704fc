// Package inspect decodes what a person pastes or drops — JWTs, Authorization
// headers, curl commands, HAR exports — and diagnoses why a request was, or
// would be, denied.
//
// It is pure Go: it does no I/O of its own, makes no network requests, keeps no
// global state and never reads the clock. Callers pass the moment to check
// against ("now") and the leeway; the same input always gives the same Report.
//
// The flow is Parse… → Case → Diagnose → Report. Parsers return what they
// could decode together with an error, because a partial result is what a
// person debugging a broken token needs to see.
//
// What is shared is redacted with one set of rules: SanitizeHAR and
// SanitizeHARStream for a HAR, RedactReport for a Report, built on
// SecretName, SecretParam, SecretHeader and RedactHeader, RedactURL,
// RedactBody, RedactJSON and RedactText. A JWT keeps its header and payload
// and loses its signature; Basic credentials keep the user.
//
// inspect does not verify signatures unless a key is given, does not fetch
// JWKS documents or discovery metadata, and does not evaluate shell syntax:
// variables and command substitutions in a pasted command are reported, never
// expanded.
package inspect
