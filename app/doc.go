// Package ui is the page: go-app components that read what the user pastes,
// hand it to inspect and render the inspect.Report that comes back. It keeps
// UI state only; every rule lives in inspect.
//
// Pasted text stays in the component's memory. It is never written to the
// URL, to localStorage, sessionStorage or IndexedDB (go-app's Persist,
// Broadcast and LocalStorage are not used), to a log line or to the network,
// and it is rendered only as text, never as HTML.
//
// The DOM ids and data attributes the browser tests rely on are listed in
// ids.go and in DESIGN.md ("DOM contract").
//
// The package is named ui, not after its folder: every file here and the
// page's main package in wasm/ also use go-app's package, which is named
// app. A package app here would make each of them rename one of the two;
// named ui, importers write ui "whydenied/app" and go-app keeps its name.
package ui
