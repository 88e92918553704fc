package ui

import (
	"fmt"
	"strconv"
	"time"

	app "github.com/maxence-charriere/go-app/v10/pkg/app"

	"whydenied/inspect"
)

// renderFailures lists every failed request as a button that opens it. The
// rows of the failed requests are in the table too, whatever the filters
// (hidden when filtered out), so every failed entry is always in the DOM.
// Like the table, the list is mounted from HTML (failuresHTML); the element
// around it handles the clicks.
func (h *harPanel) renderFailures() app.UI {
	var items []failure
	for i, e := range h.Entries {
		if !e.Failed {
			continue
		}
		label := fmt.Sprintf("#%d %s %s — %s: %s", e.Index+1, e.Request.Method, h.view.meta[i].host+h.view.meta[i].path, statusText(e), e.Summary)
		items = append(items, failure{pos: i, verdict: string(e.Verdict), label: label})
	}
	if len(items) == 0 {
		return app.P().Class("har-nofail").Text(fmt.Sprintf("None of the %d requests failed.", len(h.Entries)))
	}
	return app.Div().Class("har-failures").OnClick(h.onFailure).Body(
		app.H3().ID("har-failures-title").Text(fmt.Sprintf("Failed requests (%d)", len(items))),
		app.Raw(failuresHTML(items)),
	)
}

func (h *harPanel) renderFilters() app.UI {
	v := h.view
	hostOpts := []app.UI{app.Option().Value("").Text("All hosts").Selected(v.host == "")}
	for _, host := range v.hosts {
		hostOpts = append(hostOpts, app.Option().Value(host).Text(host).Selected(v.host == host))
	}
	classOpt := func(val, label string) app.UI {
		return app.Option().Value(val).Text(label).Selected(v.class == val)
	}
	return app.Div().Class("har-filters").Attr("role", "group").Aria("label", "Filter requests").Body(
		app.Div().Class("har-filter", "har-filter-check").Body(
			app.Input().ID("har-failed-only").Type("checkbox").Checked(v.failedOnly).OnChange(h.onFailedOnly),
			app.Label().For("har-failed-only").Text("Failed only"),
		),
		app.Div().Class("har-filter").Body(
			app.Label().For("har-status-class").Text("Status"),
			app.Select().ID("har-status-class").OnChange(h.onClass).Body(
				classOpt("", "Any status"), classOpt("2xx", "2xx"), classOpt("3xx", "3xx"),
				classOpt("4xx", "4xx"), classOpt("5xx", "5xx"), classOpt("none", "No answer"),
			),
		),
		app.Div().Class("har-filter").Body(
			app.Label().For("har-host").Text("Host"),
			app.Select().ID("har-host").OnChange(h.onHost).Body(hostOpts...),
		),
		app.Div().Class("har-filter", "har-filter-text").Body(
			app.Label().For("har-search").Text("Search"),
			app.Input().ID("har-search").Type("search").Value(v.text).
				Placeholder("URL, method, status, verdict…").
				Attr("autocomplete", "off").OnInput(h.onText),
		),
	)
}

// renderHARTable renders the rows: every failed entry, and of the others the
// first view.shown that pass the filters. Failed rows filtered out stay in
// the DOM, hidden. The table is mounted from HTML (tableHTML).
func (h *harPanel) renderTable() app.UI {
	v := &h.view
	rows := make([]harRow, 0, min(len(h.Entries), v.shown+64))
	matching, rendered, failed, more := 0, 0, 0, 0
	for i := range h.Entries {
		e := &h.Entries[i]
		ok := v.matches(i, *e)
		if e.Failed {
			failed++
		}
		if ok {
			matching++
			if !e.Failed {
				more++
			}
		}
		switch {
		case e.Failed:
		case !ok:
			continue
		case rendered >= v.shown:
			continue
		default:
			rendered++
		}
		primary := h.Primary == i
		rows = append(rows, harRow{
			pos: i, e: e, m: v.meta[i], primary: primary, hidden: !ok, open: v.open == i,
			// One row is reachable with Tab: the cursor, else the
			// primary failure, else the first row.
			tabbable: i == v.cursor || (v.cursor < 0 && (primary || (h.Primary < 0 && i == 0))),
		})
	}
	more -= rendered
	caption := fmt.Sprintf("%s: %d requests, %d failed; %d shown by the filters", h.Name, len(h.Entries), failed, matching)
	wrap := app.Div().Class("har-table-wrap")
	if h.Pending {
		// Nothing to open yet: the rows answer once judged.
		caption = fmt.Sprintf("%s: %d requests, being checked", h.Name, len(h.Entries))
	} else {
		wrap = wrap.OnClick(h.onRowClick).OnKeyDown(h.onRowKey)
	}
	return wrap.Body(
		app.P().ID("har-table-help").Class("hint").Text("Arrow keys move between rows, Enter opens a request."),
		app.Raw(tableHTML(caption, rows)),
		app.If(more > 0, func() app.UI {
			return app.Div().Class("har-more").Body(
				app.Span().Text(fmt.Sprintf("%d more requests that did not fail match the filters. ", more)),
				app.Button().ID("har-more").Type("button").Text(fmt.Sprintf("Show %d more", min(more, rowsStep))).OnClick(h.onMore),
			)
		}),
	)
}

// statusText is the status code, or the exporter's error text when no
// answer came.
func statusText(e inspect.EntryReport) string {
	if e.Error != nil && *e.Error != "" && entryStatus(e) == 0 {
		return *e.Error
	}
	if s := entryStatus(e); s > 0 {
		return strconv.Itoa(s)
	}
	return "no answer"
}

func durationText(d time.Duration) string {
	switch {
	case d <= 0:
		return "—"
	case d < time.Second:
		return fmt.Sprintf("%.0f ms", float64(d)/float64(time.Millisecond))
	}
	return fmt.Sprintf("%.2f s", d.Seconds())
}
