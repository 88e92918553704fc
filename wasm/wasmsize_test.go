//go:build !js

package main

// The size report (make size) attributes the code of a Go WebAssembly binary to the Go
// packages it came from, for the size report in docs/benchmarks.md.
//
// `go tool nm` does not read WebAssembly, so this reads the module itself:
// the code section gives each function body's size and the "name" custom
// section, which the Go linker writes unless -s is given, gives each
// function's symbol name. Build the binary without -ldflags=-s to report on
// it; function bodies are the same as in the stripped build.
//
// Limits: only function bodies are attributed. The data section (type
// descriptors, pclntab, string and table literals) is reported as one figure,
// because its segments carry no names.
//
// TestWasmSizeReport prints the report for the binary named by
// WHYDENIED_SIZE_WASM; it is skipped otherwise.

import (
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"sort"
	"strings"
	"testing"
)

// sizeReport is what a binary is made of.
type sizeReport struct {
	Total int // bytes of the whole module
	Code  int // bytes of the code section
	Data  int // bytes of the data section
	Names int // bytes of the name section (absent in a -s build)
	// Packages lists the code size per package, largest first.
	Packages []sizePackage
}

// sizePackage is the code one Go package contributes.
type sizePackage struct {
	Path  string
	Size  int // bytes of function bodies
	Funcs int
}

// errNotWasm is returned for input that is not a WebAssembly module.
var errNotWasm = errors.New("not a WebAssembly module")

// errNoNames is returned when the module has no name section (built with -s).
var errNoNames = errors.New("no name section: build without -ldflags=-s")

// readWasmSizes parses a module and groups its function bodies by package. The
// linker writes names with every character but letters, digits, '.' and '_'
// replaced by '_' ("github.com/a/b.F" is "github.com_a_b.F"); paths, the
// import paths linked into the binary (go list -deps), turn them back.
// Names matching none of them are grouped by a guess at their package.
func readWasmSizes(b []byte, paths []string) (sizeReport, error) {
	if len(b) < 8 || string(b[:4]) != "\x00asm" {
		return sizeReport{}, errNotWasm
	}
	r := sizeReport{Total: len(b)}
	var imported int
	var bodies []int
	var names map[int]string
	for i := 8; i < len(b); {
		id := b[i]
		n, k := binary.Uvarint(b[i+1:])
		if k <= 0 || n > uint64(len(b)) || i+1+k+int(n) > len(b) {
			return r, fmt.Errorf("section at byte %d: %w", i, errNotWasm)
		}
		sec := b[i+1+k : i+1+k+int(n)]
		switch id {
		case 2:
			imported = countFuncImports(sec)
		case 10:
			r.Code = len(sec)
			bodies = readBodies(sec)
		case 11:
			r.Data = len(sec)
		case 0:
			l, k := binary.Uvarint(sec)
			if k > 0 && l <= uint64(len(sec)-k) && string(sec[k:k+int(l)]) == "name" {
				r.Names = len(sec)
				names = readNames(sec[k+int(l):])
			}
		}
		i += 1 + k + int(n)
	}
	if names == nil {
		return r, errNoNames
	}
	known := make(map[string]string, len(paths))
	for _, p := range paths {
		known[mangle(p)] = p
	}
	by := map[string]*sizePackage{}
	for j, size := range bodies {
		p := pkgOf(names[imported+j], known)
		if by[p] == nil {
			by[p] = &sizePackage{Path: p}
		}
		by[p].Size += size
		by[p].Funcs++
	}
	for _, p := range by {
		r.Packages = append(r.Packages, *p)
	}
	sort.Slice(r.Packages, func(i, j int) bool {
		if r.Packages[i].Size != r.Packages[j].Size {
			return r.Packages[i].Size > r.Packages[j].Size
		}
		return r.Packages[i].Path < r.Packages[j].Path
	})
	return r, nil
}

// Mangle spells an import path the way the linker's name section does.
func mangle(path string) string {
	return strings.Map(func(r rune) rune {
		if r == '.' || r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' {
			return r
		}
		return '_'
	}, path)
}

// pkgOf returns the package of a mangled symbol: the longest known path it
// starts with (followed by '.'), else everything up to the first '.' after
// a leading domain ("mvdan.cc_sh_v3_syntax.F" → "mvdan.cc_sh_v3_syntax").
func pkgOf(sym string, known map[string]string) string {
	if sym == "" {
		return "(unnamed)"
	}
	best := ""
	for i := 0; i < len(sym); i++ {
		if sym[i] != '.' {
			continue
		}
		if p, ok := known[sym[:i]]; ok && len(p) > len(best) {
			best = p
		}
	}
	if best != "" {
		return best
	}
	start := 0
	if u := strings.IndexByte(sym, '_'); u > 0 && strings.Contains(sym[:u], ".") {
		start = u
	}
	if dot := strings.IndexByte(sym[start:], '.'); dot >= 0 {
		return sym[:start+dot]
	}
	return sym
}

// countFuncImports counts the imported functions, which come first in the
// function index space.
func countFuncImports(sec []byte) int {
	n, i := uvarint(sec, 0)
	funcs := 0
	for ; n > 0 && i < len(sec); n-- {
		for range 2 { // module and field names
			l, j := uvarint(sec, i)
			if l > uint64(len(sec)-j) {
				return funcs
			}
			i = j + int(l)
		}
		if i >= len(sec) {
			break
		}
		kind := sec[i]
		i++
		switch kind {
		case 0: // function: type index
			_, i = uvarint(sec, i)
			funcs++
		case 1: // table: elem type, limits
			i++
			i = skipLimits(sec, i)
		case 2: // memory: limits
			i = skipLimits(sec, i)
		case 3: // global: type, mutability
			i += 2
		}
	}
	return funcs
}

func skipLimits(sec []byte, i int) int {
	if i >= len(sec) {
		return i
	}
	flag := sec[i]
	_, i = uvarint(sec, i+1)
	if flag&1 != 0 {
		_, i = uvarint(sec, i)
	}
	return i
}

func readBodies(sec []byte) []int {
	n, i := uvarint(sec, 0)
	var out []int
	for ; n > 0 && i < len(sec); n-- {
		size, j := uvarint(sec, i)
		if size > uint64(len(sec)-j) {
			break
		}
		out = append(out, j-i+int(size))
		i = j + int(size)
	}
	return out
}

// readNames reads subsection 1 (function names) of a name section.
func readNames(b []byte) map[int]string {
	names := map[int]string{}
	for i := 0; i < len(b); {
		id := b[i]
		size, j := uvarint(b, i+1)
		end := len(b)
		if size <= uint64(len(b)-j) {
			end = j + int(size)
		}
		if id == 1 {
			n, k := uvarint(b, j)
			for ; n > 0 && k < end; n-- {
				idx, k2 := uvarint(b, k)
				l, k3 := uvarint(b, k2)
				if l > uint64(end-k3) {
					break
				}
				names[int(idx)] = string(b[k3 : k3+int(l)])
				k = k3 + int(l)
			}
		}
		i = end
	}
	return names
}

// uvarint reads an unsigned LEB128 at i and returns it with the next index;
// at a truncated end it returns 0 and len(b).
func uvarint(b []byte, i int) (uint64, int) {
	if i >= len(b) {
		return 0, len(b)
	}
	v, k := binary.Uvarint(b[i:])
	if k <= 0 {
		return 0, len(b)
	}
	return v, i + k
}

func TestWasmSizeReport(t *testing.T) {
	path := os.Getenv("WHYDENIED_SIZE_WASM")
	if path == "" {
		t.Skip("set WHYDENIED_SIZE_WASM to a WebAssembly binary built without -s (make size)")
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("go", "list", "-deps", ".")
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	r, err := readWasmSizes(b, strings.Fields(string(out)))
	if err != nil {
		t.Fatal(err)
	}
	kb := func(n int) string { return fmt.Sprintf("%7.1f KB", float64(n)/1000) }
	fmt.Printf("module %s · code %s · data %s · names %s\n\n", kb(r.Total), kb(r.Code), kb(r.Data), kb(r.Names))
	fmt.Println("| package | code | funcs |")
	fmt.Println("|---|---:|---:|")
	const top = 30
	rest, restN := 0, 0
	for i, p := range r.Packages {
		if i < top {
			fmt.Printf("| %s | %s | %d |\n", p.Path, kb(p.Size), p.Funcs)
			continue
		}
		rest += p.Size
		restN++
	}
	if restN > 0 {
		fmt.Printf("| %d other packages | %s | |\n", restN, kb(rest))
	}
}
