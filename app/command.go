package ui

import (
	"errors"

	"whydenied/inspect"
)

// commandErrorText says why a pasted command could not be read, with its
// position ("1:48: unterminated single quote"). A paste that was cut off is
// called that, so the user looks for the missing end rather than a typo.
func commandErrorText(err error) string {
	if err == nil {
		return ""
	}
	if errors.Is(err, inspect.ErrIncompleteCommand) {
		return "Incomplete paste: the command looks cut off (" + err.Error() + "). The part before it is shown and judged."
	}
	var ce *inspect.CommandError
	if errors.As(err, &ce) {
		return "The command could not be read at " + err.Error()
	}
	return err.Error()
}
