package ui

import (
	"context"
	"fmt"
	"strings"
	"time"

	app "github.com/maxence-charriere/go-app/v10/pkg/app"

	"whydenied/inspect"
)

// harState is the HAR file being read, or read last.
type harState struct {
	name        string
	loading     bool
	done, total int
	// checking is true once the file is read and its requests are being
	// judged; done and total then count requests, not bytes.
	checking bool
	cancel   context.CancelFunc
	err      string
	// reading numbers the files read, the first 1: what a reading reports
	// applies only while it is still the page's latest. The name cannot
	// tell them apart: the same file chosen or dropped again has the same.
	reading int
	// warm is the warm-up started at load (warmHAR).
	warm *harWarm
}

func (p *Page) onHAR(ctx app.Context, e app.Event) {
	files := ctx.JSSrc().Get("files")
	if files.Truthy() && files.Length() > 0 {
		p.readHAR(ctx, files.Index(0))
	}
}

func (p *Page) onHARCancel(ctx app.Context, e app.Event) {
	if p.har.cancel != nil {
		p.har.cancel()
	}
}

// readHAR reads a File into memory (it never leaves the page) and parses it
// off the event loop: ParseHAR runs in its own goroutine and, at each
// progress call, sleeps a moment so the browser can paint the progress bar
// and handle input. A newer file or the cancel button stops it.
func (p *Page) readHAR(ctx app.Context, file app.Value) {
	if p.har.cancel != nil {
		p.har.cancel()
	}
	p.har.warm.stop()
	name := file.Get("name").String()
	parse, cancel := context.WithCancel(context.Background())
	reading := p.har.reading + 1
	p.har = harState{name: name, loading: true, total: file.Get("size").Int(), cancel: cancel, warm: p.har.warm, reading: reading}

	var onData, onError app.Func
	release := func() { onData.Release(); onError.Release() }
	onData = app.FuncOf(func(this app.Value, args []app.Value) any {
		release()
		harMark("buffer")
		u8 := app.Window().Get("Uint8Array").New(args[0])
		in := p.in
		ctx.Async(func() {
			pause := newTurns()
			defer pause.release()
			// Copied in slices with pauses between them: one copy of a
			// 60 MB file held the page for half a second.
			n := u8.Get("length").Int()
			data := make([]byte, n)
			for i := 0; i < n && parse.Err() == nil; i += copyChunk {
				j := min(i+copyChunk, n)
				app.CopyBytesToGo(data[i:j], u8.Call("subarray", i, j))
				if j < n {
					pause.yield()
				}
			}
			harMark("copied")
			p.parseHAR(ctx, parse, reading, data, in, pause)
		})
		return nil
	})
	onError = app.FuncOf(func(this app.Value, args []app.Value) any {
		release()
		ctx.Dispatch(func(app.Context) {
			if p.har.reading == reading {
				p.har.loading = false
				p.har.err = "The file could not be read."
			}
		})
		return nil
	})
	file.Call("arrayBuffer").Call("then", onData, onError)
}

// copyChunk is how much of the file is copied into Go memory at a time:
// about 5 ms of work.
const copyChunk = 16 << 20

// yieldEvery is how long the reading runs before it lets the browser handle
// input and paint: below the 50 ms at which a delay becomes noticeable.
const yieldEvery = 30 * time.Millisecond

// showEvery is how often the progress bar moves.
const showEvery = 100 * time.Millisecond

// parseHAR reads the file and diagnoses it, both off the event loop with
// pauses for the browser; in is a copy of the inputs when the file was
// chosen (the requirement and leeway the diagnosis applies).
func (p *Page) parseHAR(ctx app.Context, parse context.Context, reading int, data []byte, in inputs, pause *turns) {
	last, shown := time.Now(), time.Now()
	progress := func(checking bool) func(done, total int) {
		return func(done, total int) {
			// inspect calls this every 256 KB or so; pausing at every
			// call would cost more than it gives, so the page pauses
			// every yieldEvery.
			if time.Since(last) < yieldEvery {
				return
			}
			// Showing the progress renders the whole page again: every
			// showEvery is enough for the eye.
			if time.Since(shown) >= showEvery {
				ctx.Dispatch(func(app.Context) {
					if p.har.reading == reading && p.har.loading {
						p.har.done, p.har.total, p.har.checking = done, total, checking
					}
				})
				shown = time.Now()
			}
			pause.yield()
			last = time.Now()
		}
	}
	c, err := inspect.ParseHAR(parse, data, progress(false))
	data = nil // the excerpts in c are copies; let the file go
	harMark("parsed")
	// A file of up to judgeInFrame requests is judged in the dispatch
	// below, on the page's own turn: go-app renders 8.3 ms after a
	// dispatch begins, and the judging fills that wait instead of adding
	// to it. A bigger file is judged here, with pauses.
	var res result
	if parse.Err() == nil && len(c.Entries) > judgeInFrame {
		in.HAR = &c
		res = diagnoseHAR(in, time.Now(), progress(true))
		harMark("judged")
	}
	ctx.Dispatch(func(ctx app.Context) {
		ctx.Defer(func(app.Context) { harMark("shown") })
		if p.har.reading != reading || !p.har.loading {
			return
		}
		p.har.loading = false
		if parse.Err() != nil {
			p.har.err = "Reading stopped."
			return
		}
		if err != nil {
			p.har.err = "not read as a HAR: " + strings.TrimPrefix(err.Error(), "har: ")
			if len(c.Entries) > 0 {
				p.har.err += fmt.Sprintf(" (the %d requests before the problem are shown)", len(c.Entries))
			}
		}
		if len(c.Entries) > 0 || err == nil {
			p.view.reset()
			p.in.HAR = &c
			p.in.touch(srcHAR)
		}
		// The diagnosis made while loading holds unless the requirement,
		// the key or the leeway changed meanwhile.
		if res.About == srcHAR && p.in.Requirement == in.Requirement && p.in.Key == in.Key && p.in.Leeway == in.Leeway {
			p.setResult(ctx, res)
			return
		}
		p.recompute(ctx)
		harMark("judged")
	})
}

// judgeInFrame is the most requests a HAR may have to be judged in one
// piece, without pauses: about 35 ms in the page.
const judgeInFrame = 2000

// renderHARStatus is the progress bar, the cancel button or the error.
func (p *Page) renderHARStatus() app.UI {
	h := p.har
	switch {
	case h.loading:
		pct := 0
		if h.total > 0 {
			pct = h.done * 100 / h.total
		}
		what := fmt.Sprintf("Reading %s: %d%%", h.name, pct)
		if h.checking {
			what = fmt.Sprintf("Checking the %d requests of %s: %d%%", h.total, h.name, pct)
		}
		return app.Div().Class("har-progress").Attr("role", "status").Body(
			app.Label().For("har-progress").Text(what),
			app.Progress().ID("har-progress").Max(100).Value(pct),
			app.Button().ID("har-cancel").Type("button").Text("Cancel").OnClick(p.onHARCancel),
		)
	case h.err != "":
		return app.P().ID("har-error").Class("input-error").Attr("role", "alert").Text(h.name + ": " + h.err)
	}
	return nil
}

// maxRows is how many requests the table shows besides the failed ones,
// which are always all there.
const maxRows = 200

// renderEntries lists the requests of a HAR or a command: each row carries
// data-har-entry, data-status (0 when there was no answer) and
// data-verdict. Failed requests always have a row; of the others only the
// first maxRows do.
func renderEntries(r inspect.Report, harName string) app.UI {
	if len(r.Entries) == 0 {
		return nil
	}
	rows := make([]app.UI, 0, min(len(r.Entries), maxRows))
	hidden, failed := 0, 0
	for i, e := range r.Entries {
		if e.Failed {
			failed++
		}
		if !e.Failed && i >= maxRows {
			hidden++
			continue
		}
		rows = append(rows, renderEntry(e, i == r.Primary))
	}
	title := fmt.Sprintf("%d requests, %d failed", len(r.Entries), failed)
	if r.Kind == inspect.KindHAR && harName != "" {
		title = harName + ": " + title
	}
	return app.Div().Class("entries").Body(
		app.H2().Text("Requests"),
		app.Table().Class("entries-table").Body(
			app.Caption().Text(title),
			app.THead().Body(app.Tr().Body(
				app.Th().Scope("col").Text("#"),
				app.Th().Scope("col").Text("Method"),
				app.Th().Scope("col").Text("URL"),
				app.Th().Scope("col").Text("Status"),
				app.Th().Scope("col").Text("Verdict"),
				app.Th().Scope("col").Text("Why"),
			)),
			app.TBody().Body(rows...),
		),
		app.If(hidden > 0, func() app.UI {
			return app.P().Class("hint").Text(fmt.Sprintf("%d more requests that did not fail are not listed.", hidden))
		}),
	)
}

func renderEntry(e inspect.EntryReport, primary bool) app.UI {
	status, shown := 0, "—"
	if e.Response != nil && e.Response.Status > 0 {
		status = e.Response.Status
		shown = fmt.Sprint(status)
	}
	if e.Error != nil && *e.Error != "" {
		shown = *e.Error
	}
	class := []string{"entry"}
	if e.Failed {
		class = append(class, "entry-failed")
	}
	if primary {
		class = append(class, "entry-primary")
	}
	return app.Tr().Class(class...).
		DataSet("har-entry", e.Index).DataSet("status", status).DataSet("verdict", string(e.Verdict)).Body(
		app.Td().Text(fmt.Sprint(e.Index+1)),
		app.Td().Text(e.Request.Method),
		app.Td().Class("entry-url").Text(e.Request.URL),
		app.Td().Text(shown),
		app.Td().Text(string(e.Verdict)),
		app.Td().Text(e.Summary),
	)
}
