# duikou — the two commands of the quick start, and a few for developers.
#   make demo   set up .venv, build the bundled sample chapter, print its stats,
#               write duikou-out/pairings.html and print the multi-donor recipients
#   make test   set up .venv with the test extras, run the whole test suite
#   make browser  install Debian chromium + chromium-driver for the browser tests (make test does it)
#   make notebooks  install the notebooks extra (JupyterLab, pandas, matplotlib) and open
#               JupyterLab on notebooks/ at http://127.0.0.1:8888 (NOTEBOOK_PORT)
#   make bench  build synthetic corpora at SCALES (default 1 10 100; add 1000 if you have
#               ~15 minutes and 6 GB of disk), measure, and write docs/benchmarks.md
#               (the peers table wants Virtuoso: make virtuoso installs it)
#   make bench-peers  every named query on $(OUT) on the store, in memory, on rdflib and on
#               Virtuoso, side by side; exits 1 if any engine gives other rows
#   make virtuoso  install Debian's virtuoso-opensource for the peer benchmark (not for make test)

PYTHON ?= python3
VENV   ?= .venv
OUT    ?= duikou-out
BIN    := $(VENV)/bin

NOTEBOOK_PORT ?= 8888

SCALES ?= 1 10 100
BENCH_ARGS ?=  # e.g. --reuse: keep the builds (and their figures) of an earlier run

.PHONY: demo test bench bench-peers virtuoso browser validate lint format clean docs notebooks

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Stamp files: reinstall only when pyproject.toml changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@ $(VENV)/.installed

$(VENV)/.installed-notebooks: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[notebooks]'
	touch $@ $(VENV)/.installed

demo: $(VENV)/.installed
	$(BIN)/duikou build --out $(OUT)
	$(BIN)/duikou viz --graph $(OUT) --output $(OUT)/pairings.html
	$(BIN)/duikou summary --graph $(OUT)

test: $(VENV)/.installed-test browser
	$(BIN)/python -m pytest

# Only this machine can reach it; without a display, open the URL with the token it prints.
# (--allow-root: containers often run as root, which Jupyter otherwise refuses.)
notebooks: $(VENV)/.installed-notebooks
	$(BIN)/jupyter lab --ip=127.0.0.1 --port=$(NOTEBOOK_PORT) --notebook-dir=notebooks \
	  $(if $(DISPLAY)$(WAYLAND_DISPLAY),,--no-browser) $(if $(SUDO),,--allow-root)

bench: $(VENV)/.installed virtuoso
	$(BIN)/python -m benchmarks.run --scales $(SCALES) $(BENCH_ARGS)

bench-peers: $(VENV)/.installed virtuoso
	$(BIN)/python -m benchmarks.peers $(OUT) --check

# Headless Chromium for tests/test_viz.py, from Debian (no driver downloads).
# If it cannot be installed the browser tests skip, saying why.
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
browser:
	@if command -v chromium >/dev/null && command -v chromedriver >/dev/null; then :; \
	else ($(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium chromium-driver) \
	  || echo "note: chromium could not be installed; browser tests will be skipped"; fi

# Virtuoso Open Source from Debian, for benchmarks.peers; where it cannot be installed
# the benchmark skips it with a note.
virtuoso:
	@if command -v virtuoso-t >/dev/null && command -v isql-vt >/dev/null; then :; \
	else ($(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq virtuoso-opensource) \
	  || echo "note: virtuoso-opensource could not be installed; the peer benchmark will skip Virtuoso"; fi

docs: $(VENV)/.installed
	$(BIN)/python scripts/gen_docs.py

validate: $(VENV)/.installed
	$(BIN)/duikou validate --graph $(OUT)

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.installed-test
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) $(OUT) $(dir $(OUT)).$(notdir $(OUT)).lock .bench .pytest_cache .ruff_cache src/*.egg-info
