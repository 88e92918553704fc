package ui

import (
	"bytes"
	"encoding/json"
)

// prettyJSON re-indents the original JSON of a token segment. It does not
// decode and re-encode, so numbers keep their exact text (a 20-digit id
// stays as written), member order and duplicate members are kept. Text that
// is not valid JSON comes back unchanged.
func prettyJSON(raw []byte) string {
	if len(raw) == 0 {
		return ""
	}
	var b bytes.Buffer
	if err := json.Indent(&b, raw, "", "  "); err != nil {
		return string(raw)
	}
	return b.String()
}
