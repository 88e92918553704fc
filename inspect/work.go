package inspect

import "sync/atomic"

// work counts the bytes and items the readers examine where the cost is
// time, not memory (a regular expression over the text before a token, a
// search for duplicates). Tests compare it at n and 10n to check that
// reading grows linearly with the input; timings are left to benchmarks.
var work atomic.Int64
