package inspect

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"slices"
	"time"
)

// progressEvery is how many entries ParseHAR reads between calls to progress
// and checks of the context; progressBytes bounds the bytes read between
// them, for files with large entries (a caller that yields to a browser
// there must not wait for 256 entries of several MB).
const (
	progressEvery = 256
	progressBytes = 256 << 10
)

// ParseHAR reads a HAR (HTTP Archive) export: Chrome and Edge DevTools,
// Firefox, Safari, Playwright recordHar, chrome-har, Charles, Fiddler and
// mitmproxy files. It returns a Case of Kind KindHAR whose Entries are in
// time order (stable: entries with equal or missing startedDateTime keep
// their file order); Entry.Index is the entry's position in log.entries.
//
// It reads the input once, decodes only what a diagnosis uses (method, URL,
// headers, cookies, status, timings, error texts, and excerpts of bodies)
// and skips everything else without decoding it (see jreader). Bodies are kept as excerpts only (ExcerptMax, RequestBodyMax), so
// memory grows with the number of entries, not with the size of bodies.
//
// It is lenient: a UTF-8 byte-order mark, missing optional fields, unknown
// fields, numbers where strings are expected and the reverse, status -1 or 0
// (Response nil when there are no response headers either) are all read.
// Case.Findings holds har.credentials_stripped when the export looks like it
// had its credentials removed, and har.malformed for entries it had to skip.
//
// A file that is not a HAR — not JSON, JSON without log.entries, cut off —
// gives a *HARError with the byte offset and JSON path; entries read before
// the problem are returned with it. Cancelling ctx stops the reading with a
// *HARError wrapping ctx.Err(). progress, if not nil, is called every few
// hundred entries or 256 KB with the bytes read so far and the input's size.
//
// ParseHAR does not verify anything the file claims, follow redirects or
// decompress bodies; base64 bodies are decoded only for the excerpt.
func ParseHAR(ctx context.Context, data []byte, progress func(done, total int)) (Case, error) {
	c, err, _ := parseHAR(ctx, data, progress)
	return c, err
}

// parseHAR is ParseHAR; isHAR reports whether the input is a JSON object
// with a log member (whatever follows), which makes it a HAR for Parse
// even when it is broken.
func parseHAR(ctx context.Context, data []byte, progress func(done, total int)) (c Case, err error, isHAR bool) {
	c = Case{Kind: KindHAR}
	data, undone, err := decodeInput(data)
	if err != nil {
		return c, err, false
	}
	defer func() {
		var he *HARError
		if undone != "" && errors.As(err, &he) && he.Err != ErrEncoding {
			he.Msg += " (the byte offset counts the " + undone + "-decoded text)"
		}
	}()
	shift := int64(0)
	if bytes.HasPrefix(data, utf8BOM) {
		shift = int64(len(utf8BOM))
	}
	total := len(data)
	body := data[shift:]
	if len(bytes.TrimSpace(body)) == 0 {
		return c, &HARError{Offset: shift, Err: ErrNotJSON, Msg: "the file is empty"}, false
	}
	if k := firstByte(body); k != '{' && k != '[' {
		// HARP: a HAR wrapped in a JSONP call (harviewer).
		if j := jsonpStart(body); j >= 0 {
			shift += int64(j)
			body = data[shift:]
		} else {
			off := shift + int64(bytes.IndexByte(body, k))
			return c, &HARError{Offset: off, Err: ErrNotJSON, Msg: fmt.Sprintf("not JSON: starts with %q", printable(body))}, false
		}
	}
	h := &harReader{
		jreader:  jreader{data: data, pos: int(shift)},
		ctx:      ctx,
		shift:    shift,
		total:    total,
		progress: progress,
	}
	err = h.readTop(&c)
	sortEntries(c.Entries)
	c.Findings = append(c.Findings, h.findings...)
	c.Findings = append(c.Findings, h.skippedFinding()...)
	c.Findings = append(c.Findings, credentialsStripped(c)...)
	if progress != nil && err == nil {
		progress(total, total)
	}
	if err != nil && len(c.Entries) > 0 {
		c.Findings = append(c.Findings, newFinding(CodeHARMalformed,
			"The HAR is incomplete: only the entries before the problem were read",
			err.Error(),
			fmt.Sprintf("%d entries read", len(c.Entries))))
	}
	return c, err, h.sawLog
}

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// firstByte returns the first byte that is not JSON white space, or 0.
func firstByte(b []byte) byte {
	for _, c := range b {
		switch c {
		case ' ', '\t', '\r', '\n':
			continue
		}
		return c
	}
	return 0
}

// printable returns up to 16 bytes of b for an error message.
func printable(b []byte) string {
	b = bytes.TrimSpace(b)
	return validUTF8(b[:min(len(b), 16)])
}

// harReader reads one HAR.
type harReader struct {
	jreader
	ctx      context.Context
	shift    int64
	total    int
	progress func(done, total int)
	findings []Finding
	// The entry being read: its pairs' text, their offsets, and where
	// its lists are (see readPairs).
	arena []byte
	pairs []int32
	pend  pending
	// The pairs of the entry before, by list (request headers, cookies,
	// response headers, params), and finish's scratch space.
	prev   [4][]Header
	shared []bool
	keep   []byte
	// The cookies made from the list of pairs at cookiesFrom, and
	// readTimings's scratch space.
	cookies     []Cookie
	cookiesFrom *Header
	timings     []Timing

	sawLog  bool
	sawList bool
	// Entries that record nothing (no request URL or method, no
	// response, no error): how many, and the first one's index.
	empty, firstEmpty int
	// capped is set when reading stopped at MaxHAREntries.
	capped bool
}

// MaxHAREntries is the most entries ParseHAR reads from one file; the rest
// are left out and a har.malformed finding says so. A DevTools export of
// 100 MB holds about 8,000; each entry read costs about 1 KB of memory and
// its share of the diagnosis.
const MaxHAREntries = 100_000

// skippedFinding reports the entries that were left out: empty ones, and
// those past MaxHAREntries.
func (h *harReader) skippedFinding() []Finding {
	var fs []Finding
	if h.empty > 0 {
		fs = append(fs, newFinding(CodeHARMalformed,
			fmt.Sprintf("%s entries of the HAR record no request and were left out", groupDigits(h.empty)),
			"An entry without a request (no URL, no method), a response or an error says nothing about any request: there is nothing in it to judge.",
			fmt.Sprintf("log.entries[%d] is the first", h.firstEmpty)))
	}
	if h.capped {
		fs = append(fs, newFinding(CodeHARMalformed,
			fmt.Sprintf("Only the first %s entries of the HAR were read", groupDigits(MaxHAREntries)),
			fmt.Sprintf("whydenied reads at most %s entries of a file; the verdict speaks of those. Export a shorter recording (clear the Network panel, then reproduce the failure) to see the rest.", groupDigits(MaxHAREntries)),
			fmt.Sprintf("log.entries[%d] and after", MaxHAREntries)))
	}
	return fs
}

// failure turns the scanner's error into a *HARError, with the JSON path
// of the place (see locate).
func (h *harReader) failure() error {
	he := &HARError{Offset: int64(h.errAt), Err: ErrSyntax, Msg: h.err.Error()}
	if h.err == errTruncated {
		he.Err = ErrTruncated
	}
	locate(h.data[h.shift:], h.shift, he)
	return he
}

// readTop reads the top-level object; only "log" matters.
func (h *harReader) readTop(c *Case) error {
	if !h.open('{') {
		if h.err != nil {
			return h.failure()
		}
		return &HARError{Offset: h.shift, Err: ErrNotHAR, Msg: "the JSON is not an object with a log member"}
	}
	for h.more() {
		if string(h.name()) != "log" {
			h.skip()
			continue
		}
		h.sawLog = true
		if err := h.readLog(c); err != nil {
			return err
		}
		// Nothing after log matters: stop here so that trailing data
		// (a second document, garbage) does not fail the file.
		return nil
	}
	if h.err != nil {
		return h.failure()
	}
	return &HARError{Offset: int64(h.pos), Err: ErrNotHAR, Msg: "the JSON object has no log member"}
}

// readLog reads log: creator.name and entries.
func (h *harReader) readLog(c *Case) error {
	h.peek()
	at := int64(h.pos)
	if !h.open('{') {
		if h.err != nil {
			return h.failure()
		}
		return &HARError{Offset: at, Path: "log", Err: ErrNotHAR, Msg: "log is not an object"}
	}
	for h.more() {
		switch string(h.name()) {
		case "creator":
			if h.open('{') {
				for h.more() {
					if string(h.name()) == "name" {
						c.Creator = h.str()
					} else {
						h.skip()
					}
				}
			}
		case "entries":
			if h.peek() != '[' {
				if h.err != nil {
					break
				}
				off := int64(h.pos)
				return &HARError{Offset: off, Path: "log.entries", Err: ErrNotHAR, Msg: "log.entries is not an array"}
			}
			h.sawList = true
			if err := h.readEntries(c); err != nil || h.capped {
				return err
			}
		default:
			h.skip()
		}
		if h.err != nil {
			return h.failure()
		}
	}
	if h.err != nil {
		return h.failure()
	}
	if !h.sawList {
		return &HARError{Offset: int64(h.pos), Path: "log", Err: ErrNotHAR, Msg: "log has no entries array"}
	}
	return nil
}

// readEntries reads log.entries, checking ctx and reporting progress.
func (h *harReader) readEntries(c *Case) error {
	h.open('[')
	last := h.pos
	for i := 0; h.more(); i++ {
		if i > 0 && (i%progressEvery == 0 || h.pos-last >= progressBytes) {
			last = h.pos
			if err := h.ctx.Err(); err != nil {
				return &HARError{Offset: int64(h.pos), Path: fmt.Sprintf("log.entries[%d]", i),
					Err: err, Msg: "reading stopped: " + err.Error()}
			}
			if h.progress != nil {
				h.progress(h.pos, h.total)
			}
		}
		if i == MaxHAREntries {
			h.capped = true
			return nil
		}
		e, ok := h.readEntry(i)
		if h.err != nil {
			return h.failure()
		}
		if ok && e.Response == nil && e.Error == "" && e.Request.URL == "" && e.Request.Method == "" &&
			len(e.Request.Headers) == 0 && e.Request.Body == "" && len(e.Request.Cookies) == 0 {
			if h.empty == 0 {
				h.firstEmpty = i
			}
			h.empty++
			continue
		}
		if ok {
			c.Entries = append(c.Entries, e)
		}
	}
	if h.err != nil {
		return h.failure()
	}
	return nil
}

// sortEntries puts entries in time order, stably. An entry without a
// readable time sorts with the entry before it in the file.
func sortEntries(es []Entry) {
	key := make([]time.Time, len(es))
	sorted := true
	for i := range es {
		key[i] = es[i].Started
		if key[i].IsZero() && i > 0 {
			key[i] = key[i-1]
		}
		if i > 0 && key[i].Before(key[i-1]) {
			sorted = false
		}
	}
	if sorted {
		return
	}
	idx := make([]int, len(es))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int { return key[a].Compare(key[b]) })
	out := make([]Entry, len(es))
	for i, j := range idx {
		out[i] = es[j]
	}
	copy(es, out)
}
