#!/usr/bin/env bash
# The whole suite (`pytest -q`) in two processes at once: the browser tests, which mostly wait on
# Chromium and their servers, beside the rest, which mostly compute. The same tests as one
# `pytest -q`; on this 2-core machine the wall time is about a third less. Fails if either fails;
# the browser tests' report is printed after the rest's.
set -u
PY=${PY:-.venv/bin/python}
log=$(mktemp)
"$PY" -m pytest -q tests/browser >"$log" 2>&1 &
browser=$!
"$PY" -m pytest -q --ignore=tests/browser "$@"
rest=$?
wait "$browser"
browser_rc=$?
echo "--- tests/browser"
cat "$log"
rm -f "$log"
exit $(( rest != 0 || browser_rc != 0 ))
