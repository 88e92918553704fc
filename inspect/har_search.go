//go:build !wasm

package inspect

// searchQuote makes stringBody look for a string's end with bytes.IndexByte
// first: with vector instructions it passes a base64 body many times faster
// than the word loop. WebAssembly has no such instructions (har_search_wasm.go).
const searchQuote = true
