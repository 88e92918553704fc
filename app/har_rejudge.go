package ui

import (
	"time"

	app "github.com/maxence-charriere/go-app/v10/pkg/app"
)

// rejudgeAfter is how long a change to the requirement, the key or the
// leeway rests before a HAR too big to judge at once is judged again:
// typing a requirement does not start a judgement per keystroke.
const rejudgeAfter = 120 * time.Millisecond

// rejudge judges again a HAR of more than judgeInFrame requests after an
// input that applies to it changed: off the page's turn, with pauses, so
// that typing stays fluid (10,000 requests take a tenth of a second or
// more). Until it is done the page shows the previous judgement. A newer
// change, another input or another file supersedes it: its result is
// dropped, and it does not start if superseded while it rests (judgement
// counts them).
func (p *Page) rejudge(ctx app.Context) {
	gen, in := p.judgement.Add(1), p.in
	ctx.Async(func() {
		time.Sleep(rejudgeAfter)
		if p.judgement.Load() != gen {
			return
		}
		pause := newTurns()
		defer pause.release()
		last := time.Now()
		res := diagnoseProgress(in, time.Now(), func(done, total int) {
			if time.Since(last) >= yieldEvery {
				pause.yield()
				last = time.Now()
			}
		})
		ctx.Dispatch(func(ctx app.Context) {
			if p.judgement.Load() != gen {
				ctx.PreventUpdate()
				return
			}
			p.setResult(ctx, res)
		})
	})
}

// bigHAR reports whether the input the page speaks of is a HAR too big to
// judge in one piece.
func (p *Page) bigHAR() bool {
	return p.in.subject() == srcHAR && p.in.HAR != nil && len(p.in.HAR.Entries) > judgeInFrame
}
