# StarCoach. `make run` and `make test` install what is missing first.
GO      ?= go
FYNE    ?= $(GO) run fyne.io/tools/cmd/fyne@v1.7.4
GOFILES  = $(shell git ls-files '*.go' 2>/dev/null || find . -name '*.go')
# staticcheck runs from the module proxy at a pinned version, so it adds
# nothing to go.mod (as a tool dependency it would upgrade Fyne's own).
STATICCHECK ?= $(GO) run honnef.co/go/tools/cmd/staticcheck@v0.8.2

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
	$(STATICCHECK) -checks all ./...
	$(GO) test -race -timeout 60m ./...
	$(GO) test -run '^$$' -fuzz '^FuzzRestore$$' -fuzztime 20s ./practice/sqlite

bench: test-deps
	$(GO) test -run '^$$' -bench . -benchmem ./...

# `fyne package` builds a release binary (-tags release) with FyneApp.toml's
# metadata embedded, then packs it with the .desktop file and icon. It reads
# FyneApp.toml from the main package's folder and adds one to its Build
# there, so it is given a copy: the tracked file stays as it is.
package: deps
	sed 's#^Icon = "#Icon = "../../#' FyneApp.toml > cmd/starcoach/FyneApp.toml
	cd cmd/starcoach && $(FYNE) package --os linux --release; \
		status=$$?; rm -f FyneApp.toml; exit $$status
	mv cmd/starcoach/StarCoach.tar.xz .
	@ls -l StarCoach.tar.xz

screenshots: test-deps
	scripts/screenshots.sh
