# whydenied — targets named in DESIGN.md: run, test, build, dist, bench, fuzz.
# `make test` is what .ci/run calls; it needs Chromium (apt-get install -y chromium).

GO        ?= go
ADDR      ?= 127.0.0.1:8000
FUZZTIME  ?= 60s
SHORTFUZZ ?= 3s
WASM      := web/app.wasm
# axe-core for the accessibility audit of the browser tests, from npm into a
# git-ignored folder; the tests evaluate the file in the page.
AXE       := .cache/npm/node_modules/axe-core/axe.min.js
# marked, a CommonMark/GFM parser, for the browser test that parses the
# copied Markdown report the way a forge would; same folder, same way.
MARKED    := .cache/npm/node_modules/marked/lib/marked.umd.js
# har-validator (with har-schema, the HAR 1.2 JSON schema), for the browser
# test that validates the sanitized HAR the page downloads.
HARSCHEMA := .cache/npm/node_modules/har-validator/package.json
NPMTEST    = npm install --prefix .cache/npm --no-audit --no-fund --no-save axe-core@4 marked@16 har-validator@5.1.5
BIN       := bin/whydenied
GOROOT    := $(shell $(GO) env GOROOT)
# The real validators the conformance suite asks (inspect/conformance_test.go):
# jose, jsonwebtoken, express-oauth2-jwt-bearer and Express from npm, pinned by
# testdata/conformance/package-lock.json, into a git-ignored node_modules;
# PyJWT from Debian (python3-jwt, python3-cryptography), run by /usr/bin/python3.
VALIDATORS := testdata/conformance/node_modules/.package-lock.json
# Packages with a fuzz target, discovered rather than listed. The browser
# tests are left out: listing their tests would start nothing, but they
# have no fuzz targets either.
FUZZPKGS   = $(shell $(GO) list ./...)

.PHONY: run test build dist bench fuzz wasm vet unit wasm-test fuzz-short browser clean size screenshots conformance validators

## run: build the page and the binary, then serve the page on http://$(ADDR)/
run: build
	$(BIN) serve --addr $(ADDR)

## build: the native binary (CLI and server), with app.wasm embedded
build: wasm
	$(GO) build -trimpath -o $(BIN) ./wasm

## wasm: the page's WebAssembly
wasm:
	GOOS=js GOARCH=wasm $(GO) build -trimpath -ldflags='-s -w' -o $(WASM) ./wasm

## dist: the static site in dist/ (index.html, app.wasm and its .br/.gz, …)
dist: build
	rm -rf dist
	$(BIN) build dist

## test: every test — vet, native (race) and WebAssembly unit tests, short fuzzing, browser tests
test: vet unit wasm-test fuzz-short browser

vet:
	@test -z "$$(gofmt -l .)" || { echo "gofmt needed:"; gofmt -l .; exit 1; }
	$(GO) mod tidy -diff
	$(GO) vet ./...
	$(GO) vet -tags browser ./wasm/
	GOOS=js GOARCH=wasm $(GO) vet ./inspect/... ./app/... ./wasm/...

# The site tests check the size budget of the app.wasm `make wasm` built.
unit: wasm validators
	WHYDENIED_CONFORMANCE=fast $(GO) test -race ./inspect/...
	WHYDENIED_WASM=$(CURDIR)/$(WASM) $(GO) test $$($(GO) list ./... | grep -v /inspect)

## conformance: every cell of the conformance suite against the real validators;
## rewrites docs/conformance.md
conformance: validators
	WHYDENIED_CONFORMANCE=all $(GO) test -count=1 -run '^TestConformance$$' -v ./inspect/

validators: $(VALIDATORS)
	@/usr/bin/python3 -c 'import jwt, cryptography' 2>/dev/null || { \
	  echo "PyJWT is needed for the conformance suite: apt-get install -y python3-jwt python3-cryptography (.ci/run does this)"; exit 1; }

$(VALIDATORS): testdata/conformance/package.json testdata/conformance/package-lock.json
	@command -v npm >/dev/null 2>&1 || { echo "npm is needed for the conformance suite: apt-get install -y npm (.ci/run does this)"; exit 1; }
	npm ci --prefix testdata/conformance --no-audit --no-fund

wasm-test:
	PATH="$(GOROOT)/lib/wasm:$$PATH" GOOS=js GOARCH=wasm $(GO) test ./inspect/...

## fuzz-short: a few seconds per fuzz target found in the tree
fuzz-short:
	@$(MAKE) --no-print-directory fuzz FUZZTIME=$(SHORTFUZZ)

## fuzz: $(FUZZTIME) per fuzz target (make fuzz FUZZTIME=10m)
# Go 1.26's fuzzing coordinator may fail a target with nothing but "context
# deadline exceeded" when -fuzztime runs out while a worker is still busy
# (go.dev/issue/75804): nothing was found and no input is written. Only that
# exact outcome is forgiven. A crasher always writes its input to
# testdata/fuzz/<target> (also when the deadline interrupts its
# minimization) and prints "Failing input written to"; any new file there,
# that line, or any other failure output still fails the run.
fuzz:
	@set -e; tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	for pkg in $(FUZZPKGS); do \
	  dir=$$($(GO) list -f '{{.Dir}}' $$pkg); \
	  for f in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz' || true); do \
	    echo "fuzz $$pkg $$f ($(FUZZTIME))"; \
	    ls -A "$$dir/testdata/fuzz/$$f" 2>/dev/null | sort >"$$tmp/before"; \
	    rm -f "$$tmp/rc"; \
	    { $(GO) test -run='^$$' -fuzz="^$$f$$" -fuzztime=$(FUZZTIME) $$pkg || echo $$? >"$$tmp/rc"; } 2>&1 | tee "$$tmp/log"; \
	    [ -e "$$tmp/rc" ] || continue; \
	    ls -A "$$dir/testdata/fuzz/$$f" 2>/dev/null | sort >"$$tmp/after"; \
	    if cmp -s "$$tmp/before" "$$tmp/after" && ! grep -q 'Failing input written to' "$$tmp/log" && \
	       awk -v f="$$f" 'index($$0, "--- FAIL: " f " (") == 1 { n++; if ((getline a) > 0 && a == "    context deadline exceeded" && (getline b) > 0 && b == "FAIL") d++; next } /--- FAIL/ { n++ } END { exit !(n == 1 && d == 1) }' "$$tmp/log"; then \
	      echo "fuzz: $$f stopped at its -fuzztime deadline having found nothing (go.dev/issue/75804): not a failure"; \
	    else \
	      echo "fuzz: $$f failed"; exit 1; \
	    fi; \
	  done; \
	done

$(AXE):
	@command -v npm >/dev/null 2>&1 || { echo "npm is needed for the accessibility audit: apt-get install -y npm (.ci/run does this)"; exit 1; }
	$(NPMTEST)

# One install for all three packages: npm --no-save removes what it did not
# install in the same run.
$(MARKED) $(HARSCHEMA):
	@command -v npm >/dev/null 2>&1 || { echo "npm is needed for the browser tests: apt-get install -y npm (.ci/run does this)"; exit 1; }
	$(NPMTEST)

## browser: end-to-end tests in headless Chromium against the built static site
browser: wasm $(AXE) $(MARKED) $(HARSCHEMA)
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || command -v google-chrome >/dev/null 2>&1 || { \
	  echo "Chromium is needed for the browser tests: apt-get install -y chromium (.ci/run does this)"; exit 1; }
	WHYDENIED_WASM=$(CURDIR)/$(WASM) $(GO) test -tags browser -count=1 -timeout 25m ./wasm/

## bench: Go benchmarks, then start-up and keystroke timings of the page in headless Chromium
## (docs/benchmarks.md), and the screenshots of docs/screenshots/
bench: wasm $(AXE)
	$(GO) test -run='^$$' -bench=. -benchmem ./...
	WHYDENIED_WASM=$(CURDIR)/$(WASM) WHYDENIED_MEASURE=1 $(GO) test -tags browser -count=1 -timeout 30m -run='^TestMeasure' -v ./wasm/
	@$(MAKE) --no-print-directory screenshots

## screenshots: PNGs of the page's states in docs/screenshots/ (shown in the README)
screenshots: wasm $(AXE)
	WHYDENIED_WASM=$(CURDIR)/$(WASM) WHYDENIED_SCREENSHOTS=1 $(GO) test -tags browser -count=1 -run='^TestAccessibility$$' ./wasm/

## size: what each Go package adds to app.wasm (code bytes; docs/benchmarks.md)
size:
	GOOS=js GOARCH=wasm $(GO) build -trimpath -o bin/app-names.wasm ./wasm
	WHYDENIED_SIZE_WASM=$(CURDIR)/bin/app-names.wasm $(GO) test -count=1 -v -run='^TestWasmSizeReport$$' ./wasm/

clean:
	rm -rf bin dist $(WASM) $(WASM).br $(WASM).gz
