# The two commands of the README: `make report` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
TSTAMP := $(VENV)/.installed-test

.PHONY: report test lint bench eval clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

# the package's bytecode, as a regular (non-editable) install compiles it: a run then never
# compiles the modules it imports (where PYTHONDONTWRITEBYTECODE is set, every run would)
COMPILE := $(BIN)/python -m compileall -q compare

$(TSTAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test,spark]'
	touch $@ $(STAMP)

## make report: set up and run the job on seeds/ into reports/ (REPORT_FLAGS: more options, as CI's)
REPORT_FLAGS ?=
report: $(STAMP)
	$(COMPILE)
	$(BIN)/python -m compare run seeds --out reports $(REPORT_FLAGS)

## make test: set up with the test and spark extras, lint, and run the whole test suite (Spark tests need Java)
test: $(TSTAMP)
	$(COMPILE)
	$(BIN)/ruff check compare tests benchmarks
	$(BIN)/python -m pytest

## make bench: speed benchmarks (pytest-benchmark) and evaluations on ../shared/data
bench: $(TSTAMP)
	$(COMPILE)
	$(BIN)/python -m pytest benchmarks --benchmark-enable -p no:cacheprovider

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
