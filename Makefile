# jianfu — the two commands a newcomer needs: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test test-all bench evaluate train clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/jianfu demo

test: $(STAMP)
	$(BIN)/python -m pytest -q

test-all: $(STAMP)
	$(BIN)/python -m pytest -q -m ''

evaluate: $(STAMP)
	$(BIN)/jianfu evaluate --data data/corpus/heldout

train: $(STAMP)
	$(BIN)/jianfu train

bench: $(STAMP)
	$(BIN)/jianfu bench

clean:
	rm -rf $(VENV) demo-out build *.egg-info
