package inspect

import (
	"encoding/json"
	"strings"
	"testing"
)

// Entry numbers are the same everywhere people read them: 1-based, as the
// page's table shows them, also in the JSON.
func TestEntryIndexIsOneBasedInJSON(t *testing.T) {
	b, err := json.Marshal(Report{Entries: []EntryReport{{Index: 0, Verdict: VerdictOK}, {Index: 1, Verdict: Verdict401}}})
	if err != nil {
		t.Fatal(err)
	}
	var back struct {
		Entries []map[string]any `json:"entries"`
	}
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	for i, e := range back.Entries {
		if e["index"] != float64(i+1) {
			t.Errorf("entry %d: index %v, want %d", i, e["index"], i+1)
		}
		if e["verdict"] == nil || e["request"] == nil {
			t.Errorf("entry %d lost its other fields: %s", i, b)
		}
	}
	if strings.Count(string(b), `"index"`) != 2 {
		t.Errorf("index written more than once per entry: %s", b)
	}
}
