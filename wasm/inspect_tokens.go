//go:build !js

package main

import (
	"bytes"
	"encoding/json"
	"reflect"
	"slices"

	"whydenied/inspect"
)

// tokenJSON writes the tokens of entries as compact JSON, as json.Marshal
// writes them inside an entry (HTML escaped). A recording carries the
// same few tokens in thousands of requests, and their reports differ only
// in the times, checked against each request's moment: the JSON of a
// token without its times is kept (per raw token, the last one seen) and
// reused while the rest of its report is the same, and only the times are
// encoded for each request.
type tokenJSON struct {
	last map[string]*tokenEncoded
	buf  bytes.Buffer
	enc  *json.Encoder
}

// tokenEncoded is a token's report without its times, and its JSON, with
// where the times go.
type tokenEncoded struct {
	t    inspect.TokenReport
	json []byte
	at   int // -1: the times cannot be placed; encode the token each time
}

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

// appendToken appends the JSON of t (lists filled as listsNotNull fills
// them) to dst.
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
		b, err := c.compact(listsNotNullToken(t))
		return append(dst, b...), err
	}
	b, err := c.compact(times)
	if err != nil {
		return nil, err
	}
	dst = append(dst, e.json[:e.at]...)
	dst = append(dst, `,"times":`...)
	dst = append(dst, b...)
	return append(dst, e.json[e.at:]...), nil
}

// encodeToken encodes t (without times) and finds where its times go:
// encoded with one time, it must read as without, plus `,"times":[…]`
// at one place.
func (c *tokenJSON) encodeToken(t inspect.TokenReport) (*tokenEncoded, error) {
	without, err := c.compact(listsNotNullToken(t))
	if err != nil {
		return nil, err
	}
	e := &tokenEncoded{t: t, json: bytes.Clone(without), at: -1}
	t.Times = []inspect.TimeClaim{{}}
	with, err := c.compact(listsNotNullToken(t))
	if err != nil {
		return nil, err
	}
	one, err := json.Marshal([]inspect.TimeClaim{{}})
	if err != nil {
		return nil, err
	}
	insert := append([]byte(`,"times":`), one...)
	k := 0
	for k < len(e.json) && k < len(with) && e.json[k] == with[k] {
		k++
	}
	// The first difference is inside the member name after `,"`.
	if k -= 2; k > 0 && bytes.HasPrefix(with[k:], insert) && bytes.Equal(with[k+len(insert):], e.json[k:]) {
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
