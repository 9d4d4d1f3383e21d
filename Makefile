# Konbit's two set-up commands are `make run` and `make test`; everything else is their parts.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c

# Builds live outside the clone, so a fresh clone (and CI) reuses the previous compilation.
export CARGO_TARGET_DIR ?= $(HOME)/.cache/konbit/target
TOOLS := $(HOME)/.cache/konbit/tools
TAURI_DRIVER := $(TOOLS)/bin/tauri-driver
APP := $(CARGO_TARGET_DIR)/release/konbit-app
# The build the end-to-end tests drive: its dialogs answer KONBIT_E2E_DIALOG. Kept apart so that
# `make run` never starts it.
APP_E2E := $(CARGO_TARGET_DIR)/e2e/konbit-app
CLI := $(CARGO_TARGET_DIR)/release/konbit
TAURI_CLI := $(TOOLS)/bin/cargo-tauri
VERSION := $(shell sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
DEB := $(CARGO_TARGET_DIR)/release/bundle/deb/Konbit_$(VERSION)_amd64.deb

.PHONY: run test lint deps ui app app-e2e cli dist test-rust test-ui test-e2e test-package bindings bench bench-app bench-hledger stress clean-artifacts prune-cache

## make run: install what is missing, build, start the app on its embedded database.
run: deps app
	$(APP)

## make test: formatting and lints, Rust tests, UI checks and tests, end-to-end tests through the
## real window, then the Debian package checked, installed, started and removed.
test: prune-cache deps lint test-rust test-ui test-e2e test-package

## The build cache outside the clone keeps every test binary and incremental session of every
## clone path and commit it ever built: 76 GB after a few days, and a full disk made the linker
## die with a bus error. Those untouched for two days go; cargo relinks any still needed.
prune-cache:
	@mkdir -p $(CARGO_TARGET_DIR)/debug/deps $(CARGO_TARGET_DIR)/debug/incremental
	find $(CARGO_TARGET_DIR)/debug/deps -maxdepth 1 -type f ! -name '*.*' -mtime +2 -delete
	find $(CARGO_TARGET_DIR)/debug/incremental -mindepth 1 -maxdepth 1 -type d -mtime +2 -exec rm -rf {} +

## The code as rustfmt writes it, and Clippy's warnings as errors on every target (tests,
## benches and binaries too), so a warning cannot pile up unseen.
## The core alone too, as the app links it: without the `scale` feature the command line turns on.
lint: ui
	cargo fmt --all --check
	cargo clippy --locked --workspace --all-targets -- -D warnings
	cargo clippy --locked -p konbit-core --all-targets -- -D warnings

deps: .deps-stamp ui/node_modules/.package-lock.json

.deps-stamp: scripts/setup.sh
	scripts/setup.sh
	@touch $@

ui/node_modules/.package-lock.json: ui/package.json ui/package-lock.json
	cd ui && npm ci --no-audit --no-fund --loglevel=error

UI_SOURCES := $(shell find ui/src ui/public -type f 2>/dev/null) ui/index.html ui/vite.config.ts ui/package-lock.json

ui: ui/dist/index.html

# Rebuilt only when a source changed: a new dist makes cargo re-embed it in the app.
ui/dist/index.html: $(UI_SOURCES) | deps
	cd ui && npm run build

# The app people run. Its dialogs always ask the person; the check below fails the build if the
# end-to-end tests' answer (the `e2e` feature) got into it.
# So does the benchmarks' generator of large books (the core's `scale` feature), found by one of
# its SQL statements.
app: ui
	cargo build --release --locked -p konbit-app --features custom-protocol
	! grep -qa KONBIT_E2E_DIALOG $(APP)
	! grep -qaF "VALUES ('invoice', ?1, ?2, ?3, ?4, ?4)" $(APP)

# The same app with the `e2e` feature, copied aside before `make app` builds over it.
app-e2e: ui
	cargo build --release --locked -p konbit-app --features custom-protocol,e2e
	mkdir -p $(dir $(APP_E2E))
	cp $(APP) $(APP_E2E)

cli: deps
	cargo build --release --locked -p konbit-cli

## make dist: the Debian package people install, by the Tauri bundler (offline: the AppImage
## target would download linuxdeploy from GitHub, see the README): the app, the `konbit`
## command line, the desktop entry in French and English, the AppStream metainfo. Then its files
## are checked as they will be installed (scripts/check-package.sh). The bundler builds the UI
## itself (tauri.conf.json's beforeBuildCommand), so `ui` is not asked for twice.
dist: deps cli $(TAURI_CLI)
	mkdir -p target/dist
	cp $(CLI) target/dist/konbit
	cd src-tauri && PATH="$(TOOLS)/bin:$$PATH" cargo tauri build --ci --bundles deb
	! grep -qa KONBIT_E2E_DIALOG $(APP)
	scripts/check-package.sh $(DEB)

$(TAURI_CLI):
	cargo install tauri-cli --version '^2' --locked --root $(TOOLS)

## The package installed with apt, its app started from the desktop entry under Xvfb, removed,
## the data left in place; then installed over books of the schema before the last migration,
## which it migrates keeping a copy (both need root or sudo without a password, as CI has).
test-package: dist
	scripts/install-test.sh $(DEB)
	scripts/upgrade-test.sh $(DEB)

## make bench: speed figures (criterion), each beside a baseline measured in the same run; then
## the desktop app's binary size, cold start and memory, through its window under Xvfb.
bench: deps bench-app
	cargo bench --locked -p konbit-core --features scale --bench worktime --bench invoicing --bench reports

bench-app: app-e2e cli $(TAURI_DRIVER)
	KONBIT_APP=$(APP_E2E) KONBIT_CLI=$(CLI) TAURI_DRIVER=$(TAURI_DRIVER) \
		xvfb-run -a -s "-screen 0 1280x1024x24" cargo test --locked -p konbit-e2e --test app_bench -- --ignored --nocapture

## make bench-hledger: the demo's books in hledger and in konbit stats, checked equal, timed, the ratio.
bench-hledger: cli
	bash scripts/bench-hledger.sh

## make stress: the crash test with 1 000 kills and the bad-input suite with ten times the
## cases of make test.
stress: deps
	KONBIT_KILLS=1000 cargo test --locked -p konbit-cli --test crash -- --nocapture
	KONBIT_FUZZ_SCALE=10 cargo test --locked -p konbit-core --test bad_input

## Beside a throwaway PostgreSQL 15 cluster of their own (the office's books), stopped after.
test-rust: ui
	scripts/with-postgres.sh cargo test --locked -p konbit-core -p konbit-cli -p konbit-app

test-ui: deps
	cd ui && npm run check && npm test

$(TAURI_DRIVER):
	cargo install tauri-driver --version '^2' --locked --root $(TOOLS)

test-e2e: app-e2e $(TAURI_DRIVER)
	rm -rf target/e2e-artifacts
	KONBIT_APP=$(APP_E2E) TAURI_DRIVER=$(TAURI_DRIVER) \
		xvfb-run -a -s "-screen 0 1280x1024x24" cargo test --locked -p konbit-e2e -- --test-threads=1

## make bindings: regenerate the TypeScript types from the Rust ones, and the UI's wrappers
## from the shell's commands.
bindings:
	UPDATE_BINDINGS=1 cargo test --locked -p konbit-core -p konbit-app -- bindings ui_wrappers
