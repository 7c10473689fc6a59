# StarCoach. `make run` and `make test` install what is missing first.
GO      ?= go
FYNE    ?= $(GO) run fyne.io/tools/cmd/fyne@v1.7.4
GOFILES  = $(shell git ls-files '*.go' 2>/dev/null || find . -name '*.go')
# staticcheck runs from the module proxy at a pinned version, so it adds
# nothing to go.mod (as a tool dependency it would upgrade Fyne's own).
STATICCHECK ?= $(GO) run honnef.co/go/tools/cmd/staticcheck@v0.8.2
ACTIONLINT  ?= $(GO) run github.com/rhysd/actionlint/cmd/actionlint@v1.7.12

.PHONY: run test build bench package windows exe macos pure-packages screenshots deps test-deps

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
	@# For the platforms not at hand, go vet of the packages without cgo
	@# (on macOS, Fyne's widgets need cgo, so ui is left out there).
	@pure=$$($(MAKE) -s pure-packages) || exit 1; \
	echo "GOOS=windows go vet"; CGO_ENABLED=0 GOOS=windows $(GO) vet $$pure || exit 1; \
	echo "GOOS=darwin go vet"; CGO_ENABLED=0 GOOS=darwin $(GO) vet $$(echo "$$pure" | grep -vx starcoach/ui)
	$(STATICCHECK) -checks all ./...
	$(ACTIONLINT) .github/workflows/ci.yml
	$(GO) test -race -timeout 60m ./...
	$(GO) test -run '^$$' -fuzz '^FuzzRestore$$' -fuzztime 20s ./practice/sqlite
	scripts/build-windows.sh
	scripts/wine-smoke.sh dist/StarCoach-windows-amd64.zip

bench: test-deps
	$(GO) test -run '^$$' -bench . -benchmem ./...

# `fyne package` builds a release binary (-tags release) with FyneApp.toml's
# metadata embedded (on Windows the icon too, and the GUI subsystem), then
# packs it for the platform. It reads FyneApp.toml from the main package's
# folder and adds one to its Build there, so it is given a copy: the
# tracked file stays as it is.
define fyne_package
	sed 's#^Icon = "#Icon = "../../#' FyneApp.toml > cmd/starcoach/FyneApp.toml
	cd cmd/starcoach && $(FYNE) package --os $(1) --release; \
		status=$$?; rm -f FyneApp.toml; exit $$status
endef

package: deps
	$(call fyne_package,linux)
	mv cmd/starcoach/StarCoach.tar.xz .
	@ls -l StarCoach.tar.xz

# dist/StarCoach-windows-amd64.zip, cross-built here with mingw-w64.
windows:
	scripts/build-windows.sh

# cmd/starcoach/StarCoach.exe; run natively on Windows (MSYS2), or by
# scripts/build-windows.sh with the cross compiler set.
exe:
	$(call fyne_package,windows)

# dist/StarCoach.app; needs a Mac (Xcode's SDK): the CI workflow's macOS
# job makes it.
macos:
	@[ "$$(uname -s)" = Darwin ] || { echo "make macos: needs macOS and Xcode's command line tools; .github/workflows/ci.yml builds it on a Mac"; exit 1; }
	$(call fyne_package,darwin)
	mkdir -p dist && rm -rf dist/StarCoach.app && mv cmd/starcoach/StarCoach.app dist/

# The packages that build without cgo, so run anywhere Go does: the CI
# workflow tests them on macOS and Windows, scripts/wine-smoke.sh under Wine.
pure-packages:
	@CGO_ENABLED=0 $(GO) list -e -f '{{if not (or .Error .DepsErrors)}}{{.ImportPath}}{{end}}' ./...

screenshots: test-deps
	scripts/screenshots.sh
