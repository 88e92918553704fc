package inspect

import "strings"

// Which names hold a credential. A name is split into lower-case words at
// separators and case changes ("X-Refresh-Token" → x refresh token,
// "accessToken" → access token, "APIKey" → api key); it is secret when one
// word, two neighbouring words or the whole name is a credential word, unless
// its last word says the value only describes the secret ("token_type",
// "authorization_endpoint", "password_hint", "session_state").

// secretWords are words that make a name secret wherever they appear.
var secretWords = map[string]bool{
	"token": true, "tokens": true, "secret": true, "secrets": true,
	"password": true, "passwords": true, "passwd": true, "pwd": true, "passphrase": true, "passcode": true,
	"otp": true, "totp": true, "hotp": true, "pin": true,
	"credential": true, "credentials": true, "creds": true,
	"signature": true, "assertion": true, "verifier": true,
	"apikey": true, "apikeys": true, "accesskey": true, "secretkey": true, "privatekey": true,
	"session": true, "sessionid": true, "sessid": true, "jsessionid": true, "phpsessid": true,
	"sessiontoken": true, "sessionkey": true,
	"jwt": true, "bearer": true, "authorization": true, "authtoken": true,
	"accesstoken": true, "refreshtoken": true, "idtoken": true,
	"csrf": true, "xsrf": true, "csrftoken": true, "xsrftoken": true,
	"samlresponse": true, "samlrequest": true, "ticket": true, "dpop": true,
}

// secretPairs are two neighbouring words that together make a name secret
// ("api key", "private key") where either alone does not.
var secretPairs = map[string]bool{
	"apikey": true, "accesskey": true, "secretkey": true, "privatekey": true, "signingkey": true,
	"sessionkey": true, "masterkey": true, "clientkey": true, "authkey": true, "encryptionkey": true,
	"subscriptionkey": true, "accountkey": true, "licensekey": true, "sharedkey": true, "hmackey": true,
	"devicecode": true, "usercode": true, "authcode": true, "authorizationcode": true, "recoverycode": true,
	"backupcode": true, "verificationcode": true, "securitycode": true, "resetcode": true,
	"cvv": true, "cvc": true, "sessionid": true, "authid": true,
}

// describingWords, as the last word of a name, say the value describes a
// secret rather than holding it.
var describingWords = map[string]bool{
	"type": true, "types": true, "kind": true, "hint": true, "use": true, "usage": true,
	"endpoint": true, "endpoints": true, "url": true, "uri": true, "urls": true, "uris": true, "path": true,
	"expires": true, "expiry": true, "expiration": true, "exp": true, "in": true, "ttl": true, "lifetime": true,
	"age": true, "length": true, "len": true, "count": true, "format": true, "method": true, "methods": true,
	"policy": true, "required": true, "enabled": true, "supported": true, "name": true, "names": true,
	"label": true, "field": true, "header": true, "param": true, "location": true,
	"alg": true, "algs": true, "algorithm": true, "algorithms": true, "at": true, "time": true,
	"date": true, "timestamp": true, "state": true, "status": true, "details": true, "mode": true,
	"prefix": true, "present": true, "missing": true, "valid": true, "invalid": true, "error": true,
	"errors": true, "message": true, "description": true, "version": true, "values": true,
	"changed": true, "created": true, "updated": true, "placeholder": true,
}

// paramWords are secret as query, form or fragment parameters (an OAuth
// code, a Google key=, a one-time pin, an Azure SAS sig=), though too common
// as JSON member names to redact there.
var paramWords = map[string]bool{
	"code": true, "key": true, "sig": true, "pin": true, "otp": true, "session": true, "sid": true,
	"auth": true, "pass": true, "pw": true, "hash": true,
}

// secretHeaderNames are headers whose value is a credential although their
// name holds no credential word.
var secretHeaderNames = map[string]bool{
	"authorization": true, "proxy-authorization": true, "cookie": true, "set-cookie": true,
	"dpop": true, "x-amz-security-token": true, "x-goog-iam-authorization-token": true,
	"private-token": true, "x-vault-token": true, "x-auth": true, "x-amz-credential": true,
}

// nameWords splits a name into lower-case words (see above), in dst.
func nameWords(name string, dst []string) []string {
	lower := strings.ToLower(name)
	start := -1
	for i := 0; i <= len(name); i++ {
		var c byte
		if i < len(name) {
			c = name[i]
		}
		alnum := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
		if !alnum {
			if start >= 0 {
				dst = append(dst, lower[start:i])
				start = -1
			}
			continue
		}
		if start >= 0 && c >= 'A' && c <= 'Z' {
			p := name[i-1]
			lowerBefore := p >= 'a' && p <= 'z' || p >= '0' && p <= '9'
			upperRun := p >= 'A' && p <= 'Z' && i+1 < len(name) && name[i+1] >= 'a' && name[i+1] <= 'z'
			if lowerBefore || upperRun {
				dst = append(dst, lower[start:i])
				start = i
			}
		}
		if start < 0 {
			start = i
		}
	}
	return dst
}

// secretName is the rule shared by SecretName and SecretParam.
func secretName(name string, param bool) bool {
	if name == "" || len(name) > 100 || !hasSecretStem(name) {
		return false
	}
	var buf [12]string
	ws := nameWords(name, buf[:0])
	if len(ws) == 0 || describingWords[ws[len(ws)-1]] && len(ws) > 1 {
		return false
	}
	joined := ""
	for i, w := range ws {
		if secretWords[w] || param && paramWords[w] {
			return true
		}
		if i > 0 && secretPairs[ws[i-1]+w] {
			return true
		}
		joined += w
	}
	return len(ws) > 1 && (secretWords[joined] || secretPairs[joined])
}

// SecretName reports whether a JSON member, form field, HTML input or
// script variable of that name holds a credential: access_token,
// accessToken, refreshToken, client_secret, private_key, password, otp,
// X-Session-Id, … (but not token_type or authorization_endpoint).
func SecretName(name string) bool { return secretName(name, false) }

// SecretParam reports whether a query, form or fragment parameter of that
// name holds a credential: every SecretName, and code, key, sig, pin,
// session and their like.
func SecretParam(name string) bool { return secretName(name, true) }

// SecretHeader reports whether an HTTP header of that name carries a
// credential: Authorization, Proxy-Authorization, Cookie, Set-Cookie, DPoP,
// X-Amz-Security-Token, and every header named like a secret (X-Api-Key,
// X-Client-Secret, X-Session-Id, X-Refresh-Token, Token, X-New-Token, …).
func SecretHeader(name string) bool {
	return secretHeaderNames[strings.ToLower(strings.TrimSpace(name))] || secretName(name, false)
}

// secretStems are parts of every word of the tables above; a name holding
// none of them cannot be secret (a cheap test before splitting it).
var secretStems = [...]string{"tok", "secret", "pass", "pw", "otp", "pin", "cred", "sig", "assert",
	"verif", "key", "sess", "sid", "jwt", "bearer", "auth", "csrf", "xsrf", "saml", "ticket", "dpop",
	"code", "cvv", "cvc", "hash"}

func hasSecretStem(name string) bool {
	// containsFold(name, st) for each stem, in one pass over name: at
	// each byte only the stems that start with it (in any case) are tried.
	for i := 0; i < len(name); i++ {
		for _, st := range stemsByFirst[name[i]|0x20] {
			if len(name)-i < len(st) {
				continue
			}
			k := 1
			for k < len(st) && name[i+k]|0x20 == st[k] {
				k++
			}
			if k == len(st) {
				return true
			}
		}
	}
	return false
}

// stemsByFirst lists secretStems by their first byte.
var stemsByFirst = func() (t [256][]string) {
	for _, st := range secretStems {
		t[st[0]] = append(t[st[0]], st)
	}
	return t
}()

// containsFold reports whether s holds the lower-case ASCII word sub in
// any case.
func containsFold(s, sub string) bool {
	n := len(sub)
	for i := 0; i+n <= len(s); i++ {
		if s[i]|0x20 != sub[0] {
			continue
		}
		k := 1
		for k < n && s[i+k]|0x20 == sub[k] {
			k++
		}
		if k == n {
			return true
		}
	}
	return false
}
