//go:build !js

package main

import (
	"io"
	"os"
)

// input is the bytes of one input of inspect. A regular file is mapped
// into memory where the system allows it (inspect_input_unix.go), so that
// a large HAR is never copied: its pages are read from the file as the
// reader reaches them and dropped again behind it (forget), and memory
// holds what was read from it, not the file. Standard input, and files
// that cannot be mapped, are read into memory.
type input struct {
	data   []byte
	mapped bool
	forgot int // bytes before this were dropped from memory
}

func readWhole(r io.Reader) (*input, error) {
	b, err := io.ReadAll(r)
	return &input{data: b}, err
}

// openInput reads "-" (stdin) or the named file.
func openInput(name string, stdin io.Reader) (*input, error) {
	if name == "-" {
		return readWhole(stdin)
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if in, ok := mapFile(f); ok {
		return in, nil
	}
	return readWhole(f)
}
