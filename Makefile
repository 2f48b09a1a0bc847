# `make demo` checks a bundled sample contract; `make test` runs the test suite.
# Both create a private virtual environment in .venv and install clausecheck into it.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
SAMPLE ?= fixtures/contracts/sample-offer.docx

.PHONY: demo test lint bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

demo: $(BIN)/python
	$(BIN)/pip install --quiet .
	$(BIN)/clausecheck parse $(SAMPLE)

test: $(BIN)/python
	$(BIN)/pip install --quiet '.[test]'
	$(BIN)/pytest

lint: $(BIN)/python
	$(BIN)/ruff check clausecheck tests bench

clean:
	rm -rf $(VENV) build *.egg-info
