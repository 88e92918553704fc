package ui

import (
	"context"

	app "github.com/maxence-charriere/go-app/v10/pkg/app"
)

// fileStream receives a File into Go memory chunk by chunk, as the browser
// reads it (File.stream()), so that inspect.ParseHARStream reads the first
// entries while the rest is still arriving: reading a 10 MB file took the
// browser 30–100 ms, a 100 MB one several hundred, on top of the parse.
// Each chunk is copied in the callback that receives it.
//
// The fields are used from the browser's callbacks and from the goroutine
// that waits; the page's WebAssembly runs on one thread, and signal wakes
// the waiter.
type fileStream struct {
	buf    []byte
	avail  int
	done   bool
	failed bool // the browser could not read the file
	signal chan struct{}
	reader app.Value
	onRead app.Func
	onFail app.Func
}

// readFile starts reading file, whose size is size, into a new fileStream.
// Browsers without File.stream() give the whole file at once.
func readFile(file app.Value, size int) *fileStream {
	s := &fileStream{buf: make([]byte, size), signal: make(chan struct{}, 1)}
	s.onFail = app.FuncOf(func(this app.Value, args []app.Value) any {
		s.failed = true
		s.finish()
		return nil
	})
	if !file.Get("stream").Truthy() {
		s.onRead = app.FuncOf(func(this app.Value, args []app.Value) any {
			s.take(app.Window().Get("Uint8Array").New(args[0]))
			s.finish()
			return nil
		})
		file.Call("arrayBuffer").Call("then", s.onRead, s.onFail)
		return s
	}
	s.reader = file.Call("stream").Call("getReader")
	s.onRead = app.FuncOf(func(this app.Value, args []app.Value) any {
		r := args[0]
		if r.Get("done").Bool() {
			s.finish()
			return nil
		}
		if !s.take(r.Get("value")) {
			// The file grew since it was chosen: what was announced
			// is read, the rest is not.
			s.reader.Call("cancel")
			s.finish()
			return nil
		}
		s.reader.Call("read").Call("then", s.onRead, s.onFail)
		return nil
	})
	s.reader.Call("read").Call("then", s.onRead, s.onFail)
	return s
}

// take copies a chunk (a Uint8Array) after what has arrived; false when it
// did not fit.
func (s *fileStream) take(chunk app.Value) bool {
	n := chunk.Get("length").Int()
	fits := s.avail+n <= len(s.buf)
	if !fits {
		n = len(s.buf) - s.avail
		chunk = chunk.Call("subarray", 0, n)
	}
	if n > 0 {
		app.CopyBytesToGo(s.buf[s.avail:s.avail+n], chunk)
		s.avail += n
	}
	s.wake()
	return fits
}

// finish marks the end of the file and frees the callbacks (none is
// pending any more).
func (s *fileStream) finish() {
	if s.done {
		return
	}
	s.done = true
	s.onRead.Release()
	s.onFail.Release()
	s.wake()
}

func (s *fileStream) wake() {
	select {
	case s.signal <- struct{}{}:
	default:
	}
}

// wait is inspect.ParseHARStream's wait: it blocks until n bytes have
// arrived, the file ended or ctx is done.
func (s *fileStream) wait(ctx context.Context) func(n int) (int, bool) {
	return func(n int) (int, bool) {
		for !s.done && s.avail < n {
			select {
			case <-s.signal:
			case <-ctx.Done():
				return s.avail, false
			}
		}
		return s.avail, s.done
	}
}

// stop stops reading (after a cancel): the pending read ends the stream.
func (s *fileStream) stop() {
	if !s.done && s.reader != nil {
		s.reader.Call("cancel")
	}
}

// browserTurn blocks the calling goroutine until the browser has run a task
// of its own (a zero setTimeout): time for input, painting and the file's
// next chunks. A time.Sleep does not do it when the file's chunks arrive:
// the Go runtime runs every goroutine that is ready whenever the browser
// calls into Go, so a reader woken by a sleep ran inside the chain of the
// stream's callbacks, which the browser does not interrupt.
func browserTurn() {
	done := make(chan struct{})
	var f app.Func
	f = app.FuncOf(func(app.Value, []app.Value) any {
		f.Release()
		close(done)
		return nil
	})
	app.Window().Call("setTimeout", f, 0)
	<-done
}
