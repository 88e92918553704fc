package ui

import (
	"runtime"

	app "github.com/maxence-charriere/go-app/v10/pkg/app"
)

// HARMemoryMark is the performance mark a HAR reading records with the Go
// heap's figures in its detail ({when, heapInuse, heapSys, sys}, bytes):
// when a reading starts ("start") and when a cancelled one has let go of
// the file ("cancelled"). WebAssembly memory never shrinks, so what a
// cancelled reading frees must be found again by the next one: sys (what
// the Go runtime took from WebAssembly memory) stays put when it is.
const HARMemoryMark = HARMarkPrefix + "memory"

// harMemory records HARMemoryMark. With collect, the garbage collector
// runs first, so that heapInuse counts what is still held.
func harMemory(when string, collect bool) {
	if collect {
		runtime.GC()
	}
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	perf := app.Window().Get("performance")
	if !perf.Truthy() || !perf.Get("mark").Truthy() {
		return
	}
	perf.Call("mark", HARMemoryMark, map[string]any{"detail": map[string]any{
		"when": when, "heapInuse": float64(m.HeapInuse), "heapSys": float64(m.HeapSys), "sys": float64(m.Sys),
	}})
}
