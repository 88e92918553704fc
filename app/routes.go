package ui

import app "github.com/maxence-charriere/go-app/v10/pkg/app"

// Register routes every path to the page: "/" is what the static build
// prerenders as index.html, and the catch-all lets the same page start when
// the site is hosted under a sub-path (/tools/whydenied/) or opened as
// /index.html. Call it before app.RunWhenOnBrowser, and natively before
// rendering the static site.
func Register(early Early) {
	newPage := func() app.Composer { return NewPage(early) }
	app.Route("/", newPage)
	app.RouteWithRegexp("^/.*", newPage)
}
