from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from actions.build import build
from store.snapshot import Snapshot, read_snapshot

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def built_db(tmp_path_factory) -> Path:
    """The default database built from data/, once per run. Do not write to it."""
    path = tmp_path_factory.mktemp("built") / "ndp.duckdb"
    build(path)
    return path


@pytest.fixture
def db(built_db, tmp_path) -> Path:
    """A private copy of the built database that a test may write to."""
    path = tmp_path / "ndp.duckdb"
    shutil.copyfile(built_db, path)
    return path


def snapshot_of(path: Path) -> Snapshot:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return read_snapshot(con)
    finally:
        con.close()


@pytest.fixture(scope="session")
def built_snap(built_db) -> Snapshot:
    return snapshot_of(built_db)


@pytest.fixture(scope="session")
def app_db(built_db, tmp_path_factory) -> Path:
    """The built database for page tests that only read: a copy, since a test's signed-in user is
    given an account in it (``tests.apptest.runner``), and ``built_db`` ships without users."""
    path = tmp_path_factory.mktemp("app") / "ndp.duckdb"
    shutil.copyfile(built_db, path)
    return path


@pytest.fixture
def app(app_db, monkeypatch):
    """Run the app (``app(page, user=..., **query)``) on the built data."""
    from tests.apptest import runner
    monkeypatch.setenv("NDP_DB", str(app_db))
    return runner


@pytest.fixture
def writable_app(db, monkeypatch):
    """For interactions (clicks), on a writable copy. A served app decides legacy ``pages/`` mode
    once per process and app.py turns it off on the first request (``ensure_router``); AppTest
    re-decides it on every run, so the guard's rerun would swallow each click. Start every run as a
    served app would."""
    from streamlit.runtime.pages_manager import PagesManager

    from tests.apptest import runner
    monkeypatch.setenv("NDP_DB", str(db))
    original = PagesManager.__init__

    def served(self, *args, **kwargs):
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    monkeypatch.setattr(PagesManager, "__init__", served)
    return runner


@pytest.fixture(scope="module")
def writes_template(built_db, tmp_path_factory) -> Path:
    """The write matrix's template (tests/test_writes*.py): the built database plus a loaded
    national list (tests/writes_matrix.NATIONAL_BASE)."""
    import io

    from actions.ingest import ingest_file
    from tests.files import ADMIN
    from tests.writes_matrix import NATIONAL_BASE
    path = tmp_path_factory.mktemp("writes") / "ndp.duckdb"
    shutil.copyfile(built_db, path)
    ingest_file(io.BytesIO(NATIONAL_BASE), "base.csv", path, "national-2024", user=ADMIN)
    return path


@pytest.fixture
def writes_db(writes_template, tmp_path) -> Path:
    """A copy of the write matrix's template for one case."""
    path = tmp_path / "ndp.duckdb"
    shutil.copyfile(writes_template, path)
    return path
