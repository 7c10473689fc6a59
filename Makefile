# StarCoach. `make run` and `make test` install what is missing first.
GO      ?= go
FYNE    ?= $(GO) run fyne.io/tools/cmd/fyne@v1.7.4
GOFILES  = $(shell git ls-files '*.go' 2>/dev/null || find . -name '*.go')

.PHONY: run test build bench package screenshots deps test-deps

deps:
	@scripts/install-deps.sh

test-deps:
	@scripts/install-deps.sh --test

run: deps
	$(GO) run ./cmd/starcoach

build: deps
	$(GO) build -o starcoach ./cmd/starcoach

test: test-deps
	@unformatted=$$(gofmt -l $(GOFILES)); \
	if [ -n "$$unformatted" ]; then echo "gofmt needed on:"; echo "$$unformatted"; exit 1; fi
	$(GO) vet ./...
	$(GO) test -timeout 30m ./...

bench: test-deps
	$(GO) test -run '^$$' -bench . -benchmem ./...

# The fyne tool reads FyneApp.toml from the main package's folder; build the
# binary first and package it from the top, where FyneApp.toml lives.
package: build
	$(FYNE) package --os linux --executable starcoach --release
	@ls -l StarCoach.tar.xz

screenshots: test-deps
	scripts/screenshots.sh
