package ui

import (
	"time"
)

// diagnoseHAR is diagnose for in.HAR, whatever input changed last, calling
// progress every few hundred entries so that the caller (a goroutine that
// pauses there) lets the browser run: judging 10,000 entries takes a
// fraction of a second in the page.
func diagnoseHAR(in inputs, now time.Time, progress func(done, total int)) result {
	in.touch(srcHAR)
	return diagnoseProgress(in, now, progress)
}
