# NDP Tracker. `make run` and `make test` install everything they need themselves.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev
DB     := data/ndp.duckdb
PORT   ?= 8501
REPLICAS ?= 2

.PHONY: run serve test build clean chromium haproxy screenshots

# requirements.txt: the runtime pins with hashes (what a server installs); requirements-dev.txt: the
# same pins plus tests, benchmarks and fixture writers. Both are compiled from pyproject.toml:
#   uv pip compile pyproject.toml --generate-hashes -o requirements.txt
#   uv pip compile pyproject.toml --group dev --generate-hashes -o requirements-dev.txt
$(STAMP): requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check uv
	$(VENV)/bin/uv pip install --quiet --python $(PY) -r requirements.txt
	touch $(STAMP)

$(DEV_STAMP): requirements-dev.txt $(STAMP)
	$(VENV)/bin/uv pip install --quiet --python $(PY) -r requirements-dev.txt
	touch $(DEV_STAMP)

# The first time only: once a database was built here (data/ndp.duckdb.existed), a missing one is
# the operator's to restore or rebuild deliberately (`make build`), never rebuilt by `make run`.
$(DB): | $(STAMP)
	@if [ -e $(DB).existed ]; then echo "$(DB) is missing although one was built here: restore it from a backup, or rebuild it deliberately with 'make build' (users, the audit trail and imports are then lost)" >&2; exit 1; fi
	$(PY) -m actions build --db $(DB)

build: $(STAMP)
	$(PY) -m actions build --db $(DB)

run: $(STAMP) $(DB)
	$(PY) -m streamlit run server.py --server.address 127.0.0.1 --server.port $(PORT)

# Several Streamlit processes behind HAProxy (cookie affinity, health checks): see docs/deploy.md.
serve: $(STAMP) $(DB) haproxy
	$(PY) -m deploy.replicas --replicas $(REPLICAS) --port $(PORT)

haproxy:
	@command -v haproxy >/dev/null 2>&1 || test -x /usr/sbin/haproxy || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing Debian's haproxy for make serve"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq haproxy >/dev/null; \
	  else echo "make serve needs Debian's haproxy: run 'sudo apt-get install haproxy'" >&2; exit 1; fi; }

# Browser tests drive Debian's Chromium (Playwright cannot download its own browser here).
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing Debian's chromium for the browser tests"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "browser tests need Debian's chromium: run 'sudo apt-get install chromium'" >&2; exit 1; fi; }

test: $(DEV_STAMP) chromium
	$(VENV)/bin/ruff check .
	PY=$(PY) bash tests/run_split.sh

screenshots: $(DEV_STAMP) chromium
	NDP_SCREENSHOTS=1 $(PY) -m pytest -q -p no:cacheprovider tests/browser -k "page_loads or fits_the_screen"

clean:
	rm -rf $(VENV) $(DB) .pytest_cache
