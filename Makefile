# NDP Tracker. `make run` and `make test` install everything they need themselves.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
DB     := data/ndp.duckdb
PORT   ?= 8501

.PHONY: run test build clean

$(STAMP): requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check uv
	$(VENV)/bin/uv pip install --quiet --python $(PY) -r requirements.txt
	touch $(STAMP)

$(DB): | $(STAMP)
	$(PY) -m loaders build --db $(DB)

build: $(STAMP)
	$(PY) -m loaders build --db $(DB)

run: $(STAMP) $(DB)
	$(PY) -m streamlit run app.py --server.address 127.0.0.1 --server.port $(PORT)

test: $(STAMP)
	$(PY) -m pytest -q

clean:
	rm -rf $(VENV) $(DB) .pytest_cache
