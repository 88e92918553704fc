package ui

import (
	"time"

	"whydenied/inspect"
)

// diagnoseHAR is diagnose for in.HAR, calling progress every few hundred
// entries so that the caller (a goroutine that sleeps there) lets the
// browser run: judging 10,000 entries takes about a second in the page.
func diagnoseHAR(in inputs, now time.Time, progress func(done, total int)) result {
	res := result{About: srcHAR}
	req, err := inspect.ParseRequirement(in.Requirement)
	if err != nil {
		res.RequirementErr = err.Error()
	}
	res.Report = inspect.DiagnoseProgress(*in.HAR, req, now, in.Leeway, progress)
	return res
}
