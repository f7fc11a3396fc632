# gik-rules: `make demo` and `make test` set everything up from nothing but Python and pip.
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STAMP   = $(VENV)/.installed

.PHONY: install demo test lint typecheck bench docs screenshot clean

$(STAMP): pyproject.toml plugins/national/pyproject.toml plugins/shandong/pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]" -e plugins/national -e plugins/shandong
	touch $(STAMP)

install: $(STAMP)

demo: install
	$(BIN)/gik-rules plugins
	@# exit code 1 means "error findings", which the faulty example is meant to have
	$(BIN)/gik-rules check examples/ || test $$? -eq 1

lint: install
	$(BIN)/ruff check src plugins tests benchmarks examples
	$(BIN)/ruff format --check src plugins tests benchmarks examples

typecheck: install
	$(BIN)/mypy

test: lint typecheck
	$(BIN)/python -m pytest -q

bench: install
	$(BIN)/python -m pip install --quiet -e ".[bench]"
	$(BIN)/python benchmarks/run.py
	$(BIN)/python benchmarks/scale.py
	$(BIN)/python benchmarks/ocr_speed.py

docs: install
	$(BIN)/python -m gik_rules.docs docs/rules

# docs/img/html-report.png, from a run over the real reports in ../shared (needs Chromium)
screenshot: install
	$(BIN)/python docs/img/screenshot.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
