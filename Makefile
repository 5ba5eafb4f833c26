# MedKG: `make run` builds everything on the embedded store; `make test` runs the whole suite.
# Each target installs what it needs: a local virtual environment and, for the tests, the
# Debian packages they drive (a Java runtime for the HermiT reasoner, Chromium for the browser tests).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: help run test install system-deps clean

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	rm -f $(VENV)/.installed-* && touch $@

install: $(STAMP)  ## create .venv and install MedKG with its test tools

system-deps:  ## install the Debian packages the tests drive (needs root or sudo)
	@bash .ci/system-deps

run: install system-deps  ## check the ontology, build the graph, analyse and draw it into dist/, then serve it
	$(BIN)/medkg ontology check
	$(BIN)/medkg ontology docs
	$(BIN)/medkg build
	$(BIN)/medkg analyze
	$(BIN)/medkg map --focus "Cluster solaire"
	@echo "Maps: dist/maps/ecosystem.html and funding-flows.html; analysis: dist/analysis/report.md."
	$(BIN)/medkg serve

test: install system-deps  ## run the whole test suite
	$(BIN)/python -m pytest

clean:  ## remove dist/ and the virtual environment
	rm -rf dist $(VENV)
