package inspect

import (
	"strconv"
	"strings"
)

// redactEntry returns one HAR entry (its JSON) with every secret redacted:
// the request's URL, headers, cookies, query and body, the response's
// headers, cookies, redirectURL and content (base64 text bodies decoded and
// encoded again), WebSocket frames, and whatever the exporter added (read
// as JSON, see RedactJSON). headersSize becomes -1 where the headers or the
// URL changed; bodySize and content.size follow the new body.
func (r *jredactor) redactEntry(doc []byte) ([]byte, error) {
	if err := r.t.parse(doc); err != nil {
		return nil, err
	}
	r.edits = r.edits[:0]
	t := &r.t
	if t.nodes[0].kind != '{' {
		r.walk(0, "", false)
		return r.apply(), nil
	}
	for c := t.nodes[0].child; c >= 0; c = t.nodes[c].next {
		switch {
		case t.nameIs(c, "request") && t.nodes[c].kind == '{':
			r.message(c, true)
		case t.nameIs(c, "response") && t.nodes[c].kind == '{':
			r.message(c, false)
		case t.nameIs(c, "_webSocketMessages") && t.nodes[c].kind == '[':
			r.frames(c)
		default:
			mark := len(r.edits)
			r.walk(c, t.name(c), SecretName(t.name(c)))
			r.count.Other += len(r.edits) - mark
		}
	}
	return r.apply(), nil
}

// message redacts a HAR request or response object.
func (r *jredactor) message(obj int, request bool) {
	t := &r.t
	headersChanged := false
	delta, bodyChanged := 0, false
	before := len(r.edits)
	for c := t.nodes[obj].child; c >= 0; c = t.nodes[c].next {
		mark := len(r.edits)
		switch {
		case t.nameIs(c, "url") || t.nameIs(c, "redirectURL"):
			if t.nodes[c].kind == '"' {
				s := t.str(c)
				r.setString(c, s, RedactURL(s))
			} else {
				r.walk(c, t.name(c), false)
			}
			if len(r.edits) > mark {
				r.count.URLs++
			}
			headersChanged = headersChanged || t.nameIs(c, "url") && len(r.edits) > mark
		case t.nameIs(c, "headers") && t.nodes[c].kind == '[':
			r.pairs(c, "headers")
			headersChanged = headersChanged || len(r.edits) > mark
		case t.nameIs(c, "cookies") && t.nodes[c].kind == '[':
			r.pairs(c, "cookies")
			headersChanged = headersChanged || len(r.edits) > mark
		case t.nameIs(c, "queryString") && t.nodes[c].kind == '[':
			r.pairs(c, "queryString")
			headersChanged = headersChanged || len(r.edits) > mark
		case (request && t.nameIs(c, "postData") || !request && t.nameIs(c, "content")) && t.nodes[c].kind == '{':
			d, changed := r.body(c, !request)
			delta += d
			bodyChanged = bodyChanged || changed
			if changed {
				r.count.Bodies++
			}
		case t.nameIs(c, "headersSize") || t.nameIs(c, "bodySize"):
		default:
			r.walk(c, t.name(c), SecretName(t.name(c)))
			r.count.Other += len(r.edits) - mark
		}
	}
	_ = before
	if headersChanged {
		if c := t.member(obj, "headersSize"); c >= 0 && t.nodes[c].kind == '0' && string(t.doc[t.nodes[c].start:t.nodes[c].end]) != "-1" {
			r.set(c, []byte("-1"))
		}
	}
	if bodyChanged {
		r.resize(t.member(obj, "bodySize"), delta, false)
	}
}

// resize updates a size after the body changed by delta bytes. An exact
// size moves with the body; bodySize, which counts bytes on the wire (maybe
// compressed), is recomputed when it equalled the body, else becomes -1.
func (r *jredactor) resize(c, delta int, exact bool) {
	t := &r.t
	if c < 0 || t.nodes[c].kind != '0' || delta == 0 {
		return
	}
	n, err := strconv.ParseInt(string(t.doc[t.nodes[c].start:t.nodes[c].end]), 10, 64)
	if err != nil || n < 0 {
		return
	}
	switch {
	case exact || n == int64(r.bodyBefore):
		n += int64(delta)
	case n > 0:
		n = -1
	default:
		return
	}
	r.set(c, []byte(strconv.FormatInt(max(n, -1), 10)))
}

// pairs redacts a headers, cookies or queryString list.
func (r *jredactor) pairs(list int, kind string) {
	t := &r.t
	for p := t.nodes[list].child; p >= 0; p = t.nodes[p].next {
		mark := len(r.edits)
		if t.nodes[p].kind != '{' {
			r.walk(p, kind, kind == "cookies")
			r.count.Other += len(r.edits) - mark
			continue
		}
		name := t.strMember(p, "name")
		r.pair(p, kind, name)
		if len(r.edits) > mark {
			switch kind {
			case "headers":
				*r.count.header(name)++
			case "cookies":
				r.count.Cookies++
			default:
				r.count.QueryParams++
			}
		}
	}
}

// pair redacts one {"name", "value", …} object of a headers, cookies,
// queryString or params list.
func (r *jredactor) pair(p int, kind, name string) {
	t := &r.t
	for c := t.nodes[p].child; c >= 0; c = t.nodes[c].next {
		if !t.nameIs(c, "value") {
			if !t.nameIs(c, "name") {
				r.walk(c, t.name(c), SecretName(t.name(c)))
			}
			continue
		}
		var secret bool
		switch kind {
		case "headers":
			secret = SecretHeader(name)
		case "cookies":
			secret = true
		default:
			secret = SecretParam(name)
		}
		if t.nodes[c].kind != '"' {
			if secret && t.nodes[c].kind != 'n' {
				r.set(c, quoteJSON(Redacted))
			} else {
				r.walk(c, name, false)
			}
			continue
		}
		s := t.str(c)
		switch kind {
		case "headers":
			r.setString(c, s, RedactHeader(name, s))
		case "cookies":
			r.setString(c, s, RedactSecret(s))
		default:
			if secret {
				r.setString(c, s, redactNamedValue(name, s))
			} else {
				r.setString(c, s, RedactURL(s))
			}
		}
	}
}

// body redacts a postData or content object; it returns how much the
// body's size changed and whether it changed.
func (r *jredactor) body(obj int, content bool) (delta int, changed bool) {
	t := &r.t
	mimeType := t.strMember(obj, "mimeType")
	base64 := t.strMember(obj, "encoding") == "base64"
	r.bodyBefore = -1
	for c := t.nodes[obj].child; c >= 0; c = t.nodes[c].next {
		switch {
		case t.nameIs(c, "text") && t.nodes[c].kind == '"':
			s := t.str(c)
			var red string
			before, after := len(s), 0
			if base64 {
				red, before, after = r.nested2().redactBase64Body(mimeType, s)
			} else {
				red = r.nested2().redactBody(mimeType, s)
				after = len(red)
				// Each JWT whose signature went: one more ".REDACTED"
				// than the body had.
				if n := strings.Count(red, "."+redactedSig) - strings.Count(s, "."+redactedSig); n > 0 {
					r.count.BodyJWTs += n
				}
			}
			r.bodyBefore = before
			if r.setString(c, s, red) {
				delta, changed = after-before, true
			}
		case t.nameIs(c, "params") && t.nodes[c].kind == '[':
			r.pairs(c, "params")
		case t.nameIs(c, "size") || t.nameIs(c, "mimeType") || t.nameIs(c, "encoding") || t.nameIs(c, "compression"):
		default:
			mark := len(r.edits)
			r.walk(c, t.name(c), SecretName(t.name(c)))
			r.count.Other += len(r.edits) - mark
		}
	}
	if content && changed {
		r.resize(t.member(obj, "size"), delta, true)
	}
	return delta, changed
}

// nested2 is a redactor for the documents a body holds (JSON in a body),
// kept apart from the entry's own tree.
func (r *jredactor) nested2() *jredactor {
	if r.body2 == nil {
		r.body2 = &jredactor{}
	}
	return r.body2
}

// frames redacts Chrome's _webSocketMessages: text frames (opcode 1) are
// read as JSON when they are JSON, otherwise as lines of a protocol
// (RedactFrame); binary frames stay.
func (r *jredactor) frames(list int) {
	t := &r.t
	for f := t.nodes[list].child; f >= 0; f = t.nodes[f].next {
		if t.nodes[f].kind != '{' {
			r.walk(f, "", false)
			continue
		}
		mark := len(r.edits)
		binary := false
		if op := t.member(f, "opcode"); op >= 0 && t.nodes[op].kind == '0' {
			binary = string(t.doc[t.nodes[op].start:t.nodes[op].end]) == "2"
		}
		for c := t.nodes[f].child; c >= 0; c = t.nodes[c].next {
			if !t.nameIs(c, "data") || t.nodes[c].kind != '"' {
				r.walk(c, t.name(c), SecretName(t.name(c)))
				continue
			}
			if binary {
				continue
			}
			s := t.str(c)
			red, ok := r.nested2().redactNestedJSON(s)
			if !ok {
				red = RedactFrame(s)
			}
			r.setString(c, s, red)
		}
		if len(r.edits) > mark {
			r.count.Frames++
		}
	}
}
