package inspect

import "context"

// Parse reads any input the page or the CLI is given and detects its kind:
// a HAR export, a command (curl in bash or cmd, PowerShell, fetch), or text
// holding tokens. Errors come back with whatever could be read. The page
// calls ParseHAR itself for files, to show progress and allow cancelling.
func Parse(text string) (Case, error) {
	return ParseBytes([]byte(text))
}

// ParseBytes is Parse for input read from a file, without copying a large
// HAR into a string first.
func ParseBytes(b []byte) (Case, error) {
	if LooksLikeHAR(b) {
		return ParseHAR(context.Background(), b, nil)
	}
	text := string(b)
	if LooksLikeCommand(text) {
		return ParseCommand(text)
	}
	return ParseTokens(text), nil
}
