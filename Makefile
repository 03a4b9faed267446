# Two commands do everything on a fresh machine: `make run` and `make test`.
# Each first installs what is missing (libedit-dev, zlib1g-dev, tmux, GNU time, a Python
# virtual environment with the pinned numpy for the reference data generator).

SWIFT  ?= swift
VENV   := .venv
PYTHON := $(VENV)/bin/python
DATA   := data
BENCH  := ../shared/bench
APT_PACKAGES := libedit-dev zlib1g-dev tmux time python3-venv pkg-config

.PHONY: all deps venv build release run test acceptance-data bench clean

all: build

# System packages: installed only when missing.
deps:
	@missing=""; \
	pkg-config --exists libedit 2>/dev/null || missing="$$missing libedit-dev"; \
	pkg-config --exists zlib 2>/dev/null || missing="$$missing zlib1g-dev"; \
	command -v pkg-config >/dev/null || missing="$$missing pkg-config"; \
	command -v tmux >/dev/null || missing="$$missing tmux"; \
	[ -x /usr/bin/time ] || missing="$$missing time"; \
	python3 -c 'import ensurepip, venv' 2>/dev/null || missing="$$missing python3-venv"; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

# numpy is pinned: the generator's random streams are only guaranteed for this version.
venv: $(VENV)/.numpy-2.4.6
$(VENV)/.numpy-2.4.6:
	python3 -m venv $(VENV)
	$(PYTHON) -m pip install -q numpy==2.4.6
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

# Unit, end-to-end, terminal and acceptance tests. The acceptance test runs the release
# binary on the generated 1m data against ../shared/bench/summary_1m.txt.
test: release acceptance-data
	ABC_ACCEPTANCE_DATA=$(abspath $(DATA)) ABC_RELEASE_BINARY=$(abspath .build/release/abc) \
		$(SWIFT) test --parallel --num-workers 2

clean:
	rm -rf .build
