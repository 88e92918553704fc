// Package e2e holds the browser end-to-end tests: the built static site,
// served on 127.0.0.1 with the Content-Security-Policy, driven in headless
// Chromium through the DOM contract of DESIGN.md.
//
// They need Chromium (apt-get install -y chromium) and fail, not skip,
// without it. `make test` passes the app.wasm it built in WHYDENIED_WASM;
// without that variable the tests build app.wasm themselves.
package e2e
