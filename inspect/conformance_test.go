//go:build !js

package inspect_test

import (
	"bufio"
	"context"
	"crypto"
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
	"fmt"
	"io"
	"math/big"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
	"github.com/golang-jwt/jwt/v5"

	"whydenied/inspect"
)

// The conformance suite asks real validators, run here, what they answer
// for tokens minted in the test with real keys, and compares whydenied's
// prediction — under that validator's server profile and under generic —
// cell by cell. Every validator gets the same fixed clock (confNow).
//
// WHYDENIED_CONFORMANCE selects what runs: unset, the test is skipped
// (`make test` and `make conformance` set it, and install the validators
// first); "fast", the HS256 and ES256 cells with the validators' default
// skew; "all", every cell, and docs/conformance.md is rewritten.
// Validators that are missing fail the test: they are installed by the
// Makefile (npm ci --prefix testdata/conformance; PyJWT from Debian).

const (
	confNow    = 1767225600 // 2026-01-01T00:00:00Z
	confAPI    = "https://api.example.com"
	confIssuer = "https://issuer.example.com"
	confLeeway = 10 // seconds, for the cells where the user sets a leeway
)

// confKey is one signing key of an algorithm, with a second key of the
// same type (for tokens signed with the wrong key) and the forms the
// validators are configured with.
type confKey struct {
	alg          string
	method       jwt.SigningMethod
	sign, wrong  any // private keys, or the HMAC secret
	pub          crypto.PublicKey
	secret       string // HMAC only
	pem, jwksStr string
	jwks         map[string]any
}

func newConfKeys(t *testing.T) []*confKey {
	t.Helper()
	var keys []*confKey
	secret, wrongSecret := "conformance-secret-0123456789abcdef", "another-secret-0123456789abcdef"
	keys = append(keys, &confKey{alg: "HS256", method: jwt.SigningMethodHS256, sign: []byte(secret), wrong: []byte(wrongSecret), secret: secret})
	rsaKey, _ := rsa.GenerateKey(rand.Reader, 2048)
	rsaWrong, _ := rsa.GenerateKey(rand.Reader, 2048)
	keys = append(keys, &confKey{alg: "RS256", method: jwt.SigningMethodRS256, sign: rsaKey, wrong: rsaWrong, pub: &rsaKey.PublicKey})
	ecKey, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	ecWrong, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	keys = append(keys, &confKey{alg: "ES256", method: jwt.SigningMethodES256, sign: ecKey, wrong: ecWrong, pub: &ecKey.PublicKey})
	_, edKey, _ := ed25519.GenerateKey(rand.Reader)
	_, edWrong, _ := ed25519.GenerateKey(rand.Reader)
	keys = append(keys, &confKey{alg: "EdDSA", method: jwt.SigningMethodEdDSA, sign: edKey, wrong: edWrong, pub: edKey.Public()})
	b64 := base64.RawURLEncoding.EncodeToString
	for _, k := range keys {
		if k.pub == nil {
			continue
		}
		der, err := x509.MarshalPKIXPublicKey(k.pub)
		if err != nil {
			t.Fatal(err)
		}
		k.pem = string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der}))
		jwk := map[string]any{"kid": "key-1", "use": "sig", "alg": k.alg}
		switch p := k.pub.(type) {
		case *rsa.PublicKey:
			jwk["kty"], jwk["n"], jwk["e"] = "RSA", b64(p.N.Bytes()), b64(big.NewInt(int64(p.E)).Bytes())
		case *ecdsa.PublicKey:
			x, y := make([]byte, 32), make([]byte, 32)
			p.X.FillBytes(x)
			p.Y.FillBytes(y)
			jwk["kty"], jwk["crv"], jwk["x"], jwk["y"] = "EC", "P-256", b64(x), b64(y)
		case ed25519.PublicKey:
			jwk["kty"], jwk["crv"], jwk["x"] = "OKP", "Ed25519", b64(p)
		}
		k.jwks = map[string]any{"keys": []any{jwk}}
		b, _ := json.Marshal(k.jwks)
		k.jwksStr = string(b)
	}
	return keys
}

// confVariant is one kind of token: its claims and header, and how it is
// signed.
type confVariant struct {
	name   string
	note   string
	edit   func(claims jwt.MapClaims, header map[string]any)
	signBy string // "key" (default), "wrong", "none"
}

func confVariants() []confVariant {
	set := func(k string, v any) func(jwt.MapClaims, map[string]any) {
		return func(c jwt.MapClaims, _ map[string]any) {
			if v == nil {
				delete(c, k)
			} else {
				c[k] = v
			}
		}
	}
	exp := func(ago int) confVariant {
		if ago == 0 {
			return confVariant{name: "exp = now", note: "exp is the moment checked", edit: set("exp", confNow)}
		}
		return confVariant{name: fmt.Sprintf("exp -%ds", ago), note: fmt.Sprintf("expired %d s before now", ago), edit: set("exp", confNow-ago)}
	}
	return []confVariant{
		{name: "valid", note: "aud, iss, scope \"read write\", exp in 1 h"},
		exp(0), exp(1), exp(4), exp(5), exp(6), exp(60), exp(61), exp(360),
		{name: "nbf +30s", note: "nbf 30 s ahead", edit: set("nbf", confNow+30)},
		{name: "nbf +10min", note: "nbf 10 min ahead", edit: set("nbf", confNow+600)},
		{name: "iat +30s", note: "iat 30 s ahead", edit: set("iat", confNow+30)},
		{name: "no exp", edit: set("exp", nil)},
		{name: "exp string", note: "exp as a string of digits, 1 h ahead", edit: set("exp", fmt.Sprint(confNow+3600))},
		{name: "exp 0", note: "exp: 0", edit: set("exp", 0)},
		{name: "iat string", note: "iat as a string of digits, 1 min ago", edit: set("iat", fmt.Sprint(confNow-60))},
		{name: "aud array", note: "aud [other, api]", edit: set("aud", []any{"https://other.example.com", confAPI})},
		{name: "aud missing", edit: set("aud", nil)},
		{name: "aud wrong", edit: set("aud", "https://other.example.com")},
		{name: "iss slash", note: "iss with a trailing slash", edit: set("iss", confIssuer+"/")},
		{name: "scope missing", edit: set("scope", nil)},
		{name: "scope in scp", note: "scp [read write], no scope", edit: func(c jwt.MapClaims, _ map[string]any) { delete(c, "scope"); c["scp"] = []any{"read", "write"} }},
		{name: "typ at+jwt", edit: func(_ jwt.MapClaims, h map[string]any) { h["typ"] = "at+jwt" }},
		{name: "alg none", note: "unsigned", signBy: "none"},
		{name: "wrong key", note: "signed with another key, same kid", signBy: "wrong"},
		{name: "kid unknown", note: "right key, kid not in the JWKS", edit: func(_ jwt.MapClaims, h map[string]any) { h["kid"] = "rotated-away" }},
	}
}

func mint(t *testing.T, k *confKey, v confVariant) string {
	t.Helper()
	claims := jwt.MapClaims{"iss": confIssuer, "sub": "user-1", "aud": confAPI, "iat": confNow - 60, "exp": confNow + 3600, "scope": "read write"}
	header := map[string]any{}
	if k.pub != nil {
		header["kid"] = "key-1"
	}
	if v.edit != nil {
		v.edit(claims, header)
	}
	if v.signBy == "none" {
		tok := jwt.NewWithClaims(jwt.SigningMethodNone, claims)
		s, err := tok.SignedString(jwt.UnsafeAllowNoneSignatureType)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	tok := jwt.NewWithClaims(k.method, claims)
	for h, val := range header {
		tok.Header[h] = val
	}
	key := k.sign
	if v.signBy == "wrong" {
		key = k.wrong
	}
	s, err := tok.SignedString(key)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// confValidator is one validator of the suite: the profile that predicts
// it, which configurations it runs (libraries check no scope; Express and
// go-oidc need an audience), whether a leeway can be set, and the key form
// it is configured with.
type confValidator struct {
	name    string // also the profile name
	profile inspect.Profile
	configs []string
	leeway  bool
	jwks    bool // configured with a JWKS (kid selects the key), else one PEM key
	server  bool // answers HTTP status and challenge
}

var confValidators = []confValidator{
	{name: "golang-jwt", profile: "golang-jwt", configs: []string{"none", "aud+iss"}, leeway: true},
	{name: "jose", profile: "jose", configs: []string{"none", "aud+iss"}, leeway: true, jwks: true},
	{name: "jsonwebtoken", profile: "jsonwebtoken", configs: []string{"none", "aud+iss"}, leeway: true},
	{name: "pyjwt", profile: "pyjwt", configs: []string{"none", "aud+iss"}, leeway: true},
	{name: "express-oauth2-jwt-bearer", profile: "express-oauth2-jwt-bearer", configs: []string{"aud+iss", "aud+iss+scope"}, leeway: true, jwks: true, server: true},
	{name: "go-oidc", profile: "kubernetes", configs: []string{"aud+iss"}},
}

type confCell struct {
	ID        int    `json:"id"`
	Validator string `json:"-"`
	Alg       string `json:"alg"`
	Variant   string `json:"-"`
	Config    string `json:"-"`
	Leeway    int    `json:"-"` // -1: the validator's default
	Token     string `json:"token"`

	key *confKey
	v   *confValidator

	// Answer is what the validator answered; Profile and Generic what
	// whydenied predicts under the validator's profile and under generic,
	// all in one form ("accept", "reject: expired", "401 invalid_token").
	Answer, Profile, Generic string
	Message                  string // the validator's own words
	// Named: under generic, a finding names this validator's stack.
	Named bool
}

func (c *confCell) requirement() string {
	switch c.Config {
	case "aud+iss":
		return "aud=" + confAPI + "\niss=" + confIssuer
	case "aud+iss+scope":
		return "aud=" + confAPI + "\niss=" + confIssuer + "\nscope=read"
	}
	return ""
}

func TestConformance(t *testing.T) {
	mode := os.Getenv("WHYDENIED_CONFORMANCE")
	if mode == "" {
		t.Skip("WHYDENIED_CONFORMANCE is not set: `make test` runs the fast cells, `make conformance` all of them")
	}
	if mode != "fast" && mode != "all" {
		t.Fatalf("WHYDENIED_CONFORMANCE=%q: want fast or all", mode)
	}
	root, _ := filepath.Abs("../testdata/conformance")
	if _, err := os.Stat(filepath.Join(root, "node_modules", "express-oauth2-jwt-bearer")); err != nil {
		t.Fatalf("the npm validators are not installed: npm ci --prefix testdata/conformance (make does it): %v", err)
	}

	keys := newConfKeys(t)
	variants := confVariants()
	var cells []*confCell
	for vi := range confValidators {
		val := &confValidators[vi]
		for _, k := range keys {
			if mode == "fast" && k.alg != "HS256" && k.alg != "ES256" {
				continue
			}
			for _, variant := range variants {
				tok := mint(t, k, variant)
				for _, cfg := range val.configs {
					leeways := []int{-1}
					if val.leeway && mode == "all" {
						leeways = append(leeways, confLeeway)
					}
					for _, l := range leeways {
						cells = append(cells, &confCell{ID: len(cells), Validator: val.name, Alg: k.alg, Variant: variant.name, Config: cfg, Leeway: l, Token: tok, key: k, v: val})
					}
				}
			}
		}
	}

	byValidator := map[string][]*confCell{}
	for _, c := range cells {
		byValidator[c.Validator] = append(byValidator[c.Validator], c)
	}
	askGolangJWT(t, byValidator["golang-jwt"])
	askGoOIDC(t, byValidator["go-oidc"])
	askNode(t, root, "libraries.mjs", append(byValidator["jose"], byValidator["jsonwebtoken"]...))
	askNode(t, root, "express.mjs", byValidator["express-oauth2-jwt-bearer"])
	pyVersion := askPyJWT(t, root, byValidator["pyjwt"])

	for _, c := range cells {
		predict(t, c)
	}

	// Every cell where the profile disagrees with its validator fails the
	// test: none is left (a disagreement found later is fixed, or written
	// down in docs/conformance.md's known limits with its reason and
	// excepted here by name).
	agree := map[string][2]int{}
	for _, c := range cells {
		a := agree[c.Validator]
		if c.Answer == "unsupported" {
			continue
		}
		a[1]++
		if c.Answer == c.Profile {
			a[0]++
		} else {
			t.Errorf("%s %s %s config=%s leeway=%s: %s answered %q (%s), profile %s predicts %q",
				c.Validator, c.Alg, c.Variant, c.Config, leewayWords(c.Leeway), c.Validator, c.Answer, c.Message, c.v.profile, c.Profile)
		}
		// Where generic answers otherwise than the stack, one of its
		// findings names that stack's rule.
		if c.Answer != c.Generic && !c.Named {
			t.Errorf("%s %s %s config=%s leeway=%s: %s answered %q (%s), generic predicts %q and names no %s rule",
				c.Validator, c.Alg, c.Variant, c.Config, leewayWords(c.Leeway), c.Validator, c.Answer, c.Message, c.Generic, c.Validator)
		}
		agree[c.Validator] = a
	}
	for _, v := range confValidators {
		a := agree[v.name]
		t.Logf("%s: profile %s agrees on %d of %d cells", v.name, v.profile, a[0], a[1])
	}
	if mode == "all" {
		doc := conformanceDoc(cells, pyVersion)
		if err := os.WriteFile("../docs/conformance.md", []byte(doc), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func leewayWords(l int) string {
	if l < 0 {
		return "default"
	}
	return fmt.Sprintf("%d s", l)
}

// predict fills the cell's predictions: whydenied's verdict under the
// validator's profile and under generic, with the key and requirement the
// validator is configured with.
func predict(t *testing.T, c *confCell) {
	t.Helper()
	req, err := inspect.ParseRequirement(c.requirement())
	if err != nil {
		t.Fatal(err)
	}
	keyText := c.key.secret
	if c.key.pub != nil {
		keyText = c.key.pem
		if c.v.jwks {
			keyText = c.key.jwksStr
		}
	}
	if req.Keys, err = inspect.ParseKeys(keyText); err != nil {
		t.Fatal(err)
	}
	cs := inspect.Case{Kind: inspect.KindTokens, Tokens: []inspect.Token{inspect.DecodeToken(c.Token, "Authorization header")}}
	now := time.Unix(confNow, 0).UTC()
	opt := inspect.Options{Server: c.v.profile}
	if c.Leeway >= 0 {
		opt.Leeway, opt.LeewaySet = time.Duration(c.Leeway)*time.Second, true
	}
	c.Profile = predictionWords(inspect.DiagnoseWith(cs, req, now, opt), c.v.profile, c.v.server)
	opt.Server = inspect.ProfileGeneric
	g := inspect.DiagnoseWith(cs, req, now, opt)
	c.Generic = predictionWords(g, inspect.ProfileGeneric, c.v.server)
	p, _ := inspect.LookupProfile(string(c.v.profile))
	for _, f := range g.Findings {
		if strings.Contains(f.Title+" "+f.Detail, p.Title) {
			c.Named = true
		}
	}
}

// predictionWords puts a report in the form answers take: for a library
// accept or reject with the category of the finding that decides, for a
// server the status and the challenge's error.
func predictionWords(r inspect.Report, p inspect.Profile, server bool) string {
	if server {
		switch r.Verdict {
		case inspect.VerdictOK:
			return "200"
		case inspect.Verdict401:
			return "401 invalid_token"
		case inspect.Verdict403:
			return "403 insufficient_scope"
		}
		return string(r.Verdict)
	}
	if r.Verdict == inspect.VerdictOK {
		return "accept"
	}
	rank := map[inspect.Verdict]int{inspect.VerdictNetwork: 3, inspect.Verdict401: 2, inspect.Verdict403: 1}
	best, code := 0, ""
	for _, f := range r.Findings {
		if f.Severity != inspect.SeverityError {
			continue
		}
		if k := rank[inspect.Family(f.Code, p)]; k > best {
			best, code = k, f.Code
		}
	}
	return "reject: " + codeCategory(code)
}

// codeCategory is the reason category of a finding code.
func codeCategory(code string) string {
	switch code {
	case inspect.CodeTokenExpired:
		return "expired"
	case inspect.CodeTokenNotYetValid:
		return "nbf"
	case inspect.CodeTokenIssuedInFuture:
		return "iat"
	case inspect.CodeAudMismatch, inspect.CodeAudUnexpected:
		return "aud"
	case inspect.CodeIssMismatch:
		return "iss"
	case inspect.CodeTokenSignatureInvalid, inspect.CodeTokenAlgNone, inspect.CodeTokenAlgNotAllowed:
		return "signature"
	case inspect.CodeTokenMalformed:
		return "malformed"
	case inspect.CodeTokenNoExp:
		return "no exp"
	case inspect.CodeTokenTyp:
		return "typ"
	case inspect.CodeScopeMissing:
		return "scope"
	}
	return code
}

// askGolangJWT runs golang-jwt v5 with the options a Go service uses:
// the algorithm it expects, its audience and issuer when configured, the
// leeway when set, and the fixed clock.
func askGolangJWT(t *testing.T, cells []*confCell) {
	for _, c := range cells {
		opts := []jwt.ParserOption{jwt.WithValidMethods([]string{c.Alg}), jwt.WithTimeFunc(func() time.Time { return time.Unix(confNow, 0) })}
		if c.Config != "none" {
			opts = append(opts, jwt.WithAudience(confAPI), jwt.WithIssuer(confIssuer))
		}
		if c.Leeway >= 0 {
			opts = append(opts, jwt.WithLeeway(time.Duration(c.Leeway)*time.Second))
		}
		key := any([]byte(c.key.secret))
		if c.key.pub != nil {
			key = c.key.pub
		}
		_, err := jwt.Parse(c.Token, func(*jwt.Token) (any, error) { return key, nil }, opts...)
		c.Answer, c.Message = "accept", ""
		if err != nil {
			c.Message = err.Error()
			c.Answer = "reject: " + golangJWTCategory(err)
		}
	}
}

func golangJWTCategory(err error) string {
	switch {
	case errors.Is(err, jwt.ErrTokenExpired):
		return "expired"
	case errors.Is(err, jwt.ErrTokenNotValidYet):
		return "nbf"
	case errors.Is(err, jwt.ErrTokenUsedBeforeIssued):
		return "iat"
	case errors.Is(err, jwt.ErrTokenInvalidAudience):
		return "aud"
	case errors.Is(err, jwt.ErrTokenInvalidIssuer):
		return "iss"
	case errors.Is(err, jwt.ErrTokenRequiredClaimMissing):
		for _, claim := range []string{"aud", "iss"} {
			if strings.Contains(err.Error(), claim) {
				return claim
			}
		}
		return "no exp"
	case errors.Is(err, jwt.ErrTokenSignatureInvalid), errors.Is(err, jwt.ErrTokenUnverifiable):
		return "signature"
	case errors.Is(err, jwt.ErrInvalidType), errors.Is(err, jwt.ErrTokenMalformed), errors.Is(err, jwt.ErrTokenInvalidClaims):
		return "malformed"
	}
	return "other"
}

// askGoOIDC runs go-oidc's verifier as the Kubernetes OIDC authenticator
// configures it: the issuer, the client ID as the audience, the default
// signing algorithms (RS256), no skew option; the fixed clock through
// Config.Now. go-oidc has no HMAC: those cells are unsupported.
func askGoOIDC(t *testing.T, cells []*confCell) {
	for _, c := range cells {
		if c.key.pub == nil {
			c.Answer = "unsupported"
			continue
		}
		v := oidc.NewVerifier(confIssuer, &oidc.StaticKeySet{PublicKeys: []crypto.PublicKey{c.key.pub}}, &oidc.Config{ClientID: confAPI, Now: func() time.Time { return time.Unix(confNow, 0) }})
		_, err := v.Verify(context.Background(), c.Token)
		c.Answer, c.Message = "accept", ""
		if err != nil {
			c.Message = err.Error()
			c.Answer = "reject: " + goOIDCCategory(err)
		}
	}
}

func goOIDCCategory(err error) string {
	var exp *oidc.TokenExpiredError
	if errors.As(err, &exp) {
		if exp.Expiry.IsZero() {
			return "no exp" // go-oidc reads a missing exp as the zero time
		}
		return "expired"
	}
	msg := err.Error()
	switch {
	case strings.Contains(msg, "nbf"):
		return "nbf"
	case strings.Contains(msg, "audience"):
		return "aud"
	case strings.Contains(msg, "issued by a different provider"):
		return "iss"
	case strings.Contains(msg, "signature"), strings.Contains(msg, "signing alg"), strings.Contains(msg, "malformed jwt"):
		return "signature"
	case strings.Contains(msg, "unmarshal claims"):
		return "malformed"
	}
	return "other"
}

// A batch: every cell of a validator goes to one process as JSON lines,
// and its answers come back in order.
type confLine struct {
	ID             int            `json:"id"`
	Validator      string         `json:"validator,omitempty"`
	Token          string         `json:"token"`
	Alg            string         `json:"alg"`
	Key            map[string]any `json:"key"`
	Audience       string         `json:"audience,omitempty"`
	Issuer         string         `json:"issuer,omitempty"`
	ClockTolerance *int           `json:"clockTolerance,omitempty"`
	Leeway         *int           `json:"leeway,omitempty"`
	Scopes         []string       `json:"scopes,omitempty"`
	Now            int64          `json:"now"`
}

func lineFor(c *confCell) confLine {
	l := confLine{ID: c.ID, Validator: c.Validator, Token: c.Token, Alg: c.Alg, Now: confNow}
	switch {
	case c.key.pub == nil:
		l.Key = map[string]any{"secret": c.key.secret}
	case c.v.jwks:
		l.Key = map[string]any{"jwks": c.key.jwks}
	default:
		l.Key = map[string]any{"pem": c.key.pem}
	}
	if c.Config != "none" {
		l.Audience, l.Issuer = confAPI, confIssuer
	}
	if c.Config == "aud+iss+scope" {
		l.Scopes = []string{"read"}
	}
	if c.Leeway >= 0 {
		lw := c.Leeway
		l.ClockTolerance, l.Leeway = &lw, &lw
	}
	return l
}

type confAnswer struct {
	ID              int    `json:"id"`
	OK              bool   `json:"ok"`
	Unsupported     bool   `json:"unsupported"`
	Name            string `json:"name"`
	Code            string `json:"code"`
	Claim           string `json:"claim"`
	Reason          string `json:"reason"`
	Message         string `json:"message"`
	Status          int    `json:"status"`
	WWWAuthenticate string `json:"www_authenticate"`
	Version         string `json:"version"`
}

// batch runs cmd, writes every cell as a line, and returns the answers by
// cell id (and the first line when header is true).
func batch(t *testing.T, cmd *exec.Cmd, cells []*confCell, header bool) (map[int]confAnswer, confAnswer) {
	t.Helper()
	var in strings.Builder
	for _, c := range cells {
		b, _ := json.Marshal(lineFor(c))
		in.Write(b)
		in.WriteByte('\n')
	}
	cmd.Stdin = strings.NewReader(in.String())
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatalf("%s: %v", cmd.Path, err)
	}
	answers := map[int]confAnswer{}
	var first confAnswer
	sc := bufio.NewScanner(out)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for n := 0; sc.Scan(); n++ {
		var a confAnswer
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			t.Fatalf("%s: answer %q: %v", cmd.Args, sc.Text(), err)
		}
		if header && n == 0 {
			first = a
			continue
		}
		answers[a.ID] = a
	}
	_, _ = io.Copy(io.Discard, out)
	if err := cmd.Wait(); err != nil {
		t.Fatalf("%s: %v\n%s", cmd.Args, err, stderr.String())
	}
	if len(answers) != len(cells) {
		t.Fatalf("%s answered %d of %d cells\n%s", cmd.Args, len(answers), len(cells), stderr.String())
	}
	return answers, first
}

func askNode(t *testing.T, root, script string, cells []*confCell) {
	t.Helper()
	if len(cells) == 0 {
		return
	}
	node, err := exec.LookPath("node")
	if err != nil {
		t.Fatalf("node is needed (apt-get install -y nodejs): %v", err)
	}
	answers, _ := batch(t, exec.Command(node, filepath.Join(root, script)), cells, false)
	for _, c := range cells {
		a := answers[c.ID]
		switch {
		case a.Unsupported:
			c.Answer = "unsupported"
		case c.v.server:
			c.Answer = fmt.Sprint(a.Status)
			if e := challengeError(a.WWWAuthenticate); e != "" {
				c.Answer += " " + e
			}
			c.Message = a.WWWAuthenticate
		case a.OK:
			c.Answer = "accept"
		default:
			c.Message = strings.TrimSpace(a.Name + " " + a.Code + ": " + a.Message)
			c.Answer = "reject: " + nodeCategory(c.Validator, a)
		}
	}
}

var challengeErrorRE = regexp.MustCompile(`error="([^"]*)"`)

func challengeError(h string) string {
	if m := challengeErrorRE.FindStringSubmatch(h); m != nil {
		return m[1]
	}
	return ""
}

func nodeCategory(validator string, a confAnswer) string {
	if validator == "jose" {
		switch a.Code {
		case "ERR_JWT_EXPIRED":
			return "expired"
		case "ERR_JWT_CLAIM_VALIDATION_FAILED":
			switch {
			case a.Reason == "invalid" || (a.Reason == "missing" && (a.Claim == "exp" || a.Claim == "nbf" || a.Claim == "iat")):
				return "malformed"
			case a.Claim == "nbf":
				return "nbf"
			case a.Claim == "iat":
				return "iat"
			case a.Claim == "aud", a.Claim == "iss", a.Claim == "typ":
				return a.Claim
			}
		case "ERR_JWS_SIGNATURE_VERIFICATION_FAILED", "ERR_JWKS_NO_MATCHING_KEY", "ERR_JOSE_ALG_NOT_ALLOWED", "ERR_JOSE_NOT_SUPPORTED", "ERR_JWS_INVALID", "ERR_JWKS_MULTIPLE_MATCHING_KEYS":
			return "signature"
		case "ERR_JWT_INVALID":
			return "malformed"
		}
		return "other"
	}
	switch a.Name {
	case "TokenExpiredError":
		return "expired"
	case "NotBeforeError":
		return "nbf"
	}
	m := a.Message
	switch {
	case strings.Contains(m, "audience"):
		return "aud"
	case strings.Contains(m, "issuer"):
		return "iss"
	case strings.Contains(m, "signature"), strings.Contains(m, "algorithm"):
		return "signature"
	case strings.Contains(m, "invalid exp value"), strings.Contains(m, "invalid nbf value"), strings.Contains(m, "invalid iat value"), strings.Contains(m, "malformed"):
		return "malformed"
	}
	return "other"
}

// askPyJWT runs Debian's PyJWT with Debian's python (not one on PATH,
// which may lack python3-jwt); it returns PyJWT's version.
func askPyJWT(t *testing.T, root string, cells []*confCell) string {
	t.Helper()
	if len(cells) == 0 {
		return ""
	}
	py := "/usr/bin/python3"
	if _, err := os.Stat(py); err != nil {
		t.Fatalf("%s is needed (apt-get install -y python3-jwt python3-cryptography): %v", py, err)
	}
	answers, first := batch(t, exec.Command(py, filepath.Join(root, "pyjwt_validator.py")), cells, true)
	for _, c := range cells {
		a := answers[c.ID]
		if a.OK {
			c.Answer = "accept"
			continue
		}
		c.Message = a.Name + ": " + a.Message
		c.Answer = "reject: " + pyjwtCategory(a)
	}
	return first.Version
}

func pyjwtCategory(a confAnswer) string {
	switch a.Name {
	case "ExpiredSignatureError":
		return "expired"
	case "ImmatureSignatureError":
		if strings.Contains(a.Message, "(iat)") {
			return "iat"
		}
		return "nbf"
	case "InvalidAudienceError":
		return "aud"
	case "InvalidIssuerError":
		return "iss"
	case "MissingRequiredClaimError":
		for _, claim := range []string{"aud", "iss"} {
			if strings.Contains(a.Message, `"`+claim+`"`) {
				return claim
			}
		}
		return "no exp"
	case "TypeError":
		return "malformed" // a claim of the wrong type reached a comparison
	case "InvalidSignatureError", "InvalidAlgorithmError", "InvalidKeyError":
		return "signature"
	case "DecodeError":
		if strings.Contains(a.Message, "must be an integer") {
			return "malformed"
		}
		return "signature"
	}
	return "other"
}

// conformanceDoc is docs/conformance.md: per validator, its agreement and
// a table of cells.
func conformanceDoc(cells []*confCell, pyVersion string) string {
	var b strings.Builder
	b.WriteString("# Conformance: whydenied's predictions against real validators\n\n")
	b.WriteString("Generated by `make conformance` (inspect/conformance_test.go); do not edit by hand.\n\n")
	b.WriteString("Each cell is a token minted in the test with a real key (HS256, RS256, ES256, EdDSA) × a claim variant × the validator's configuration (`none`: no audience or issuer configured; `aud+iss`: both; `aud+iss+scope`: and `scope=read` required) × the leeway (the validator's default, or 10 s set by the user). Every validator gets the same fixed clock, 2026-01-01T00:00:00Z. ")
	b.WriteString("Libraries answer accept or reject with a reason category; express-oauth2-jwt-bearer, behind a real Express server, answers a status and a `WWW-Authenticate` error. ")
	b.WriteString("whydenied predicts each cell under the validator's server profile (`--server`) and under `generic`, given the same key and requirement the validator is configured with.\n\n")
	fmt.Fprintf(&b, "Validators: golang-jwt v5.3.1 and go-oidc v3.17.0 (Go), jose 5.10.0, jsonwebtoken 9.0.3, express-oauth2-jwt-bearer 1.10.0 with Express 4.22.3 (Node), PyJWT %s (Debian's python3-jwt).\n\n", pyVersion)

	b.WriteString("## Agreement\n\n| validator | profile | cells | profile agrees | generic agrees | generic disagrees, naming the stack | unsupported |\n|---|---|---|---|---|---|---|\n")
	for _, v := range confValidators {
		var n, p, g, named, uns int
		for _, c := range cells {
			if c.Validator != v.name {
				continue
			}
			if c.Answer == "unsupported" {
				uns++
				continue
			}
			n++
			if c.Answer == c.Profile {
				p++
			}
			if c.Answer == c.Generic {
				g++
			} else if c.Named {
				named++
			}
		}
		fmt.Fprintf(&b, "| %s | `%s` | %d | %d (%s) | %d (%s) | %d of %d | %d |\n", v.name, v.profile, n, p, pct(p, n), g, pct(g, n), named, n-g, uns)
	}
	b.WriteString("\nWhere `generic` disagrees with a stack it is by design (generic is what most stacks answer); the column before last counts the cells where its findings name that stack's different rule (a cell where they do not fails the test, and is listed under its validator).\n")
	b.WriteString(`
## Known limits

- **Profile disagreements**: none left; a new one fails the test.
- **Generic disagreements**: each is one where generic's findings name the stack's different rule; a new one that does not fails the test. Two of those rules are notes (info) rather than verdicts, because the server's configuration is not known from a token alone: a token carrying aud when no audience is required (PyJWT refuses it: InvalidAudienceError; ` + "`aud.unexpected`" + `, made only for the token that decides, when nothing else is wrong with it) and an asymmetric alg other than RS256 (go-oidc, like the API server's ` + "`--oidc-signing-algs`" + `, takes only RS256 by default; ` + "`token.alg_not_allowed`" + `). The ` + "`pyjwt`" + ` and ` + "`kubernetes`" + ` profiles turn them into the verdicts those stacks give.
- **Not run here**: the ` + "`spring`, `aspnetcore`, `envoy` and `kong`" + ` profiles are from their documentation and source (cited in inspect/profiles.go); no Java, .NET, Envoy or Kong runs in this suite.
- **Unsupported cells**: jsonwebtoken has no EdDSA; go-oidc has no HMAC (HS256). They are counted apart, not as disagreements.
`)

	for _, v := range confValidators {
		fmt.Fprintf(&b, "\n## %s (profile `%s`)\n\n", v.name, v.profile)
		b.WriteString("Rows: variant × configuration × leeway; per algorithm, the answer, then whydenied's prediction under the profile and under generic when they differ from it (✓ agrees).\n\n")
		algs := []string{"HS256", "RS256", "ES256", "EdDSA"}
		b.WriteString("| variant | config | leeway |")
		for _, a := range algs {
			b.WriteString(" " + a + " |")
		}
		b.WriteString("\n|---|---|---|---|---|---|---|\n")
		type rowKey struct {
			variant, config string
			leeway          int
		}
		rows := map[rowKey]map[string]*confCell{}
		var order []rowKey
		for _, c := range cells {
			if c.Validator != v.name {
				continue
			}
			k := rowKey{c.Variant, c.Config, c.Leeway}
			if rows[k] == nil {
				rows[k] = map[string]*confCell{}
				order = append(order, k)
			}
			rows[k][c.Alg] = c
		}
		var unnamed []string
		for _, k := range order {
			fmt.Fprintf(&b, "| %s | %s | %s |", k.variant, k.config, leewayWords(k.leeway))
			for _, a := range algs {
				c := rows[k][a]
				if c == nil {
					b.WriteString(" |")
					continue
				}
				fmt.Fprintf(&b, " %s |", cellWords(c))
				if c.Answer != "unsupported" && c.Answer != c.Generic && !c.Named {
					unnamed = append(unnamed, fmt.Sprintf("%s %s %s (leeway %s): answered %s, generic predicts %s", a, k.variant, k.config, leewayWords(k.leeway), c.Answer, c.Generic))
				}
			}
			b.WriteString("\n")
		}
		if len(unnamed) > 0 {
			sort.Strings(unnamed)
			b.WriteString("\nCells where generic disagrees and names no stack:\n\n")
			for _, u := range unnamed {
				b.WriteString("- " + u + "\n")
			}
		}
	}
	return b.String()
}

func cellWords(c *confCell) string {
	if c.Answer == "unsupported" {
		return "unsupported"
	}
	s := c.Answer
	if c.Profile == c.Answer {
		s += " ✓"
	} else {
		s += " ≠ profile: " + c.Profile
	}
	if c.Generic != c.Answer {
		s += "; generic: " + c.Generic
	}
	return s
}

func pct(a, n int) string {
	if n == 0 {
		return "—"
	}
	return fmt.Sprintf("%.1f %%", 100*float64(a)/float64(n))
}
