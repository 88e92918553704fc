package ui

import (
	app "github.com/maxence-charriere/go-app/v10/pkg/app"
)

// dropListeners are the document's dragover and drop listeners, so that a
// file dropped anywhere in the window (also outside the page's column) is
// read as a HAR instead of being opened by the browser.
type dropListeners struct {
	over, drop app.Func
}

// listenDrop installs the listeners on the document.
func (p *Page) listenDrop(ctx app.Context) {
	if !app.IsClient || p.drops.drop != nil {
		return
	}
	hasFiles := func(e app.Value) bool {
		dt := e.Get("dataTransfer")
		if !dt.Truthy() {
			return false
		}
		types := dt.Get("types")
		for i := 0; types.Truthy() && i < types.Length(); i++ {
			if types.Index(i).String() == "Files" {
				return true
			}
		}
		return false
	}
	p.drops.over = app.FuncOf(func(this app.Value, args []app.Value) any {
		if hasFiles(args[0]) {
			args[0].Call("preventDefault")
		}
		return nil
	})
	p.drops.drop = app.FuncOf(func(this app.Value, args []app.Value) any {
		e := args[0]
		files := e.Get("dataTransfer").Get("files")
		if !files.Truthy() || files.Length() == 0 {
			return nil
		}
		e.Call("preventDefault")
		file := files.Index(0)
		ctx.Dispatch(func(ctx app.Context) { p.readHAR(ctx, file) })
		return nil
	})
	doc := app.Window().Get("document")
	doc.Call("addEventListener", "dragover", p.drops.over)
	doc.Call("addEventListener", "drop", p.drops.drop)
}

// unlistenDrop removes them.
func (p *Page) unlistenDrop() {
	if p.drops.drop == nil {
		return
	}
	doc := app.Window().Get("document")
	doc.Call("removeEventListener", "dragover", p.drops.over)
	doc.Call("removeEventListener", "drop", p.drops.drop)
	p.drops.over.Release()
	p.drops.drop.Release()
	p.drops = dropListeners{}
}
