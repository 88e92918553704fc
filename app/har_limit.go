package ui

import "fmt"

// MaxHARBytes is the largest HAR file the page reads. The page holds a
// file twice while it reads it (the browser's copy, then Go's), and a 100 MB
// file takes one to three seconds; past this size the command line, which
// reads any size, is the better tool.
const MaxHARBytes = 256 << 20

// tooBigHAR is the message for a file over MaxHARBytes.
func tooBigHAR(size float64) string {
	return fmt.Sprintf("this file is %.0f MB, and the page reads HAR files of up to %d MB. "+
		"Read it with the command line instead, which takes files of any size: whydenied inspect FILE.har",
		size/(1<<20), MaxHARBytes>>20)
}
