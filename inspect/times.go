package inspect

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// timeClaims are the NumericDate claims shown and checked, in display order.
var timeClaims = []string{"exp", "nbf", "iat", "auth_time"}

// checkTimes reads exp, nbf, iat and auth_time and checks them against at
// under the rules in force: the skew (the user's leeway when set, else the
// profile's default), and where the profile's stack differs at the
// boundary or on a rule (a future iat, an exp written as a string). The
// generic rule is golang-jwt's and jose's: valid while at < exp+skew and
// at ≥ nbf−skew; iat after at+skew means the issuer's clock is ahead.
func checkTimes(claims map[string]any, at time.Time, o rules) ([]TimeClaim, []Finding) {
	var out []TimeClaim
	var fs []Finding
	p := o.p
	for _, name := range timeClaims {
		v, ok := claims[name]
		if !ok {
			continue
		}
		tc := TimeClaim{Name: name, Raw: jsonValue(v)}
		t, err := numericDate(v)
		if s, isString := v.(string); err != nil && isString && name == "exp" && p.ExpNumericString && digits(s) {
			t, err = numericDate(json.Number(s))
		}
		if err != nil {
			title := fmt.Sprintf("Claim %q is not a NumericDate", name)
			switch v.(type) {
			case json.Number, float64:
			default:
				title = fmt.Sprintf("Claim %q has the wrong type: %s, not a number", name, jsonKind(v))
			}
			detail := fmt.Sprintf("%s must be a JSON number of seconds since 1970-01-01T00:00:00Z (RFC 7519 §2); %s. Validators reject the token.", name, err)
			f := newFinding(CodeTokenMalformed, title, detail, name+": "+tc.Raw)
			if s, isString := v.(string); isString && name == "exp" && digits(s) && p.generic() {
				f.Detail = strings.Replace(f.Detail, "Validators reject the token.", "Most validators reject the token; "+namedVerb(func(q ServerProfile) bool { return q.ExpNumericString }, "reads", "read")+" a string of digits as a number and accept it.", 1)
			}
			if p.IgnoresTime && (name == "exp" || name == "nbf") {
				f.Detail = fmt.Sprintf("%s must be a JSON number (RFC 7519 §2), but %s checks %s only when configured to (claims_to_verify), so by default it accepts the token.", name, p.Title, name)
				f = f.withSeverity(SeverityWarning)
			}
			if name == "iat" && !p.IatMustBeNumber {
				// Only validators that check iat read it.
				f = f.withSeverity(SeverityWarning)
				f.Detail = strings.Replace(f.Detail, "Validators reject the token.", "Validators that read iat reject the token", 1)
				if p.generic() {
					f.Detail += "; " + namedVerb(func(q ServerProfile) bool { return q.IatMustBeNumber }, "does", "do") + " even without checking its time."
				} else {
					f.Detail += fmt.Sprintf("; %s does not, by default.", p.Title)
				}
			}
			fs = append(fs, f)
			tc.State = "invalid"
			out = append(out, tc)
			continue
		}
		tc.Time = t
		if p.ZeroIsAbsent && t.Unix() == 0 && t.Nanosecond() == 0 {
			tc.State = "absent"
			tc.Relative = fmt.Sprintf("0: %s reads it as no %s", p.Title, name)
		}
		out = append(out, tc)
	}
	for i := range out {
		tc := &out[i]
		if tc.State == "invalid" || tc.State == "absent" {
			continue
		}
		d := tc.Time.Sub(at)
		switch tc.Name {
		case "exp":
			fs = append(fs, checkExp(tc, at, o)...)
		case "nbf":
			skew := o.nbfSkew()
			if at.Add(skew).Before(tc.Time) {
				tc.State = "not_yet_valid"
				tc.Relative = "not valid for another " + humanDuration(d)
				detail := fmt.Sprintf("nbf is %s, %s after the moment checked (%s). Either the token was issued for later use, or the issuer's clock is ahead of this one (clock skew); a small leeway on the server absorbs skew.", formatUTC(tc.Time), humanDuration(d), formatUTC(at))
				if skew > 0 {
					detail += " That is beyond " + skewWords(o, skew) + "."
				}
				f := newFinding(CodeTokenNotYetValid,
					"Token not valid yet: nbf is "+humanDuration(d)+" in the future",
					detail,
					"nbf: "+tc.Raw+" ("+formatUTC(tc.Time)+")")
				if p.generic() && !o.leewaySet {
					if n := nbfSkewNote(d); n != "" {
						f.Detail += " " + n
					}
				}
				if p.IgnoresTime {
					f.Detail = p.Title + " checks nbf only when claims_to_verify lists it, so by default it accepts this token. " + f.Detail
					f = f.withSeverity(SeverityWarning)
				}
				fs = append(fs, f)
			} else {
				tc.State = "ok"
				tc.Relative = relativePast("valid since", d)
			}
		case "iat":
			skew := o.expSkew()
			if at.Add(skew).Before(tc.Time) {
				tc.State = "future"
				tc.Relative = "issued " + humanDuration(d) + " in the future"
				f := newFinding(CodeTokenIssuedInFuture,
					"Issued "+humanDuration(d)+" in the future",
					fmt.Sprintf("iat is %s, %s after the moment checked (%s): the issuer's clock is ahead of this one.", formatUTC(tc.Time), humanDuration(d), formatUTC(at)),
					"iat: "+tc.Raw+" ("+formatUTC(tc.Time)+")")
				switch {
				case p.RefusesFutureIat:
					f.Detail = fmt.Sprintf("%s refuses a token issued in the future (beyond %s): ", p.Title, skewWords(o, skew)) + f.Detail + " It answers 401 until its clock catches up; synchronise clocks (NTP) or allow a leeway."
					f = f.withSeverity(SeverityError)
				case p.generic():
					f.Detail += fmt.Sprintf(" %s such a token until its clock catches up (as does golang-jwt with WithIssuedAt); %s it. Synchronise clocks (NTP) or allow a leeway.",
						namedVerb(func(q ServerProfile) bool { return q.RefusesFutureIat }, "refuses", "refuse"), namedVerb(func(q ServerProfile) bool { return !q.RefusesFutureIat }, "accepts", "accept"))
				default:
					f.Detail += fmt.Sprintf(" %s does not check iat by default, so it accepts the token; validators that do (PyJWT, golang-jwt with WithIssuedAt) refuse it until their clock catches up.", p.Title)
				}
				fs = append(fs, f)
			} else {
				tc.State = "ok"
				tc.Relative = relativePast("issued", d)
			}
		case "auth_time":
			tc.State = "past"
			if d > o.expSkew() {
				tc.State = "future"
			}
			tc.Relative = relativePast("user authenticated", d)
		}
	}
	return out, fs
}

// checkExp judges exp under the rules: expired when at ≥ exp+skew, or
// at > exp+skew for the stacks that accept the boundary second itself.
func checkExp(tc *TimeClaim, at time.Time, o rules) []Finding {
	p := o.p
	skew := o.expSkew()
	d := tc.Time.Sub(at)
	limit := tc.Time.Add(skew)
	expired := !at.Before(limit)
	if p.ExpAtBoundary {
		expired = at.After(limit)
	}
	evidence := "exp: " + tc.Raw + " (" + formatUTC(tc.Time) + ")"
	if !expired {
		tc.State = "ok"
		if d >= 0 {
			tc.Relative = "valid for another " + humanDuration(d)
			return nil
		}
		tc.Relative = fmt.Sprintf("expired %s ago, within %s", humanDuration(-d), skewWords(o, skew))
		return []Finding{newFinding(CodeTokenExpired,
			"Token expired "+humanDuration(-d)+" ago, still accepted within "+skewWords(o, skew),
			fmt.Sprintf("exp is %s, %s before the moment checked (%s). %s absorbs it, so this token is still accepted; once %s have passed since exp it is refused (401).", formatUTC(tc.Time), humanDuration(-d), formatUTC(at), capitalise(skewWords(o, skew)), humanDuration(skew)),
			evidence).withSeverity(SeverityInfo)}
	}
	tc.State = "expired"
	tc.Relative = "expired " + humanDuration(-d) + " ago"
	if -d < time.Second {
		tc.Relative = "expired this very second"
	}
	detail := fmt.Sprintf("exp is %s, %s before the moment checked (%s).", formatUTC(tc.Time), humanDuration(-d), formatUTC(at))
	if skew > 0 {
		detail += " That is beyond " + skewWords(o, skew) + "."
		if p.ExpAtBoundary && -d == skew {
			detail += fmt.Sprintf(" (%s still accepts the exact second exp + %s.)", p.Title, humanDuration(skew))
		}
	}
	if p.IgnoresTime {
		detail = fmt.Sprintf("%s checks exp only when claims_to_verify lists it, so by default it accepts this expired token. ", p.Title) + detail
		return []Finding{newFinding(CodeTokenExpired, "Token "+tc.Relative+" (not checked by "+p.Title+" by default)", detail, evidence).withSeverity(SeverityWarning)}
	}
	detail += " The server answers 401 (RFC 6750 invalid_token); get a new token (refresh it) and retry."
	if p.generic() && !o.leewaySet {
		if n := skewNote(-d); n != "" {
			detail += " " + n
		}
	}
	if p.generic() && tc.Time.Unix() == 0 {
		detail += " " + namedVerb(func(q ServerProfile) bool { return q.ZeroIsAbsent }, "reads", "read") + " exp: 0 as no exp at all and accepts the token."
	}
	return []Finding{newFinding(CodeTokenExpired, "Token "+tc.Relative, detail, evidence)}
}

// skewWords names the skew in force and where it comes from: "the leeway
// of 30 s you set", "ASP.NET Core JwtBearer's default clock skew of 5 min".
func skewWords(o rules, skew time.Duration) string {
	switch {
	case o.leewaySet:
		return "the leeway of " + humanDuration(skew) + " you set"
	case o.p.generic():
		return "a leeway of " + humanDuration(skew)
	}
	return o.p.Title + "'s default clock skew of " + humanDuration(skew)
}

func capitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// digits reports whether s is a non-empty string of ASCII digits.
func digits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func relativePast(what string, d time.Duration) string {
	if d > 0 {
		return what + " " + humanDuration(d) + " from now"
	}
	return what + " " + humanDuration(-d) + " ago"
}

// numericDate reads a NumericDate, keeping fractions of a second.
func numericDate(v any) (time.Time, error) {
	var f float64
	switch x := v.(type) {
	case json.Number:
		var err error
		if f, err = x.Float64(); err != nil {
			return time.Time{}, fmt.Errorf("%q does not fit a number", string(x))
		}
	case float64:
		f = x
	case string:
		return time.Time{}, fmt.Errorf("it is the string %q", shorten(x, 30))
	case nil:
		return time.Time{}, errors.New("it is null")
	default:
		return time.Time{}, fmt.Errorf("it is %s", jsonKind(v))
	}
	if math.IsNaN(f) || math.IsInf(f, 0) || math.Abs(f) > 1e11 {
		return time.Time{}, fmt.Errorf("%v seconds is outside any plausible date (milliseconds instead of seconds?)", v)
	}
	sec, frac := math.Modf(f)
	return time.Unix(int64(sec), int64(frac*1e9)).UTC(), nil
}

func jsonKind(v any) string {
	switch v.(type) {
	case string:
		return "a string"
	case json.Number, float64:
		return "a number"
	case nil:
		return "null"
	case map[string]any:
		return "an object"
	case []any:
		return "an array"
	case bool:
		return "a boolean"
	}
	return fmt.Sprintf("a %T", v)
}

func formatUTC(t time.Time) string {
	if t.Nanosecond() != 0 {
		return t.UTC().Format("2006-01-02T15:04:05.999Z07:00")
	}
	return t.UTC().Format(time.RFC3339)
}

// HumanDuration is humanDuration for the page: one way to write a
// duration everywhere.
func HumanDuration(d time.Duration) string { return humanDuration(d) }

// humanDuration renders d (non-negative) with its two largest units:
// "3 min 12 s", "54 min", "2 d 3 h", "15 y 250 d".
func humanDuration(d time.Duration) string {
	if d < 0 {
		d = -d
	}
	if d < time.Second {
		if d == 0 {
			return "0 s"
		}
		return strconv.FormatInt(d.Milliseconds(), 10) + " ms"
	}
	// Two units at most, and only adjacent ones: "3 h 12 min", "2 d".
	var buf [48]byte
	out, parts := buf[:0], 0
	for _, u := range durationUnits {
		if d >= u.size {
			n := d / u.size
			d -= n * u.size
			if parts > 0 {
				out = append(out, ' ')
			}
			out = strconv.AppendInt(out, int64(n), 10)
			out = append(out, ' ')
			out = append(out, u.name...)
			parts++
		} else if parts > 0 {
			break
		}
		if parts == 2 {
			break
		}
	}
	return string(out)
}

var durationUnits = [...]struct {
	size time.Duration
	name string
}{
	{365 * 24 * time.Hour, "y"}, {24 * time.Hour, "d"}, {time.Hour, "h"}, {time.Minute, "min"}, {time.Second, "s"},
}
