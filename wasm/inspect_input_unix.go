//go:build !js && unix

package main

import (
	"os"
	"syscall"
)

// mapFile maps a regular, non-empty file read-only. ok is false when it
// cannot be (a pipe, a special file, a system that refuses): the caller
// reads it instead.
func mapFile(f *os.File) (*input, bool) {
	st, err := f.Stat()
	if err != nil || !st.Mode().IsRegular() || st.Size() <= 0 || st.Size() != int64(int(st.Size())) {
		return nil, false
	}
	b, err := syscall.Mmap(int(f.Fd()), 0, int(st.Size()), syscall.PROT_READ, syscall.MAP_PRIVATE)
	if err != nil {
		return nil, false
	}
	return &input{data: b, mapped: true}, true
}

// forget drops the mapped pages before upTo from memory: the reader has
// passed them (nothing it keeps points into them; inspect copies what it
// keeps). Touched again, they would be read from the file anew.
func (in *input) forget(upTo int) {
	if !in.mapped {
		return
	}
	page := os.Getpagesize()
	upTo = min(upTo, len(in.data)) / page * page
	if upTo-in.forgot < 4<<20 {
		return
	}
	syscall.Madvise(in.data[in.forgot:upTo], syscall.MADV_DONTNEED)
	in.forgot = upTo
}

// close unmaps the file; data must not be used after it.
func (in *input) close() {
	if in.mapped {
		syscall.Munmap(in.data)
		in.data, in.mapped = nil, false
	}
}
