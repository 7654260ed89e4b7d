# litkit — two commands set everything up on a fresh machine:
#   make demo   create .venv, install litkit, run the pipeline on the demo corpus, write figures/
#   make test   install test dependencies (and the system packages the tests need), run the tests
SHELL := /bin/bash
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip
STAMP  := $(VENV)/.installed

.PHONY: demo test lint docs venv system-deps notebooks bench clean help

help:
	@echo "make demo   - install into .venv and run the demo pipeline (writes figures/)"
	@echo "make test   - install test dependencies and run the test suite"
	@echo "make docs   - build the API reference into docs/_build/html"
	@echo "make bench  - run the benchmarks in bench/ (slow; needs ../shared)"

$(STAMP): pyproject.toml litkit/io/_wos_scan.c
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip wheel setuptools
	$(PIP) install --quiet -e '.[notebooks,scale,test]'
	touch $(STAMP)

venv: $(STAMP)

# Debian packages: a CJK font for Chinese labels in figures, Chromium for the browser tests, and a C
# compiler with the Python headers for litkit's compiled WoS line scan (optional: without them pip
# installs litkit without it, and WoS plain text is read by the record path, engine 'python', with a warning).
system-deps:
	@if ! fc-list 2>/dev/null | grep -qi 'Noto Sans CJK' || ! command -v chromium >/dev/null 2>&1; then \
	  if command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-noto-cjk chromium >/dev/null; \
	  else \
	    echo "note: install a CJK font (fonts-noto-cjk) and chromium with your package manager"; \
	  fi; \
	fi
	@if ! command -v cc >/dev/null 2>&1 || ! $(PYTHON) -c "import os, sysconfig, sys; \
	    sys.exit(not os.path.exists(os.path.join(sysconfig.get_paths()['include'], 'Python.h')))"; then \
	  if command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gcc python3-dev >/dev/null; \
	  else \
	    echo "note: no C compiler or Python headers: litkit installs without its compiled WoS line scan"; \
	  fi; \
	fi
	@rm -rf $$HOME/.cache/matplotlib  # let matplotlib see newly installed fonts

demo: system-deps $(STAMP)
	$(VENV)/bin/litkit demo -o figures --force

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

# The API reference (Sphinx + numpydoc) from the docstrings, into docs/_build/html; a warning fails it.
docs: $(STAMP)
	$(PY) -m sphinx -W --keep-going -q -b html docs docs/_build/html

test: system-deps $(STAMP) lint docs
	$(PY) -m pytest -q -p no:cacheprovider

bench: $(STAMP)
	$(PY) bench/run_all.py

clean:
	rm -rf $(VENV) build *.egg-info
