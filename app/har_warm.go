package ui

import (
	"context"
	"sync"
	"time"

	app "github.com/maxence-charriere/go-app/v10/pkg/app"

	"whydenied/inspect"
)

// HARWarmAttr is set on <html>, and HARMarkPrefix+"warm" marked, once the
// page has warmed up its HAR code (warmHAR). Benchmarks wait for it before
// they choose a file.
const HARWarmAttr = "data-har-warm"

// Warm-up size: warmRounds readings of warmPieces small made-up HARs of
// warmEntries entries each (about 26 KB each, 7.5 MB read in all). Tiering
// is per function and driven by time spent in it: with bodies of 1.2 KB
// (1.5 MB read) the first 10 MB file was still read at about 125 MB/s in
// two runs of three, against about 230 MB/s with 6 KB bodies (measured in
// Chromium 156).
const (
	warmPieces  = 12
	warmEntries = 4
	warmRounds  = 24
)

// harWarm stops a warm-up that is still running.
type harWarm struct {
	quit chan struct{}
	once sync.Once
}

func (w *harWarm) stop() {
	if w != nil {
		w.once.Do(func() { close(w.quit) })
	}
}

// warmHAR reads, judges and lays out (without rendering) small made-up HARs
// again and again in the browser's idle time once the page is ready.
// WebAssembly code starts in V8's baseline tier and is optimised only once
// it has run for a while, one function at a time, and a function running a
// long loop is not replaced while it runs: a first HAR read with cold code
// ran at about 15 MB/s against 200 MB/s once optimised, and the first
// rendering of its table took several times longer than later ones. A file
// chosen meanwhile stops the warm-up (its own reading warms up the code
// just the same).
func (p *Page) warmHAR(ctx app.Context) {
	if !app.IsClient || p.har.warm != nil {
		return
	}
	w := &harWarm{quit: make(chan struct{})}
	p.har.warm = w
	ctx.Async(func() {
		idle := newIdleSlices()
		defer idle.release()
		// Nothing before the browser is idle: the goroutine starts in
		// OnMount, before the first verdict is written.
		if !idle.wait(w.quit) {
			return
		}
		pieces := make([][]byte, warmPieces)
		for i := range pieces {
			pieces[i] = warmHARSample(i*warmEntries, warmEntries)
		}
		for range warmRounds {
			for _, data := range pieces {
				for _, step := range warmSteps(data) {
					if !idle.wait(w.quit) || !step() {
						return
					}
				}
			}
		}
		ctx.Dispatch(func(ctx app.Context) {
			ctx.PreventUpdate()
			app.Window().Get("document").Get("documentElement").Call("setAttribute", HARWarmAttr, "")
			harMark("warm")
		})
	})
}

// warmSteps are the steps of one warm-up reading of data, each short: read
// it, judge it, and lay the page out with it as the result (the table's
// HTML, the filters, the verdict's text), as the page does with a chosen
// file; nothing is rendered into the document. A step returns false when
// the warm-up should stop (the sample did not read).
func warmSteps(data []byte) []func() bool {
	var c inspect.Case
	var res result
	return []func() bool{
		func() bool {
			var err error
			c, err = inspect.ParseHAR(context.Background(), data, nil)
			return err == nil
		},
		func() bool {
			in := inputs{HAR: &c, Requirement: "aud=api://orders\nscope=items.read items.write"}
			in.touch(srcHAR)
			res = diagnoseHAR(in, time.Now(), nil)
			return true
		},
		func() bool {
			// The parts a HAR changes, rendered but never mounted.
			newHARPanel(res, "warm-up.har").Render()
			(&tokensPanel{Tokens: res.Report.Tokens}).Render()
			viewVerdict(res, true).lines()
			return true
		},
	}
}
