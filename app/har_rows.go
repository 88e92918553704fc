package ui

import (
	"html"
	"strconv"
	"strings"
	"time"

	"whydenied/inspect"
)

// tableHTML is the HAR table as HTML, which go-app mounts with one call
// (app.Raw): a browser parses the ~1,300 elements and text nodes of a
// 60-row table in a few milliseconds, where go-app, creating each of them
// and each attribute with a call from WebAssembly, took 60 ms to 200 ms
// (the time from a HAR's verdict to its table).
//
// Every text and attribute value in it is escaped (html.EscapeString, in
// text and in double-quoted attributes), so what a HAR holds is shown as
// text and never becomes markup. The table carries no event handlers: the
// element around it listens for clicks and keys and finds the row by
// data-pos.
func tableHTML(caption string, rows []harRow) string {
	var b strings.Builder
	b.Grow(600 + len(rows)*700)
	b.WriteString(`<table class="entries-table har-table" aria-describedby="har-table-help"><caption>`)
	b.WriteString(html.EscapeString(caption))
	b.WriteString(`</caption><thead><tr>`)
	for _, h := range []string{"#", "Time", "Method", "Host and path", "Status", "Duration", "Type", "Verdict"} {
		b.WriteString(`<th scope="col">` + html.EscapeString(h) + `</th>`)
	}
	b.WriteString(`</tr></thead><tbody>`)
	writeRows(&b, rows)
	b.WriteString(`</tbody></table>`)
	return b.String()
}

// failure is one item of the list of failed requests.
type failure struct {
	pos            int
	verdict, label string
}

// failuresHTML is the list of failed requests as HTML, each a button that
// opens its entry (by data-pos), every value escaped.
func failuresHTML(items []failure) string {
	var b strings.Builder
	b.Grow(64 + len(items)*200)
	b.WriteString(`<ul aria-labelledby="har-failures-title">`)
	for _, f := range items {
		v := html.EscapeString(f.verdict)
		b.WriteString(`<li><button type="button" class="har-failure verdict-` + v + `" data-pos="` + strconv.Itoa(f.pos) + `" data-failure-verdict="` + v + `">`)
		b.WriteString(html.EscapeString(f.label))
		b.WriteString(`</button></li>`)
	}
	b.WriteString(`</ul>`)
	return b.String()
}

// harRow is what a row shows of an entry, and its state in the table.
type harRow struct {
	pos                             int
	e                               *inspect.EntryReport
	m                               rowMeta
	primary, hidden, open, tabbable bool
}

// writeRows writes the rows, every value escaped.
func writeRows(b *strings.Builder, rows []harRow) {
	attr := func(name, value string) {
		b.WriteString(" " + name + `="`)
		b.WriteString(html.EscapeString(value))
		b.WriteByte('"')
	}
	text := func(s string) { b.WriteString(html.EscapeString(s)) }
	for _, r := range rows {
		e := r.e
		class := "entry har-row"
		if e.Failed {
			class += " entry-failed"
		}
		if r.primary {
			class += " entry-primary"
		}
		if r.open {
			class += " har-row-open"
		}
		tab := "-1"
		if r.tabbable {
			tab = "0"
		}
		b.WriteString("<tr")
		attr("class", class)
		attr("tabindex", tab)
		attr("data-har-entry", strconv.Itoa(e.Index))
		attr("data-status", strconv.Itoa(entryStatus(*e)))
		attr("data-verdict", string(e.Verdict))
		attr("data-pos", strconv.Itoa(r.pos))
		attr("aria-selected", strconv.FormatBool(r.open))
		if r.hidden {
			b.WriteString(" hidden")
		}
		b.WriteString("><td>" + strconv.Itoa(e.Index+1) + "</td><td>")
		if e.Started.IsZero() {
			b.WriteString("—")
		} else {
			b.WriteString("<time")
			attr("datetime", e.Started.UTC().Format(time.RFC3339Nano))
			attr("title", e.Started.UTC().Format("2006-01-02 15:04:05.000 UTC"))
			b.WriteByte('>')
			text(e.Started.In(time.Local).Format("15:04:05.000"))
			b.WriteString("</time>")
		}
		b.WriteString("</td><td>")
		text(e.Request.Method)
		b.WriteString(`</td><td class="entry-url"`)
		attr("title", e.Request.URL)
		b.WriteString(`><span class="har-host">`)
		text(r.m.host)
		b.WriteString(`</span><span class="har-path">`)
		text(r.m.path)
		b.WriteString("</span></td><td>")
		text(statusText(*e))
		b.WriteString(`</td><td class="har-num">`)
		text(durationText(e.Duration))
		b.WriteString("</td><td>")
		text(e.ResourceType)
		b.WriteString(`</td><td><span`)
		attr("class", "har-verdict verdict-"+string(e.Verdict))
		b.WriteByte('>')
		text(string(e.Verdict))
		b.WriteString("</span></td></tr>")
	}
}
