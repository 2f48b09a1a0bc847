# `make demo` checks a bundled sample contract; `make test` runs the test suite.
# Both create a private virtual environment in .venv and install clausecheck into it.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
SAMPLE ?= fixtures/contracts/gig-contributor-terms.pdf

.PHONY: demo test lint bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# --fail-on never: finding conflicts in the sample is the point, not a failure of `make`.
demo: $(BIN)/python
	$(BIN)/pip install --quiet .
	$(BIN)/clausecheck check $(SAMPLE) --fail-on never
	$(BIN)/clausecheck check $(SAMPLE) --fail-on never --format html -o demo-report.html
	@echo "The full report is in demo-report.html: open it in your web browser."

test: $(BIN)/python
	$(BIN)/pip install --quiet '.[test]'
	$(BIN)/ruff check clausecheck tests bench
	$(BIN)/pytest

lint: $(BIN)/python
	$(BIN)/ruff check clausecheck tests bench

clean:
	rm -rf $(VENV) build *.egg-info demo-report.html
