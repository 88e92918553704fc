package inspect

import (
	"bytes"
	"encoding/json"
	"strconv"
)

// MaxIndentDepth is the deepest nesting a token's header or payload is
// indented to for reading. Real claims nest three or four levels. Each line
// of indented JSON carries one indentation per level, so JSON nested n levels
// deep grows to about n² bytes when indented (a 300 KB payload of nested
// arrays would become 20 GB): deeper JSON is shown compact, on one line.
const MaxIndentDepth = 32

// IndentJSON indents the original JSON of a token segment for reading
// (prefix, then two spaces per level), without decoding and re-encoding it:
// numbers keep their exact text, member order and duplicate members are
// kept. Text that is not JSON comes back unchanged, with note "". JSON
// nested deeper than MaxIndentDepth comes back compact, with a note that
// says so; the work and the output are linear in the input either way.
func IndentJSON(raw []byte, prefix string) (text, note string) {
	if len(raw) == 0 {
		return "", ""
	}
	var b bytes.Buffer
	if d := jsonDepth(raw); d > MaxIndentDepth {
		if json.Compact(&b, raw) != nil {
			return string(raw), ""
		}
		return b.String(), "nested " + strconv.Itoa(d) + " levels deep, more than the " +
			strconv.Itoa(MaxIndentDepth) + " shown indented: written on one line"
	}
	if json.Indent(&b, raw, prefix, "  ") != nil {
		return string(raw), ""
	}
	return b.String(), ""
}

// jsonDepth returns the deepest nesting of arrays and objects in raw,
// skipping strings; it reads raw once and does not check it is JSON.
func jsonDepth(raw []byte) int {
	depth, deepest := 0, 0
	for i := 0; i < len(raw); i++ {
		switch raw[i] {
		case '[', '{':
			depth++
			deepest = max(deepest, depth)
		case ']', '}':
			depth--
		case '"':
			for i++; i < len(raw) && raw[i] != '"'; i++ {
				if raw[i] == '\\' {
					i++
				}
			}
		}
	}
	return deepest
}
