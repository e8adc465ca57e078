# Two commands do everything: `make reports` and `make test`. Both create .venv when it is
# missing and reinstall when pyproject.toml or requirements.lock changes (the stamp file is older
# than either). requirements.lock pins the tested environment; `make lock` regenerates it.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
KERNEL := bhxh-campaigns
LOCK := requirements.lock
CONSTRAINTS := $(if $(wildcard $(LOCK)),-c $(LOCK))

.PHONY: help install data reports demo test test-fast test-slow coverage lint lab bench environment lock reference clean

help:
	@echo "make reports   build data/processed/ and the HTML reports in reports/"
	@echo "make test      run the whole test suite"
	@echo "make lab       start JupyterLab with the project's kernel"
	@echo "make bench     run the benchmarks in bench/"
	@echo "make demo      simulated monthly panel and the 34 merged provinces' demo reports"
	@echo "make coverage  the whole suite with line and branch coverage (htmlcov/index.html)"
	@echo "make lint      ruff"

$(STAMP): pyproject.toml $(wildcard $(LOCK))
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed; set PYTHON=python3.11")'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet $(CONSTRAINTS) -e ".[dev]"
	$(BIN)/python -m ipykernel install --sys-prefix --name $(KERNEL) --display-name "Python (bhxh-campaigns)" > /dev/null
	@touch $(STAMP)

install: $(STAMP)

# `bhxh process` runs when something it reads is newer than its output: a file under data/raw
# or src/helpers (a folder's time changes when a file is added or removed), or the install.
PROCESSED := data/processed/facts.csv
DATA_CURRENT = [ -f $(PROCESSED) ] && [ -z "$$(find data/raw src/helpers $(STAMP) -newer \
	$(PROCESSED) -not -path '*/__pycache__*' -print -quit)" ]
UP_TO_DATE := data/processed is up to date (bhxh process: nothing under data/raw changed)
data: $(STAMP)
	@if $(DATA_CURRENT); then echo "$(UP_TO_DATE)"; else $(BIN)/bhxh process; fi

# When data/processed must be rebuilt, `bhxh reports --process` does it first in the same
# process, while the warm kernel server loads the report libraries beside it.
REPORTS := $(BIN)/bhxh reports --lang vi,en
reports: $(STAMP)
	@if $(DATA_CURRENT); then echo "$(UP_TO_DATE)"; echo "$(REPORTS)"; $(REPORTS); \
	else echo "$(REPORTS) --process"; $(REPORTS) --process; fi

demo: $(STAMP)
	$(BIN)/bhxh demo
	$(BIN)/bhxh reports --demo --level 2025 --lang vi,en

# The whole suite, slow tests included (pyproject's addopts leave them out of a bare `pytest`).
test: $(STAMP)
	$(BIN)/python -m pytest -n 2 --dist loadfile -m "slow or not slow"

test-fast: $(STAMP)
	$(BIN)/python -m pytest -n 2 --dist loadfile -m "not slow"

test-slow: $(STAMP)
	$(BIN)/python -m pytest -n 2 --dist loadfile -m slow

# The whole suite as `make test` runs it, measuring line and branch coverage of src/helpers
# (settings in pyproject's [tool.coverage]): a summary, least covered first, and htmlcov/.
coverage: $(STAMP)
	rm -f .coverage .coverage.*
	$(BIN)/python -m pytest -n 2 --dist loadfile -m "slow or not slow" --cov --cov-report=term --cov-report=html

lint: $(STAMP)
	$(BIN)/ruff check src tests bench scripts

# In a conda environment (CONDA_PREFIX set, `conda env create -f environment.yml`), `make lab`
# registers the project's kernel there, says which packages differ from $(LOCK) (conda-forge's
# versions need not be the tested ones) and starts that environment's JupyterLab; otherwise .venv's.
ifdef CONDA_PREFIX
lab:
	python -m pip install --quiet --no-deps -e .
	python -m ipykernel install --sys-prefix --name $(KERNEL) --display-name "Python (bhxh-campaigns)" > /dev/null
	python scripts/check_lock.py $(LOCK)
	jupyter lab --notebook-dir=notebooks
else
lab: $(STAMP)
	$(BIN)/jupyter lab --notebook-dir=notebooks
endif

bench: $(STAMP)
	@for script in bench/*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

reference: $(STAMP)
	$(BIN)/python scripts/make_reference.py

environment: $(STAMP)
	$(BIN)/python scripts/make_environment.py

# Pin the whole tested environment (runtime and dev extras) from pyproject.toml, with pip-tools
# in a throwaway venv so the project's own .venv stays exactly what the lock describes.
lock:
	@test -x .lock-venv/bin/pip-compile || ($(PYTHON) -m venv .lock-venv && .lock-venv/bin/python -m pip install --quiet pip-tools)
	.lock-venv/bin/pip-compile --quiet --extra dev --strip-extras --allow-unsafe --no-emit-index-url --no-emit-find-links --output-file $(LOCK) pyproject.toml

clean:
	rm -rf $(VENV) reports data/processed/*.csv data/processed/demo
