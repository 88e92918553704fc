package ui

import (
	"strconv"
	"strings"

	app "github.com/maxence-charriere/go-app/v10/pkg/app"

	"whydenied/inspect"
)

// harView is the UI state of the HAR table: filters, the row with the
// keyboard cursor, the entry opened, and how many rows are rendered. Positions
// are indexes into Report.Entries (time order), not the entries' file
// indexes. It holds for one file: another file starts afresh.
type harView struct {
	file       *inspect.Case
	failedOnly bool
	class      string // "", "2xx", "3xx", "4xx", "5xx", "none"
	host       string
	text       string
	cursor     int // -1: none
	open       int // -1: none
	// shown is how many rows that did not fail are rendered; failed rows
	// are always all rendered.
	shown int
	// meta is derived once per judgement of the file, not per render.
	metaOf *inspect.EntryReport
	meta   []rowMeta
	hosts  []string
}

// rowMeta is what filtering reads of an entry.
type rowMeta struct {
	host, path, class string
	// search is the lower-cased text the free-text filter looks in,
	// built on the first search.
	search string
}

// rowsStep is how many more rows "Show more" renders.
const rowsStep = 50

// reset forgets the filters and the selection, for a new file.
func (v *harView) reset(file *inspect.Case) {
	*v = harView{file: file, cursor: -1, open: -1, shown: rowsStep}
}

// index derives rowMeta for the entries es (in report order), once for
// each judgement: the search text holds the verdicts.
func (v *harView) index(es []inspect.EntryReport) {
	var first *inspect.EntryReport
	if len(es) > 0 {
		first = &es[0]
	}
	if v.meta != nil && v.metaOf == first && len(v.meta) == len(es) {
		return
	}
	v.metaOf, v.meta, v.hosts = first, make([]rowMeta, len(es)), nil
	seen := map[string]bool{}
	for i, e := range es {
		m := rowMeta{class: statusClass(e)}
		m.host, m.path = inspect.HostPath(e.Request.URL)
		if m.path == "" {
			m.path = "/"
		}
		if m.host != "" && !seen[m.host] {
			seen[m.host] = true
			v.hosts = append(v.hosts, m.host)
		}
		v.meta[i] = m
	}
}

// matches reports whether the entry at position i passes the filters.
func (v *harView) matches(i int, e inspect.EntryReport) bool {
	m := &v.meta[i]
	if v.text != "" && m.search == "" {
		// Built on the first search, not with the verdict.
		m.search = strings.ToLower(e.Request.Method + " " + e.Request.URL + " " + strconv.Itoa(entryStatus(e)) + " " + e.ResourceType + " " + string(e.Verdict) + " " + e.Summary)
	}
	switch {
	case v.failedOnly && !e.Failed:
		return false
	case v.class != "" && m.class != v.class:
		return false
	case v.host != "" && m.host != v.host:
		return false
	case v.text != "" && !strings.Contains(m.search, strings.ToLower(v.text)):
		return false
	}
	return true
}

// entryStatus is the HTTP status as data-status has it: 0 when no answer
// came (also for exporters that write -1).
func entryStatus(e inspect.EntryReport) int {
	if e.Response != nil && e.Response.Status > 0 {
		return e.Response.Status
	}
	return 0
}

func statusClass(e inspect.EntryReport) string {
	s := entryStatus(e)
	if s < 100 || s > 599 {
		return "none"
	}
	return [...]string{"1xx", "2xx", "3xx", "4xx", "5xx"}[s/100-1]
}

func (h *harPanel) onFailedOnly(ctx app.Context, e app.Event) {
	h.view.failedOnly = ctx.JSSrc().Get("checked").Bool()
}

func (h *harPanel) onClass(ctx app.Context, e app.Event) {
	h.view.class = ctx.JSSrc().Get("value").String()
}

func (h *harPanel) onHost(ctx app.Context, e app.Event) {
	h.view.host = ctx.JSSrc().Get("value").String()
}

func (h *harPanel) onText(ctx app.Context, e app.Event) {
	h.view.text = ctx.JSSrc().Get("value").String()
}

func (h *harPanel) onMore(ctx app.Context, e app.Event) {
	h.view.shown += rowsStep
}

// rowPos is the data-pos of the row an event happened in, or -1.
func rowPos(e app.Event) int {
	row := e.Get("target").Call("closest", "[data-pos]")
	if !row.Truthy() {
		return -1
	}
	n, err := strconv.Atoi(row.Get("dataset").Get("pos").String())
	if err != nil {
		return -1
	}
	return n
}

// onRowClick opens the entry clicked (on the table or a failure link).
func (h *harPanel) onRowClick(ctx app.Context, e app.Event) {
	if i := rowPos(e); i >= 0 {
		h.openEntry(ctx, i, false)
	}
}

// onRowKey moves the cursor with the arrow keys (Home/End too) among the
// rows rendered and not hidden, and opens the row with Enter or Space.
func (h *harPanel) onRowKey(ctx app.Context, e app.Event) {
	key := e.Get("key").String()
	i := rowPos(e)
	if i < 0 {
		return
	}
	switch key {
	case "Enter", " ":
		e.PreventDefault()
		h.openEntry(ctx, i, false)
		return
	case "ArrowDown", "ArrowUp", "Home", "End":
	default:
		return
	}
	e.PreventDefault()
	rows := app.Window().Get("document").Call("querySelectorAll", ".har-table tbody tr[data-pos]:not([hidden])")
	n := rows.Length()
	at := -1
	for k := 0; k < n; k++ {
		if rows.Index(k).Get("dataset").Get("pos").String() == strconv.Itoa(i) {
			at = k
			break
		}
	}
	switch key {
	case "ArrowDown":
		at = min(at+1, n-1)
	case "ArrowUp":
		at = max(at-1, 0)
	case "Home":
		at = 0
	case "End":
		at = n - 1
	}
	if at < 0 || at >= n {
		return
	}
	if next, err := strconv.Atoi(rows.Index(at).Get("dataset").Get("pos").String()); err == nil {
		h.view.cursor = next
		focusRow(ctx, next)
	}
}

// openEntry shows the details of the entry at position i; from a failure
// link it also scrolls the details into view, from the table it keeps the
// focus on the row (the table is mounted anew when a row changes, see
// tableHTML).
func (h *harPanel) openEntry(ctx app.Context, i int, scroll bool) {
	h.view.cursor, h.view.open = i, i
	if !scroll {
		focusRow(ctx, i)
		return
	}
	ctx.Defer(func(app.Context) {
		if d := app.Window().GetElementByID("har-detail"); d.Truthy() {
			d.Call("scrollIntoView", map[string]any{"block": "start"})
		}
	})
}

func (h *harPanel) onFailure(ctx app.Context, e app.Event) {
	if i := rowPos(e); i >= 0 {
		h.openEntry(ctx, i, true)
	}
}

func focusRow(ctx app.Context, i int) {
	ctx.Defer(func(app.Context) {
		row := app.Window().Get("document").Call("querySelector", ".har-table tbody tr[data-pos=\""+strconv.Itoa(i)+"\"]")
		if row.Truthy() {
			row.Call("focus")
		}
	})
}
