//go:build !js

package main

import (
	"errors"
	"testing"
)

func TestPkgOf(t *testing.T) {
	known := map[string]string{}
	for _, p := range []string{"github.com/maxence-charriere/go-app/v10/pkg/app", "whydenied/inspect", "runtime", "mvdan.cc/sh/v3/syntax"} {
		known[mangle(p)] = p
	}
	cases := []struct{ sym, want string }{
		// A method on a pointer receiver: the linker writes (*T) as __T_.
		{"github.com_maxence_charriere_go_app_v10_pkg_app.__htmlDiv_.Body", "github.com/maxence-charriere/go-app/v10/pkg/app"},
		// A plain function of a project package.
		{"whydenied_inspect.ParseTokens", "whydenied/inspect"},
		// A generic instantiation keeps its package before the first dot.
		{"runtime.mallocgc", "runtime"},
		// A package go list did not name: guessed after its domain.
		{"golang.org_x_text_unicode.Lookup", "golang.org_x_text_unicode"},
		// The linker's own symbols (type:…, written type_).
		{"type_.eq.internal_abi.ITab", "type_"},
		// No name at all.
		{"", "(unnamed)"},
	}
	for _, c := range cases {
		if got := pkgOf(c.sym, known); got != c.want {
			t.Errorf("pkgOf(%q) = %q, want %q", c.sym, got, c.want)
		}
	}
}

func TestReadRejects(t *testing.T) {
	// Not WebAssembly at all.
	if _, err := readWasmSizes([]byte("not wasm"), nil); !errors.Is(err, errNotWasm) {
		t.Errorf("readWasmSizes(text) error = %v, want errNotWasm", err)
	}
	// A valid empty module: no name section, as after -ldflags=-s.
	if _, err := readWasmSizes([]byte("\x00asm\x01\x00\x00\x00"), nil); !errors.Is(err, errNoNames) {
		t.Errorf("readWasmSizes(empty module) error = %v, want errNoNames", err)
	}
	// A section whose length runs past the end.
	if _, err := readWasmSizes([]byte("\x00asm\x01\x00\x00\x00\x0a\x7f"), nil); !errors.Is(err, errNotWasm) {
		t.Errorf("readWasmSizes(truncated) error = %v, want errNotWasm", err)
	}
}

// FuzzRead only asks that no input makes Read panic or allocate without
// bound: the lengths in a module are untrusted.
func FuzzReadWasmSizes(f *testing.F) {
	f.Add([]byte("\x00asm\x01\x00\x00\x00"))
	// A code section claiming 2^63 bodies.
	f.Add([]byte("\x00asm\x01\x00\x00\x00\x0a\x0b\xff\xff\xff\xff\xff\xff\xff\xff\x7f\x00\x00"))
	// A name section whose subsection length overflows.
	f.Add([]byte("\x00asm\x01\x00\x00\x00\x00\x10\x04name\x01\xff\xff\xff\xff\xff\xff\xff\xff\x7f"))
	// An import section with a huge module-name length.
	f.Add([]byte("\x00asm\x01\x00\x00\x00\x02\x06\x01\xff\xff\xff\xff\x0f"))
	f.Fuzz(func(t *testing.T, b []byte) {
		readWasmSizes(b, []string{"runtime"})
	})
}
