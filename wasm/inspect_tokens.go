//go:build !js

package main

import (
	"bytes"
	"encoding/json"
	"reflect"
	"slices"

	"whydenied/inspect"
)

// tokenJSON writes the tokens of entries as they appear in the output:
// indented in an entry's "tokens" list, with HTML escaped as json.Marshal
// escapes it inside an entry. A recording carries the same few tokens in
// thousands of requests, and their reports differ only in the times,
// checked against each request's moment: the JSON of a token without its
// times is kept (per raw token, the last one seen) and reused while the
// rest of its report is the same, and only the times are encoded for each
// request.
type tokenJSON struct {
	last     map[string]*tokenEncoded
	buf      bytes.Buffer
	enc      *json.Encoder
	ind      []byte
	oneTime  []byte // the times member with one zero time, as placed
	oneTimeE error
}

// tokenEncoded is a token's report without its times, and its JSON, with
// where the times go.
type tokenEncoded struct {
	t    inspect.TokenReport
	json []byte
	at   int // -1: the times cannot be placed; encode the token each time
}

// The indentation of a token in an entry's list (the entries are written
// with the prefix "    "), and of its members.
const (
	tokenPrefix = "        "
	timesPrefix = tokenPrefix + "  "
)

// tokenJSONMax bounds the tokens remembered; past it they are forgotten.
const tokenJSONMax = 64

func newTokenJSON() *tokenJSON {
	c := &tokenJSON{last: map[string]*tokenEncoded{}}
	c.enc = json.NewEncoder(&c.buf)
	return c
}

// compact returns the compact JSON of v, as json.Marshal writes it, in
// space reused by the next call.
func (c *tokenJSON) compact(v any) ([]byte, error) {
	c.buf.Reset()
	if err := c.enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(c.buf.Bytes(), []byte("\n")), nil
}

// indented appends v, indented under prefix, to dst.
func (c *tokenJSON) indented(dst []byte, v any, prefix string) ([]byte, error) {
	b, err := c.compact(v)
	if err != nil {
		return nil, err
	}
	return appendIndentJSON(dst, b, prefix, "  "), nil
}

// appendToken appends the JSON of t (lists filled as listsNotNull fills
// them), indented as in an entry's list, to dst.
func (c *tokenJSON) appendToken(dst []byte, t inspect.TokenReport) ([]byte, error) {
	times := t.Times
	t.Times = nil
	e := c.last[t.Raw]
	if e == nil || !sameToken(e.t, t) {
		var err error
		if e, err = c.encodeToken(t); err != nil {
			return nil, err
		}
		if len(c.last) >= tokenJSONMax {
			clear(c.last)
		}
		c.last[t.Raw] = e
	}
	if len(times) == 0 {
		return append(dst, e.json...), nil
	}
	if e.at < 0 {
		t.Times = times
		return c.indented(dst, listsNotNullToken(t), tokenPrefix)
	}
	dst = append(dst, e.json[:e.at]...)
	dst = append(dst, ",\n"+timesPrefix+`"times": `...)
	dst, err := c.indented(dst, times, timesPrefix)
	if err != nil {
		return nil, err
	}
	return append(dst, e.json[e.at:]...), nil
}

// encodeToken encodes t (without times) and finds where its times go:
// encoded with one time, it must read as without, plus the times member
// before one of the members that follow it.
func (c *tokenJSON) encodeToken(t inspect.TokenReport) (*tokenEncoded, error) {
	without, err := c.indented(nil, listsNotNullToken(t), tokenPrefix)
	if err != nil {
		return nil, err
	}
	e := &tokenEncoded{t: t, json: without, at: -1}
	t.Times = []inspect.TimeClaim{{}}
	c.ind, err = c.indented(c.ind[:0], listsNotNullToken(t), tokenPrefix)
	if err != nil {
		return nil, err
	}
	with := c.ind
	insert := []byte(",\n" + timesPrefix + `"times": `)
	if insert, err = c.indented(insert, t.Times, timesPrefix); err != nil {
		return nil, err
	}
	d := 0
	for d < len(without) && d < len(with) && without[d] == with[d] {
		d++
	}
	// The first difference is in the name of the member after the
	// times: they go before the comma that starts it.
	if k := bytes.LastIndexByte(without[:d], ','); k > 0 && len(with) == len(without)+len(insert) &&
		bytes.Equal(with[:k], without[:k]) && bytes.Equal(with[k:k+len(insert)], insert) && bytes.Equal(with[k+len(insert):], without[k:]) {
		e.at = k
	}
	return e, nil
}

// sameToken reports whether two reports of a token (times left out) write
// the same JSON: every member written is equal.
func sameToken(a, b inspect.TokenReport) bool {
	return a.Source == b.Source && a.Kind == b.Kind && bytes.Equal(a.Header, b.Header) && (a.Header == nil) == (b.Header == nil) &&
		bytes.Equal(a.Payload, b.Payload) && (a.Payload == nil) == (b.Payload == nil) && a.PayloadText == b.PayloadText &&
		a.Alg == b.Alg && a.Signature == b.Signature && a.Verdict == b.Verdict &&
		sameList(a.Claims, b.Claims) && sameList(a.HeaderParams, b.HeaderParams) &&
		sameList(a.Checks, b.Checks) && sameList(a.Findings, b.Findings)
}

func sameList[T comparable](a, b []T) bool {
	return (a == nil) == (b == nil) && slices.Equal(a, b)
}

// listsNotNullToken is listsNotNull for one token.
func listsNotNullToken(t inspect.TokenReport) inspect.TokenReport {
	fillSlices(reflect.ValueOf(&t).Elem())
	return t
}
