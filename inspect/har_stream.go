package inspect

import (
	"context"
	"fmt"
)

// ParseHARStream is ParseHAR for a file that is still arriving (read from
// a browser's File stream, say), so that reading it overlaps with receiving
// it. buf has room for the whole file and receives it from its start;
// wait(n) blocks until at least the first n bytes of buf have arrived, or
// all there will be, and returns how many have (avail) and whether that is
// all (done). A file shorter than buf ends at avail. wait is called from
// ParseHARStream's goroutine only.
//
// The result is ParseHAR's on the whole file. The reader waits before each
// entry until the next streamWindow bytes have arrived; an entry longer
// than that is read again once the whole file is there, and a problem
// found before the file is complete (outside the entries, or a cut file)
// makes it wait for the rest and read the file again from the start, so an
// error is only ever reported for the complete file. Cancelling ctx stops
// it at its next wait or progress call.
func ParseHARStream(ctx context.Context, buf []byte, wait func(n int) (avail int, done bool), progress func(done, total int)) (Case, error) {
	return parseHARStream(ctx, buf, wait, progress, streamWindow)
}

// parseHARStream is ParseHARStream with a window of the caller's choice
// (tests use small ones so that entries run past what has arrived).
func parseHARStream(ctx context.Context, buf []byte, wait func(n int) (int, bool), progress func(done, total int), window int) (Case, error) {
	s := &harStream{buf: buf, wait: wait, window: window}
	data, err := s.upTo(ctx, min(len(buf), window))
	if err != nil {
		return Case{Kind: KindHAR}, err
	}
	if s.done {
		return ParseHAR(ctx, data, progress)
	}
	c, err := parseHAR(ctx, data, s, progress)
	if ctx.Err() != nil {
		return c, &HARError{Offset: int64(len(data)), Err: ctx.Err(), Msg: "reading stopped: " + ctx.Err().Error()}
	}
	if err == nil || s.done {
		return c, err
	}
	// The problem lies in what had arrived then: read it all again.
	if data, err = s.upTo(ctx, len(buf)); err != nil {
		return Case{Kind: KindHAR}, err
	}
	return ParseHAR(ctx, data, progress)
}

// streamWindow is how far ahead of an entry's start the file must have
// arrived before ParseHARStream reads the entry.
const streamWindow = 1 << 20

// harStream is a file being received.
type harStream struct {
	buf    []byte
	wait   func(n int) (int, bool)
	window int
	done   bool
}

// upTo waits until the first n bytes of the file have arrived (or all of
// it) and returns what has.
func (s *harStream) upTo(ctx context.Context, n int) ([]byte, error) {
	avail, done := s.wait(n)
	if err := ctx.Err(); err != nil {
		return nil, &HARError{Offset: int64(avail), Err: err, Msg: "reading stopped: " + err.Error()}
	}
	avail = min(avail, len(s.buf))
	if done {
		s.done = true
		s.buf = s.buf[:avail]
	}
	return s.buf[:avail], nil
}

// readStreamedEntry is readEntry when the file may still be arriving (the
// loop waited for the entry's window, see ahead): it reads the entry again
// once the whole file is there when the entry ran past what had arrived.
func (h *harReader) readStreamedEntry(i int) (Entry, bool) {
	s := h.stream
	if s == nil || s.done {
		return h.readEntry(i)
	}
	start, nf := h.pos, len(h.findings)
	e, ok := h.readEntry(i)
	if h.err != errTruncated || s.done {
		return e, ok
	}
	h.err, h.pos, h.findings = nil, start, h.findings[:nf]
	if err := h.grow(len(s.buf)); err != nil {
		return Entry{}, false
	}
	return h.readEntry(i)
}

// ahead waits, when the file is still arriving, until the streamWindow
// bytes after the reader's position have arrived (see ParseHARStream). It
// reports false when the reader stopped (a cancelled ctx).
func (h *harReader) ahead() bool {
	if h.stream == nil || h.stream.done {
		return true
	}
	return h.grow(h.pos+h.stream.window) == nil
}

// grow waits until n bytes (or the whole file) have arrived and lets the
// scanner see them. A cancelled ctx is reported as a scan error would be.
func (h *harReader) grow(n int) error {
	if len(h.data) >= n || h.stream.done {
		return nil
	}
	data, err := h.stream.upTo(h.ctx, n)
	if err != nil {
		h.err, h.errAt = &scanError{fmt.Sprint(err)}, h.pos
		return err
	}
	h.data = data
	return nil
}
