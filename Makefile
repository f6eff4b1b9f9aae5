# The two commands of the README: `make serve` and `make test`. Everything else is a step they need.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
PORT   ?= 8000

.PHONY: serve test index install clean

# Reinstall when the dependency list changes, not on every run.
$(STAMP): setup.cfg pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

install: $(STAMP)

# `kb build` skips itself when the corpus and the analyzer are unchanged.
index: $(STAMP)
	$(BIN)/kb build

serve: index
	$(BIN)/kb serve --host 127.0.0.1 --port $(PORT)

# Lint and format check first (seconds), then the tests.
test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) instance
