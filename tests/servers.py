"""One way the browser and hostile tests get a real server: ``streamlit run server.py`` (app.py
behind its wire limits, as ``make run`` serves it) on a free loopback port (bench/serve.py), on a
private copy of the built database holding the accounts the test signs in with, waited for until
healthy and stopped in bounded time however the test ends."""
from __future__ import annotations

import shutil
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

import pytest

from access.users import NewUser, add_user
from bench.serve import ROOT, Server, start_server
from tests.files import ADMIN

Accounts = Iterable[tuple[NewUser, str]]   # (who, their password), created as `python -m actions users add` does


@contextmanager
def served(built_db: Path, folder: Path, users: Accounts = (), env: Mapping[str, str] | None = None) -> Iterator[Server]:
    """A server on ``folder``/ndp.duckdb (a copy of ``built_db`` with ``users`` added), with ``env``
    over this process's environment; its log is ``folder``/streamlit.log."""
    db = folder / "ndp.duckdb"
    shutil.copyfile(built_db, db)
    for new, password in users:
        add_user(db, new, password, ADMIN)
    server = start_server(ROOT / "server.py", db, folder / "streamlit.log", env=dict(env or {}))
    try:
        yield server
    finally:
        server.stop()


def server_fixture(name: str, users: Accounts = (), env: Mapping[str, str] | None = None, scope: str = "module"):
    """A fixture called ``name``: a server of its own (``served``) for ``scope``. Assign it to the
    same name in the test module: ``editor_server = server_fixture("editor_server", [...])``."""
    users = tuple(users)

    @pytest.fixture(scope=scope, name=name)
    def fixture(built_db, tmp_path_factory):
        with served(built_db, tmp_path_factory.mktemp(name), users, env) as server:
            yield server

    return fixture
