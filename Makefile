# jianfu — the two commands a newcomer needs: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test test-fast bench evaluate train clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/jianfu demo

# The WeChat adapter is tested against the real Wechaty puppet service from npm (pinned in
# tests/wechaty); without npm those tests are skipped with a reason.
NODE_STAMP := tests/wechaty/node_modules/.installed

$(NODE_STAMP): tests/wechaty/package.json tests/wechaty/package-lock.json
	@if command -v npm >/dev/null; then \
		npm ci --prefix tests/wechaty --no-audit --no-fund --loglevel=error && touch $(NODE_STAMP); \
	else echo "npm not found: the WeChat end-to-end tests will be skipped"; fi

test: $(STAMP) $(NODE_STAMP)
	$(BIN)/python -m pytest -q

test-fast: $(STAMP)
	$(BIN)/python -m pytest -q -m 'not slow'

evaluate: $(STAMP)
	$(BIN)/jianfu evaluate --data data/corpus/heldout

train: $(STAMP)
	$(BIN)/jianfu train

bench: $(STAMP)
	$(BIN)/jianfu bench

clean:
	rm -rf $(VENV) demo-out build *.egg-info
