"""The wire limits (access/wire.py) as an ASGI middleware, driven without a server: a flood of
websocket messages is metered and then cut; an upload needs a signed-in user who may import and
stays within a quota. The real server under the same attacks: test_wire_server.py."""
from __future__ import annotations

import asyncio
from datetime import datetime, timedelta

import pytest

from access import session_token, wire
from access.users import NewUser, add_user
from tests.files import ADMIN
from tests.hostile.hostile import run_loop

EDITOR, VIEWER = "bien.tap@mof.gov.vn", "chi.xem@mof.gov.vn"


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def _stream_scope(address="10.0.0.7"):
    return {"type": "websocket", "path": "/_stcore/stream", "client": (address, 5555), "headers": []}


def _run_stream(middleware: wire.WireLimits, clock: Clock, n: int, address="10.0.0.7"):
    """``n`` messages arriving at once on one connection; what the app got, the waits the
    middleware imposed (the clock moves by each wait) and what it sent to the client."""
    incoming = [{"type": "websocket.receive", "bytes": b"x"}] * n + [{"type": "websocket.disconnect", "code": 1000}]
    got, waits, sent = [], [], []

    async def receive():
        return incoming.pop(0)

    async def send(message):
        sent.append(message)

    async def app(scope, receive, send):
        while True:
            message = await receive()
            got.append(message["type"])
            if message["type"] == "websocket.disconnect":
                return

    async def fake_sleep(seconds):
        waits.append(seconds)
        clock.now += seconds

    middleware.app = app
    real_sleep = asyncio.sleep
    asyncio.sleep = fake_sleep
    try:
        run_loop(middleware(_stream_scope(address), receive, send))
    finally:
        asyncio.sleep = real_sleep
    return got, waits, sent


def test_a_flood_on_one_connection_reaches_streamlit_at_its_rate():
    clock = Clock()
    got, waits, sent = _run_stream(wire.WireLimits(None, clock=clock), clock, 2_000)
    assert got.count("websocket.receive") == 2_000 and sent == []
    assert waits == [pytest.approx(1 / wire.RATE)] * (2_000 - wire.BURST)
    assert clock.now - 1000.0 == pytest.approx((2_000 - wire.BURST) / wire.RATE)


def test_a_connection_that_would_wait_too_long_is_closed():
    """Thousands of connections flooding from one address run up its debt: a message that would
    wait over MAX_WAIT ends its connection, for Streamlit as a closed tab, for the client 1008."""
    clock = Clock()
    middleware = wire.WireLimits(None, clock=clock)
    middleware._address_bucket("10.0.0.7", clock.now).tokens = -wire.ADDRESS_RATE * wire.MAX_WAIT
    got, waits, sent = _run_stream(middleware, clock, 5)
    assert got == ["websocket.disconnect"] and waits == []
    assert sent == [{"type": "websocket.close", "code": 1008, "reason": "too many messages"}]
    assert middleware._address_bucket("10.0.0.7", clock.now).tokens == -wire.ADDRESS_RATE * wire.MAX_WAIT


def test_a_person_clicking_is_never_held():
    clock = Clock()
    got, waits, sent = _run_stream(wire.WireLimits(None, clock=clock), clock, wire.BURST)
    assert got.count("websocket.receive") == wire.BURST and waits == [] and sent == []


def test_many_connections_from_one_address_share_its_limit():
    clock = Clock()
    middleware = wire.WireLimits(None, clock=clock)
    for _ in range(wire.ADDRESS_BURST // wire.BURST):              # each within its own burst
        assert _run_stream(middleware, clock, wire.BURST)[1] == []
    got, waits, sent = _run_stream(middleware, clock, wire.BURST)   # the address has spent its burst
    assert waits and waits[0] == pytest.approx(1 / wire.ADDRESS_RATE)
    assert _run_stream(middleware, clock, wire.BURST, address="10.0.0.8")[1] == []   # another address is not


@pytest.fixture
def users_db(db):
    add_user(db, NewUser(EDITOR, "ministry_editor", body_code="MOF"), "mật khẩu biên tập 2026", ADMIN)
    add_user(db, NewUser(VIEWER, "viewer"), "mật khẩu người xem 2026", ADMIN)
    return db


def _put(middleware, cookie: str | None) -> int:
    headers = [(b"cookie", cookie.encode())] if cookie is not None else []
    scope = {"type": "http", "method": "PUT", "path": "/_stcore/upload_file/sid/fid", "client": ("10.0.0.7", 1),
             "headers": headers}
    status = []

    async def app(scope, receive, send):
        status.append(204)

    async def send(message):
        if message["type"] == "http.response.start":
            status.append(message["status"])

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    middleware.app = app
    run_loop(middleware(scope, receive, send))
    return status[0]


def _cookie(db, email: str) -> str:
    """A sign-in cookie issued a second ago (a token keeps milliseconds: one issued now may round
    to just after the check's now)."""
    then = datetime.now() - timedelta(seconds=1)
    return f"{session_token.COOKIE}={session_token.issue(db, email, then, then)}"


def test_an_upload_needs_a_signed_in_user_who_may_import(users_db, tmp_path):
    middleware = wire.WireLimits(None, db_path=users_db, root=tmp_path)
    assert _put(middleware, None) == 403                                  # a stranger
    assert _put(middleware, _cookie(users_db, VIEWER)) == 403              # a reader
    assert _put(middleware, _cookie(users_db, EDITOR)) == 204              # an editor
    forged = _cookie(users_db, EDITOR)[:-3] + "AAA"
    assert _put(middleware, forged) == 403
    assert _put(middleware, f"{wire.PROVIDER_COOKIE}=anything") == 403     # no identity provider here
    assert _put(middleware, 'ndp_session="; bad') == 403                   # a cookie header that does not parse


def test_a_signed_out_users_cookie_uploads_nothing(users_db, tmp_path):
    from access import guard
    cookie = _cookie(users_db, EDITOR)
    middleware = wire.WireLimits(None, db_path=users_db, root=tmp_path)
    assert _put(middleware, cookie) == 204
    guard.record_sign_out(users_db, EDITOR)
    assert _put(middleware, cookie) == 403


def test_an_editor_uploads_within_a_quota(users_db, tmp_path):
    clock = Clock()
    middleware = wire.WireLimits(None, db_path=users_db, clock=clock, root=tmp_path)
    cookie = _cookie(users_db, EDITOR)
    assert [_put(middleware, cookie) for _ in range(wire.UPLOADS + 1)] == [204] * wire.UPLOADS + [429]
    clock.now += wire.UPLOAD_WINDOW
    assert _put(middleware, cookie) == 204


def test_other_requests_pass_untouched(tmp_path):
    seen = []

    async def app(scope, receive, send):
        seen.append(scope.get("path"))

    middleware = wire.WireLimits(app, db_path=tmp_path / "none.duckdb", root=tmp_path)
    for scope in ({"type": "http", "method": "GET", "path": "/_stcore/health", "headers": []},
                  {"type": "http", "method": "DELETE", "path": "/_stcore/upload_file/s/f", "headers": []},
                  {"type": "lifespan"}):
        run_loop(middleware(scope, None, None))
    assert seen == ["/_stcore/health", "/_stcore/upload_file/s/f", None]
