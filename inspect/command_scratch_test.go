package inspect

import (
	"encoding/json"
	"os"
	"testing"
)

func TestScratch(t *testing.T) {
	b, _ := os.ReadFile("/tmp/scratch.txt")
	c, err := ParseCommand(string(b))
	out, _ := json.MarshalIndent(c, "", "  ")
	t.Logf("%s\nerr=%v", out, err)
}
