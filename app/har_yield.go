package ui

import (
	"time"

	app "github.com/maxence-charriere/go-app/v10/pkg/app"
)

// turns lets a goroutine that works off the event loop (the HAR reading)
// give the browser a turn: a message posted to itself through a
// MessageChannel runs as a task of its own, after the input and painting
// that wait. A time.Sleep does the same through a timer, which browsers
// delay by at least 4 ms once timers nest: with a pause every 30 ms that
// was about an eighth of the reading time.
type turns struct {
	port app.Value
	fn   app.Func
	ch   chan struct{}
}

func newTurns() *turns {
	t := &turns{ch: make(chan struct{}, 1)}
	if !app.Window().Get("MessageChannel").Truthy() {
		return t
	}
	mc := app.Window().Get("MessageChannel").New()
	t.port = mc.Get("port2")
	t.fn = app.FuncOf(func(app.Value, []app.Value) any {
		select {
		case t.ch <- struct{}{}:
		default:
		}
		return nil
	})
	mc.Get("port1").Set("onmessage", t.fn)
	return t
}

// yield returns once the browser has had its turn.
func (t *turns) yield() {
	if t.port == nil {
		time.Sleep(time.Millisecond)
		return
	}
	t.port.Call("postMessage", nil)
	<-t.ch
}

// release closes the channel; no message is pending after a yield.
func (t *turns) release() {
	if t.port != nil {
		t.port.Call("close")
		t.fn.Release()
	}
}
