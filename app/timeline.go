package ui

import (
	"fmt"
	"html"
	"strconv"
	"strings"
	"time"

	app "github.com/maxence-charriere/go-app/v10/pkg/app"

	"whydenied/inspect"
)

// TimelineID is the container of the session timeline (DOM contract).
const TimelineID = "timeline"

// timelineOpen is the action the timeline sends to open a request in the
// HAR table; its value is the entry's position in Report.Entries.
const timelineOpen = "timeline-open"

// The drawing: tlCols columns of tlColW units. Requests in one column and
// one row are drawn as one mark (with data-count), so the number of
// elements stays bounded however many requests the file holds. Rows, top
// to bottom: token endpoint calls, denied (401/403), network, other
// failures, the rest; then one bar per token.
const (
	tlCols      = 240
	tlColW      = 4
	tlW         = tlCols * tlColW
	tlRowH      = 14
	tlMarkH     = 10
	tlRows      = 5
	tlTokenH    = 12
	tlMaxTokens = 40
)

var tlRowNames = [tlRows]string{"token endpoint calls", "denied (401, 403)", "network failures", "other failures", "answered"}

// tlMark is one drawn mark: the requests of one column and row.
type tlMark struct {
	col, row int
	count    int
	// open is the position of the request Enter opens: the first failed
	// one, else the first.
	open    int
	failed  int
	expired int
	verdict inspect.Verdict
	first   time.Time
	last    time.Time
	label   string
}

// timelineLayout is what the timeline draws, computed once per file.
type timelineLayout struct {
	tl      *inspect.Timeline
	marks   []tlMark
	entries []inspect.EntryReport
	// svg is the drawing's markup (timelineSVG), built on first render.
	svg string
}

// timelineView draws a HAR's session timeline as SVG: the requests as
// marks colored by verdict, each token as a bar from its issue to its
// expiry with the requests that still carried it marked, and the token
// endpoint calls. A mark is reached with the keyboard (one tab stop, arrow
// keys move along the time axis), shows its request on hover or focus, and
// opens it in the table on click or Enter. The same facts are listed as
// text for screen readers. Nothing of the file is put in markup: labels
// are set as text or attribute values.
type timelineView struct {
	app.Compo

	// TL is the file's timeline; Entries the report's entries it points
	// into.
	TL      *inspect.Timeline
	Entries []inspect.EntryReport

	layout *timelineLayout
	focus  int
}

func (t *timelineView) Render() app.UI {
	if t.TL == nil || len(t.TL.Requests) == 0 {
		return app.Div().ID(TimelineID).Class("timeline").Hidden(true)
	}
	if t.layout == nil || t.layout.tl != t.TL {
		t.layout = layoutTimeline(t.TL, t.Entries)
		t.focus = firstFocus(t.layout.marks)
	}
	l := t.layout
	tl := t.TL
	if l.svg == "" {
		// Built once per file, with the first tab stop: moveFocus moves
		// it in the DOM, and the same markup rendered again is left
		// alone by go-app.
		l.svg = timelineSVG(l, t.focus)
	}
	// The drawing is mounted from markup (app.Raw): go-app created each of
	// its few hundred marks and their dozen attributes with calls from
	// WebAssembly, the largest part of the time from a session file's
	// judgement to its verdict. The element around it handles the events.
	svg := app.Div().Class("timeline-draw").
		On("click", t.onClick).
		On("keydown", t.onKey).
		On("focusin", t.onShow).
		On("mouseover", t.onShow).
		Body(app.Raw(l.svg))

	return app.Div().ID(TimelineID).Class("timeline").Body(
		app.H3().ID("timeline-title").Text("Timeline"),
		app.P().Class("timeline-axis").Body(
			app.Span().Text(tlClock(tl.Start)),
			app.Span().Text(fmt.Sprintf("%s · %d requests", tlSpan(tl.End.Sub(tl.Start)), len(tl.Requests))),
			app.Span().Text(tlClock(tl.End)),
		),
		svg,
		app.P().ID("timeline-tip").Class("timeline-tip").Aria("live", "polite").
			Text("Point at or move to a request to see it; click it or press Enter to open it in the table."),
		app.P().Class("timeline-legend hint").Text("Rows, top to bottom: "+strings.Join(tlRowNames[:], ", ")+
			legendTokens(len(tl.Tokens))),
		t.renderTextAlternative(),
	)
}

// timelineSVG is the drawing as SVG markup, focus the mark with the tab
// stop. Every value is escaped (html.EscapeString, text and double-quoted
// attributes): the labels hold the file's URLs, shown as text.
func timelineSVG(l *timelineLayout, focus int) string {
	tl := l.tl
	height := tlRows*tlRowH + 4
	nTok := min(len(tl.Tokens), tlMaxTokens)
	if nTok > 0 {
		height += 6 + nTok*tlTokenH
	}
	var w markup
	w.Grow(1024 + len(l.marks)*400)
	b, num, attr := &w.Builder, w.num, w.attr
	b.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" class="timeline-svg"`)
	attr("viewBox", fmt.Sprintf("0 0 %d %d", tlW, height))
	attr("preserveAspectRatio", "none")
	num("height", height)
	attr("role", "group")
	attr("aria-label", "Requests and tokens on a time axis; arrow keys move between requests, Enter opens one in the table")
	b.WriteByte('>')
	// Row guides.
	for r := 0; r < tlRows; r++ {
		y := r*tlRowH + tlRowH/2 + 2
		b.WriteString(`<line class="tl-guide"`)
		num("x1", 0)
		num("x2", tlW)
		num("y1", y)
		num("y2", y)
		b.WriteString(`></line>`)
	}
	// Token bars, with the moment each expired and the requests that
	// still carried it.
	y0 := tlRows*tlRowH + 10
	for k := 0; k < nTok; k++ {
		tok := tl.Tokens[k]
		y := y0 + k*tlTokenH
		from, to := tok.From, tok.Exp
		if to.IsZero() {
			to = tok.LastUse
		}
		x1, x2 := tlX(tl, from), tlX(tl, to)
		x1, x2 = max(x1, 0), min(x2, tlW)
		if x2 < x1+2 {
			x2 = min(x1+2, tlW)
			x1 = x2 - 2
		}
		b.WriteString(`<rect class="tl-token"`)
		num("data-timeline-token", k+1)
		num("x", x1)
		num("y", y)
		num("width", x2-x1)
		num("height", tlTokenH-4)
		b.WriteString(`><title>`)
		b.WriteString(html.EscapeString(tokenLabel(k, tok, l.entries, tl)))
		b.WriteString(`</title></rect>`)
		if !tok.Exp.IsZero() && tok.Exp.After(tl.Start) && !tok.Exp.After(tl.End) {
			x := tlX(tl, tok.Exp)
			b.WriteString(`<line class="tl-expiry"`)
			num("x1", x)
			num("x2", x)
			num("y1", 0)
			num("y2", y+tlTokenH)
			b.WriteString(`></line>`)
		}
	}
	for k := range tl.Requests {
		q := tl.Requests[k]
		if q.Expired && q.Token >= 0 && q.Token < nTok {
			x := tlX(tl, q.At)
			b.WriteString(`<rect class="tl-expired-use"`)
			num("x", min(x, tlW-3))
			num("y", y0+q.Token*tlTokenH-1)
			num("width", 3)
			num("height", tlTokenH-2)
			b.WriteString(`></rect>`)
		}
	}
	for i, m := range l.marks {
		tab := -1
		if i == focus {
			tab = 0
		}
		class := "tl-mark tl-v-" + string(m.verdict)
		if m.expired > 0 {
			class += " tl-mark-expired"
		}
		b.WriteString(`<rect`)
		attr("class", class)
		num("data-timeline-request", l.entryNumber(m.open))
		num("data-count", m.count)
		num("data-mark", i)
		num("data-pos", m.open)
		num("tabindex", tab)
		attr("role", "button")
		attr("aria-label", m.label)
		num("x", m.col*tlColW)
		num("y", m.row*tlRowH+2)
		num("width", tlColW-1)
		num("height", tlMarkH)
		b.WriteString(`></rect>`)
	}
	b.WriteString(`</svg>`)
	return b.String()
}

// markup builds HTML: num and attr write an attribute, the value escaped.
// They are methods, called rather than inlined at each of their many uses.
type markup struct{ strings.Builder }

//go:noinline
func (w *markup) num(name string, v int) {
	w.WriteByte(' ')
	w.WriteString(name)
	w.WriteString(`="`)
	w.WriteString(strconv.Itoa(v))
	w.WriteByte('"')
}

//go:noinline
func (w *markup) attr(name, v string) {
	w.WriteByte(' ')
	w.WriteString(name)
	w.WriteString(`="`)
	w.WriteString(html.EscapeString(v))
	w.WriteByte('"')
}

func legendTokens(n int) string {
	switch {
	case n == 0:
		return "."
	case n > tlMaxTokens:
		return fmt.Sprintf("; then one bar per token, from its issue to its expiry (a vertical line), the requests sent with it after it expired marked on it (the first %d of %d tokens).", tlMaxTokens, n)
	}
	return "; then one bar per token, from its issue to its expiry (a vertical line), the requests sent with it after it expired marked on it."
}

// renderTextAlternative lists the timeline's facts for screen readers: the
// tokens, the failed requests, the token endpoint calls.
func (t *timelineView) renderTextAlternative() app.UI {
	tl, l := t.TL, t.layout
	var items []app.UI
	for k, tok := range tl.Tokens {
		if k == tlMaxTokens {
			items = append(items, app.Li().Text(fmt.Sprintf("and %d more tokens", len(tl.Tokens)-k)))
			break
		}
		items = append(items, app.Li().Text(tokenLabel(k, tok, l.entries, tl)))
	}
	shown := 0
	for _, q := range tl.Requests {
		if !q.Failed && !q.Refresh && !q.Expired {
			continue
		}
		if shown == 200 {
			items = append(items, app.Li().Text("and more: the table lists every failed request"))
			break
		}
		shown++
		items = append(items, app.Li().Text(requestLabel(q, l.entries)))
	}
	return app.Div().Class("visually-hidden").Body(
		app.P().Text(fmt.Sprintf("Timeline from %s to %s: %d requests.", tlClock(tl.Start), tlClock(tl.End), len(tl.Requests))),
		app.Ul().Class("timeline-list").Body(items...),
	)
}

// entryNumber is the number the table shows for the entry at pos.
func (l *timelineLayout) entryNumber(pos int) int {
	if pos >= 0 && pos < len(l.entries) {
		return l.entries[pos].Index + 1
	}
	return pos + 1
}

// layoutTimeline groups the requests into marks: one per column and row.
func layoutTimeline(tl *inspect.Timeline, entries []inspect.EntryReport) *timelineLayout {
	l := &timelineLayout{tl: tl, entries: entries}
	index := map[[2]int]int{}
	for _, q := range tl.Requests {
		col := min(tlX(tl, q.At)/tlColW, tlCols-1)
		row := tlRow(q)
		key := [2]int{col, row}
		i, ok := index[key]
		if !ok {
			i = len(l.marks)
			index[key] = i
			l.marks = append(l.marks, tlMark{col: col, row: row, open: q.Pos, verdict: q.Verdict, first: q.At})
		}
		m := &l.marks[i]
		m.count++
		m.last = q.At
		if q.Failed {
			if m.failed == 0 {
				m.open, m.verdict = q.Pos, q.Verdict
			}
			m.failed++
		}
		if q.Expired {
			m.expired++
		}
		if m.count == 1 {
			m.label = requestLabel(q, entries)
		}
	}
	// Marks in time order (then top to bottom), the order the arrow keys
	// follow.
	sortMarks(l.marks)
	for i := range l.marks {
		m := &l.marks[i]
		if m.count > 1 {
			m.label = fmt.Sprintf("%d requests (%s), %s to %s", m.count, tlRowNames[m.row], tlClock(m.first), tlClock(m.last))
			if m.failed > 0 {
				m.label += fmt.Sprintf(", %d failed", m.failed)
			}
			if m.expired > 0 {
				m.label += fmt.Sprintf(", %d with an expired token", m.expired)
			}
			m.label += "; Enter opens the first"
			if m.failed > 0 {
				m.label += " failed one"
			}
		}
	}
	return l
}

func sortMarks(ms []tlMark) {
	// Insertion into columns: marks are appended in time order already,
	// so a stable sort by (col, row) is cheap.
	for i := 1; i < len(ms); i++ {
		for j := i; j > 0 && (ms[j].col < ms[j-1].col || ms[j].col == ms[j-1].col && ms[j].row < ms[j-1].row); j-- {
			ms[j], ms[j-1] = ms[j-1], ms[j]
		}
	}
}

// firstFocus is the mark that takes the tab stop: the first failed one.
func firstFocus(ms []tlMark) int {
	for i, m := range ms {
		if m.failed > 0 {
			return i
		}
	}
	return 0
}

func tlRow(q inspect.TimelineRequest) int {
	switch {
	case q.Refresh:
		return 0
	case q.Verdict == inspect.Verdict401 || q.Verdict == inspect.Verdict403:
		return 1
	case q.Verdict == inspect.VerdictNetwork:
		return 2
	case q.Failed:
		return 3
	}
	return 4
}

// tlX is the x of a moment, in drawing units; moments outside the axis
// fall outside [0, tlW].
func tlX(tl *inspect.Timeline, at time.Time) int {
	span := tl.End.Sub(tl.Start)
	if span <= 0 {
		return tlW / 2
	}
	f := float64(at.Sub(tl.Start)) / float64(span)
	switch {
	case f < -1:
		f = -1
	case f > 2:
		f = 2
	}
	return int(f * float64(tlW-tlColW))
}

func requestLabel(q inspect.TimelineRequest, entries []inspect.EntryReport) string {
	var b strings.Builder
	fmt.Fprintf(&b, "#%d at %s: %s", q.Index+1, tlClock(q.At), q.Method)
	if q.Pos >= 0 && q.Pos < len(entries) {
		host, path := inspect.HostPath(entries[q.Pos].Request.URL)
		b.WriteString(" " + host + shortPath(path))
	}
	if q.Status > 0 {
		fmt.Fprintf(&b, " → %d", q.Status)
	} else {
		b.WriteString(" → no answer")
	}
	fmt.Fprintf(&b, ", verdict %s", q.Verdict)
	if q.Refresh {
		b.WriteString(", token endpoint")
	}
	if q.Token >= 0 {
		fmt.Fprintf(&b, ", token %d", q.Token+1)
		if q.Expired {
			b.WriteString(" (expired)")
		}
	}
	return b.String()
}

func tokenLabel(k int, tok inspect.TimelineToken, entries []inspect.EntryReport, tl *inspect.Timeline) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Token %d: from %s (%s)", k+1, tlClock(tok.From), tok.FromWhat)
	if tok.Exp.IsZero() {
		b.WriteString(", expiry unknown")
	} else {
		fmt.Fprintf(&b, ", expires %s", tlClock(tok.Exp))
	}
	fmt.Fprintf(&b, "; sent %d %s", tok.Uses, plural(tok.Uses, "time", "times"))
	if tok.ExpiredUses > 0 {
		fmt.Fprintf(&b, ", %d after it expired", tok.ExpiredUses)
	}
	if tok.IssuedBy >= 0 && tok.IssuedBy < len(tl.Requests) {
		fmt.Fprintf(&b, "; handed out by request #%d", tl.Requests[tok.IssuedBy].Index+1)
	}
	return b.String()
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// shortPath keeps a path readable in a label.
func shortPath(p string) string {
	if r := []rune(p); len(r) > 60 {
		return string(r[:60]) + "…"
	}
	return p
}

// tlClock is a moment as the table shows times, in UTC.
func tlClock(t time.Time) string {
	return t.UTC().Format("15:04:05.000") + " UTC"
}

func tlSpan(d time.Duration) string {
	switch {
	case d < time.Second:
		return strconv.FormatInt(d.Milliseconds(), 10) + " ms"
	case d < time.Minute:
		return strconv.FormatFloat(d.Seconds(), 'f', 1, 64) + " s"
	case d < time.Hour:
		return fmt.Sprintf("%d min %d s", int(d.Minutes()), int(d.Seconds())%60)
	}
	return fmt.Sprintf("%d h %d min", int(d.Hours()), int(d.Minutes())%60)
}

// markOf is the mark an event's target is, or -1.
func markOf(e app.Event) int {
	target := e.Get("target")
	if !target.Truthy() || !target.Get("dataset").Truthy() {
		return -1
	}
	v := target.Get("dataset").Get("mark")
	if !v.Truthy() {
		return -1
	}
	i, err := strconv.Atoi(v.String())
	if err != nil {
		return -1
	}
	return i
}

// onShow writes the request under the pointer or focus into the tip, as
// text.
func (t *timelineView) onShow(ctx app.Context, e app.Event) {
	ctx.PreventUpdate()
	i := markOf(e)
	if t.layout == nil || i < 0 || i >= len(t.layout.marks) {
		return
	}
	if tip := app.Window().GetElementByID("timeline-tip"); tip.Truthy() {
		tip.Set("textContent", t.layout.marks[i].label)
	}
}

func (t *timelineView) onClick(ctx app.Context, e app.Event) {
	ctx.PreventUpdate()
	if i := markOf(e); t.layout != nil && i >= 0 && i < len(t.layout.marks) {
		t.moveFocus(i, false)
		ctx.NewActionWithValue(timelineOpen, t.layout.marks[i].open)
	}
}

// onKey moves along the marks (one tab stop for all: the arrow keys, Home
// and End move it) and opens the mark's request on Enter or Space.
func (t *timelineView) onKey(ctx app.Context, e app.Event) {
	ctx.PreventUpdate()
	i := markOf(e)
	if t.layout == nil || i < 0 || i >= len(t.layout.marks) {
		return
	}
	n := len(t.layout.marks)
	next := i
	switch e.Get("key").String() {
	case "Enter", " ":
		e.PreventDefault()
		ctx.NewActionWithValue(timelineOpen, t.layout.marks[i].open)
		return
	case "ArrowRight", "ArrowDown":
		next = min(i+1, n-1)
	case "ArrowLeft", "ArrowUp":
		next = max(i-1, 0)
	case "Home":
		next = 0
	case "End":
		next = n - 1
	default:
		return
	}
	e.PreventDefault()
	t.moveFocus(next, true)
}

// moveFocus gives mark i the tab stop (in the DOM directly: re-rendering
// every mark for one attribute would cost more than the move).
func (t *timelineView) moveFocus(i int, focus bool) {
	doc := app.Window().Get("document")
	if old := doc.Call("querySelector", "#timeline [data-mark=\""+strconv.Itoa(t.focus)+"\"]"); old.Truthy() {
		old.Call("setAttribute", "tabindex", "-1")
	}
	t.focus = i
	if el := doc.Call("querySelector", "#timeline [data-mark=\""+strconv.Itoa(i)+"\"]"); el.Truthy() {
		el.Call("setAttribute", "tabindex", "0")
		if focus {
			el.Call("focus")
		}
	}
}
