"""Taking over a signed-in editor's session by its id, on the real server (``streamlit run
server.py`` with ``NDP_TRUST_PROXY=1``, as each replica behind HAProxy runs). Streamlit reattaches a
new websocket that names a session id (the third subprotocol) to that session: it is how a browser
reconnects, and session ids are in every upload URL (a proxy's access log). Before the fix a
stranger from another address, or one without the editor's sign-in cookie, got the editor's session
(the same session id back); now he gets a new session of his own, while the editor's own reconnect (same
address, same cookie: a wifi blip) still gets his session back."""
from __future__ import annotations

import asyncio
import shutil
from datetime import datetime, timedelta

import pytest
import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from access import session_token
from access.users import NewUser, add_user
from bench.serve import ROOT, start_server
from tests.files import ADMIN
from tests.hostile.hostile import run_loop

EDITOR = "bien.tap@mof.gov.vn"
HOME, ELSEWHERE = "203.0.113.5", "198.51.100.9"


@pytest.fixture(scope="module")
def server(built_db, tmp_path_factory):
    folder = tmp_path_factory.mktemp("owner")
    db = folder / "ndp.duckdb"
    shutil.copyfile(built_db, db)
    add_user(db, NewUser(EDITOR, "ministry_editor", body_code="MOF"), "mật khẩu biên tập 2026", ADMIN)
    served = start_server(ROOT / "server.py", db, folder / "streamlit.log", env={"NDP_TRUST_PROXY": "1"})
    try:
        yield served
    finally:
        served.stop()


async def _connect(url: str, address: str, cookie: str = "", session_id: str = "") -> str | int:
    """A tab from ``address`` (as HAProxy's X-Forwarded-For says) asking for ``session_id`` (none: a
    new session): the session id its first run reports, or the close code if it was closed."""
    headers = {"X-Forwarded-For": address, **({"Cookie": cookie} if cookie else {})}
    protocols = ["streamlit", "x", session_id] if session_id else ["streamlit"]
    try:
        async with websockets.connect(url.replace("http", "ws", 1) + "/_stcore/stream", subprotocols=protocols,
                                      additional_headers=headers, ping_interval=None, max_size=None,
                                      close_timeout=1, open_timeout=30) as ws:
            rerun = BackMsg()
            rerun.rerun_script.query_string = ""
            await ws.send(rerun.SerializeToString())
            while True:
                message = ForwardMsg()
                message.ParseFromString(await asyncio.wait_for(ws.recv(), 60))
                if message.WhichOneof("type") == "new_session":
                    return message.new_session.initialize.session_id
    except websockets.ConnectionClosed as closed:
        return closed.rcvd.code if closed.rcvd else -1


def test_a_session_id_is_no_key_to_someone_elses_session(server):
    then = datetime.now() - timedelta(minutes=1)
    cookie = f"{session_token.COOKIE}={session_token.issue(server.db, EDITOR, then, then)}"
    other = f"{session_token.COOKIE}={session_token.issue(server.db, ADMIN.email, then, then)}"
    url = server.url

    async def journey():
        mine = await _connect(url, HOME, cookie)
        assert isinstance(mine, str) and mine
        stranger_far = await _connect(url, ELSEWHERE, cookie, mine)           # the log reader, elsewhere
        stranger_near = await _connect(url, HOME, "", mine)                    # same office, no cookie
        stranger_signed = await _connect(url, HOME, other, mine)               # same office, his own cookie
        again = await _connect(url, HOME, cookie, mine)                        # the editor's wifi blip
        fresh = await _connect(url, ELSEWHERE)                                 # a new tab elsewhere: served
        unknown = await _connect(url, ELSEWHERE, "", "0c5e1d7a-8b51-4f0e-9d55-000000000000")
        return mine, stranger_far, stranger_near, stranger_signed, again, fresh, unknown

    mine, far, near, signed, again, fresh, unknown = run_loop(journey())
    assert all(isinstance(other, str) and other not in ("", mine) for other in (far, near, signed))   # new sessions
    assert again == mine
    assert isinstance(fresh, str) and fresh != mine
    assert isinstance(unknown, str) and unknown not in ("", mine)    # an id nobody owns here: a new session
