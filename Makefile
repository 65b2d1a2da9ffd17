# The README's two commands: `make demo` and `make test`. Both install the C libraries first (as root).
SWIFT ?= swift

.PHONY: deps testdeps build demo test release bench

# less: the shell's default pager, which its pseudo-terminal tests drive.
deps:
	@if ! pkg-config --exists sqlite3 libcurl zlib libzstd 2>/dev/null || [ ! -f /usr/include/readline/readline.h ] \
		|| ! command -v less >/dev/null; then \
		echo "installing libsqlite3-dev libcurl4-openssl-dev libreadline-dev zlib1g-dev libzstd-dev less"; \
		apt-get update && apt-get install -y libsqlite3-dev libcurl4-openssl-dev libreadline-dev zlib1g-dev libzstd-dev pkg-config less; \
	fi

build: deps
	$(SWIFT) build --product adledger

demo: build
	$(SWIFT) run --skip-build adledger demo

# DuckDB for Python: the export tests load real exports into it, as docs/WAREHOUSE.md does.
testdeps: deps
	@python3 -c 'import duckdb' 2>/dev/null || python3 -m pip install duckdb

test: testdeps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

# The binary to install: optimised, with the Swift runtime and Foundation linked in. A statically linked runtime
# has no dynamic relocations to apply at start-up, which keeps ~5 MiB of pages private to every other process:
# `adledger --help` peaks at 23 MiB instead of 28, a sync at 38 instead of 45 (README, "Benchmarks").
release: deps
	$(SWIFT) build -c release --static-swift-stdlib

# The benchmarks time the same binary `make release` builds (they start it from beside themselves).
bench: release
	$(SWIFT) run -c release --static-swift-stdlib --skip-build adledger-bench
