# `make run` and `make test` work on a fresh machine with Python 3.11 and make.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test bench lint screenshots

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

# the example data comes in on a store's first start; once cleared it never comes back unasked
run: $(STAMP)
	$(BIN)/recovery-coach init --first-start
	$(BIN)/streamlit run dashboard/app.py

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/pytest -n 2

bench: $(STAMP)
	$(BIN)/python -m benchmarks

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# every page at 1280 and 390 px, zh and en, on the example data, into docs/screenshots/
screenshots: $(STAMP)
	$(BIN)/python -m tools.screenshots
