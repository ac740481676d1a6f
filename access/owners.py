"""Who opened each Streamlit session: a reconnect is tied to them (``access.wire`` applies it).

A browser reconnects to its session by naming the session id as the third entry of the websocket's
subprotocols (``["streamlit", <xsrf>, <session id>]``); Streamlit 1.67 then reattaches the new
connection to that session whenever its ``user_info`` matches, and ours is always empty (the local
sign-in lives in the session's state, not in Streamlit's OIDC cookie). Session ids are no secret:
every upload URL carries one (``/_stcore/upload_file/<session id>/...``), so a proxy's access log
holds them. A server learns a new session's id only from the session itself: Streamlit makes it
(a uuid4) and sends it to the browser in the first ``ForwardMsg.new_session.initialize.session_id``
of the connection; ``new_session_id`` reads it from the outgoing bytes without Streamlit's classes.

``Owners`` remembers, per session id, the client address and the sign-in's fingerprint (who and
since when, from a genuine cookie: the token's value changes every few minutes, the sign-in does
not) of the connection that opened it; at most ``MAX_SESSIONS`` ids, the least recently used
forgotten first. A reconnect naming an id from another address or with another sign-in is refused;
one naming an id nobody here opened (forgotten, another replica's, a restarted server's) loses the
id and gets a new session. The page's own sign-in and sign-out change the owner's fingerprint
through the cookie route (``access.cookie_route``), so a signed-in tab's wifi blip still reconnects.
"""
from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from . import session_token

MAX_SESSIONS = 20_000      # session ids remembered (least recently used forgotten)


@dataclass(frozen=True)
class Owner:
    address: str
    sign_in: str | None     # fingerprint of the sign-in the session was opened or last signed in with


def fingerprint(db_path: Path | str, token: str | None, now: datetime | None = None) -> str | None:
    """Who signed in and when, of a genuine unexpired token (hashed); None without one."""
    try:
        claims = session_token.read(db_path, token, now or datetime.now()) if token else None
    except OSError:            # the key beside a missing database: no sign-in can be genuine
        claims = None
    if claims is None:
        return None
    email, started, _seen = claims
    return hashlib.sha256(f"{email}\n{started.timestamp():.3f}".encode()).hexdigest()[:32]


class Owners:
    """Session id -> ``Owner``, bounded; safe to share between threads."""

    def __init__(self, limit: int = MAX_SESSIONS):
        self.limit = limit
        self._owners: OrderedDict[str, Owner] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._owners)

    def get(self, session_id: str) -> Owner | None:
        with self._lock:
            owner = self._owners.get(session_id)
            if owner is not None:
                self._owners.move_to_end(session_id)
            return owner

    def claim(self, session_id: str, owner: Owner) -> None:
        """Remember the opener of a new session (an id already remembered keeps its owner)."""
        with self._lock:
            if session_id in self._owners:
                self._owners.move_to_end(session_id)
                return
            self._owners[session_id] = owner
            while len(self._owners) > self.limit:
                self._owners.popitem(last=False)

    def signed(self, session_id: str, address: str, sign_in: str | None) -> bool:
        """The session signed in or out (its page handed the browser a cookie) from ``address``:
        the owner's fingerprint follows. False if the session is not one this address opened."""
        with self._lock:
            owner = self._owners.get(session_id)
            if owner is None or owner.address != address:
                return False
            self._owners[session_id] = Owner(address, sign_in)
            self._owners.move_to_end(session_id)
            return True


OWNERS = Owners()            # the process's one registry (the middleware's and the cookie route's)


# --- reading the session id Streamlit sends (protobuf wire format, three fields deep) ----------
_NEW_SESSION, _INITIALIZE, _SESSION_ID = 4, 1, 6   # ForwardMsg.new_session, .initialize, .session_id


def _varint(buf: memoryview, i: int) -> tuple[int, int]:
    result = shift = 0
    while True:
        byte = buf[i]
        i += 1
        result |= (byte & 0x7F) << shift
        if not byte & 0x80:
            return result, i
        shift += 7
        if shift > 63:
            raise ValueError("varint too long")


def _field(buf: memoryview, number: int) -> memoryview | None:
    """The first length-delimited field ``number`` of one message, or None."""
    i = 0
    while i < len(buf):
        key, i = _varint(buf, i)
        kind = key & 7
        if kind == 0:
            _, i = _varint(buf, i)
        elif kind == 1:
            i += 8
        elif kind == 5:
            i += 4
        elif kind == 2:
            length, i = _varint(buf, i)
            if key >> 3 == number:
                if i + length > len(buf):
                    return None
                return buf[i:i + length]
            i += length
        else:
            return None
    return None


def new_session_id(payload: bytes) -> str | None:
    """The session id of a serialized ``ForwardMsg`` that is a ``new_session``; None otherwise."""
    try:
        found: memoryview | None = memoryview(payload)
        for number in (_NEW_SESSION, _INITIALIZE, _SESSION_ID):
            found = _field(found, number)
            if found is None:
                return None
        return bytes(found).decode("ascii") or None
    except (IndexError, ValueError, UnicodeDecodeError):
        return None
