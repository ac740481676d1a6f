"""Session ownership behind ``make serve``'s HAProxy (two replicas, NDP_TRUST_PROXY=1, the address
from X-Forwarded-For): the editor's reconnect through the balancer gets his session back, the same
id without his sign-in cookie opens a new session, and naming it on the other replica gives a new session
(the other replica never saw it). Bounded: two replicas, a handful of connections."""
from __future__ import annotations

import os
import shutil
import urllib.request
from datetime import datetime, timedelta

import pytest

from access import session_token
from access.users import NewUser, add_user
from deploy.replicas import COOKIE, HAPROXY, ReplicaSet, free_ports
from tests.files import ADMIN
from tests.hostile.hostile import run_loop
from tests.hostile.test_session_owner_server import EDITOR, HOME, _connect


@pytest.mark.skipif(not os.path.exists(HAPROXY), reason="haproxy is installed by make serve")
def test_a_reconnect_through_the_balancer_is_tied_to_its_opener(built_db, tmp_path):
    db = tmp_path / "ndp.duckdb"
    shutil.copyfile(built_db, db)
    add_user(db, NewUser(EDITOR, "ministry_editor", body_code="MOF"), "mật khẩu biên tập 2026", ADMIN)
    port, *ports = free_ports(3)
    replicas = ReplicaSet(port, ports, tmp_path, ("--server.headless", "true"), {"NDP_DB": str(db)})
    replicas.start()
    try:
        with urllib.request.urlopen(replicas.url + "/_stcore/health", timeout=10) as answer:
            pins = [c.split(";")[0] for c in answer.headers.get_all("Set-Cookie") if c.startswith(COOKIE + "=")]
        assert len(pins) == 1 and pins[0].startswith(COOKIE + "=r")
        pin = pins[0]                                                           # ndp_replica=rN
        other = f"{COOKIE}=r{3 - int(pin[-1])}"
        then = datetime.now() - timedelta(minutes=1)
        signed = f"{session_token.COOKIE}={session_token.issue(db, EDITOR, then, then)}"

        async def journey():
            mine = await _connect(replicas.url, HOME, f"{pin}; {signed}")
            again = await _connect(replicas.url, HOME, f"{pin}; {signed}", mine)       # a wifi blip
            stranger = await _connect(replicas.url, HOME, pin, mine)                    # no sign-in cookie
            elsewhere = await _connect(replicas.url, HOME, f"{other}; {signed}", mine)  # the other replica
            return mine, again, stranger, elsewhere

        mine, again, stranger, elsewhere = run_loop(journey())
    finally:
        replicas.stop()
    assert isinstance(mine, str) and again == mine
    assert isinstance(stranger, str) and stranger != mine                   # a new session, not his
    assert isinstance(elsewhere, str) and elsewhere != mine
