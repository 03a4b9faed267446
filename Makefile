# Two commands do everything on a fresh machine: `make run` and `make test`.
# Each first installs what is missing (libedit-dev, zlib1g-dev, libxlsxwriter-dev, libsqlite3-dev,
# libpq-dev and the PostgreSQL server the warehouse tests start (tools/with-postgres.sh), tmux, GNU
# time, Chromium for the report's browser test, a Python virtual environment with the pinned
# numpy for the reference data generator, the pinned lifetimes the purchase models are checked
# against, the pinned openpyxl and XlsxWriter the Excel tests make and read workbooks with, the
# pinned Pillow that checks the report's screenshot, and the pinned sqlglot that parses `show
# sql`'s dialects).

SWIFT  ?= swift
VENV   := .venv
PYTHON := $(VENV)/bin/python
DATA   := data
BENCH  := ../shared/bench
PILLOW := 13.0.0
SQLGLOT := 30.30.0

.PHONY: all deps venv build release run test fuzz acceptance-data bench bench-venv bench-data clean

all: build

# System packages: installed only when missing.
deps:
	@missing=""; \
	pkg-config --exists libedit 2>/dev/null || missing="$$missing libedit-dev"; \
	pkg-config --exists zlib 2>/dev/null || missing="$$missing zlib1g-dev"; \
	pkg-config --exists xlsxwriter 2>/dev/null || missing="$$missing libxlsxwriter-dev"; \
	pkg-config --exists sqlite3 2>/dev/null || missing="$$missing libsqlite3-dev"; \
	pkg-config --exists libpq 2>/dev/null || missing="$$missing libpq-dev"; \
	ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing="$$missing postgresql"; \
	command -v psql >/dev/null || missing="$$missing postgresql-client"; \
	command -v pkg-config >/dev/null || missing="$$missing pkg-config"; \
	command -v tmux >/dev/null || missing="$$missing tmux"; \
	[ -x /usr/bin/time ] || missing="$$missing time"; \
	command -v bc >/dev/null || missing="$$missing bc"; \
	python3 -c 'import ensurepip, venv' 2>/dev/null || missing="$$missing python3-venv"; \
	command -v chromium >/dev/null || command -v chromium-browser >/dev/null || missing="$$missing chromium"; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

# numpy is pinned: the generator's random streams are only guaranteed for this version.
# openpyxl and XlsxWriter are pinned so the test workbooks are the same bytes everywhere.
venv: $(VENV)/.numpy-2.4.6 $(VENV)/.openpyxl-3.1.5-xlsxwriter-3.2.0
$(VENV)/.numpy-2.4.6:
	python3 -m venv $(VENV)
	$(PYTHON) -m pip install -q numpy==2.4.6
	touch $@
$(VENV)/.openpyxl-3.1.5-xlsxwriter-3.2.0: $(VENV)/.numpy-2.4.6
	$(PYTHON) -m pip install -q openpyxl==3.1.5 et-xmlfile==2.0.0 XlsxWriter==3.2.0
	touch $@

# lifetimes is the peer the purchase models (BG/NBD, Gamma-Gamma) are checked against in
# Tests/ABCCoreTests/Forecasting, with the CDNOW sample it ships; pinned with what it needs.
LIFETIMES := $(VENV)/.lifetimes-0.11.3-pandas-3.1.1
$(LIFETIMES): $(VENV)/.numpy-2.4.6
	$(PYTHON) -m pip install -q lifetimes==0.11.3 pandas==3.1.1 scipy==1.17.1 autograd==1.9.1 dill==0.4.1 \
		python-dateutil==4.0.0 tzdata==2026.6
	touch $@

# Pillow reads the report's screenshot in the browser test (Tests/EndToEndTests/Report).
$(VENV)/.pillow-$(PILLOW):
	[ -x $(PYTHON) ] || python3 -m venv $(VENV)
	$(PYTHON) -m pip install -q Pillow==$(PILLOW)
	touch $@

# sqlglot parses the SQL `show sql` prints for the engines the tests cannot run (BigQuery,
# Snowflake, Spark; Tests/ABCWarehouseTests).
$(VENV)/.sqlglot-$(SQLGLOT):
	[ -x $(PYTHON) ] || python3 -m venv $(VENV)
	$(PYTHON) -m pip install -q sqlglot==$(SQLGLOT)
	touch $@

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

run: release
	.build/release/abc

acceptance-data: venv
	@[ -f $(DATA)/transactions_1m.csv ] || $(PYTHON) $(BENCH)/gen_data.py \
		--customers 100000 --transactions 1000000 --out $(DATA) --tag 1m

# The peers `make bench` measures against, pinned (the versions issue 16's figures name).
bench-venv: venv
	@$(PYTHON) -c 'import duckdb, polars, sys; sys.exit(duckdb.__version__ != "2.0.1" or polars.__version__ != "2.1.0")' 2>/dev/null \
		|| $(PYTHON) -m pip install -q duckdb==2.0.1 polars==2.1.0

bench-data: acceptance-data
	@[ -f $(DATA)/transactions_10m.csv ] || $(PYTHON) $(BENCH)/gen_data.py \
		--customers 1000000 --transactions 10000000 --out $(DATA) --tag 10m

# abc against DuckDB and polars on the 1m and 10m data; see tools/bench.sh.
bench: release bench-venv bench-data
	PYTHON=$(PYTHON) DATA=$(DATA) tools/bench.sh

# Unit, end-to-end, terminal, browser and acceptance tests. The acceptance test runs the
# release binary on the generated 1m and 10m data (8 s to generate) against
# ../shared/bench/summary_*.txt, and the memory test checks the load's estimate on both; the Excel
# tests make workbooks with the virtual environment's python (ABC_PYTHON); the browser test
# opens the HTML report in headless Chromium and checks its screenshot with Pillow. The
# warehouse tests run against a private PostgreSQL server that tools/with-postgres.sh starts
# (with the 1m data COPYed in) and stops however the tests end; DuckDB runs `show sql`'s
# DuckDB dialect and sqlglot parses the others.
test: release acceptance-data bench-data venv bench-venv $(VENV)/.pillow-$(PILLOW) $(LIFETIMES) $(VENV)/.sqlglot-$(SQLGLOT)
	DATA=$(abspath $(DATA)) ABC_ACCEPTANCE_DATA=$(abspath $(DATA)) ABC_ACCEPTANCE_SIZES=1m,10m \
		ABC_RELEASE_BINARY=$(abspath .build/release/abc) ABC_PYTHON=$(abspath $(PYTHON)) \
		tools/with-postgres.sh $(SWIFT) test --parallel --num-workers 2

# libFuzzer on the loader (bytes → dataset or error) and on the command language (lines →
# output and diagnostics), FUZZ_SECONDS each, one after the other (FUZZ_TARGETS=loader for one),
# built with ASan in $(FUZZ_BUILD) (the harnesses are in Sources/ABCFuzzHarness). The working
# corpus (.fuzz/TARGET, not committed, kept between runs) starts from the committed seeds in
# Tests/Fuzz/corpus/TARGET, the fixtures, the scenario scripts and a head of the sample; crashes,
# timeouts (-timeout, seconds per input) and memory blow-ups are written to
# Tests/Fuzz/crashes/TARGET/, which `make test` replays. Leak checks are off: LeakSanitizer
# reports Swift's lazily initialised globals (the command specs) as leaks. To minimise a crash
# (with ASAN_OPTIONS=detect_leaks=0 in the environment):
#   $(FUZZ_BUILD)/debug/abc-fuzz-TARGET -minimize_crash=1 -max_total_time=60 \
#     -exact_artifact_path=Tests/Fuzz/crashes/TARGET/NAME Tests/Fuzz/crashes/TARGET/crash-…
# then delete the unminimised file, commit the minimised one and fix the bug. The normal build's
# abc-fuzz-TARGET replays files or folders given as arguments, without the fuzzer.
FUZZ_SECONDS ?= 600
FUZZ_TARGETS ?= loader commands
FUZZ_BUILD   := .build-fuzz-san
FUZZ_FLAGS   := -c debug --scratch-path $(FUZZ_BUILD) -Xswiftc -sanitize=fuzzer,address -Xswiftc -DABC_FUZZ

fuzz: deps
	$(SWIFT) build $(FUZZ_FLAGS) --product abc-fuzz-loader
	$(SWIFT) build $(FUZZ_FLAGS) --product abc-fuzz-commands
	mkdir -p .fuzz/loader .fuzz/commands Tests/Fuzz/crashes/loader Tests/Fuzz/crashes/commands
	cp Tests/Fixtures/computed-abc/*.csv .fuzz/loader/
	cp Tests/Fuzz/corpus/loader/* .fuzz/loader/
	gzip -dc Sources/ABCCore/Resources/sample.csv.gz | head -300 > .fuzz/loader/sample-head-300.csv
	cp scenarios/*.abc .fuzz/commands/
	cp Tests/Fuzz/corpus/commands/* .fuzz/commands/
	@status=0; for target in $(FUZZ_TARGETS); do \
		echo "== abc-fuzz-$$target for $(FUZZ_SECONDS) s"; \
		ASAN_OPTIONS=detect_leaks=0 $(FUZZ_BUILD)/debug/abc-fuzz-$$target .fuzz/$$target \
			-dict=Tests/Fuzz/$$target.dict -max_total_time=$(FUZZ_SECONDS) -timeout=10 \
			-rss_limit_mb=2048 -detect_leaks=0 -print_final_stats=1 \
			-artifact_prefix=Tests/Fuzz/crashes/$$target/ </dev/null || status=1; \
	done; exit $$status

clean:
	rm -rf .build
