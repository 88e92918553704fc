package ui

import (
	"fmt"
	"strconv"
	"time"

	app "github.com/maxence-charriere/go-app/v10/pkg/app"

	"whydenied/inspect"
)

// renderHARRequests is the requests part of the result: the HAR view for a
// HAR, the plain list for a command's request.
func (p *Page) renderHARRequests() app.UI {
	r := p.res.Report
	if r.Kind != inspect.KindHAR || p.res.About != srcHAR || p.in.HAR == nil {
		return renderEntries(r, p.har.name)
	}
	p.view.index(p.in.HAR, r.Entries)
	return app.Div().Class("entries", "har").Body(
		app.H2().Text("Requests"),
		renderStripped(r.Findings),
		p.renderFailures(),
		p.renderHARFilters(),
		p.renderHARTable(),
		p.renderEntryDetail(),
	)
}

// renderFailures lists every failed request as a button that opens it. The
// rows of the failed requests are in the table too, whatever the filters
// (hidden when filtered out), so every failed entry is always in the DOM.
// Like the table, the list is mounted from HTML (failuresHTML); the element
// around it handles the clicks.
func (p *Page) renderFailures() app.UI {
	r := p.res.Report
	var items []failure
	for i, e := range r.Entries {
		if !e.Failed {
			continue
		}
		label := fmt.Sprintf("#%d %s %s — %s: %s", e.Index+1, e.Request.Method, p.view.meta[i].host+p.view.meta[i].path, statusText(e), e.Summary)
		items = append(items, failure{pos: i, verdict: string(e.Verdict), label: label})
	}
	if len(items) == 0 {
		return app.P().Class("har-nofail").Text(fmt.Sprintf("None of the %d requests failed.", len(r.Entries)))
	}
	return app.Div().Class("har-failures").OnClick(p.onHARFailure).Body(
		app.H3().ID("har-failures-title").Text(fmt.Sprintf("Failed requests (%d)", len(items))),
		app.Raw(failuresHTML(items)),
	)
}

func (p *Page) renderHARFilters() app.UI {
	v := p.view
	hostOpts := []app.UI{app.Option().Value("").Text("All hosts").Selected(v.host == "")}
	for _, h := range v.hosts {
		hostOpts = append(hostOpts, app.Option().Value(h).Text(h).Selected(v.host == h))
	}
	classOpt := func(val, label string) app.UI {
		return app.Option().Value(val).Text(label).Selected(v.class == val)
	}
	return app.Div().Class("har-filters").Attr("role", "group").Aria("label", "Filter requests").Body(
		app.Div().Class("har-filter", "har-filter-check").Body(
			app.Input().ID("har-failed-only").Type("checkbox").Checked(v.failedOnly).OnChange(p.onHARFailedOnly),
			app.Label().For("har-failed-only").Text("Failed only"),
		),
		app.Div().Class("har-filter").Body(
			app.Label().For("har-status-class").Text("Status"),
			app.Select().ID("har-status-class").OnChange(p.onHARClass).Body(
				classOpt("", "Any status"), classOpt("2xx", "2xx"), classOpt("3xx", "3xx"),
				classOpt("4xx", "4xx"), classOpt("5xx", "5xx"), classOpt("none", "No answer"),
			),
		),
		app.Div().Class("har-filter").Body(
			app.Label().For("har-host").Text("Host"),
			app.Select().ID("har-host").OnChange(p.onHARHost).Body(hostOpts...),
		),
		app.Div().Class("har-filter", "har-filter-text").Body(
			app.Label().For("har-search").Text("Search"),
			app.Input().ID("har-search").Type("search").Value(v.text).
				Placeholder("URL, method, status, verdict…").
				Attr("autocomplete", "off").OnInput(p.onHARText),
		),
	)
}

// renderHARTable renders the rows: every failed entry, and of the others the
// first view.shown that pass the filters. Failed rows filtered out stay in
// the DOM, hidden. The table is mounted from HTML (tableHTML).
func (p *Page) renderHARTable() app.UI {
	r, v := p.res.Report, &p.view
	rows := make([]harRow, 0, min(len(r.Entries), v.shown+64))
	matching, rendered, failed, more := 0, 0, 0, 0
	for i := range r.Entries {
		e := &r.Entries[i]
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
		primary := r.Primary == i
		rows = append(rows, harRow{
			pos: i, e: e, m: v.meta[i], primary: primary, hidden: !ok, open: v.open == i,
			// One row is reachable with Tab: the cursor, else the
			// primary failure, else the first row.
			tabbable: i == v.cursor || (v.cursor < 0 && (primary || (r.Primary < 0 && i == 0))),
		})
	}
	more -= rendered
	caption := fmt.Sprintf("%s: %d requests, %d failed; %d shown by the filters", p.har.name, len(r.Entries), failed, matching)
	return app.Div().Class("har-table-wrap").OnClick(p.onHARRowClick).OnKeyDown(p.onHARRowKey).Body(
		app.P().ID("har-table-help").Class("hint").Text("Arrow keys move between rows, Enter opens a request."),
		app.Raw(tableHTML(caption, rows)),
		app.If(more > 0, func() app.UI {
			return app.Div().Class("har-more").Body(
				app.Span().Text(fmt.Sprintf("%d more requests that did not fail match the filters. ", more)),
				app.Button().ID("har-more").Type("button").Text(fmt.Sprintf("Show %d more", min(more, rowsStep))).OnClick(p.onHARMore),
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
