package ui

import (
	"fmt"

	app "github.com/maxence-charriere/go-app/v10/pkg/app"

	"whydenied/inspect"
)

// harPanel shows the requests of a HAR file: a note when the export
// stripped credentials, the failed requests, the filters, the table and the
// request opened. It renders the file's judgement as the page gives it, and
// keeps its own view of it (filters, cursor, the request opened), which
// lasts while the file does: another input becoming the subject and back
// keeps it, another file starts afresh.
type harPanel struct {
	app.Compo

	// File is the HAR the judgement speaks of; nil when the verdict speaks
	// of another input, and the panel is empty.
	File *inspect.Case
	// Name is the file's name, for the table's caption.
	Name string
	// Entries, Findings and Primary are the judgement's (inspect.Report).
	Entries  []inspect.EntryReport
	Findings []inspect.Finding
	Primary  int
	// Pending is true while the file's requests are being judged: the
	// rows are shown with the verdict PendingVerdict, and nothing else.
	Pending bool

	view harView
	// timeline is the session timeline of the judgement in Entries, built
	// once per judgement: a requirement changed re-judges the file, and
	// the marks take the new verdicts.
	timeline   *inspect.Timeline
	timelineOf *inspect.EntryReport
}

// OnMount lets the timeline open a request in the table.
func (h *harPanel) OnMount(ctx app.Context) {
	ctx.Handle(timelineOpen, func(ctx app.Context, a app.Action) {
		if i, ok := a.Value.(int); ok && i >= 0 && i < len(h.Entries) {
			h.openEntry(ctx, i, true)
		}
	})
}

// sessionTimeline is the timeline of the file's requests.
func (h *harPanel) sessionTimeline() *inspect.Timeline {
	var of *inspect.EntryReport
	if len(h.Entries) > 0 {
		of = &h.Entries[0]
	}
	if h.timeline == nil || h.timelineOf != of || len(h.timeline.Requests)+h.timeline.Undated != len(h.Entries) {
		tl := inspect.BuildTimeline(inspect.Report{Entries: h.Entries, Kind: inspect.KindHAR})
		h.timeline, h.timelineOf = &tl, of
	}
	return h.timeline
}

// newHARPanel is the panel for res: empty unless res speaks of a HAR.
func newHARPanel(res result, name string) *harPanel {
	if res.About != srcHAR || res.HAR == nil {
		return &harPanel{}
	}
	r := res.Report
	return &harPanel{File: res.HAR, Name: name, Entries: r.Entries, Findings: r.Findings, Primary: r.Primary}
}

// PendingVerdict is the data-verdict of a row whose request is not judged
// yet (DOM contract): a file's rows may show before every request is
// judged; #verdict still waits for the whole file.
const PendingVerdict inspect.Verdict = "pending"

// pendingEntries are the requests of c, read and being judged, as rows
// show them: as the file recorded them, their verdict pending.
func pendingEntries(c *inspect.Case) []inspect.EntryReport {
	es := make([]inspect.EntryReport, len(c.Entries))
	for i, e := range c.Entries {
		es[i] = inspect.EntryReport{Index: e.Index, Started: e.Started, Duration: e.Duration, ResourceType: e.ResourceType,
			Request: e.Request, Response: e.Response, Verdict: PendingVerdict}
		if e.Error != "" {
			msg := e.Error
			es[i].Error = &msg
		}
	}
	return es
}

func (h *harPanel) Render() app.UI {
	if h.File == nil {
		return app.Div().Class("entries", "har")
	}
	if h.view.file != h.File {
		h.view.reset(h.File)
	}
	h.view.index(h.Entries)
	if h.Pending {
		return app.Div().Class("entries", "har").Body(
			app.H2().Text("Requests"),
			app.P().ID("har-pending").Class("hint").Attr("role", "status").
				Text(fmt.Sprintf("Checking the %d requests; their verdicts follow.", len(h.Entries))),
			h.renderTable(),
		)
	}
	return app.Div().Class("entries", "har").Body(
		app.H2().Text("Requests"),
		renderStripped(h.Findings),
		&timelineView{TL: h.sessionTimeline(), Entries: h.Entries},
		h.renderFailures(),
		h.renderFilters(),
		h.renderTable(),
		h.renderEntryDetail(),
	)
}
