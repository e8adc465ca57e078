# Two commands do everything: `make reports` and `make test`. Both create .venv when it is
# missing and reinstall when pyproject.toml changes (the stamp file is older than it).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
KERNEL := bhxh-campaigns

.PHONY: help install data reports demo test test-fast test-slow lint lab bench environment reference clean

help:
	@echo "make reports   build data/processed/ and the HTML reports in reports/"
	@echo "make test      run the whole test suite"
	@echo "make lab       start JupyterLab with the project's kernel"
	@echo "make bench     run the benchmarks in bench/"
	@echo "make demo      simulated monthly panel and the 34 merged provinces' demo reports"
	@echo "make lint      ruff"

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed; set PYTHON=python3.11")'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	$(BIN)/python -m ipykernel install --sys-prefix --name $(KERNEL) --display-name "Python (bhxh-campaigns)" > /dev/null
	@touch $(STAMP)

install: $(STAMP)

data: $(STAMP)
	$(BIN)/bhxh process

reports: data
	$(BIN)/bhxh reports --lang vi,en

demo: $(STAMP)
	$(BIN)/bhxh demo
	$(BIN)/bhxh reports --demo --level 2025 --lang vi,en

test: $(STAMP)
	$(BIN)/python -m pytest -n 2 --dist loadfile

test-fast: $(STAMP)
	$(BIN)/python -m pytest -n 2 --dist loadfile -m "not slow"

test-slow: $(STAMP)
	$(BIN)/python -m pytest -n 2 --dist loadfile -m slow

lint: $(STAMP)
	$(BIN)/ruff check src tests bench scripts

lab: $(STAMP)
	$(BIN)/jupyter lab --notebook-dir=notebooks

bench: $(STAMP)
	@for script in bench/*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

reference: $(STAMP)
	$(BIN)/python scripts/make_reference.py

environment: $(STAMP)
	$(BIN)/python scripts/make_environment.py

clean:
	rm -rf $(VENV) reports data/processed/*.csv data/processed/demo
