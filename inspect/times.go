package inspect

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// timeClaims are the NumericDate claims shown and checked, in display order.
var timeClaims = []string{"exp", "nbf", "iat", "auth_time"}

// checkTimes reads exp, nbf, iat and auth_time and checks them against at
// with leeway, using golang-jwt's validator so the rule is exactly the one
// Go servers apply: valid while at < exp+leeway and at ≥ nbf−leeway; iat
// after at+leeway means the issuer's clock is ahead.
func checkTimes(claims map[string]any, at time.Time, leeway time.Duration) ([]TimeClaim, []Finding) {
	var out []TimeClaim
	var fs []Finding
	for _, name := range timeClaims {
		v, ok := claims[name]
		if !ok {
			continue
		}
		tc := TimeClaim{Name: name, Raw: jsonValue(v)}
		t, err := numericDate(v)
		if err != nil {
			title := fmt.Sprintf("Claim %q is not a NumericDate", name)
			switch v.(type) {
			case json.Number, float64:
			default:
				title = fmt.Sprintf("Claim %q has the wrong type: %s, not a number", name, jsonKind(v))
			}
			fs = append(fs, newFinding(CodeTokenMalformed, title,
				fmt.Sprintf("%s must be a JSON number of seconds since 1970-01-01T00:00:00Z (RFC 7519 §2); %s. Validators reject the token.", name, err),
				name+": "+tc.Raw))
			tc.State = "invalid"
			out = append(out, tc)
			continue
		}
		tc.Time = t
		out = append(out, tc)
	}

	v := jwt.NewValidator(jwt.WithLeeway(leeway), jwt.WithTimeFunc(func() time.Time { return at }), jwt.WithIssuedAt())
	err := v.Validate(jwt.MapClaims(claims))
	for i := range out {
		tc := &out[i]
		if tc.State == "invalid" {
			continue
		}
		d := tc.Time.Sub(at)
		switch tc.Name {
		case "exp":
			if errors.Is(err, jwt.ErrTokenExpired) {
				tc.State = "expired"
				tc.Relative = "expired " + humanDuration(-d) + " ago"
				if -d < time.Second {
					tc.Relative = "expired this very second"
				}
				detail := fmt.Sprintf("exp is %s, %s before the moment checked (%s).", formatUTC(tc.Time), humanDuration(-d), formatUTC(at))
				if leeway > 0 {
					detail += fmt.Sprintf(" That is beyond the leeway of %s.", humanDuration(leeway))
				}
				detail += " The server answers 401 (RFC 6750 invalid_token); get a new token (refresh it) and retry."
				fs = append(fs, newFinding(CodeTokenExpired,
					"Token "+tc.Relative,
					detail,
					"exp: "+tc.Raw+" ("+formatUTC(tc.Time)+")"))
			} else {
				tc.State = "ok"
				if d < 0 {
					tc.Relative = fmt.Sprintf("expired %s ago, within the leeway of %s", humanDuration(-d), humanDuration(leeway))
				} else {
					tc.Relative = "valid for another " + humanDuration(d)
				}
			}
		case "nbf":
			if errors.Is(err, jwt.ErrTokenNotValidYet) {
				tc.State = "not_yet_valid"
				tc.Relative = "not valid for another " + humanDuration(d)
				fs = append(fs, newFinding(CodeTokenNotYetValid,
					"Token not valid yet: nbf is "+humanDuration(d)+" in the future",
					fmt.Sprintf("nbf is %s, %s after the moment checked (%s). Either the token was issued for later use, or the issuer's clock is ahead of this one (clock skew); a small leeway on the server absorbs skew.", formatUTC(tc.Time), humanDuration(d), formatUTC(at)),
					"nbf: "+tc.Raw+" ("+formatUTC(tc.Time)+")"))
			} else {
				tc.State = "ok"
				tc.Relative = relativePast("valid since", d)
			}
		case "iat":
			if errors.Is(err, jwt.ErrTokenUsedBeforeIssued) {
				tc.State = "future"
				tc.Relative = "issued " + humanDuration(d) + " in the future"
				fs = append(fs, newFinding(CodeTokenIssuedInFuture,
					"Issued "+humanDuration(d)+" in the future",
					fmt.Sprintf("iat is %s, %s after the moment checked (%s): the issuer's clock is ahead of this one. Servers that check iat (golang-jwt with WithIssuedAt, many gateways) reject such a token until their clock catches up; synchronise clocks (NTP) or allow a leeway.", formatUTC(tc.Time), humanDuration(d), formatUTC(at)),
					"iat: "+tc.Raw+" ("+formatUTC(tc.Time)+")"))
			} else {
				tc.State = "ok"
				tc.Relative = relativePast("issued", d)
			}
		case "auth_time":
			tc.State = "past"
			if d > leeway {
				tc.State = "future"
			}
			tc.Relative = relativePast("user authenticated", d)
		}
	}
	return out, fs
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
		return fmt.Sprintf("%d ms", d.Milliseconds())
	}
	units := []struct {
		size time.Duration
		name string
	}{
		{365 * 24 * time.Hour, "y"}, {24 * time.Hour, "d"}, {time.Hour, "h"}, {time.Minute, "min"}, {time.Second, "s"},
	}
	var parts []string
	for _, u := range units {
		if d >= u.size {
			n := d / u.size
			d -= n * u.size
			parts = append(parts, fmt.Sprintf("%d %s", n, u.name))
		} else if len(parts) > 0 {
			break // two units at most, and only adjacent ones
		}
		if len(parts) == 2 {
			break
		}
	}
	return joinWords(parts)
}

func joinWords(p []string) string {
	s := ""
	for i, w := range p {
		if i > 0 {
			s += " "
		}
		s += w
	}
	return s
}
