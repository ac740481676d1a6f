"""The session owners' registry (access/owners.py) without a server: the session id read from
Streamlit's own serialized messages, the bound on what is remembered, a sign-in fingerprint that
survives the cookie's refresh, and the middleware's decision for a reconnect. The real server:
test_session_owner_server.py."""
from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from access import cookie_route, owners, session_token, wire
from tests.hostile.hostile import run_loop


@settings(max_examples=60, deadline=None)
@given(session_id=st.uuids().map(str), name=st.text(max_size=300), hash_=st.text(max_size=40),
       delta_first=st.booleans(), version=st.text(max_size=30))
def test_the_session_id_is_read_from_any_new_session_message(session_id, name, hash_, delta_first, version):
    message = ForwardMsg()
    message.hash = hash_
    message.metadata.delta_path.extend([0, 1])
    message.new_session.name = name
    message.new_session.initialize.environment_info.streamlit_version = version
    message.new_session.initialize.session_id = session_id
    assert owners.new_session_id(message.SerializeToString()) == session_id
    other = ForwardMsg()
    other.hash = hash_
    if delta_first:
        other.delta.new_element.markdown.body = session_id
    else:
        other.script_finished = 1
    assert owners.new_session_id(other.SerializeToString()) is None
    assert owners.new_session_id(message.SerializeToString()[:-3]) is None     # cut short: nothing, no error


def test_what_is_remembered_is_bounded_and_least_recently_used_goes():
    kept = owners.Owners(limit=3)
    for i in range(5):
        kept.claim(f"s{i}", owners.Owner("10.0.0.1", None))
        kept.get("s0")                                  # kept in use
    assert len(kept) == 3 and kept.get("s0") is not None and kept.get("s1") is None
    kept.claim("s0", owners.Owner("10.6.6.6", "x"))     # an id keeps its first owner
    assert kept.get("s0") == owners.Owner("10.0.0.1", None)
    assert not kept.signed("s0", "10.6.6.6", "x")       # only from the opener's address
    assert kept.signed("s0", "10.0.0.1", "x") and kept.get("s0") == owners.Owner("10.0.0.1", "x")


def test_the_fingerprint_is_the_sign_in_not_the_cookies_value(db):
    started = datetime.now() - timedelta(minutes=20)
    first = session_token.issue(db, "a@mof.gov.vn", started, started)
    refreshed = session_token.issue(db, "a@mof.gov.vn", started, datetime.now())
    again = session_token.issue(db, "a@mof.gov.vn", datetime.now(), datetime.now())
    assert first != refreshed
    assert owners.fingerprint(db, first) == owners.fingerprint(db, refreshed) is not None
    assert owners.fingerprint(db, again) != owners.fingerprint(db, first)
    assert owners.fingerprint(db, first[:-2] + "xx") is None and owners.fingerprint(db, None) is None


def _reconnect(middleware, address: str, session_id: str, cookie: str = "") -> tuple[list, list]:
    """A websocket naming ``session_id``: (what reached the app, what the client was sent)."""
    scope = {"type": "websocket", "path": "/_stcore/stream", "client": (address, 5555),
             "headers": [(b"sec-websocket-protocol", f"streamlit, tok, {session_id}".encode()),
                         *([(b"cookie", cookie.encode())] if cookie else [])]}
    reached, sent = [], []

    async def receive():
        return {"type": "websocket.connect"}

    async def send(message):
        sent.append(message)

    async def app(scope, receive, send):
        reached.append(dict(scope["headers"])[b"sec-websocket-protocol"])
        message = ForwardMsg()
        message.new_session.initialize.session_id = session_id if len(reached[-1].split(b",")) == 3 else "brand-new"
        await send({"type": "websocket.send", "bytes": message.SerializeToString()})

    middleware.app = app
    run_loop(middleware(scope, receive, send))
    return reached, sent


def test_a_reconnect_reaches_its_session_only_from_the_opener(db):
    kept = owners.Owners()
    middleware = wire.WireLimits(None, db_path=db, owners=kept)
    mine = str(uuid.uuid4())
    reached, _ = _reconnect(middleware, "10.0.0.7", mine)              # nobody opened it here: id dropped
    assert reached == [b"streamlit, tok"] and kept.get("brand-new") == owners.Owner("10.0.0.7", None)
    kept.claim(mine, owners.Owner("10.0.0.7", None))
    reached, sent = _reconnect(middleware, "10.0.0.8", mine)           # another address: a new session
    assert reached == [b"streamlit, tok"] and kept.get(mine) == owners.Owner("10.0.0.7", None)
    reached, sent = _reconnect(middleware, "10.0.0.7", mine)           # the opener again
    assert reached == [f"streamlit, tok, {mine}".encode()] and sent[0]["type"] == "websocket.send"


def test_a_tab_that_signs_in_still_reconnects_with_its_new_cookie(db, monkeypatch):
    """The session opened anonymously; its page signed in and the browser fetched the cookie
    (the cookie route); a wifi blip later the tab comes back with that cookie and is let in,
    while the same office without it gets a new session."""
    kept = owners.Owners()
    monkeypatch.setattr(cookie_route, "OWNERS", kept)
    middleware = wire.WireLimits(None, db_path=db, owners=kept)
    mine = str(uuid.uuid4())
    kept.claim(mine, owners.Owner("10.0.0.7", None))
    now = datetime.now()
    token = session_token.issue(db, "a@mof.gov.vn", now, now)
    ticket = cookie_route.TICKETS.issue(mine, token, owners.fingerprint(db, token))
    assert cookie_route.TICKETS.redeem(ticket, "10.0.0.7") is not None
    assert kept.signed(mine, "10.0.0.7", owners.fingerprint(db, token))      # what the route does with it
    cookie = f"{session_token.COOKIE}={token}"
    assert _reconnect(middleware, "10.0.0.7", mine, cookie)[0] == [f"streamlit, tok, {mine}".encode()]
    assert _reconnect(middleware, "10.0.0.7", mine)[0] == [b"streamlit, tok"]   # without it: a new session
