package ui

import (
	"bytes"
	"io"
	"strconv"
	"strings"
	"time"

	app "github.com/maxence-charriere/go-app/v10/pkg/app"

	"whydenied/inspect"
)

// Element ids of the DOM contract for sharing (DESIGN.md).
const (
	CopyReportID        = "copy-report"
	KeepPayloadID       = "keep-payload"
	DownloadSanitizedID = "download-sanitized"
)

// sharer is what the share panel needs of the page: the judgement to
// report and the HAR file to sanitize.
type sharer interface {
	report() inspect.Report
	harFile() (file app.Value, name string)
}

// sharePanel hands the diagnosis on: "Copy report" puts the Markdown report
// (inspect.FormatMarkdown, secrets redacted) on the clipboard, with the
// whole token header and payload only when #keep-payload is ticked; with a
// HAR loaded, "Download sanitized HAR" writes the file with its secrets
// redacted (inspect.SanitizeHARCounted, the bytes `whydenied sanitize`
// writes) through a blob: URL, and says what it redacted. Nothing leaves
// the page but what the person copies or saves.
type sharePanel struct {
	app.Compo

	// Judged says there is a verdict to report; HAR that a HAR file is
	// its subject; Reading numbers the HAR read (a new file starts anew).
	Judged  bool
	HAR     bool
	Reading int

	page sharer
	keep bool
	// copied says what the copy did; text holds the report when the
	// clipboard refused it, to be copied by hand.
	copied, text string
	// saving is true while the sanitized HAR is made; saved says what it
	// redacted, or why it could not.
	saving bool
	saved  string
}

// OnUpdate forgets what was copied or saved of an earlier judgement.
func (s *sharePanel) OnUpdate(ctx app.Context) {
	s.copied, s.text, s.saved = "", "", ""
}

func (s *sharePanel) Render() app.UI {
	if !s.Judged {
		return app.Div().Class("share").Hidden(true)
	}
	return app.Div().Class("share").Body(
		app.Div().Class("share-row").Body(
			app.Button().ID(CopyReportID).Type("button").Class("share-button").
				Text("Copy report").OnClick(s.onCopy),
			app.Label().Class("share-check").For(KeepPayloadID).Body(
				app.Input().ID(KeepPayloadID).Type("checkbox").Checked(s.keep).OnChange(s.onKeep),
				app.Text(" Include each token's whole header and payload (names, e-mail addresses…; never the signature)"),
			),
		),
		app.If(s.copied != "", func() app.UI {
			return app.P().ID("copy-status").Class("share-status").Aria("live", "polite").Text(s.copied)
		}),
		app.If(s.text != "", func() app.UI {
			return app.Div().Body(
				app.Label().For("report-text").Text("The report (secrets redacted), to copy by hand"),
				app.Textarea().ID("report-text").ReadOnly(true).Rows(8).Text(s.text),
			)
		}),
		app.If(s.HAR, func() app.UI {
			label := "Download sanitized HAR"
			if s.saving {
				label = "Sanitizing…"
			}
			return app.Div().Class("share-row").Body(
				app.Button().ID(DownloadSanitizedID).Type("button").Class("share-button").
					Disabled(s.saving).Text(label).OnClick(s.onDownload),
				app.Span().Class("hint").Text("A copy of the file with tokens' signatures, cookies, passwords, API keys and other secrets redacted; made in this page."),
			)
		}),
		app.If(s.saved != "", func() app.UI {
			return app.P().ID("redaction-counts").Class("share-status").Aria("live", "polite").Text(s.saved)
		}),
	)
}

func (s *sharePanel) onKeep(ctx app.Context, e app.Event) {
	s.keep = ctx.JSSrc().Get("checked").Bool()
	s.copied, s.text = "", ""
}

// onCopy writes the report to the clipboard; if the browser refuses, the
// report is shown to be copied by hand.
func (s *sharePanel) onCopy(ctx app.Context, e app.Event) {
	md := inspect.FormatMarkdown(s.page.report(), inspect.MarkdownOptions{KeepPayload: s.keep})
	lines := strings.Count(md, "\n")
	fallback := func() {
		s.copied = "The browser did not let the page write to the clipboard: select the report below and copy it."
		s.text = md
	}
	clip := app.Window().Get("navigator").Get("clipboard")
	if !clip.Truthy() {
		fallback()
		return
	}
	var onOK, onErr app.Func
	release := func() { onOK.Release(); onErr.Release() }
	onOK = app.FuncOf(func(this app.Value, args []app.Value) any {
		release()
		ctx.Dispatch(func(app.Context) {
			s.copied = "Report copied (" + strconv.Itoa(lines) + " lines of Markdown, secrets redacted)."
			if s.keep {
				s.copied = "Report copied (" + strconv.Itoa(lines) + " lines of Markdown, with the tokens' whole header and payload; signatures and other secrets redacted)."
			}
			s.text = ""
		})
		return nil
	})
	onErr = app.FuncOf(func(this app.Value, args []app.Value) any {
		release()
		ctx.Dispatch(func(app.Context) { fallback() })
		return nil
	})
	clip.Call("writeText", md).Call("then", onOK, onErr)
}

// onDownload reads the HAR file again (it is not kept in memory), redacts
// it off the page's turn and saves the result through a blob: URL.
func (s *sharePanel) onDownload(ctx app.Context, e app.Event) {
	file, name := s.page.harFile()
	if s.saving || !file.Truthy() {
		return
	}
	s.saving, s.saved = true, ""
	var onData, onErr app.Func
	release := func() { onData.Release(); onErr.Release() }
	done := func(msg string) {
		ctx.Dispatch(func(app.Context) { s.saving, s.saved = false, msg })
	}
	onData = app.FuncOf(func(this app.Value, args []app.Value) any {
		release()
		u8 := app.Window().Get("Uint8Array").New(args[0])
		ctx.Async(func() {
			pause := newTurns()
			defer pause.release()
			data := make([]byte, u8.Get("length").Int())
			app.CopyBytesToGo(data, u8)
			out, n, err := sanitizeYielding(data, pause)
			if err != nil {
				done("Not sanitized: " + strings.TrimPrefix(err.Error(), "har: "))
				return
			}
			ctx.Dispatch(func(app.Context) {
				saveBlob(out, sanitizedName(name))
				s.saving = false
				s.saved = "Saved " + sanitizedName(name) + ". Redacted: " + n.String() + "."
				if n.Total() == 0 {
					s.saved = "Saved " + sanitizedName(name) + ". Nothing in it looked like a secret."
				}
			})
		})
		return nil
	})
	onErr = app.FuncOf(func(this app.Value, args []app.Value) any {
		release()
		done("The file could not be read again.")
		return nil
	})
	file.Call("arrayBuffer").Call("then", onData, onErr)
}

// sanitizeYielding is inspect.SanitizeHARCounted (the same bytes), read
// through a reader that lets the browser have its turn every yieldEvery,
// so a big file does not freeze the page.
func sanitizeYielding(data []byte, pause *turns) ([]byte, inspect.Redactions, error) {
	if err := inspect.SanitizeHARStream(io.Discard, &yieldingReader{r: bytes.NewReader(data), pause: pause}, true); err != nil {
		return nil, inspect.Redactions{}, err
	}
	var out bytes.Buffer
	out.Grow(len(data) + len(data)/64)
	n, err := inspect.SanitizeHARCount(&out, &yieldingReader{r: bytes.NewReader(data), pause: pause})
	if err != nil {
		return nil, inspect.Redactions{}, err
	}
	return out.Bytes(), n, nil
}

// yieldingReader reads r, giving the browser a turn every yieldEvery.
type yieldingReader struct {
	r     io.Reader
	pause *turns
	since time.Time
}

func (y *yieldingReader) Read(p []byte) (int, error) {
	if y.since.IsZero() {
		y.since = time.Now()
	} else if time.Since(y.since) > yieldEvery {
		y.pause.yield()
		y.since = time.Now()
	}
	return y.r.Read(p)
}

// saveBlob offers data as a download named name, from a blob: URL made in
// the page.
func saveBlob(data []byte, name string) {
	w := app.Window()
	u8 := w.Get("Uint8Array").New(len(data))
	app.CopyBytesToJS(u8, data)
	parts := w.Get("Array").New()
	parts.Call("push", u8)
	blob := w.Get("Blob").New(parts, map[string]any{"type": "application/json"})
	url := w.Get("URL").Call("createObjectURL", blob)
	a := w.Get("document").Call("createElement", "a")
	a.Set("href", url)
	a.Set("download", name)
	a.Set("hidden", true)
	body := w.Get("document").Get("body")
	body.Call("appendChild", a)
	a.Call("click")
	body.Call("removeChild", a)
	// The download has the blob by now; the URL is let go a little later.
	var revoke app.Func
	revoke = app.FuncOf(func(this app.Value, args []app.Value) any {
		w.Get("URL").Call("revokeObjectURL", url)
		revoke.Release()
		return nil
	})
	w.Call("setTimeout", revoke, 60000)
}

// sanitizedName is the download's name: session.har.gz → session.sanitized.har.
func sanitizedName(name string) string {
	base := name
	for _, ext := range []string{".gz", ".har", ".json", ".harp"} {
		base = strings.TrimSuffix(base, ext)
	}
	if base == "" {
		base = "capture"
	}
	return base + ".sanitized.har"
}
