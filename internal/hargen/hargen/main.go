// Command hargen writes a generated session HAR (see package hargen) to
// standard output, for measuring the CLI by hand:
//
//	go run ./internal/hargen/hargen -mb 100 > session-100mb.har
package main

import (
	"flag"
	"fmt"
	"os"

	"whydenied/internal/hargen"
)

func main() {
	mb := flag.Int64("mb", 10, "size in MiB")
	seed := flag.Uint64("seed", 1, "random seed: the same seed gives the same file")
	flag.Parse()
	s, err := hargen.WriteSession(os.Stdout, *mb<<20, *seed)
	if err != nil {
		fmt.Fprintln(os.Stderr, "hargen:", err)
		os.Exit(1)
	}
	fmt.Fprintf(os.Stderr, "hargen: %d bytes, %d entries, %d tokens\n", s.Bytes, s.Entries, len(s.Tokens))
}
