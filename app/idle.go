package ui

import (
	"time"

	app "github.com/maxence-charriere/go-app/v10/pkg/app"
)

// idleSlices hands a goroutine the browser's idle time in slices, for work
// that must never delay input or painting (warmHAR). With
// requestIdleCallback the goroutine runs while the browser reports idle
// time left (at least idleReserve); without it (Safari) it runs
// idleFallback of every 3×idleFallback.
type idleSlices struct {
	ok       bool
	signal   chan app.Value
	callback app.Func
	deadline app.Value // of the current idle period; nil outside one
	until    time.Time // the fallback's end of slice
}

const (
	idleReserve  = 4 // ms of an idle period left unused
	idleFallback = 8 * time.Millisecond
)

func newIdleSlices() *idleSlices {
	s := &idleSlices{signal: make(chan app.Value, 1)}
	if !app.Window().Get("requestIdleCallback").Truthy() {
		return s
	}
	s.ok = true
	s.callback = app.FuncOf(func(this app.Value, args []app.Value) any {
		// The goroutine waiting in wait runs before this task ends
		// (the Go runtime returns to the browser only when every
		// goroutine is blocked), so the deadline holds.
		s.signal <- args[0]
		return nil
	})
	return s
}

// wait returns true when the caller may run a short step (a few
// milliseconds at most once the code is warm), false when quit was closed.
func (s *idleSlices) wait(quit <-chan struct{}) bool {
	select {
	case <-quit:
		return false
	default:
	}
	if !s.ok {
		if time.Now().Before(s.until) {
			return true
		}
		select {
		case <-quit:
			return false
		case <-time.After(2 * idleFallback):
		}
		s.until = time.Now().Add(idleFallback)
		return true
	}
	if s.deadline != nil && s.deadline.Call("timeRemaining").Float() > idleReserve {
		return true
	}
	s.deadline = nil
	app.Window().Call("requestIdleCallback", s.callback)
	select {
	case <-quit:
		// The callback may still come: it finds the channel's room.
		return false
	case d := <-s.signal:
		s.deadline = d
		return true
	}
}

// release frees the callback; call it once the work is done.
func (s *idleSlices) release() {
	if s.ok {
		// A callback requested before a quit may still be pending; it
		// must find a live function.
		var last app.Func
		last = app.FuncOf(func(app.Value, []app.Value) any {
			s.callback.Release()
			last.Release()
			return nil
		})
		app.Window().Call("requestIdleCallback", last)
	}
}
