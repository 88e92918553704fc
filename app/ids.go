package ui

// Element ids of the DOM contract (DESIGN.md). Tests and the early-input
// capture rely on them; change them only with the contract.
const (
	TokenInputID       = "token-input"
	RequirementInputID = "requirement-input"
	CurlInputID        = "curl-input"
	HARInputID         = "har-input"
	VerdictID          = "verdict"
	FindingsID         = "findings"
	// ServerInputID is the server profile select (DESIGN.md planned it as
	// #server-select; the page names its inputs -input).
	ServerInputID = "server-input"

	// Not part of the contract, but captured before start like the inputs.
	leewaySelectID = "leeway-select"
	leewayCustomID = "leeway-custom"
)

// ReadyAttr is set on <html> once the WebAssembly runs and the page accepts
// input.
const ReadyAttr = "data-ready"

// ReadyMark is the performance.mark() name recorded at the same moment, for
// start-up measurements.
const ReadyMark = "whydenied-ready"

// InstantiatedMark is recorded by app.js (wasm/site_startup.go) once the
// WebAssembly is compiled and instantiated, just before the Go runtime
// starts.
const InstantiatedMark = "whydenied-instantiated"

// MountedMark is recorded when go-app has built the page's elements and
// mounts the page, before the first verdict is written.
const MountedMark = "whydenied-mounted"

// MainMark is the performance.mark() name recorded when the WebAssembly's
// main starts, before go-app mounts the page.
const MainMark = "whydenied-main"
