//go:build !js && browser

package main

import (
	"encoding/json"
	"slices"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	ui "whydenied/app"
)

// snapshot is the DOM as it was when #verdict changed.
type snapshot struct {
	Verdict string   `json:"verdict"`
	Codes   []string `json:"codes"`
	Rows    []string `json:"rows"`
}

// watchVerdict records, in a MutationObserver (which runs before the
// browser paints or starts another task), the findings and the HAR rows each
// time #verdict's data-verdict or text changes.
func watchVerdict(tb *tab) {
	tb.t.Helper()
	tb.waitFor("the page to be ready", `document.documentElement.hasAttribute("data-ready")`, 30*time.Second)
	eval[bool](tb, `(() => {
		window.__snaps = [];
		const v = document.getElementById("verdict");
		new MutationObserver(() => window.__snaps.push({
			verdict: v.dataset.verdict,
			codes: Array.from(document.querySelectorAll("#findings [data-code]"), e => e.dataset.code),
			rows: Array.from(document.querySelectorAll(".har-table [data-har-entry]"), r => r.dataset.harEntry + ":" + r.dataset.status + ":" + r.dataset.verdict),
		})).observe(v, {attributes: true, attributeFilter: ["data-verdict"], subtree: true, childList: true, characterData: true});
		return true;
	})()`)
}

func snapshots(tb *tab) []snapshot {
	tb.t.Helper()
	var out []snapshot
	if err := json.Unmarshal(eval[[]byte](tb, `window.__snaps`), &out); err != nil {
		tb.t.Fatal(err)
	}
	return out
}

// TestVerdictComesWithItsEvidence checks the contract a script watching
// #verdict relies on: whenever #verdict changes, #findings already holds
// that verdict's findings and, for a HAR, every row is in the DOM with its
// verdict, as they are once the page has settled.
func TestVerdictComesWithItsEvidence(t *testing.T) {
	e := setup(t)
	tb := newTab(t, e)
	tb.open(e.origin.URL + "/")
	watchVerdict(tb)

	// A token typed key by key: each keystroke's verdict is written in the
	// keystroke's own task, findings with it.
	tb.paste(ui.RequirementInputID, requirement)
	expired := token(t, claims(func(c jwt.MapClaims) { c["exp"] = time.Now().Add(-time.Hour).Unix() }))
	tb.paste(ui.TokenInputID, expired)
	settled := tb.expect("401", []string{"token.expired"}, nil)
	snaps := snapshots(tb)
	if len(snaps) == 0 {
		t.Fatal("#verdict never changed")
	}
	last := snaps[len(snaps)-1]
	if last.Verdict != "401" || !slices.Equal(last.Codes, settled.Codes) {
		t.Errorf("when #verdict became %s the findings were %v; settled: %v", last.Verdict, last.Codes, settled.Codes)
	}

	// A HAR: #verdict waits for the whole file, and its rows.
	tb.clear(ui.TokenInputID)
	eval[bool](tb, `(window.__snaps = [], true)`)
	c := harCases(t)[1] // an expired token's 401 after a 200
	dropFile(tb, "expired.har", string(buildHAR(c.entries)))
	settled = tb.expect(c.verdict, c.codes, nil)
	tb.waitFor("the rows", `document.querySelectorAll("[data-har-entry]").length === 2`, 5*time.Second)
	rows := harRows(tb)
	snaps = snapshots(tb)
	if len(snaps) == 0 {
		t.Fatal("#verdict never changed for the HAR")
	}
	last = snaps[len(snaps)-1]
	if last.Verdict != c.verdict || !slices.Equal(last.Codes, settled.Codes) || !slices.Equal(last.Rows, rows) {
		t.Errorf("when #verdict became %s: findings %v, rows %v; settled: %v, %v", last.Verdict, last.Codes, last.Rows, settled.Codes, rows)
	}

	// A token pasted after the HAR: the verdict speaks of the token, and
	// the HAR's rows are gone by the time it says so.
	eval[bool](tb, `(window.__snaps = [], true)`)
	tb.paste(ui.TokenInputID, token(t, claims(nil)))
	tb.expect("ok", nil, nil)
	tb.waitFor("the rows to go", `document.querySelectorAll(".har-table [data-har-entry]").length === 0`, 5*time.Second)
	snaps = snapshots(tb)
	if len(snaps) == 0 {
		t.Fatal("#verdict never changed for the token")
	}
	if last = snaps[len(snaps)-1]; last.Verdict != "ok" || len(last.Rows) != 0 {
		t.Errorf("when #verdict became %s about the token, the HAR's rows %v were still there", last.Verdict, last.Rows)
	}
}
