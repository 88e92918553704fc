package inspect

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// feeder hands a file to ParseHARStream chunk by chunk: buf starts filled
// with garbage and receives the file's bytes only as wait asks for them, so
// a reader that looked past what had arrived would read the garbage.
type feeder struct {
	src, buf []byte
	avail    int
	chunk    int
	waits    int
	// stopAt, when > 0, is where the file ends early (a stream that
	// delivered less than announced).
	stopAt int
	cancel func()
}

func newFeeder(src []byte, chunk int) *feeder {
	buf := bytes.Repeat([]byte{'"'}, len(src))
	copy(buf, "]}}]}\x00")
	return &feeder{src: src, buf: buf, chunk: max(chunk, 1)}
}

func (f *feeder) wait(n int) (int, bool) {
	f.waits++
	end := len(f.src)
	if f.stopAt > 0 {
		end = f.stopAt
	}
	if f.cancel != nil && f.waits == 3 {
		f.cancel()
		return f.avail, false
	}
	for f.avail < n && f.avail < end {
		m := min(f.avail+f.chunk, end)
		copy(f.buf[f.avail:m], f.src[f.avail:m])
		f.avail = m
	}
	return f.avail, f.avail == end
}

// sameParse checks that streaming data in chunks with a window gives what
// ParseHAR gives for the whole file: the same case and the same error.
func sameParse(t *testing.T, name string, data []byte, chunk, window int) {
	t.Helper()
	want, wantErr := ParseHAR(context.Background(), data, nil)
	f := newFeeder(data, chunk)
	got, err := parseHARStream(context.Background(), f.buf, f.wait, nil, window)
	if fmt.Sprint(err) != fmt.Sprint(wantErr) {
		t.Fatalf("%s (chunk %d, window %d): error %v, want %v", name, chunk, window, err, wantErr)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("%s (chunk %d, window %d): the case differs from ParseHAR's:\n got %d entries %+v\nwant %d entries %+v",
			name, chunk, window, len(got.Entries), got.Findings, len(want.Entries), want.Findings)
	}
}

// TestParseHARStreamSameAsParseHAR reads every golden HAR, a generated one
// and broken ones as they would arrive from a browser stream, in chunks of
// several sizes and with windows smaller and larger than their entries:
// the result is always ParseHAR's on the whole file, also where an entry
// runs past what had arrived (read again) and where the file is cut or not
// a HAR (the error is the one for the whole file, with its offset).
func TestParseHARStreamSameAsParseHAR(t *testing.T) {
	files, _ := filepath.Glob("../testdata/har/*.txtar")
	if len(files) == 0 {
		t.Fatal("no golden files found in ../testdata/har")
	}
	inputs := map[string][]byte{"generated": genHAR(40, 3000)}
	for _, path := range files {
		f := readTxtar(t, path)
		in := buildTokens(t, f, f.data["har"])
		if strings.Contains(f.comment, "[bom]") {
			in = "\uFEFF" + in
		}
		inputs[filepath.Base(path)] = []byte(in)
	}
	gen := inputs["generated"]
	// Cut in the middle of an entry: a truncated file.
	inputs["cut"] = gen[:len(gen)/2]
	// Not a HAR, found only at the end.
	inputs["no log"] = append([]byte(`{"x":`), append(bytes.Clone(gen), '}')...)
	// A problem in the first window: not JSON at all.
	inputs["not json"] = []byte("hello, world")
	inputs["empty"] = nil
	for name, data := range inputs {
		for _, chunk := range []int{1, 97, 4096, 1 << 20} {
			for _, window := range []int{64, 5000, 1 << 20} {
				if chunk == 1 && len(data) > 20000 {
					continue // slow and covered by 97
				}
				sameParse(t, name, data, chunk, window)
			}
		}
	}
}

// TestParseHARStreamShort: a stream that ends before the size it announced
// is read as the file it delivered (here: cut, so a truncation error).
func TestParseHARStreamShort(t *testing.T) {
	data := genHAR(20, 2000)
	f := newFeeder(data, 1000)
	f.stopAt = len(data) * 2 / 3
	got, err := parseHARStream(context.Background(), f.buf, f.wait, nil, 4096)
	want, wantErr := ParseHAR(context.Background(), data[:f.stopAt], nil)
	if fmt.Sprint(err) != fmt.Sprint(wantErr) || !errors.Is(err, ErrTruncated) {
		t.Fatalf("error %v, want %v (truncated)", err, wantErr)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("%d entries, want %d", len(got.Entries), len(want.Entries))
	}
}

// TestParseHARStreamCancel: cancelling while the file arrives stops the
// reading with an error wrapping context.Canceled.
func TestParseHARStreamCancel(t *testing.T) {
	data := genHAR(50, 2000)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	f := newFeeder(data, 1000)
	f.cancel = cancel
	_, err := parseHARStream(ctx, f.buf, f.wait, nil, 4096)
	var he *HARError
	if !errors.Is(err, context.Canceled) || !errors.As(err, &he) {
		t.Fatalf("error %v, want a *HARError wrapping context.Canceled", err)
	}
}

// FuzzParseHARStream: whatever the file, the chunk size and the window,
// streaming gives ParseHAR's result.
func FuzzParseHARStream(f *testing.F) {
	for _, s := range []string{``, `{`, `{"log":{"entries":[]}}`, `{"log":{"entries":[{}]},"pages":[1`,
		`{"log":{"entries":[{"request":{"url":"a"}},{"response":{"status":4`, string(genHAR(3, 300))} {
		f.Add([]byte(s), uint16(7), uint16(64))
	}
	f.Fuzz(func(t *testing.T, data []byte, chunk, window uint16) {
		sameParse(t, "fuzz", data, int(chunk), int(window)+1)
	})
}
