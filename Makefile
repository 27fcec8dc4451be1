# Two commands do all the set-up on a fresh Debian machine: `make run` and `make test`.
# Both are idempotent: the Debian packages and the virtual environment are (re)installed only
# when their lists change.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMPS := .make
APT_STAMP := $(STAMPS)/apt.stamp
VENV_STAMP := $(VENV)/.installed
QM := ui/translations/pos_terminal_zh_CN.qm ui/translations/pos_terminal_en.qm

.PHONY: run test bench lint typecheck translations setup clean help

help:
	@echo "make run    install what is missing, start the terminal in demo mode"
	@echo "make test   install what is missing, run the whole test suite (offscreen Qt)"
	@echo "make bench  run the benchmarks, print the table, write benchmarks/results.json"

setup: $(APT_STAMP) $(VENV_STAMP)

$(APT_STAMP): scripts/apt-packages.txt scripts/install-system-packages
	@scripts/install-system-packages
	@mkdir -p $(STAMPS) && touch $@

$(VENV_STAMP): setup.cfg pyproject.toml | $(APT_STAMP)
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@echo "Installing the project and its Python dependencies into $(VENV)"
	@$(BIN)/python -m pip install -q --upgrade pip
	@$(BIN)/python -m pip install -q -e '.[dev]'
	@touch $@

run: setup
	$(BIN)/pos-terminal demo $(ARGS)

# The tests marked clock_sensitive run again with the wall clock moved (POS_TEST_NOW, see
# tests/conftest.py) to: 400 days ahead, the last second of a year in the store's zone, and
# 15:59:59 UTC (midnight in Asia/Shanghai). `make test CLOCK_MOVES=` skips those runs.
CLOCK_MOVES ?= $$(date -u -d '+400 days' +%Y-%m-%dT%H:%M:%S+00:00) \
               $$(( $$(date -u +%Y) + 1 ))-12-31T23:59:59+08:00 \
               $$(date -u -d tomorrow +%Y-%m-%d)T15:59:59+00:00

# pytest exits 5 when it collected no test: say so loudly instead of a bare "Error 5".
test: setup
	@$(BIN)/lint-imports --config setup.cfg
	@$(BIN)/mypy --config-file setup.cfg
	@QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest $(PYTEST_ARGS); rc=$$?; \
	  if [ $$rc -eq 5 ]; then echo "ERROR: pytest collected no tests: the suite is missing or mis-configured" >&2; fi; \
	  for now in $(CLOCK_MOVES); do \
	    echo "== the clock_sensitive tests again, the clock moved to $$now"; \
	    POS_TEST_NOW=$$now QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -m "clock_sensitive and not postgres"; \
	    moved=$$?; \
	    if [ $$moved -eq 5 ]; then echo "ERROR: no test is marked clock_sensitive: the moved-clock runs prove nothing" >&2; fi; \
	    if [ $$rc -eq 0 ]; then rc=$$moved; fi; \
	  done; \
	  exit $$rc

bench: setup
	@QT_QPA_PLATFORM=offscreen $(BIN)/python -m benchmarks

lint: setup
	@$(BIN)/lint-imports --config setup.cfg

# mypy --strict on the core's domain and ports, and the fakes checked against the ports ([mypy] in setup.cfg)
typecheck: setup
	@$(BIN)/mypy --config-file setup.cfg

# Regenerates the translation sources from the code and compiles them. The .qm files are
# committed so that an installed terminal needs no Qt tools; tests check they are current.
translations: setup
	$(BIN)/pyside6-lupdate $$(git ls-files 'ui/*.py') -no-obsolete -ts ui/translations/pos_terminal_zh_CN.ts ui/translations/pos_terminal_en.ts
	$(BIN)/pyside6-lrelease ui/translations/pos_terminal_zh_CN.ts -qm ui/translations/pos_terminal_zh_CN.qm
	$(BIN)/pyside6-lrelease ui/translations/pos_terminal_en.ts -qm ui/translations/pos_terminal_en.qm

clean:
	rm -rf $(VENV) $(STAMPS) build *.egg-info
