# One entry point for every task: `make help` lists them.
# Everything installs itself: the virtualenv from PyPI, Neo4j's jars from Maven Central via mvn.

SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell sha1sum pyproject.toml | cut -c1-12)

.DEFAULT_GOAL := help
.PHONY: help setup tools demo test lint format typecheck pytest readme bench stop clean

help: ## List the tasks
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

tools: ## Install Java 17 and Maven with apt-get if they are missing (needs root)
	@if ! command -v java >/dev/null || ! command -v mvn >/dev/null; then \
	  echo "Installing Java 17 and Maven with apt-get..."; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jre-headless maven; \
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

pytest: setup ## Only the test suite
	$(BIN)/pytest

test: lint typecheck pytest ## Lint, type-check and run every test against a real Neo4j

bench: setup ## Measure load speed against baselines (own throwaway Neo4j)
	$(BIN)/python -m scrgraph.benchmarks

readme: setup ## Regenerate the README's reference sections from the code
	$(BIN)/python -m scrgraph.docs README.md

stop: ## Stop the local Neo4j
	@if [ -x $(BIN)/scrgraph ]; then $(BIN)/scrgraph db stop; fi

clean: stop ## Remove the virtualenv and caches (keeps your data)
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache build src/*.egg-info
