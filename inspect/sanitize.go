package inspect

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/go-json-experiment/json/jsontext"
)

// SanitizeHAR returns the HAR with its secrets redacted (see
// SanitizeHARStream), or an error and no output.
func SanitizeHAR(data []byte) ([]byte, error) {
	out, _, err := SanitizeHARCounted(data)
	return out, err
}

// SanitizeHARCounted is SanitizeHAR that also says what it redacted.
func SanitizeHARCounted(data []byte) ([]byte, Redactions, error) {
	if err := SanitizeHARStream(io.Discard, bytes.NewReader(data), true); err != nil {
		return nil, Redactions{}, err
	}
	var out bytes.Buffer
	out.Grow(len(data) + len(data)/64)
	n, err := SanitizeHARCount(&out, bytes.NewReader(data))
	if err != nil {
		return nil, Redactions{}, err
	}
	return out.Bytes(), n, nil
}

// SanitizeHARCount is SanitizeHARStream writing to w (check unset) that
// also says what it redacted. What it wrote before an error stays written.
func SanitizeHARCount(w io.Writer, r io.Reader) (Redactions, error) {
	s, err := sanitizeStream(w, r, false)
	if s == nil {
		return Redactions{}, err
	}
	return s.red.count, err
}

// SanitizeHARStream copies the HAR read from r to w with every secret
// redacted, keeping everything else byte for byte (formatting and member
// order included), so the result is still a HAR that loads anywhere:
//
//   - request and response headers (RedactHeader): the credentials of
//     Authorization, Proxy-Authorization and DPoP (scheme kept; JWTs keep
//     header and payload; Basic keeps the user), every cookie of Cookie and
//     Set-Cookie (several lines included), the value of any header named
//     like a secret (X-Api-Key, X-Client-Secret, X-Session-Id, Token, …),
//     whatever the JSON type of the value;
//   - the cookie lists' values; URLs, redirectURL and queryString (user-info
//     passwords, code, key, sig, X-Amz-Signature, access_token in fragments,
//     …: RedactURL);
//   - bodies by media type (RedactBody), base64 ones too when their type is
//     text (decoded, redacted, encoded again; binary bodies stay), and the
//     text frames of _webSocketMessages (RedactFrame);
//   - every other string of the file as text (RedactText), and members named
//     like a secret anywhere (RedactJSON).
//
// headersSize becomes -1 where headers or the URL changed; content.size and
// bodySize follow a changed body. It reads the file once, holding one entry
// at a time, so memory does not grow with the file.
//
// With check set it only reads: it reports whether the input is a HAR that
// can be sanitized (not JSON, no log.entries, cut off) without writing;
// run it first when a half-written output must be avoided, since a stream
// cannot be taken back.
//
// It cannot know secrets that look like ordinary text in a field with an
// ordinary name.
func SanitizeHARStream(w io.Writer, r io.Reader, check bool) error {
	_, err := sanitizeStream(w, r, check)
	return err
}

func sanitizeStream(w io.Writer, r io.Reader, check bool) (*sanitizer, error) {
	s := &sanitizer{check: check}
	br := bufio.NewReaderSize(r, 64<<10)
	if b, _ := br.Peek(2); len(b) == 2 && b[0] == 0x1f && b[1] == 0x8b {
		// A .har.gz: read through gzip; the output is the plain HAR.
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, &HARError{Err: ErrEncoding, Msg: "gzip-compressed, but the gzip header cannot be read: " + err.Error()}
		}
		defer zr.Close()
		br = bufio.NewReaderSize(zr, 64<<10)
	}
	if b, _ := br.Peek(64); len(b) > 0 {
		if le, ok := utf16Order(b); ok {
			order := "UTF-16BE"
			if le {
				order = "UTF-16LE"
			}
			return nil, &HARError{Err: ErrEncoding, Msg: order + " text: sanitize reads HARs in UTF-8 (as browsers export them); convert the file first, e.g. iconv -f " + order + " -t UTF-8"}
		}
	}
	if b, _ := br.Peek(3); bytes.Equal(b, utf8BOM) {
		br.Discard(3)
		s.shift = 3
	}
	s.rec = recorder{r: br}
	s.dec = jsontext.NewDecoder(&s.rec, jsonReadOptions...)
	s.out = bufio.NewWriterSize(w, 64<<10)
	if err := s.run(); err != nil {
		return s, err
	}
	return s, s.out.Flush()
}

type sanitizer struct {
	check  bool
	shift  int64 // a byte-order mark that was skipped
	rec    recorder
	dec    *jsontext.Decoder
	out    *bufio.Writer
	copied int64 // input up to here is written
	red    jredactor
}

// recorder keeps what the decoder read that is not written yet, so that
// unchanged bytes are copied as they were.
type recorder struct {
	r    io.Reader
	buf  []byte
	base int64 // input offset of buf[0]
}

func (rc *recorder) Read(p []byte) (int, error) {
	n, err := rc.r.Read(p)
	rc.buf = append(rc.buf, p[:n]...)
	return n, err
}

// drop forgets the input before offset upto; it moves the rest down only
// when that costs less than what was dropped, so each byte is moved O(1)
// times.
func (rc *recorder) drop(upto int64) {
	k := int(upto - rc.base)
	if k < 32<<10 || k < len(rc.buf)-k {
		return
	}
	n := copy(rc.buf, rc.buf[k:])
	rc.buf = rc.buf[:n]
	rc.base = upto
}

// copyTo writes the input up to offset upto.
func (s *sanitizer) copyTo(upto int64) {
	if upto <= s.copied {
		return
	}
	if !s.check {
		s.out.Write(s.rec.buf[s.copied-s.rec.base : upto-s.rec.base])
	}
	s.copied = upto
	s.rec.drop(upto)
}

// replace writes the input up to start, then repl instead of the input up
// to end.
func (s *sanitizer) replace(start, end int64, repl []byte) {
	s.copyTo(start)
	if !s.check {
		s.out.Write(repl)
	}
	s.copied = end
	s.rec.drop(end)
}

func (s *sanitizer) errorf(err error) error {
	he := &HARError{Err: ErrSyntax, Offset: s.dec.InputOffset() + s.shift, Msg: err.Error()}
	var se *jsontext.SyntacticError
	if errors.As(err, &se) {
		he.Offset, he.Path, he.Msg = se.ByteOffset+s.shift, pointerPath(se.JSONPointer), strings.TrimPrefix(se.Err.Error(), "jsontext: ")
		if errors.Is(se.Err, io.ErrUnexpectedEOF) {
			he.Err, he.Msg = ErrTruncated, "the file ends in the middle of a value (cut off?)"
		}
	} else if errors.Is(err, gzip.ErrChecksum) || errors.Is(err, gzip.ErrHeader) {
		he.Err, he.Msg = ErrEncoding, "gzip-compressed, but the compressed data is corrupt: "+err.Error()
	} else if errors.Is(err, io.ErrUnexpectedEOF) {
		he.Err, he.Msg = ErrTruncated, "the file ends in the middle of a value (cut off?)"
	}
	return he
}

func (s *sanitizer) notHAR(msg string) error {
	return &HARError{Err: ErrNotHAR, Offset: s.dec.InputOffset() + s.shift, Msg: msg}
}

func (s *sanitizer) run() error {
	switch k := s.dec.PeekKind(); k {
	case '{':
	case 0:
		if _, err := s.dec.ReadToken(); err == io.EOF {
			return &HARError{Err: ErrNotJSON, Offset: s.shift, Msg: "empty input: no HAR to sanitize"}
		}
		return &HARError{Err: ErrNotJSON, Offset: s.shift, Msg: "not JSON, so not a HAR"}
	default:
		if _, err := s.dec.ReadValue(); err != nil {
			return &HARError{Err: ErrNotJSON, Offset: s.shift, Msg: "not JSON, so not a HAR"}
		}
		return &HARError{Err: ErrNotHAR, Offset: s.shift, Msg: fmt.Sprintf("JSON, but not a HAR: the file is a JSON %s, not an object with log.entries", kindWord(k))}
	}
	entries := false
	err := s.object(func(name string) (bool, error) {
		if name != "log" || s.dec.PeekKind() != '{' {
			return false, nil
		}
		return true, s.object(func(name string) (bool, error) {
			if name != "entries" || s.dec.PeekKind() != '[' {
				return false, nil
			}
			entries = true
			return true, s.entries()
		})
	})
	if err != nil {
		return err
	}
	if _, err := s.dec.ReadToken(); err != io.EOF {
		if err == nil {
			return s.notHAR("more JSON after the HAR")
		}
		return s.errorf(err)
	}
	if !entries {
		return s.notHAR("JSON, but not a HAR: no log.entries")
	}
	s.copyTo(s.rec.base + int64(len(s.rec.buf)))
	return nil
}

// object reads an object member by member: each is offered to member,
// which reads it itself (true) or leaves it to be redacted as JSON.
func (s *sanitizer) object(member func(name string) (bool, error)) error {
	if _, err := s.dec.ReadToken(); err != nil {
		return s.errorf(err)
	}
	for s.dec.PeekKind() != '}' {
		tok, err := s.dec.ReadToken()
		if err != nil {
			return s.errorf(err)
		}
		name := tok.String()
		done, err := member(name)
		if err != nil {
			return err
		}
		if !done {
			if err := s.value(func(doc []byte) ([]byte, error) {
				if err := s.red.t.parse(doc); err != nil {
					return nil, err
				}
				s.red.edits = s.red.edits[:0]
				s.red.walk(0, name, SecretName(name))
				s.red.count.Other += len(s.red.edits)
				return s.red.apply(), nil
			}); err != nil {
				return err
			}
		}
	}
	if _, err := s.dec.ReadToken(); err != nil {
		return s.errorf(err)
	}
	return nil
}

func (s *sanitizer) entries() error {
	if _, err := s.dec.ReadToken(); err != nil {
		return s.errorf(err)
	}
	for s.dec.PeekKind() != ']' {
		if err := s.value(s.red.redactEntry); err != nil {
			return err
		}
	}
	if _, err := s.dec.ReadToken(); err != nil {
		return s.errorf(err)
	}
	return nil
}

// value reads the next value whole and writes what redact makes of it.
func (s *sanitizer) value(redact func([]byte) ([]byte, error)) error {
	s.copyTo(s.dec.InputOffset())
	if s.check {
		if err := s.dec.SkipValue(); err != nil {
			return s.errorf(err)
		}
		s.copyTo(s.dec.InputOffset())
		return nil
	}
	raw, err := s.dec.ReadValue()
	if err != nil {
		return s.errorf(err)
	}
	end := s.dec.InputOffset()
	start := end - int64(len(raw))
	out, err := redact(raw)
	if err != nil {
		return &HARError{Err: ErrSyntax, Offset: start + s.shift, Msg: err.Error()}
	}
	if !bytes.Equal(out, raw) {
		s.replace(start, end, out)
	} else {
		s.copyTo(end)
	}
	return nil
}

func kindWord(k jsontext.Kind) string {
	switch k {
	case '[':
		return "array"
	case '"':
		return "string"
	case '0':
		return "number"
	case 't', 'f':
		return "boolean"
	case 'n':
		return "null"
	}
	return "value"
}
