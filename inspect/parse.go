package inspect

import (
	"context"
	"strings"

	"github.com/go-json-experiment/json/jsontext"
)

// Parse reads any input the page or the CLI is given and detects its kind:
// a HAR export, a command (curl in bash or cmd, PowerShell, fetch), or text
// holding tokens. Errors come back with whatever could be read. The page
// calls ParseHAR itself for files, to show progress and allow cancelling.
func Parse(text string) (Case, error) {
	return ParseBytes([]byte(text))
}

// ParseBytes is Parse for input read from a file, without copying a large
// HAR into a string first.
//
// The kind is found from the structure, not from the first bytes: gzip and
// UTF-16 are undone first; JSON (an object, an array, a number, a literal)
// is a HAR when its top-level object has a log member, wherever that member
// is, and HARP (a HAR inside a JSONP call) is read as one. A HAR that is
// broken is a HAR all the same: a *HARError with its offset and JSON path.
// JSON that is not a HAR is read for tokens (a token endpoint's response);
// when it holds none the error says "JSON, but not a HAR" (ErrNotHAR).
// Other text is a command when it starts like one, else text holding
// tokens; text holding none gives a Case with neither tokens nor entries
// and a finding that says nothing could be found (CodeInputUnrecognized).
func ParseBytes(b []byte) (Case, error) {
	return ParseBytesProgress(b, nil)
}

// ParseBytesProgress is ParseBytes; while it reads a HAR, progress (if not
// nil) is called as ParseHAR calls it, with the bytes read so far: a
// caller holding the input in mapped memory may let go of what was read.
func ParseBytesProgress(b []byte, progress func(done, total int)) (Case, error) {
	b, undone, err := decodeInput(b)
	if err != nil {
		return Case{Kind: KindHAR}, err
	}
	body := b
	if strings.HasPrefix(string(body[:min(len(body), 3)]), "\ufeff") {
		body = body[3:]
	}
	switch k := firstByte(body); {
	case k == '{' || k == '[' || k != 0 && jsonpStart(body) >= 0:
		return parseJSONInput(b, undone, progress)
	case k == '"' || k == '-' || k >= '0' && k <= '9' || k == 't' || k == 'f' || k == 'n':
		if jsontext.Value(body).IsValid() && !mayHoldJWT(string(body)) {
			return Case{Kind: KindTokens}, &HARError{Err: ErrNotHAR, Msg: "JSON, but not a HAR: no log.entries (and no token in it)"}
		}
	}
	text := string(b)
	if LooksLikeCommand(text) {
		return ParseCommand(text)
	}
	return ParseTokens(text), nil
}

// parseJSONInput reads input that starts like JSON (or HARP).
func parseJSONInput(b []byte, undone string, progress func(done, total int)) (Case, error) {
	c, err, isHAR := parseHAR(context.Background(), b, progress)
	if err == nil || isHAR {
		return c, err
	}
	// Not a HAR: JSON holding tokens (a token endpoint's response), or
	// JSON cut off in the middle of one, is read for its tokens.
	tc := ParseTokens(string(b))
	if len(tc.Tokens) > 0 {
		return tc, nil
	}
	he, ok := err.(*HARError)
	if !ok {
		return tc, err
	}
	switch he.Err {
	case ErrNotHAR:
		he.Msg = "JSON, but not a HAR: no log.entries (and no token in it)"
		he.Path = ""
	case ErrTruncated, ErrSyntax:
		he.Msg = "not a HAR (no log member before this point), and not valid JSON: " + he.Msg
	}
	return Case{Kind: KindHAR}, he
}
