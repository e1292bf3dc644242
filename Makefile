# Two commands matter (see README):  make site   and   make test
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: site test convert setup bench-convert eval serve clean

# Re-install only when a pin or the package metadata changes.
$(STAMP): requirements.txt requirements-test.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-test.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

setup: $(STAMP)

convert: $(STAMP)
	$(BIN)/casebook convert cases/sources docs

site: convert
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict --site-dir site

test: $(STAMP)
	./scripts/system-deps.sh
	$(BIN)/python -m pytest

serve: convert
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs serve

bench-convert: $(STAMP)
	$(BIN)/python benchmarks/bench_convert.py

# Accuracy on every corpus with an answer key (the development corpus is read from ../shared).
eval: $(STAMP)
	$(BIN)/python tests/accuracy.py $(EVAL_ARGS)

# Scale benchmark (issue 6): synthetic corpora, convert, build, search in chromium. Long; not in `make test`.
SIZES ?= 100 1000 10000
.PHONY: bench
bench: $(STAMP)
	$(BIN)/python benchmarks/bench_scale.py $(SIZES)

clean:
	rm -rf site build .pytest_cache
	find docs -mindepth 1 -maxdepth 1 ! -name assets -exec rm -rf {} +
