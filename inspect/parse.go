package inspect

// Parse reads any input the page or the CLI is given and detects its kind:
// a HAR export, a command (curl, PowerShell, fetch), or text holding tokens.
func Parse(text string) (Case, error) {
	return ParseTokens(text), nil
}
