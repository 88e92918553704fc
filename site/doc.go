// Package site builds the static site (index.html, app.wasm, wasm_exec.js,
// app.js, the service worker, the manifest and the assets of web/) and serves
// it with the security headers the page relies on.
//
// The site has no absolute paths: every URL in it is relative, so the same
// files work at / and under any sub-path (/tools/whydenied/), from any static
// server. Build refuses to write a site that still holds an absolute path or
// an off-origin URL.
package site
