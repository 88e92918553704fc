// Command wasmsize prints how much code each Go package puts into a
// WebAssembly binary built without -s (make size):
//
//	wasmsize [-top N] [-pkg ./wasm] app.wasm
//
// It asks `GOOS=js GOARCH=wasm go list -deps PKG` for the import paths, to
// name the packages as Go spells them.
//
// See package whydenied/internal/wasmsize for what is and is not counted.
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"strings"

	"whydenied/internal/wasmsize"
)

func main() {
	top := flag.Int("top", 25, "packages to list")
	pkg := flag.String("pkg", "./wasm", "the main package the binary was built from")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: wasmsize [-top N] FILE.wasm")
		os.Exit(2)
	}
	b, err := os.ReadFile(flag.Arg(0))
	if err != nil {
		fmt.Fprintln(os.Stderr, "wasmsize:", err)
		os.Exit(2)
	}
	cmd := exec.Command("go", "list", "-deps", *pkg)
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	out, err := cmd.Output()
	if err != nil {
		fmt.Fprintln(os.Stderr, "wasmsize: go list:", err)
		os.Exit(1)
	}
	r, err := wasmsize.Read(b, strings.Fields(string(out)))
	if err != nil {
		fmt.Fprintln(os.Stderr, "wasmsize:", err)
		os.Exit(1)
	}
	kb := func(n int) string { return fmt.Sprintf("%7.1f KB", float64(n)/1000) }
	fmt.Printf("module %s · code %s · data %s · names %s\n\n", kb(r.Total), kb(r.Code), kb(r.Data), kb(r.Names))
	fmt.Println("| package | code | funcs |")
	fmt.Println("|---|---:|---:|")
	rest, restN := 0, 0
	for i, p := range r.Packages {
		if i < *top {
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
