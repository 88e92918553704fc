package inspect

import (
	"path"
	"strings"
)

// formPart is one -F/--form-string argument.
type formPart struct {
	name        string
	value       string
	file        string // name=@file: a file upload
	contentFile string // name=<file: the part's content is read from file
	ctype       string
	filename    string
	hasFilename bool
}

// formBoundary stands in for the random boundary curl draws; it has the
// same length as curl 7.x's, so Content-Length comes out the same.
const formBoundary = "------------------------whydenied0000000"

// parseFormArg reads "name=value[;type=…][;filename=…]", "name=@file…" and
// "name=<file…" as curl's formparse does; literal is --form-string, which
// takes the value as it is.
func parseFormArg(v string, literal bool) formPart {
	name, content, _ := strings.Cut(v, "=")
	p := formPart{name: name}
	if literal {
		p.value = content
		return p
	}
	switch {
	case strings.HasPrefix(content, "@"):
		p.file, content = formWord(content[1:])
		if !p.hasFilename {
			p.filename = path.Base(strings.ReplaceAll(p.file, "\\", "/"))
		}
	case strings.HasPrefix(content, "<"):
		p.contentFile, content = formWord(content[1:])
	default:
		p.value, content = formWord(content)
	}
	for strings.HasPrefix(content, ";") {
		var key, val string
		content = strings.TrimLeft(content[1:], " \t")
		key, content, _ = strings.Cut(content, "=")
		if strings.ContainsAny(key, ";") {
			// not a parameter: curl ignores the rest
			break
		}
		val, content = formWord(content)
		switch strings.ToLower(strings.TrimSpace(key)) {
		case "type":
			p.ctype = val
		case "filename":
			p.filename, p.hasFilename = val, true
		}
	}
	return p
}

// formWord reads a value up to the next ';', or a "quoted" value with
// backslash escapes, and returns it with the rest.
func formWord(s string) (string, string) {
	if strings.HasPrefix(s, "\"") {
		var b strings.Builder
		for i := 1; i < len(s); i++ {
			switch {
			case s[i] == '\\' && i+1 < len(s) && (s[i+1] == '"' || s[i+1] == '\\'):
				b.WriteByte(s[i+1])
				i++
			case s[i] == '"':
				rest := s[i+1:]
				if j := strings.IndexByte(rest, ';'); j >= 0 {
					rest = rest[j:]
				} else {
					rest = ""
				}
				return b.String(), rest
			default:
				b.WriteByte(s[i])
			}
		}
		return b.String(), ""
	}
	if i := strings.IndexByte(s, ';'); i >= 0 {
		return s[:i], s[i:]
	}
	return s, ""
}

// formContentType is curl's guess from a file name's extension.
func formContentType(name string) string {
	switch strings.ToLower(path.Ext(name)) {
	case ".gif":
		return "image/gif"
	case ".jpg", ".jpeg":
		return "image/jpeg"
	case ".png":
		return "image/png"
	case ".svg":
		return "image/svg+xml"
	case ".txt":
		return "text/plain"
	case ".htm", ".html":
		return "text/html"
	case ".pdf":
		return "application/pdf"
	case ".xml":
		return "application/xml"
	}
	return "application/octet-stream"
}

// formBody renders the multipart body curl would send, with formBoundary.
// The content of files is not known: a part read from a file holds
// "<contents of NAME>" and known is false.
func formBody(parts []formPart, mainType string, escape bool) (body string, known bool) {
	disposition := "form-data"
	if !strings.EqualFold(strings.TrimSpace(mainType), "multipart/form-data") {
		disposition = "attachment"
	}
	known = true
	var b strings.Builder
	for _, p := range parts {
		b.WriteString("--" + formBoundary + "\r\n")
		b.WriteString("Content-Disposition: " + disposition)
		if p.name != "" {
			b.WriteString("; name=\"" + formEscapeName(p.name, escape) + "\"")
		}
		ctype := p.ctype
		if p.file != "" || p.hasFilename {
			b.WriteString("; filename=\"" + formEscapeName(p.filename, escape) + "\"")
			if ctype == "" && p.file != "" {
				ctype = formContentType(p.filename)
			}
		}
		b.WriteString("\r\n")
		if ctype != "" {
			b.WriteString("Content-Type: " + ctype + "\r\n")
		}
		b.WriteString("\r\n")
		switch {
		case p.file != "":
			b.WriteString("<contents of " + p.file + ">")
			known = false
		case p.contentFile != "":
			b.WriteString("<contents of " + p.contentFile + ">")
			known = false
		default:
			b.WriteString(p.value)
		}
		b.WriteString("\r\n")
	}
	b.WriteString("--" + formBoundary + "--\r\n")
	return b.String(), known
}

// formEscapeName escapes a quote in a part name: %22 by default, a
// backslash with --form-escape (curl 7.81+).
func formEscapeName(s string, backslash bool) string {
	if backslash {
		s = strings.ReplaceAll(s, "\\", "\\\\")
		return strings.ReplaceAll(s, "\"", "\\\"")
	}
	s = strings.ReplaceAll(s, "\"", "%22")
	s = strings.ReplaceAll(s, "\r", "%0D")
	return strings.ReplaceAll(s, "\n", "%0A")
}
