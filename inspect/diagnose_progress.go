package inspect

import "time"

// DiagnoseProgress is Diagnose for a caller that must stay responsive while
// it runs: progress, if not nil, is called every few hundred entries with
// the number of entries judged so far and their total. A page running on a
// single thread (WebAssembly) yields to the browser there. It does not
// cancel; the result is the same as Diagnose's.
func DiagnoseProgress(c Case, req Requirement, now time.Time, leeway time.Duration, progress func(done, total int)) Report {
	return DiagnoseWith(c, req, now, Options{Leeway: leeway, LeewaySet: leeway != 0, Progress: progress})
}
