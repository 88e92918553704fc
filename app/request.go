package ui

import (
	"fmt"
	"net/url"
	"strings"

	app "github.com/maxence-charriere/go-app/v10/pkg/app"

	"whydenied/inspect"
)

// RequestsID holds the requests a pasted command sends, as read from it.
const RequestsID = "requests"

// requestsPanel shows what a command would send, request by request:
// method, URL with its query parameters, headers in order, cookies, body,
// the client options that matter, and every credential decoded. All of it
// comes from the paste and is set as text only.
type requestsPanel struct {
	app.Compo

	// Entries and Primary are the judgement's (inspect.Report) when it
	// speaks of a command; none otherwise, and the panel is empty.
	Entries []inspect.EntryReport
	Primary int
}

func (c *requestsPanel) Render() app.UI {
	if len(c.Entries) == 0 {
		return app.Div().ID(RequestsID).Class("requests")
	}
	items := make([]app.UI, 0, len(c.Entries))
	for i, e := range c.Entries {
		items = append(items, renderRequest(i, len(c.Entries), e, i == c.Primary))
	}
	return app.Div().ID(RequestsID).Class("requests").Body(
		app.H2().Text("What the command sends"),
		app.P().Class("hint").Text("As curl (or PowerShell, or the browser for fetch) would send it. Nothing was run, and $VARIABLES or $(commands) are kept as written."),
		app.Div().Body(items...),
	)
}

func renderRequest(i, n int, e inspect.EntryReport, primary bool) app.UI {
	title := "Request"
	if n > 1 {
		title = fmt.Sprintf("Request %d of %d", i+1, n)
	}
	class := []string{"request", "request-verdict-" + string(e.Verdict)}
	if primary && n > 1 {
		class = append(class, "request-primary")
	}
	req := e.Request
	return app.Article().Class(class...).DataSet("request", i).DataSet("verdict", string(e.Verdict)).Body(
		app.H3().Text(title),
		app.P().Class("request-line").Body(
			app.Code().Class("request-method").Text(req.Method),
			app.Text(" "),
			app.Code().Class("request-url").Text(req.URL),
		),
		app.If(n > 1, func() app.UI {
			return app.P().Class("request-summary").Text(fmt.Sprintf("Verdict %s: %s", e.Verdict, e.Summary))
		}),
		renderQuery(req.URL),
		renderHeaders(req.Headers),
		renderCookies(req.Cookies),
		renderBody(req.Body),
		renderFlags(req.Flags),
		renderCredentials(e),
	)
}

// queryParams splits the URL's query in order, decoded; url.Values would
// lose the order and merge repeated names.
func queryParams(raw string) []inspect.Header {
	u, err := url.Parse(raw)
	if err != nil || u.RawQuery == "" {
		return nil
	}
	var out []inspect.Header
	for _, part := range strings.Split(u.RawQuery, "&") {
		if part == "" {
			continue
		}
		name, value, _ := strings.Cut(part, "=")
		if n, err := url.QueryUnescape(name); err == nil {
			name = n
		}
		if v, err := url.QueryUnescape(value); err == nil {
			value = v
		}
		out = append(out, inspect.Header{Name: name, Value: value})
	}
	return out
}

func renderQuery(raw string) app.UI {
	ps := queryParams(raw)
	if len(ps) == 0 {
		return nil
	}
	return pairTable("request-query", "Query parameters (decoded)", "Parameter", ps)
}

// renderHeaders lists the headers in the order they are sent. A Basic
// credential is decoded (and its password masked) under Credentials, so
// its base64 is not repeated here.
func renderHeaders(hs []inspect.Header) app.UI {
	if len(hs) == 0 {
		return nil
	}
	shown := make([]inspect.Header, len(hs))
	for i, h := range hs {
		shown[i] = h
		name := strings.ToLower(h.Name)
		if name != "authorization" && name != "proxy-authorization" {
			continue
		}
		if scheme, _, _ := strings.Cut(strings.TrimSpace(h.Value), " "); strings.EqualFold(scheme, "basic") {
			shown[i].Value = scheme + " •••• (user:password in base64, decoded under Credentials)"
		}
	}
	return pairTable("request-headers", "Headers, in the order sent", "Header", shown)
}

func renderCookies(cs []inspect.Cookie) app.UI {
	if len(cs) == 0 {
		return nil
	}
	ps := make([]inspect.Header, len(cs))
	for i, c := range cs {
		ps[i] = inspect.Header{Name: c.Name, Value: c.Value}
	}
	return pairTable("request-cookies", "Cookies", "Cookie", ps)
}

// pairTable is a two-column table of names and values.
func pairTable(class, caption, nameCol string, ps []inspect.Header) app.UI {
	rows := make([]app.UI, 0, len(ps))
	for _, p := range ps {
		rows = append(rows, app.Tr().Body(
			app.Th().Scope("row").Body(app.Code().Text(p.Name)),
			app.Td().Body(app.Code().Text(p.Value)),
		))
	}
	return app.Table().Class("pairs", class).Body(
		app.Caption().Text(caption),
		app.THead().Body(app.Tr().Body(
			app.Th().Scope("col").Text(nameCol),
			app.Th().Scope("col").Text("Value"),
		)),
		app.TBody().Body(rows...),
	)
}

// maxBodyShown bounds the body shown; a pasted upload can be large.
const maxBodyShown = 4000

func renderBody(body string) app.UI {
	if body == "" {
		return nil
	}
	note := ""
	if r := []rune(body); len(r) > maxBodyShown {
		note = fmt.Sprintf("First %d of %d characters.", maxBodyShown, len(r))
		body = string(r[:maxBodyShown])
	}
	return app.Div().Class("request-body").Body(
		app.H4().Text("Body"),
		app.Pre().Body(app.Code().Text(body)),
		app.If(note != "", func() app.UI { return app.P().Class("hint").Text(note) }),
	)
}
