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
	harProgress
	cancel context.CancelFunc
	// reading numbers the files read, the first 1: what a reading reports
	// applies only while it is still the page's latest. The name cannot
	// tell them apart: the same file chosen or dropped again has the same.
	reading int
	// warm is the warm-up started at load (warmHAR).
	warm *harWarm
	// file is the File read (chosen, dropped or the example), read again
	// to download it sanitized: the bytes are not kept.
	file app.Value
	// pending is the file read and being judged, whose rows are shown
	// meanwhile (showPending), as pendingRows.
	pending     *inspect.Case
	pendingRows []inspect.EntryReport
}

// harProgress is what the inputs panel shows of a reading: its progress
// bar, or why the file was not read.
type harProgress struct {
	name        string
	loading     bool
	done, total int
	// checking is true once the file is read and its requests are being
	// judged; done and total then count requests, not bytes.
	checking bool
	err      string
}

// chooseHAR reads a file chosen in #har-input.
func (p *Page) chooseHAR(ctx app.Context, file app.Value) { p.readHAR(ctx, file) }

// cancelHAR stops the reading under way, if any.
func (p *Page) cancelHAR() {
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
	size := file.Get("size").Float()
	if size > MaxHARBytes {
		// Refused before a byte is read: the page would hold the file
		// twice (the browser's copy and Go's) and run out of memory or
		// take long past the point of being useful.
		cancel()
		p.har = harState{harProgress: harProgress{name: name, err: tooBigHAR(size)}, warm: p.har.warm, reading: reading}
		return
	}
	p.har = harState{harProgress: harProgress{name: name, loading: true, total: int(size)},
		cancel: cancel, warm: p.har.warm, reading: reading, file: file}
	harMemory("start", false)

	in := p.in
	ctx.Async(func() {
		pause := newTurns()
		defer pause.release()
		// The bytes go straight from the file into Go memory, a piece at
		// a time (readFile); the bar counts reading as the first half.
		data := make([]byte, int(size))
		shown := time.Now()
		err := readFile(parse, file, data, func(done int) {
			if time.Since(shown) < showEvery {
				return
			}
			shown = time.Now()
			p.moveBar(ctx, reading, done, 2*len(data), false)
		})
		harMark("copied")
		if err != nil && parse.Err() == nil {
			ctx.Dispatch(func(app.Context) {
				if p.har.reading == reading {
					p.har.loading = false
					p.har.err = "The file could not be read: " + err.Error()
				}
			})
			return
		}
		p.parseHAR(ctx, parse, reading, data, in, pause)
	})
}

// yieldEvery is how long the reading runs before it lets the browser handle
// input and paint: below the 50 ms at which a delay becomes noticeable.
const yieldEvery = 30 * time.Millisecond

// showEvery is how often the progress bar moves.
const showEvery = 100 * time.Millisecond

// moveBar moves the progress bar of the reading numbered reading, if it is
// still the page's: it writes the bar's value and label into the DOM
// itself, the way go-app would, and spares the page a render. Rendering
// the page for each move had go-app compare the whole inputs panel every
// showEvery while the file was read and judged.
func (p *Page) moveBar(ctx app.Context, reading, done, total int, checking bool) {
	ctx.Dispatch(func(ctx app.Context) {
		ctx.PreventUpdate()
		if p.har.reading != reading || !p.har.loading {
			return
		}
		p.har.done, p.har.total, p.har.checking = done, total, checking
		bar := app.Window().GetElementByID("har-progress")
		if !bar.Truthy() {
			return
		}
		what, pct := p.har.status()
		bar.Set("value", pct)
		// The label's text node is go-app's: its text changes, the
		// node stays, so go-app's next render of it still applies.
		if label := bar.Get("previousElementSibling"); label.Truthy() && label.Get("firstChild").Truthy() {
			label.Get("firstChild").Set("nodeValue", what)
		}
	})
}

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
			if time.Since(shown) >= showEvery {
				if !checking {
					// The second half of the bar, after the
					// reading.
					done, total = total+done, 2*total
				}
				p.moveBar(ctx, reading, done, total, checking)
				shown = time.Now()
			}
			pause.yield()
			last = time.Now()
		}
	}
	c, err := inspect.ParseHAR(parse, data, progress(false))
	data = nil // the excerpts in c are copies; let the file go
	harMark("parsed")
	if parse.Err() != nil {
		// Cancelled, or a newer file chosen: what was read goes, and
		// the collector runs now so that the next file finds the room.
		c = inspect.Case{}
		harMemory("cancelled", true)
	}
	// The requests are judged here, with pauses, so the page answers
	// input throughout (judging the 864 requests of a 10 MB session took
	// 120–340 ms in the page on the 2-core test machine). A file of
	// pendingRowsMin requests or more shows its rows first, pending.
	var res result
	if parse.Err() == nil && len(c.Entries) > 0 {
		if len(c.Entries) >= pendingRowsMin {
			p.showPending(ctx, reading, &c)
		}
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
		p.har.pending, p.har.pendingRows = nil, nil
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
			p.in.HAR = &c
			p.in.touch(srcHAR)
			p.foldForHAR(ctx)
		}
		// The diagnosis made while loading holds unless the requirement,
		// the key or the leeway changed meanwhile.
		if res.About == srcHAR && p.in.Requirement == in.Requirement && p.in.Key == in.Key && p.in.Leeway == in.Leeway && p.in.LeewaySet == in.LeewaySet && p.in.Server == in.Server {
			p.setResult(ctx, res)
			return
		}
		p.recompute(ctx)
	})
}

// pendingRowsMin is the fewest requests a file has for its rows to be shown
// before they are judged. Below it the verdict follows the rows closely,
// and the browser's first layout of the rows, done while the requests are
// judged, delays it: by about 200 ms for the 864 requests of a 10 MB
// session file on the 2-core test machine, where they are judged in
// 120–340 ms.
const pendingRowsMin = 2000

// showPending shows the rows of c, read and not judged yet, and returns once
// they are in the DOM, so that they always come before the verdict.
func (p *Page) showPending(ctx app.Context, reading int, c *inspect.Case) {
	shown := make(chan struct{})
	rows := pendingEntries(c)
	ctx.Dispatch(func(ctx app.Context) {
		ctx.Defer(func(app.Context) { close(shown) })
		if p.har.reading != reading || !p.har.loading {
			ctx.PreventUpdate()
			return
		}
		p.har.pending, p.har.pendingRows = c, rows
	})
	<-shown
	harMark("pending")
}

// judgeInFrame is the most requests a HAR may have to be judged in one
// piece, without pauses: about 35 ms in the page.
const judgeInFrame = 2000
