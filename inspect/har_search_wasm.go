//go:build wasm

package inspect

// searchQuote is false in WebAssembly, where bytes.IndexByte is a loop over
// bytes, slower than stringBody's eight-byte words.
const searchQuote = false
