package inspect

// claimDoc describes a claim; Vendor is empty for standard claims.
type claimDoc struct {
	Description string
	Vendor      string
}

// claimDocs covers the registered claims (RFC 7519), OpenID Connect, OAuth
// extensions and the common vendor claims. Where two vendors share a name with
// the same meaning, the description says so.
var claimDocs = map[string]claimDoc{
	// RFC 7519 registered claims
	"iss": {"Issuer: who created and signed the token. The server compares it exactly with the issuer it trusts.", ""},
	"sub": {"Subject: the user or client the token is about, unique within the issuer.", ""},
	"aud": {"Audience: the API(s) the token is meant for. A server rejects a token whose aud does not name it.", ""},
	"exp": {"Expiration time: the token must not be accepted on or after this moment.", ""},
	"nbf": {"Not before: the token must not be accepted before this moment.", ""},
	"iat": {"Issued at: when the token was created.", ""},
	"jti": {"JWT ID: a unique identifier, used to detect replay or to revoke a single token.", ""},
	// OpenID Connect and OAuth
	"auth_time":          {"When the user last actively authenticated (OpenID Connect).", ""},
	"nonce":              {"Value from the authentication request, echoed to prevent replay of ID tokens (OpenID Connect).", ""},
	"acr":                {"Authentication context class: how strongly the user authenticated (OpenID Connect).", ""},
	"amr":                {"Authentication methods used, e.g. pwd, mfa, otp (RFC 8176).", ""},
	"azp":                {"Authorized party: the client the token was issued to (OpenID Connect; Entra v2 and Keycloak put the client ID here).", ""},
	"at_hash":            {"Hash of the access token issued with this ID token (OpenID Connect).", ""},
	"c_hash":             {"Hash of the authorization code issued with this ID token (OpenID Connect).", ""},
	"sid":                {"Session ID at the identity provider (OpenID Connect front/back-channel logout).", ""},
	"name":               {"The user's full name (OpenID Connect profile).", ""},
	"given_name":         {"The user's given name (OpenID Connect profile).", ""},
	"family_name":        {"The user's family name (OpenID Connect profile).", ""},
	"preferred_username": {"The name the user is known by, e.g. a login name or e-mail (OpenID Connect).", ""},
	"email":              {"The user's e-mail address (OpenID Connect).", ""},
	"email_verified":     {"Whether the identity provider verified the e-mail address (OpenID Connect).", ""},
	"locale":             {"The user's locale (OpenID Connect).", ""},
	"picture":            {"URL of the user's picture (OpenID Connect).", ""},
	"scope":              {"Scopes granted to the client, space-separated (RFC 8693 / RFC 9068).", ""},
	"client_id":          {"The OAuth client the token was issued to (RFC 9068; also AWS Cognito access tokens).", ""},
	"cnf":                {"Confirmation: the key the token is bound to (DPoP or mutual-TLS sender-constrained token, RFC 7800).", ""},
	"act":                {"Actor: who is acting on behalf of the subject (token exchange, RFC 8693).", ""},
	"may_act":            {"Who may act on behalf of the subject (token exchange, RFC 8693).", ""},
	"typ":                {"Token type as the issuer labels it (Keycloak: Bearer, ID, Refresh).", ""},
	"groups":             {"Groups the user belongs to (Okta, Keycloak, Entra group object IDs).", ""},
	"roles":              {"Roles granted: Entra app roles of the API, or roles in other providers. Servers often authorize on them.", ""},
	// Microsoft Entra ID (Azure AD)
	"scp":          {"Scopes (delegated permissions) granted to the client, space-separated (Entra ID; Okta uses an array).", "Entra ID / Okta"},
	"wids":         {"Entra directory role template IDs the user holds (e.g. Global Administrator).", "Entra ID"},
	"tid":          {"Tenant ID: the Entra directory that issued the token.", "Entra ID"},
	"oid":          {"Object ID of the user or service principal in the tenant.", "Entra ID"},
	"appid":        {"Client ID of the application that requested the token (v1 tokens).", "Entra ID"},
	"appidacr":     {"How the client authenticated: 0 public, 1 secret, 2 certificate (v1 tokens).", "Entra ID"},
	"azpacr":       {"How the client authenticated: 0 public, 1 secret, 2 certificate (v2 tokens).", "Entra ID"},
	"ver":          {"Token version (Entra 1.0 or 2.0; Okta 1).", "Entra ID / Okta"},
	"upn":          {"User principal name (Entra ID).", "Entra ID"},
	"unique_name":  {"A human-readable name for the subject (Entra v1 tokens).", "Entra ID"},
	"idp":          {"The identity provider that authenticated the subject, when it is not the issuer (Entra ID).", "Entra ID"},
	"ipaddr":       {"IP address the user authenticated from (Entra ID).", "Entra ID"},
	"uti":          {"Internal token identifier (Entra ID).", "Entra ID"},
	"rh":           {"Internal claim used to revalidate tokens (Entra ID).", "Entra ID"},
	"xms_cc":       {"Client capabilities, e.g. CP1 for continuous access evaluation (Entra ID).", "Entra ID"},
	"xms_tcdt":     {"Tenant creation time (Entra ID).", "Entra ID"},
	"onprem_sid":   {"On-premises security identifier of the user (Entra ID).", "Entra ID"},
	"hasgroups":    {"The user has too many groups to list; query Microsoft Graph for them (Entra ID).", "Entra ID"},
	"_claim_names": {"Group overage: groups must be fetched from the endpoint named in _claim_sources (Entra ID).", "Entra ID"},
	"acct":         {"Account type: 0 tenant member, 1 guest (Entra ID).", "Entra ID"},
	"login_hint":   {"Opaque hint for signing the user in again (Entra ID).", "Entra ID"},
	// Okta
	"cid": {"Client ID of the application the token was issued to (Okta).", "Okta"},
	"uid": {"The user's Okta ID (Okta).", "Okta"},
	// Auth0
	"permissions": {"API permissions granted through RBAC (Auth0, when \"Add Permissions in the Access Token\" is on).", "Auth0"},
	"gty":         {"Grant type the token came from, e.g. client-credentials (Auth0).", "Auth0"},
	"org_id":      {"Organization the user signed in through (Auth0 Organizations).", "Auth0"},
	// Keycloak
	"realm_access":    {"Realm roles granted to the user: realm_access.roles (Keycloak).", "Keycloak"},
	"resource_access": {"Client roles per client: resource_access.<client>.roles (Keycloak).", "Keycloak"},
	"session_state":   {"Session identifier (Keycloak).", "Keycloak"},
	"allowed-origins": {"Web origins allowed for CORS with this token (Keycloak).", "Keycloak"},
	// AWS Cognito
	"cognito:groups":   {"User pool groups the user belongs to (AWS Cognito).", "AWS Cognito"},
	"cognito:username": {"The user's user-pool user name (AWS Cognito ID tokens).", "AWS Cognito"},
	"token_use":        {"\"access\" or \"id\": which kind of Cognito token this is. API Gateway Cognito authorizers accept only the kind they are set for.", "AWS Cognito"},
	"username":         {"The user's user-pool user name (AWS Cognito access tokens).", "AWS Cognito"},
	"event_id":         {"Identifier of the sign-in event (AWS Cognito).", "AWS Cognito"},
	"origin_jti":       {"Identifier of the original token, for revocation (AWS Cognito).", "AWS Cognito"},
	// Google
	"hd": {"Hosted domain of a Google Workspace account.", "Google"},
}

// headerDocs describes JOSE header parameters.
var headerDocs = map[string]string{
	"alg":  "Algorithm that signs (JWS) or encrypts the key (JWE). \"none\" means unsigned.",
	"typ":  "Media type of the token, usually JWT (at+jwt for RFC 9068 access tokens).",
	"kid":  "Key ID: which of the issuer's keys (in its JWKS) signed the token.",
	"cty":  "Content type of the payload (JWT for a nested token).",
	"jku":  "URL of the JWK set holding the key; a server must not trust it blindly.",
	"x5u":  "URL of the X.509 certificate chain.",
	"x5t":  "SHA-1 thumbprint of the signing certificate.",
	"x5c":  "The X.509 certificate chain itself.",
	"enc":  "Content encryption algorithm (JWE).",
	"zip":  "Compression applied before encryption (JWE).",
	"crit": "Extensions the recipient must understand, or reject the token.",
}

// describeClaim returns the documentation for a claim name.
func describeClaim(name string) claimDoc {
	d := claimDocs[name]
	if d.Description == "" {
		d = claimDoc{Description: "Custom claim: its meaning is defined by the issuer and the API.", Vendor: ""}
	}
	return d
}
