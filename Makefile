# duikou — the two commands of the quick start, and a few for developers.
#   make demo   set up .venv, build the bundled sample chapter, print its stats
#   make test   set up .venv with the test extras, run the whole test suite

PYTHON ?= python3
VENV   ?= .venv
OUT    ?= duikou-out
BIN    := $(VENV)/bin

.PHONY: demo test validate lint format clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Stamp files: reinstall only when pyproject.toml changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@ $(VENV)/.installed

demo: $(VENV)/.installed
	$(BIN)/duikou build --out $(OUT)
	$(BIN)/duikou stats --graph $(OUT)

test: $(VENV)/.installed-test
	$(BIN)/python -m pytest

validate: $(VENV)/.installed
	$(BIN)/duikou validate --graph $(OUT)

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.installed-test
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache .ruff_cache src/*.egg-info
