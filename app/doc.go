// Package ui is the page: go-app components that read what the user pastes,
// hand it to inspect and render the inspect.Report that comes back. It keeps
// UI state only; every rule lives in inspect.
//
// Page (page.go) holds the inputs and their judgement and lays out one
// component per part of it: inputsPanel (inputs_panel.go), verdictPanel
// (verdict_panel.go: #verdict and #findings, written from the event's own
// handler), requestsPanel (request.go: a command's requests), harPanel
// (har_panel.go: a HAR's failures, filters, table and opened request) and
// tokensPanel (token.go). Each receives what it shows in its exported
// fields and keeps only its own view state (the HAR panel's filters).
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
