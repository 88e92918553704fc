package ui

import (
	app "github.com/maxence-charriere/go-app/v10/pkg/app"
)

// verdictPanel shows the verdict (#verdict) and its findings (#findings).
// go-app renders it once, as two frames that never change; what they say
// is written into them by show, from the handler of the event that changed
// it, findings first (resultWriter). The page keeps the one panel it
// renders, to write through it.
type verdictPanel struct {
	app.Compo

	w    resultWriter
	echo echoWriter
}

func (v *verdictPanel) Render() app.UI {
	return app.Div().Class("judgement").Body(
		renderVerdict(),
		renderFindings(),
	)
}

// show writes res's verdict and findings into the page now, then the
// verdict's echo under the input it speaks of (verdict_echo.go). Before the
// page runs (ready false) the frames keep saying what is loading.
func (v *verdictPanel) show(res result, ready bool) {
	if ready {
		view := viewVerdict(res, ready)
		v.w.show(view, res.Report.Findings)
		v.echo.show(view)
	}
}
