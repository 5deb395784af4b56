# Everything a maintainer runs. `make serve` and `make test` work on a fresh machine:
# they create .venv from the lock file (and install Debian's Chromium for browser tests).
VENV ?= .venv
BIN := $(VENV)/bin
PYTHON ?= python3
export NO_MKDOCS_2_WARNING := 1
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: setup fonts serve build test test-fast lint format typecheck check chromium bench audit lock clean

$(VENV)/.installed: requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

setup: $(VENV)/.installed  ## create .venv with the locked dependencies

serve: setup  ## serve the site on http://127.0.0.1:8000, rebuilding what an edit changes (ONLY=<id>: one publication)
	TRILINGUAL_ONLY=$(ONLY) $(BIN)/mkdocs serve --dirty

build: setup fonts  ## build the site into site/ (warnings are errors), PDFs included
	$(BIN)/mkdocs build --strict

chromium:  ## Debian's Chromium for the browser tests (Playwright drives it) and Java for the Nu Html Checker
	@command -v chromium >/dev/null 2>&1 && command -v java >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium default-jre-headless >/dev/null; }

fonts:  ## Debian's Noto CJK (embedded in the PDFs) and Pango, which WeasyPrint draws text with
	@{ fc-list 2>/dev/null | grep -q "NotoSerifCJK" && ldconfig -p | grep -q libpangoft2; } || { \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq \
	  fonts-noto-cjk fontconfig libpango-1.0-0 libpangoft2-1.0-0 >/dev/null; }

lint: setup  ## ruff lint and format check
	$(BIN)/ruff check scripts tests tools
	$(BIN)/ruff format --check scripts tests tools

format: setup
	$(BIN)/ruff format scripts tests tools
	$(BIN)/ruff check --fix scripts tests tools

typecheck: setup  ## mypy on the package
	$(BIN)/mypy

check: setup  ## translators' QA checks on every publication (exit 1 on errors)
	$(BIN)/trilingual check

test: setup chromium fonts lint typecheck check  ## the whole test suite, browser tests included
	$(BIN)/pytest

test-fast: setup  ## unit tests only
	$(BIN)/pytest -m "not browser" -x -q

bench: setup  ## benchmark libraries of 1, 10 and 50 publications (prints a table; takes minutes)
	PYTHONPATH=tools $(BIN)/python -m trilingual_tools.bench --sizes 1 10 50 --reload 1 10 50

audit: setup chromium  ## Lighthouse scores (mobile and desktop) of the built site, from tools/package-lock.json
	npm ci --prefix tools --no-audit --no-fund
	PYTHONPATH=tools $(BIN)/python -m trilingual_tools.audit

lock:  ## re-resolve requirements.lock from pyproject.toml
	$(BIN)/pip install --quiet uv && $(BIN)/uv pip compile pyproject.toml --extra dev --generate-hashes --python-version 3.11 -o requirements.lock

clean:
	rm -rf site .pytest_cache .mypy_cache .ruff_cache
