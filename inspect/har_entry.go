package inspect

import (
	"bytes"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// readEntry reads one element of log.entries. ok is false when the element
// is not an object (it is skipped and noted in h.findings).
func (h *harReader) readEntry(i int) (e Entry, ok bool) {
	e.Index = i
	if !h.open('{') {
		if h.err == nil {
			h.findings = append(h.findings, newFinding(CodeHARMalformed,
				"An entry of the HAR is not an object and was skipped",
				"",
				fmt.Sprintf("log.entries[%d]", i)))
		}
		return e, false
	}
	var errText, comment string
	h.arena, h.pairs, h.pend = h.arena[:0], h.pairs[:0], pending{}
	for h.more() {
		switch n := h.name(); string(n) {
		case "startedDateTime":
			if c := h.peek(); c >= '0' && c <= '9' {
				if ms, ok := h.num(); ok {
					e.Started = time.UnixMilli(int64(ms)).UTC()
				}
			} else {
				if b, ok := h.rawString(); ok {
					e.Started = parseHARTimeBytes(b)
				}
			}
		case "time":
			if ms, ok := h.num(); ok && ms > 0 {
				e.Duration = time.Duration(ms * float64(time.Millisecond))
			}
		case "request":
			h.readRequest(&e.Request)
		case "response":
			e.Response = h.readResponse(&e, &errText)
		case "timings":
			e.Timings = h.readTimings()
		case "_resourceType", "resourceType":
			e.ResourceType = h.strCommon()
		case "_error", "_failureText", "_errorText", "error":
			if s := h.str(); s != "" {
				errText = s
			}
		case "comment":
			comment = h.str()
		case "_securityState", "_fromCache":
			k := string(n)
			if s := h.str(); s != "" {
				setExtra(&e, k, s)
			}
		default:
			h.skip()
		}
	}
	h.finish(&e)
	if e.Response != nil && e.Response.Status == 0 && len(e.Response.Headers) == 0 {
		e.Response = nil
	}
	e.Error = errText
	if e.Error == "" && e.Response == nil && comment != "" {
		// Charles writes why a request failed in the entry's comment.
		e.Error = comment
	} else if comment != "" {
		setExtra(&e, "comment", comment)
	}
	if len(e.Request.Cookies) == 0 {
		e.Request.Cookies = cookiesFromHeader(e.Request.Headers)
	}
	return e, true
}

func setExtra(e *Entry, k, v string) {
	if e.Extra == nil {
		e.Extra = make(map[string]string, 2)
	}
	e.Extra[k] = v
}

// readRequest reads request: method, url, headers, cookies, postData.
func (h *harReader) readRequest(r *Request) {
	if !h.open('{') {
		return
	}
	for h.more() {
		switch string(h.name()) {
		case "method":
			r.Method = h.strCommon()
		case "url":
			r.URL = h.str()
		case "headers":
			h.pend.reqHeaders = h.readPairs()
		case "cookies":
			h.pend.cookies = h.readPairs()
		case "postData":
			if !h.open('{') {
				continue
			}
			for h.more() {
				switch string(h.name()) {
				case "text":
					if body, ok := h.rawString(); ok {
						a := len(h.arena)
						h.arena, _ = unquoteJSON(h.arena, body, RequestBodyMax)
						h.arena = h.arena[:a+len(trimPartialRune(h.arena[a:]))]
						h.pend.body = span{a, len(h.arena)}
					}
				case "params":
					h.pend.params = h.readPairs()
				default:
					h.skip()
				}
			}
		default:
			h.skip()
		}
	}
}

// readResponse reads response. *errText receives the response's _error or
// _failureText (Chrome and Playwright put them there), and the response's
// comment when the status says nothing came back (Charles).
func (h *harReader) readResponse(e *Entry, errText *string) *Response {
	if !h.open('{') {
		return nil
	}
	resp := &Response{BodySize: -1}
	var encoding, comment string
	var text span
	var textLen int
	for h.more() {
		switch string(h.name()) {
		case "status":
			h.readStatus(e, resp)
		case "statusText":
			resp.StatusText = h.strCommon()
		case "headers":
			h.pend.respHeaders = h.readPairs()
		case "content":
			if !h.open('{') {
				continue
			}
			for h.more() {
				switch string(h.name()) {
				case "size":
					if f, ok := h.num(); ok && f >= 0 {
						resp.BodySize = int64(f)
					}
				case "mimeType":
					resp.MimeType = h.strCommon()
				case "text":
					// Decode no more than the excerpt keeps. Exporters
					// write status and mimeType before text; when one
					// does not, read the most and cut below.
					if body, ok := h.rawString(); ok {
						n := ExcerptMax
						if resp.MimeType != "" {
							n = excerptCapFor(resp.Status, resp.MimeType, body)
						}
						if n == 0 || strings.EqualFold(encoding, "base64") {
							// Binary types come base64-encoded (the
							// encoding is often named after the text).
							n = max(n, excerptSmall)/3*4 + 4
						}
						a := len(h.arena)
						h.arena, _ = unquoteJSON(h.arena, body, n)
						text, textLen = span{a, len(h.arena)}, len(body)
					}
				case "encoding":
					encoding = h.strCommon()
				case "comment":
					if s := h.str(); s != "" {
						setExtra(e, "content.comment", s)
					}
				default:
					h.skip()
				}
			}
		case "_error", "_failureText", "_errorText":
			if s := h.str(); s != "" {
				*errText = s
			}
		case "comment":
			comment = h.str()
		default:
			h.skip()
		}
	}
	if text.b > text.a {
		raw := h.arena[text.a:text.b]
		cap := excerptCapFor(resp.Status, resp.MimeType, raw)
		keep := []byte(nil)
		if cap > 0 || textLen <= excerptSmall*2 || strings.EqualFold(encoding, "base64") {
			keep = bodyExcerpt(raw, encoding, cap)
		}
		if text.b == len(h.arena) {
			// Nothing was read after the text: the excerpt replaces it.
			h.arena = append(h.arena[:text.a], keep...)
			h.pend.excerpt = span{text.a, len(h.arena)}
		} else {
			a := len(h.arena)
			h.arena = append(h.arena, keep...)
			h.pend.excerpt = span{a, len(h.arena)}
		}
	}
	if encoding != "" {
		setExtra(e, "content.encoding", encoding)
	}
	if comment != "" {
		if resp.Status == 0 && *errText == "" {
			*errText = comment
		} else {
			setExtra(e, "response.comment", comment)
		}
	}
	return resp
}

// pending holds, while an entry is read, where its lists of pairs are in
// harReader.pairs; finish turns them into slices.
type pending struct {
	reqHeaders, cookies, params, respHeaders pairRange
	body, excerpt                            span
}

// span is a run of bytes in harReader.arena.
type span struct{ a, b int }

// pairRange is a run of pairs in harReader.pairs (in units of pairs).
type pairRange struct{ from, to int }

// readPairs reads an array of {name, value} objects (headers, cookies,
// query parameters, form parameters), in order. Their text goes to the
// entry's arena and their offsets to h.pairs: an entry's strings then
// cost one allocation (finish) instead of two per header.
func (h *harReader) readPairs() pairRange {
	from := len(h.pairs) / 4
	if !h.open('[') {
		return pairRange{from, from}
	}
	for h.more() {
		if !h.open('{') {
			continue
		}
		var ns, ne, vs, ve int32
		for h.more() {
			switch string(h.name()) {
			case "name":
				ns = int32(len(h.arena))
				h.arena = h.appendStr(h.arena)
				ne = int32(len(h.arena))
			case "value":
				vs = int32(len(h.arena))
				h.arena = h.appendStr(h.arena)
				ve = int32(len(h.arena))
			default:
				h.skip()
			}
		}
		if ne > ns || ve > vs {
			h.pairs = append(h.pairs, ns, ne, vs, ve)
		}
	}
	return pairRange{from, len(h.pairs) / 4}
}

// finish gives the entry the pairs read into the arena. A recording
// repeats most headers from request to request (the same token, cookies,
// user agent, CORS answer): a pair whose name and value are those of the
// pair at the same place of the entry before shares its strings (h.prev)
// instead of being copied again, and only the rest of the arena is copied
// into the entry's one string.
func (h *harReader) finish(e *Entry) {
	if len(h.arena) == 0 {
		return
	}
	valid := utf8.Valid(h.arena)
	lists := [len(h.prev)]pairRange{h.pend.reqHeaders, h.pend.cookies, h.pend.respHeaders, h.pend.params}
	// Which pairs are shared (only when the arena is valid UTF-8: a shared
	// string is then what the arena's own bytes would give), and the
	// arena bytes of the others, with their offsets in keep.
	shared := h.shared[:0]
	for range len(h.pairs) / 4 {
		shared = append(shared, false)
	}
	keep := h.keep[:0]
	moved := func(a, b int) span {
		k := len(keep)
		keep = append(keep, h.arena[a:b]...)
		return span{k, len(keep)}
	}
	for l, r := range lists {
		prev := h.prev[l]
		for i := r.from; i < r.to; i++ {
			p := h.pairs[i*4 : i*4+4]
			j := i - r.from
			if valid && j < len(prev) && string(h.arena[p[0]:p[1]]) == prev[j].Name && string(h.arena[p[2]:p[3]]) == prev[j].Value {
				shared[i] = true
				continue
			}
			n, v := moved(int(p[0]), int(p[1])), moved(int(p[2]), int(p[3]))
			p[0], p[1], p[2], p[3] = int32(n.a), int32(n.b), int32(v.a), int32(v.b)
		}
	}
	excerpt, body := h.pend.excerpt, h.pend.body
	if excerpt.b > excerpt.a {
		excerpt = moved(excerpt.a, excerpt.b)
	}
	if body.b > body.a {
		body = moved(body.a, body.b)
	}
	h.shared, h.keep = shared, keep
	s := string(keep)
	sub := func(a, b int32) string {
		if valid {
			return s[a:b]
		}
		return validUTF8(keep[a:b])
	}
	if x := excerpt; x.b > x.a && e.Response != nil {
		e.Response.BodyExcerpt = s[x.a:x.b] // checked by bodyExcerpt
	}
	if x := body; x.b > x.a {
		e.Request.Body = sub(int32(x.a), int32(x.b))
	}
	var got [len(h.prev)][]Header
	for l, r := range lists {
		if r.to == r.from {
			continue
		}
		if prev := h.prev[l]; len(prev) == r.to-r.from && !slices.Contains(shared[r.from:r.to], false) {
			got[l] = prev // the whole list again: shared too
			continue
		}
		out := make([]Header, 0, r.to-r.from)
		for i := r.from; i < r.to; i++ {
			if shared[i] {
				out = append(out, h.prev[l][i-r.from])
				continue
			}
			p := h.pairs[i*4 : i*4+4]
			out = append(out, Header{Name: sub(p[0], p[1]), Value: sub(p[2], p[3])})
		}
		got[l] = out
	}
	h.prev = got
	e.Request.Headers = got[0]
	switch {
	case len(got[1]) == 0:
	case &got[1][0] == h.cookiesFrom:
		e.Request.Cookies = h.cookies
	default:
		e.Request.Cookies = make([]Cookie, len(got[1]))
		for i, c := range got[1] {
			e.Request.Cookies[i] = Cookie(c)
		}
		h.cookies, h.cookiesFrom = e.Request.Cookies, &got[1][0]
	}
	if e.Response != nil {
		e.Response.Headers = got[2]
	}
	if params := got[3]; e.Request.Body == "" && len(params) > 0 {
		var b strings.Builder
		for i, p := range params {
			if i > 0 {
				b.WriteByte('&')
			}
			b.WriteString(p.Name + "=" + p.Value)
			if b.Len() > RequestBodyMax {
				break
			}
		}
		e.Request.Body = b.String()
	}
}

// cookiesFromHeader splits the request's Cookie headers into pairs, for
// exporters that leave request.cookies empty.
func cookiesFromHeader(hs []Header) []Cookie {
	var out []Cookie
	for _, hd := range hs {
		if !strings.EqualFold(hd.Name, "cookie") {
			continue
		}
		for part := range strings.SplitSeq(hd.Value, ";") {
			part = strings.TrimSpace(part)
			if part == "" {
				continue
			}
			n, v, _ := strings.Cut(part, "=")
			out = append(out, Cookie{Name: strings.TrimSpace(n), Value: strings.TrimSpace(v)})
		}
	}
	return out
}

// readStatus reads response.status: an HTTP status (100–999), or 0 or -1,
// which exporters write when no answer came. Anything else — a fraction,
// 1e999, NaN, -0, "four-oh-one" — is not a status: the entry gets a
// har.malformed finding with the value and its path, and its status is
// unreadable (Response.StatusUnreadable): not known, which is not "no
// answer".
func (h *harReader) readStatus(e *Entry, resp *Response) {
	start := h.pos
	f, ok := h.num()
	raw := bytes.TrimSpace(h.data[start:h.pos])
	if ok && f == math.Trunc(f) && (f >= 100 && f < 1000 || f == -1 || f == 0 && !bytes.HasPrefix(bytes.Trim(raw, `" `), []byte("-"))) {
		resp.Status = max(int(f), 0)
		return
	}
	if string(raw) == "null" {
		return // no status at all: as if the member were absent
	}
	resp.StatusUnreadable = shorten(validUTF8(raw), 40)
	e.Findings = append(e.Findings, newFinding(CodeHARMalformed,
		"The response's status is not an HTTP status: "+shorten(validUTF8(raw), 40),
		"An HTTP status is a whole number from 100 to 999 (exporters write 0 or -1 when no answer came). This one cannot be read, so what the server answered is not known from the file.",
		fmt.Sprintf("log.entries[%d].response.status (#%d): %s", e.Index, e.Index+1, shorten(validUTF8(raw), 40))))
}
