package ui

// HARMarkPrefix starts the names of the performance.mark() entries a HAR
// ingest records at each of its steps (make bench prints them): the file's
// bytes read into Go memory (…-copied: reading and copying go piece by
// piece, together), read as a HAR (…-parsed), its requests judged
// (…-judged), and the verdict and the table rendered (…-shown).
const HARMarkPrefix = "whydenied-har-"

// harMark records HARMarkPrefix+step.
func harMark(step string) { mark(HARMarkPrefix + step) }
