package ui

import (
	"fmt"
	"net/url"
	"strings"
	"time"

	app "github.com/maxence-charriere/go-app/v10/pkg/app"

	"whydenied/inspect"
)

// renderEntryDetail is the opened entry: what was sent, what came back, its
// findings and its tokens. Everything in it comes from the file and is set
// as text, never as HTML.
func (h *harPanel) renderEntryDetail() app.UI {
	es := h.Entries
	i := h.view.open
	if i < 0 || i >= len(es) {
		return app.P().ID("har-detail").Class("hint").Text("Choose a request (click it, or move to it with the arrow keys and press Enter) to see its headers, cookies, body and tokens.")
	}
	e := es[i]
	title := fmt.Sprintf("Request #%d: %s %s", e.Index+1, e.Request.Method, e.Request.URL)
	return app.Section().ID("har-detail").Class("har-detail", "verdict-"+string(e.Verdict)).
		DataSet("har-detail", e.Index).Aria("label", title).Body(
		app.H3().Class("har-detail-title").Text(title),
		app.P().Class("har-detail-verdict").Body(
			app.Span().Class("har-verdict", "verdict-"+string(e.Verdict)).Text(string(e.Verdict)),
			app.Text(" "+e.Summary),
		),
		renderFacts(e),
		renderTimings(e.Timings),
		renderEntryFindings(e.Findings),
		renderPairs("Request headers (in the order sent)", headersPairs(e.Request.Headers)),
		renderPairs("Cookies sent", cookiePairs(e.Request.Cookies)),
		renderPairs("Query parameters", queryPairs(e.Request.URL)),
		renderExcerpt("Request body (excerpt, as text)", e.Request.Body),
		app.If(e.Response != nil, func() app.UI {
			return app.Div().Body(
				renderPairs("Response headers (in the order received)", headersPairs(e.Response.Headers)),
				renderExcerpt(bodyTitle(e.Response), e.Response.BodyExcerpt),
			)
		}),
		renderEntryTokens(e, time.Now()),
	)
}

// renderFacts is the entry's timings and outcome.
func renderFacts(e inspect.EntryReport) app.UI {
	var dl []app.UI
	add := func(k string, v app.UI) {
		dl = append(dl, app.Dt().Text(k), app.Dd().Body(v))
	}
	if !e.Started.IsZero() {
		add("Started (startedDateTime)", app.Time().DateTime("%s", e.Started.UTC().Format(time.RFC3339Nano)).
			Text(e.Started.UTC().Format("2006-01-02 15:04:05.000 UTC")+" · "+e.Started.In(time.Local).Format(localLayout)))
	}
	add("Duration (time)", app.Text(durationText(e.Duration)))
	if e.ResourceType != "" {
		add("Type", app.Text(e.ResourceType))
	}
	status := statusText(e)
	if e.Response != nil && e.Response.StatusText != "" {
		status += " " + e.Response.StatusText
	}
	add("Status", app.Text(status))
	if e.Error != nil && *e.Error != "" {
		add("Error", app.Code().Text(*e.Error))
	}
	return app.Dl().Class("har-facts").Body(dl...)
}

func renderEntryFindings(fs []inspect.Finding) app.UI {
	if len(fs) == 0 {
		return app.P().Class("hint").Text("No findings for this request.")
	}
	items := make([]app.UI, 0, len(fs))
	for _, f := range fs {
		items = append(items, app.Li().Class("har-finding", "severity-"+string(f.Severity)).Body(
			app.P().Class("finding-head").Body(
				app.Span().Class("severity").Text(string(f.Severity)),
				app.Code().Class("code").Text(f.Code),
				app.Strong().Class("finding-title").Text(f.Title),
			),
			app.If(f.Detail != "", func() app.UI { return app.P().Class("finding-detail").Text(f.Detail) }),
			app.If(f.Evidence != "", func() app.UI {
				return app.Pre().Class("evidence").Body(app.Code().Text(f.Evidence))
			}),
		))
	}
	return app.Div().Class("har-findings").Body(
		app.H4().Text("Findings for this request"),
		app.Ul().Body(items...),
	)
}

type pair struct{ name, value string }

func headersPairs(hs []inspect.Header) []pair {
	out := make([]pair, len(hs))
	for i, h := range hs {
		out[i] = pair{h.Name, h.Value}
	}
	return out
}

func cookiePairs(cs []inspect.Cookie) []pair {
	out := make([]pair, len(cs))
	for i, c := range cs {
		out[i] = pair{c.Name, c.Value}
	}
	return out
}

// queryPairs splits the URL's query in its original order (url.Values
// would sort it).
func queryPairs(raw string) []pair {
	u, err := url.Parse(raw)
	if err != nil || u.RawQuery == "" {
		return nil
	}
	var out []pair
	for _, kv := range strings.Split(u.RawQuery, "&") {
		if kv == "" {
			continue
		}
		k, v, _ := strings.Cut(kv, "=")
		if dk, err := url.QueryUnescape(k); err == nil {
			k = dk
		}
		if dv, err := url.QueryUnescape(v); err == nil {
			v = dv
		}
		out = append(out, pair{k, v})
	}
	return out
}

func renderPairs(title string, ps []pair) app.UI {
	if len(ps) == 0 {
		return app.Div().Class("har-pairs").Body(app.H4().Text(title), app.P().Class("hint").Text("None."))
	}
	rows := make([]app.UI, 0, len(ps))
	for _, p := range ps {
		rows = append(rows, app.Tr().Body(
			app.Th().Scope("row").Body(app.Code().Text(p.name)),
			app.Td().Body(app.Code().Text(p.value)),
		))
	}
	return app.Div().Class("har-pairs").Body(
		app.Table().Class("har-pairs-table").Body(
			app.Caption().Text(title),
			app.TBody().Body(rows...),
		),
	)
}

func bodyTitle(r *inspect.Response) string {
	t := "Response body (excerpt, as text)"
	var facts []string
	if r.MimeType != "" {
		facts = append(facts, r.MimeType)
	}
	if r.BodySize >= 0 {
		facts = append(facts, fmt.Sprintf("%d bytes in all", r.BodySize))
	}
	if len(facts) > 0 {
		t += " — " + strings.Join(facts, ", ")
	}
	return t
}

// renderExcerpt shows an excerpt as plain text in a <pre>: markup in it is
// shown, never interpreted.
func renderExcerpt(title, text string) app.UI {
	if text == "" {
		return app.Div().Class("har-body").Body(app.H4().Text(title), app.P().Class("hint").Text("Empty, or not in the file."))
	}
	return app.Div().Class("har-body").Body(
		app.H4().Text(title),
		app.Pre().Class("har-body-text").Body(app.Code().Text(text)),
	)
}

// timingNames says what each phase of a HAR's timings is.
var timingNames = map[string]string{
	"blocked": "waiting for a connection",
	"dns":     "DNS lookup",
	"connect": "TCP connection",
	"ssl":     "TLS handshake",
	"send":    "sending the request",
	"wait":    "waiting for the first byte",
	"receive": "receiving the response",
}

// renderTimings lists the phases as the exporter wrote them; -1 is a phase
// that did not apply (a reused connection has no dns or connect).
func renderTimings(ts []inspect.Timing) app.UI {
	if len(ts) == 0 {
		return nil
	}
	rows := make([]app.UI, 0, len(ts))
	for _, t := range ts {
		name := t.Name
		if n, ok := timingNames[t.Name]; ok {
			name += " (" + n + ")"
		}
		v := "did not apply"
		if t.MS >= 0 {
			v = fmt.Sprintf("%.1f ms", t.MS)
		}
		rows = append(rows, app.Tr().Body(app.Th().Scope("row").Text(name), app.Td().Class("har-num").Text(v)))
	}
	return app.Table().Class("har-pairs-table", "har-timings").Body(
		app.Caption().Text("Timings"),
		app.TBody().Body(rows...),
	)
}
