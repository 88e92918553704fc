package inspect

import "slices"

// Timing is one phase of a HAR entry's timings, in milliseconds as the
// exporter wrote it: blocked, dns, connect, ssl, send, wait, receive, and
// exporter-specific ones (_blocked_queueing, …). -1 means the phase did not
// apply; it is kept, not dropped.
type Timing struct {
	Name string  `json:"name"`
	MS   float64 `json:"ms"`
}

// readTimings reads an entry's timings object in file order. Members that
// are not numbers are skipped; at most 16 phases are kept.
func (h *harReader) readTimings() []Timing {
	if !h.open('{') {
		return nil
	}
	ts := h.timings[:0]
	for h.more() {
		n := timingName(h.name())
		if f, ok := h.num(); ok && len(ts) < 16 {
			ts = append(ts, Timing{Name: n, MS: f})
		}
	}
	h.timings = ts
	if len(ts) == 0 {
		return nil
	}
	return slices.Clone(ts) // one allocation of the right size
}

// timingName returns the standard phase names, and those Chrome adds, without
// allocating.
func timingName(b []byte) string {
	switch string(b) {
	case "blocked":
		return "blocked"
	case "dns":
		return "dns"
	case "connect":
		return "connect"
	case "ssl":
		return "ssl"
	case "send":
		return "send"
	case "wait":
		return "wait"
	case "receive":
		return "receive"
	case "_blocked_queueing":
		return "_blocked_queueing"
	case "_blocked_proxy":
		return "_blocked_proxy"
	case "_workerStart": // Chrome writes these four for every request
		return "_workerStart"
	case "_workerReady":
		return "_workerReady"
	case "_workerFetchStart":
		return "_workerFetchStart"
	case "_workerRespondWithSettled":
		return "_workerRespondWithSettled"
	}
	return string(b)
}
