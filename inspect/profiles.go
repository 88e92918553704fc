package inspect

import (
	"fmt"
	"sort"
	"strings"
	"time"
)

// ServerProfile is what one validator stack does with a token under its
// default settings: its clock skew, the claim rules where stacks differ,
// the claims its scope check reads, and the answer it gives. Each value
// below is taken from the stack's own source or documentation (cited at
// each profile); the ones marked Validator are also checked against the
// running library by the conformance suite (docs/conformance.md).
type ServerProfile struct {
	Name  Profile
	Title string
	// Skew is the default clock skew on exp (and nbf, iat); NbfSkew the
	// one on nbf when it differs (go-oidc).
	Skew, NbfSkew time.Duration
	// ExpAtBoundary: a token is still accepted at the exact second
	// now == exp + skew (ASP.NET Core, Spring, Envoy, go-oidc compare
	// "now > exp"); the others refuse it ("now >= exp").
	ExpAtBoundary bool
	// IgnoresTime: exp and nbf are not checked at all by default (Kong's
	// JWT plugin checks them only when claims_to_verify lists them).
	IgnoresTime bool
	// RefusesFutureIat: a token whose iat is ahead of now + skew is
	// refused (PyJWT's ImmatureSignatureError).
	RefusesFutureIat bool
	// RequiresExp: a token without exp is refused.
	RequiresExp bool
	// ZeroIsAbsent: a time claim of 0 is read as absent (golang-jwt's
	// MapClaims), so exp: 0 never expires.
	ZeroIsAbsent bool
	// IatMustBeNumber: an iat that is not a number is refused even though
	// iat is not otherwise checked (jose: "iat" claim must be a number).
	IatMustBeNumber bool
	// ExpNumericString: an exp written as a string of digits ("1700000000")
	// is read as a number (PyJWT's int(), go-oidc's json.Number).
	ExpNumericString bool
	// RefusesUnexpectedAud: a token carrying aud is refused when the server
	// configured no audience (PyJWT).
	RefusesUnexpectedAud bool
	// Typs lists the JOSE typ values accepted (an absent typ is always
	// accepted); nil accepts any.
	Typs []string
	// Algs lists the signing algorithms accepted by default; nil: any the
	// key fits.
	Algs []string
	// scopeClaims are the claims a required scope is read from; nil: the
	// generic list (scope, scp, permissions).
	scopeClaims []grantClaim
	// Answer says what the stack answers a refused token: status and
	// WWW-Authenticate, as it writes them.
	Answer string
	// Sources are where each default above is written (docs or source).
	Sources []string
	// Validator names the library the conformance suite runs for this
	// profile; empty when the profile is from documentation only.
	Validator string
}

// The profiles. Sources are cited per profile; the numbers are the
// defaults of the versions named.
var serverProfiles = []ServerProfile{
	{
		Name:  ProfileGeneric,
		Title: "generic",
		// What most stacks do with their defaults: no skew unless the user
		// sets one (golang-jwt, jose, jsonwebtoken, PyJWT), a future iat
		// and a missing exp accepted (all but PyJWT, resp. express-oauth2-
		// jwt-bearer, ASP.NET Core, go-oidc), exp must be a number.
		Answer: "401 with WWW-Authenticate: Bearer error=\"invalid_token\" for a token it cannot accept; 403 with error=\"insufficient_scope\" for a missing scope (RFC 6750 §3)",
	},
	{
		Name:  "golang-jwt",
		Title: "golang-jwt v5",
		// validator.go: Validate checks exp with verifyExpiresAt
		// (now.Before(exp+leeway)), nbf, and iat only WithIssuedAt; exp is
		// required only WithExpirationRequired; MapClaims reads json.Number
		// or float64 and refuses a string (ErrInvalidType), and reads a
		// float64 0 as absent (parseNumericDate), so exp: 0 never expires.
		// Leeway 0.
		ZeroIsAbsent: true,
		Answer:       "a library: the service decides; jwt.ParseWithClaims returns ErrTokenExpired, ErrTokenNotValidYet, ErrTokenInvalidAudience, ErrTokenInvalidIssuer, ErrTokenSignatureInvalid",
		Sources:      []string{"https://github.com/golang-jwt/jwt/blob/v5.3.1/validator.go", "https://github.com/golang-jwt/jwt/blob/v5.3.1/map_claims.go"},
		Validator:    "golang-jwt v5.3.1 (Parse with WithValidMethods, WithAudience, WithIssuer, WithLeeway, WithTimeFunc)",
	},
	{
		Name:  "jose",
		Title: "jose (jwtVerify)",
		// lib/jwt_claims_set.js: exp <= now - clockTolerance is expired,
		// nbf > now + clockTolerance not yet valid, iat only checked with
		// maxTokenAge; exp, nbf, iat must be numbers; typ only checked when
		// the typ option is given. clockTolerance defaults to 0.
		IatMustBeNumber: true,
		Answer:          "a library: throws JWTExpired (ERR_JWT_EXPIRED), JWTClaimValidationFailed (ERR_JWT_CLAIM_VALIDATION_FAILED), JWSSignatureVerificationFailed, JWKSNoMatchingKey",
		Sources:         []string{"https://github.com/panva/jose/blob/v5.10.0/src/lib/jwt_claims_set.ts", "https://github.com/panva/jose/blob/v5.10.0/docs/jwt/verify/interfaces/JWTVerifyOptions.md"},
		Validator:       "jose 5.10.0 (jwtVerify with createLocalJWKSet, audience, issuer, clockTolerance, currentDate)",
	},
	{
		Name:  "jsonwebtoken",
		Title: "jsonwebtoken (verify)",
		// verify.js: exp must be a number ("invalid exp value"), expired
		// when clockTimestamp >= exp + clockTolerance; nbf likewise; iat
		// only with maxAge; no EdDSA. clockTolerance defaults to 0.
		Answer:    "a library: throws TokenExpiredError (\"jwt expired\"), NotBeforeError (\"jwt not active\"), JsonWebTokenError (\"jwt audience invalid\", \"invalid signature\")",
		Sources:   []string{"https://github.com/auth0/node-jsonwebtoken/blob/v9.0.3/verify.js", "https://github.com/auth0/node-jsonwebtoken#jwtverifytoken-secretorpublickey-options-callback"},
		Validator: "jsonwebtoken 9.0.3 (verify with algorithms, audience, issuer, clockTolerance, clockTimestamp)",
	},
	{
		Name:  "pyjwt",
		Title: "PyJWT",
		// jwt/api_jwt.py (2.6.0, Debian bookworm's python3-jwt):
		// _validate_exp reads int(payload["exp"]) (a string of digits
		// passes) and refuses exp <= now - leeway; _validate_iat raises
		// ImmatureSignatureError("The token is not yet valid (iat)") when
		// iat > now + leeway; _validate_aud raises InvalidAudienceError
		// when the token has aud and no audience was given. leeway 0.
		RefusesFutureIat:     true,
		IatMustBeNumber:      true,
		ExpNumericString:     true,
		RefusesUnexpectedAud: true,
		Answer:               "a library: raises ExpiredSignatureError, ImmatureSignatureError, InvalidAudienceError, InvalidIssuerError, InvalidSignatureError",
		Sources:              []string{"https://github.com/jpadilla/pyjwt/blob/2.6.0/jwt/api_jwt.py", "https://pyjwt.readthedocs.io/en/2.6.0/api.html"},
		Validator:            "PyJWT 2.6.0 from Debian (jwt.decode with algorithms, audience, issuer, leeway; clock patched)",
	},
	{
		Name:  "express-oauth2-jwt-bearer",
		Title: "express-oauth2-jwt-bearer",
		// dist/index.js (1.10.0): jwtVerifier's clockTolerance defaults to
		// 5 s; the exp validator runs on an absent claim too and requires a
		// number (typeof exp === 'number' && exp >= now - clockTolerance);
		// jose's jwtVerify then refuses exp <= now - clockTolerance; iat is
		// checked only with maxTokenAge; typ only in strict mode;
		// requiredScopes reads only the scope claim. Errors carry
		// WWW-Authenticate: Bearer realm="api", error=…, error_description=….
		Skew:            5 * time.Second,
		RequiresExp:     true,
		IatMustBeNumber: true,
		scopeClaims:     []grantClaim{{"scope", true}},
		Answer:          "401 with WWW-Authenticate: Bearer realm=\"api\", error=\"invalid_token\", error_description=\"…\" (no error for a missing token); 403 with error=\"insufficient_scope\" and scope=\"…\" from requiredScopes",
		Sources:         []string{"https://github.com/auth0/node-oauth2-jwt-bearer/blob/main/packages/access-token-jwt/src/validate.ts", "https://github.com/auth0/node-oauth2-jwt-bearer/blob/main/packages/express-oauth2-jwt-bearer/src/claim-check.ts"},
		Validator:       "express-oauth2-jwt-bearer 1.10.0 behind Express 4.22.3 (auth with issuer, audience, jwksUri or secret; requiredScopes)",
	},
	{
		Name:  "spring",
		Title: "Spring Security resource server",
		// JwtTimestampValidator: clockSkew 60 s, expired when
		// now - clockSkew is after exp (so exp + 60 s itself passes), exp
		// optional. NimbusJwtDecoder refuses a typ other than JWT
		// (Nimbus 8+ DefaultJOSEObjectTypeVerifier; Spring Security 6.5+
		// JwtTypeValidator.jwt(): "JWT" or absent). JwtGrantedAuthorities-
		// Converter reads scope and scp. BearerTokenAuthenticationEntryPoint
		// and BearerTokenAccessDeniedHandler write the challenges.
		Skew:          60 * time.Second,
		ExpAtBoundary: true,
		Typs:          []string{"JWT"},
		scopeClaims:   []grantClaim{{"scope", true}, {"scp", true}},
		Answer:        "401 with WWW-Authenticate: Bearer error=\"invalid_token\", error_description=\"An error occurred while attempting to decode the Jwt: …\", error_uri=\"https://tools.ietf.org/html/rfc6750#section-3.1\"; 403 with error=\"insufficient_scope\"",
		Sources: []string{
			"https://github.com/spring-projects/spring-security/blob/main/oauth2/oauth2-jose/src/main/java/org/springframework/security/oauth2/jwt/JwtTimestampValidator.java",
			"https://github.com/spring-projects/spring-security/blob/main/oauth2/oauth2-jose/src/main/java/org/springframework/security/oauth2/jwt/JwtTypeValidator.java",
			"https://github.com/spring-projects/spring-security/issues/9900",
			"https://docs.spring.io/spring-security/reference/servlet/oauth2/resource-server/jwt.html",
		},
	},
	{
		Name:  "aspnetcore",
		Title: "ASP.NET Core JwtBearer",
		// Microsoft.IdentityModel.Tokens TokenValidationParameters:
		// DefaultClockSkew = 300 s, RequireExpirationTime = true;
		// Validators.ValidateLifetime refuses expires < now - clockSkew
		// (IDX10223) and a missing exp (IDX10225); iat is not checked; typ
		// only when ValidTypes is set. JwtBearerHandler's challenge writes
		// error and error_description.
		Skew:          5 * time.Minute,
		ExpAtBoundary: true,
		RequiresExp:   true,
		Answer:        "401 with WWW-Authenticate: Bearer error=\"invalid_token\", error_description=\"The token expired at '…'\"; 403 with no challenge body when a policy refuses",
		Sources: []string{
			"https://learn.microsoft.com/dotnet/api/microsoft.identitymodel.tokens.tokenvalidationparameters.clockskew",
			"https://github.com/AzureAD/azure-activedirectory-identitymodel-extensions-for-dotnet/blob/dev/src/Microsoft.IdentityModel.Tokens/Validators.cs",
			"https://github.com/dotnet/aspnetcore/blob/main/src/Security/Authentication/JwtBearer/src/JwtBearerHandler.cs",
		},
	},
	{
		Name:  "envoy",
		Title: "Envoy jwt_authn",
		// jwt_authn JwtProvider.clock_skew_seconds defaults to 60;
		// jwt_verify_lib's verifyTimeConstraint refuses now > exp + skew and
		// nbf > now + skew, and skips exp when it is absent (require_
		// expiration is off by default). An audience not in the provider's
		// audiences answers 403 "Audiences in Jwt are not allowed"; other
		// failures 401 with WWW-Authenticate: Bearer realm="…",
		// error="invalid_token".
		Skew:          60 * time.Second,
		ExpAtBoundary: true,
		Answer:        "401 \"Jwt is expired\" (or \"Jwt verification fails\") with WWW-Authenticate: Bearer realm=\"http://host/path\", error=\"invalid_token\"; 403 \"Audiences in Jwt are not allowed\" for an audience it does not allow",
		Sources: []string{
			"https://www.envoyproxy.io/docs/envoy/latest/api-v3/extensions/filters/http/jwt_authn/v3/config.proto",
			"https://github.com/google/jwt_verify_lib/blob/master/src/jwt.cc",
			"https://github.com/envoyproxy/envoy/pull/13872",
		},
	},
	{
		Name:  "kong",
		Title: "Kong JWT plugin",
		// kong/plugins/jwt/jwt_parser.lua: verify_registered_claims checks
		// only the claims listed in claims_to_verify (empty by default);
		// when listed, exp <= now is "token expired" (no skew) and a
		// non-number is "must be a number". The plugin checks no aud, iss
		// is the credential's key, not a requirement.
		IgnoresTime: true,
		Answer:      "401 with a JSON body ({\"message\":\"Unauthorized\"}, or {\"exp\":\"token expired\"} when claims_to_verify lists exp)",
		Sources:     []string{"https://github.com/Kong/kong/blob/master/kong/plugins/jwt/jwt_parser.lua", "https://developer.konghq.com/plugins/jwt/"},
	},
	{
		Name:  "kubernetes",
		Title: "Kubernetes OIDC authenticator (go-oidc)",
		// github.com/coreos/go-oidc/v3 oidc/verify.go: expired when
		// t.Expiry.Before(now) — no skew on exp, and a missing exp is the
		// zero time, so expired; nbf gets 5 min of leeway; iat is not
		// checked; SupportedSigningAlgs defaults to RS256 (and the API
		// server's --oidc-signing-algs too); the client ID must be in aud.
		// exp is read as json.Number, so a string of digits passes.
		NbfSkew:          5 * time.Minute,
		ExpAtBoundary:    true,
		RequiresExp:      true,
		ExpNumericString: true,
		Algs:             []string{"RS256"},
		Answer:           "401 with a Status body (reason Unauthorized); the API server writes no WWW-Authenticate for bearer tokens",
		Sources: []string{
			"https://github.com/coreos/go-oidc/blob/v3.17.0/oidc/verify.go",
			"https://kubernetes.io/docs/reference/access-authn-authz/authentication/#openid-connect-tokens",
		},
		Validator: "go-oidc v3.17.0 (IDTokenVerifier with StaticKeySet, ClientID, Now; default RS256)",
	},
}

// profileFamilies overlays the registry per profile: only the codes whose
// family differs from the registry's are listed.
var profileFamilies = map[Profile]map[string]Verdict{
	// Refusing a future iat or a missing exp answers 401 like any invalid
	// token.
	"pyjwt":                     {CodeTokenIssuedInFuture: Verdict401},
	"express-oauth2-jwt-bearer": {CodeTokenNoExp: Verdict401},
	"aspnetcore":                {CodeTokenNoExp: Verdict401},
	"kubernetes":                {CodeTokenNoExp: Verdict401},
	// Envoy answers 403 "Audiences in Jwt are not allowed".
	"envoy": {CodeAudMismatch: Verdict403},
}

// LookupProfile returns a server profile by name ("" is generic).
func LookupProfile(name string) (ServerProfile, bool) {
	name = strings.ToLower(strings.TrimSpace(name))
	if name == "" {
		name = string(ProfileGeneric)
	}
	for _, p := range serverProfiles {
		if string(p.Name) == name {
			return p, true
		}
	}
	return ServerProfile{}, false
}

// Profiles returns every server profile, generic first.
func Profiles() []ServerProfile { return append([]ServerProfile(nil), serverProfiles...) }

// ProfileNames lists the profiles' names, generic first.
func ProfileNames() []string {
	out := make([]string, len(serverProfiles))
	for i, p := range serverProfiles {
		out[i] = string(p.Name)
	}
	return out
}

// ProfileError is a --server name that is not a profile.
func ProfileError(name string) error {
	return fmt.Errorf("unknown server %q: choose one of %s", name, strings.Join(ProfileNames(), ", "))
}

func (p ServerProfile) generic() bool { return p.Name == ProfileGeneric || p.Name == "" }

// nbfSkew is the profile's default skew on nbf.
func (p ServerProfile) nbfSkew() time.Duration {
	if p.NbfSkew != 0 {
		return p.NbfSkew
	}
	return p.Skew
}

func (p ServerProfile) scopes() []grantClaim {
	if p.scopeClaims != nil {
		return p.scopeClaims
	}
	return scopeClaims
}

// rules is how a token is judged: the profile and the clock leeway in
// force (the user's when set, which then replaces the profile's skew).
type rules struct {
	p         ServerProfile
	leeway    time.Duration
	leewaySet bool
}

func (o rules) profile() Profile {
	if o.p.Name == "" {
		return ProfileGeneric
	}
	return o.p.Name
}

// expSkew and nbfSkew are the skews in force on exp and nbf.
func (o rules) expSkew() time.Duration {
	if o.leewaySet {
		return o.leeway
	}
	return o.p.Skew
}

func (o rules) nbfSkew() time.Duration {
	if o.leewaySet {
		return o.leeway
	}
	return o.p.nbfSkew()
}

// named lists the titles of the profiles (generic left out) for which
// keep is true, as a sentence: "PyJWT", "jose, golang-jwt v5 and …".
func named(keep func(ServerProfile) bool) string {
	var out []string
	for _, p := range serverProfiles {
		if !p.generic() && keep(p) {
			out = append(out, p.Title)
		}
	}
	switch len(out) {
	case 0:
		return ""
	case 1:
		return out[0]
	}
	return strings.Join(out[:len(out)-1], ", ") + " and " + out[len(out)-1]
}

// namedVerb is named followed by the verb agreeing with it.
func namedVerb(keep func(ServerProfile) bool, one, many string) string {
	n := 0
	for _, p := range serverProfiles {
		if !p.generic() && keep(p) {
			n++
		}
	}
	if n == 1 {
		return named(keep) + " " + one
	}
	return named(keep) + " " + many
}

// skewNote names the stacks whose default skew would still accept a token
// expired by d (generic only): "accepted where the default skew is larger:
// express-oauth2-jwt-bearer 5 s, Spring … 60 s, …".
func skewNote(d time.Duration) string {
	type s struct {
		title string
		skew  time.Duration
	}
	var ok []s
	for _, p := range serverProfiles {
		if p.generic() || p.IgnoresTime {
			continue
		}
		if d < p.Skew || (p.ExpAtBoundary && d == p.Skew) {
			ok = append(ok, s{p.Title, p.Skew})
		}
	}
	if len(ok) == 0 {
		return ""
	}
	sort.SliceStable(ok, func(i, j int) bool { return ok[i].skew < ok[j].skew })
	parts := make([]string, len(ok))
	for i, x := range ok {
		parts[i] = x.title + " " + humanDuration(x.skew)
		if x.skew == d {
			parts[i] += " (it accepts the second exp + skew itself)"
		}
	}
	return "Accepted where the default clock skew is larger: " + strings.Join(parts, ", ") + "."
}

// nbfSkewNote names the stacks whose default skew on nbf still accepts a
// token whose nbf is d ahead (generic only).
func nbfSkewNote(d time.Duration) string {
	var ok []string
	for _, p := range serverProfiles {
		if !p.generic() && !p.IgnoresTime && d <= p.nbfSkew() {
			ok = append(ok, p.Title+" "+humanDuration(p.nbfSkew()))
		}
	}
	if len(ok) == 0 {
		return ""
	}
	return "Accepted where the default clock skew on nbf is larger: " + strings.Join(ok, ", ") + "."
}

// scopeClaimNote names the stacks whose scope check does not read claim
// (generic only): "express-oauth2-jwt-bearer reads only scope".
func scopeClaimNote(claim string) string {
	var out []string
	for _, p := range serverProfiles {
		if p.generic() || p.scopeClaims == nil {
			continue
		}
		reads := false
		var names []string
		for _, c := range p.scopeClaims {
			names = append(names, c.name)
			reads = reads || c.name == claim
		}
		if !reads {
			out = append(out, p.Title+" reads only "+strings.Join(names, " and "))
		}
	}
	return strings.Join(out, "; ")
}

// ProfileMarkdown is the defaults table of the README.
func ProfileMarkdown() string {
	var b strings.Builder
	b.WriteString("| `--server` | stack | skew (exp) | at exp + skew | future `iat` | no `exp` | `exp` as digits string | `aud` unasked | `typ` | algs | scope claims | also | checked by |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|\n")
	yes := func(b bool, y, n string) string {
		if b {
			return y
		}
		return n
	}
	for _, p := range serverProfiles {
		skew := humanDuration(p.Skew)
		if p.NbfSkew != 0 && p.NbfSkew != p.Skew {
			skew += " (nbf " + humanDuration(p.NbfSkew) + ")"
		}
		if p.IgnoresTime {
			skew = "exp, nbf not checked"
		}
		typ, algs := "any", "any"
		if p.Typs != nil {
			typ = strings.Join(p.Typs, ", ") + " or none"
		}
		if p.Algs != nil {
			algs = strings.Join(p.Algs, ", ")
		}
		sc := make([]string, 0, 3)
		for _, c := range p.scopes() {
			sc = append(sc, "`"+c.name+"`")
		}
		by := "documentation"
		if p.Validator != "" {
			by = p.Validator
		}
		if p.generic() {
			by = "—"
		}
		boundary, str := yes(p.ExpAtBoundary, "accepted", "refused"), yes(p.ExpNumericString, "read as number", "refused")
		if p.IgnoresTime {
			boundary, str = "not checked", "not checked"
		}
		var also []string
		if p.ZeroIsAbsent {
			also = append(also, "`exp: 0` is no `exp`")
		}
		if p.IatMustBeNumber {
			also = append(also, "`iat` must be a number")
		}
		if len(also) == 0 {
			also = []string{"—"}
		}
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n",
			p.Name, p.Title, skew, boundary,
			yes(p.RefusesFutureIat, "refused", "accepted"),
			yes(p.RequiresExp, "refused", "accepted"),
			str,
			yes(p.RefusesUnexpectedAud, "refused", "accepted"),
			typ, algs, strings.Join(sc, ", "), strings.Join(also, "; "), by)
	}
	return b.String()
}
