package inspect

// Parse reads any input the page or the CLI is given and detects its kind:
// a command (curl in bash or cmd, PowerShell, fetch), or text holding
// tokens. Command errors come back with whatever could be read.
func Parse(text string) (Case, error) {
	if LooksLikeCommand(text) {
		return ParseCommand(text)
	}
	return ParseTokens(text), nil
}
