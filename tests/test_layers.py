"""The floors of the code (README "Layout"), checked by import-linter with the contracts in
pyproject.toml: pages -> reports -> views -> actions -> access | analysis -> store -> loaders; only
store/ imports duckdb; only pages/ (and app.py) import streamlit."""
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LINT = Path(sys.executable).with_name("lint-imports")
PACKAGES = ("pages", "views", "reports", "actions", "access", "analysis", "store", "loaders", "i18n")


def lint(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(LINT), "--no-cache"], cwd=root, capture_output=True, text=True, timeout=120)


def test_every_floor_holds():
    out = lint(ROOT)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "3 kept, 0 broken" in out.stdout


@pytest.fixture(scope="module")
def copy(tmp_path_factory) -> Path:
    """The product packages and their contracts, copied where a test may plant a bad import."""
    root = tmp_path_factory.mktemp("layers")
    for name in PACKAGES:
        shutil.copytree(ROOT / name, root / name, ignore=shutil.ignore_patterns("__pycache__", "*.csv", "*.ttf"))
    shutil.copy(ROOT / "pyproject.toml", root)
    return root


PLANTED = [
    ("loaders", "from actions import pipeline\n", "loaders is not allowed to import actions"),
    ("store", "import access.audit\n", "store is not allowed to import access"),
    ("analysis", "from access.roles import User\n", "analysis is not allowed to import access"),
    ("i18n", "from loaders import text\n", "i18n is not allowed to import loaders"),
    ("actions", "import duckdb\n", "actions.planted -> duckdb"),
    ("reports", "import streamlit as st\n", "reports.planted -> streamlit"),
]


@pytest.mark.parametrize("package,code,complaint", PLANTED, ids=[p[0] + ":" + p[2].split()[-1] for p in PLANTED])
def test_a_planted_import_that_climbs_is_caught(copy, package, code, complaint):
    planted = copy / package / "planted.py"
    planted.write_text(code, encoding="utf-8")
    try:
        out = lint(copy)
    finally:
        planted.unlink()
    assert out.returncode != 0 and complaint in out.stdout, out.stdout + out.stderr
    assert "planted" in out.stdout
