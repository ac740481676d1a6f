"""Limits on the wire, applied before Streamlit sees a message (an ASGI middleware: ``server.py``
serves app.py behind it).

Streamlit handles every message a browser sends on its websocket at once, on the server's one
event loop, and keeps every file sent to its upload endpoint in memory until the session ends.
Measured on this machine without these limits (tests/hostile/test_wire_server.py): one anonymous tab
sending rerun requests as fast as it could (~50,000 a second for 10 s) made the server refuse
new visitors for about two minutes and left it at 1.1 GB; forty 19 MB uploads to a stranger's own
session took it from 280 MB to 1 GB, and nothing stopped the forty-first.

- **Messages**: each connection may send ``RATE`` messages a second after a burst of ``BURST``,
  and each client address ``ADDRESS_RATE`` after ``ADDRESS_BURST`` over all its connections (a
  person clicks a few times a second at most). A message beyond that waits its turn: the
  middleware stops reading, uvicorn stops reading the socket, and the sender's own TCP window
  fills; only he slows down, and what waits is bounded by the socket's buffers. A message that
  would wait longer than ``MAX_WAIT`` (an address holding thousands of flooding connections) ends
  its connection: Streamlit hears the tab closed, the client gets 1008 (policy violation).
- **Uploads**: only a signed-in user whose role can bring a file (every role but ``viewer``)
  may send one: the request must carry a genuine, unrevoked sign-in cookie
  (``access.session_token``). Where an identity provider is configured, its sign-in cookie admits
  the request too (its session is checked by the page). Each uploader (the e-mail, else the
  address) may send ``UPLOADS`` files per ``UPLOAD_WINDOW``. A refused upload is 403 or 429,
  which Streamlit's uploader shows as a failed upload in its own words (the pages that hold an
  uploader are shown only to those roles, so a person meets it only when the browser keeps no
  cookie or past the quota).
- **Sessions**: a websocket that names an existing session id (a reconnect) is attached to that
  session only when it comes from the address and the sign-in that opened it (``access.owners``);
  otherwise, and for an id nobody here opened, the id is dropped before Streamlit sees it and a new
  session is opened (a session id read from a proxy's log is no key to someone else's session).
"""
from __future__ import annotations

import asyncio
import os
import time
import tomllib
from collections import OrderedDict, deque
from collections.abc import Callable
from datetime import datetime
from http.cookies import CookieError, SimpleCookie
from pathlib import Path

from loaders.paths import default_db

from . import session_token
from .owners import OWNERS, Owner, Owners, fingerprint, new_session_id

RATE, BURST = 10.0, 40                   # messages per second per connection, and its burst
ADDRESS_RATE, ADDRESS_BURST = 100.0, 400  # per client address, over all its connections
MAX_WAIT = 20.0                          # seconds a message may be held before the connection closes
UPLOADS, UPLOAD_WINDOW = 20, 600.0       # files per uploader per window (seconds)
MAX_ADDRESSES = 10_000                   # address buckets kept (least recently used dropped)
UPLOADERS = ("ministry_editor", "province_reviewer", "assessor", "admin")
PROVIDER_COOKIE = "_streamlit_user"      # Streamlit's own OIDC sign-in cookie


class Bucket:
    """A token bucket that lends: ``take`` returns how long the caller must wait for its token."""

    def __init__(self, rate: float, burst: int, now: float):
        self.rate, self.burst, self.tokens, self.last = rate, burst, float(burst), now

    def take(self, now: float) -> float:
        self.tokens = min(self.burst, self.tokens + (now - self.last) * self.rate)
        self.last = now
        self.tokens -= 1
        return 0.0 if self.tokens >= 0 else -self.tokens / self.rate

    def give_back(self) -> None:
        self.tokens += 1


def client_address(scope: dict) -> str:
    """The peer's address, or with ``NDP_TRUST_PROXY=1`` the one the proxy appended to
    X-Forwarded-For (as pages/sign_in.client_address)."""
    if os.environ.get("NDP_TRUST_PROXY", "") in ("1", "true", "yes"):
        for name, value in scope.get("headers") or ():
            if name == b"x-forwarded-for" and value:
                return value.decode("latin-1").split(",")[-1].strip()[:100]
    client = scope.get("client")
    return str(client[0])[:100] if client else "-"


def _cookies(scope: dict) -> dict[str, str]:
    jar = SimpleCookie()
    for name, value in scope.get("headers") or ():
        if name == b"cookie":
            try:
                jar.load(value.decode("latin-1"))
            except CookieError:
                return {}
    return {key: morsel.value for key, morsel in jar.items()}


def _provider_configured(root: Path) -> bool:
    try:
        return "auth" in tomllib.loads((root / ".streamlit" / "secrets.toml").read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
        return False


class WireLimits:
    """The middleware (``Middleware(WireLimits)``); ``db_path`` and ``clock`` for tests."""

    def __init__(self, app, db_path: Path | str | None = None, clock: Callable[[], float] = time.monotonic,
                 root: Path | None = None, owners: Owners | None = None):
        self.app, self.clock = app, clock
        self.owners = OWNERS if owners is None else owners
        self._db = db_path
        self._root = root or Path.cwd()
        self._addresses: OrderedDict[str, Bucket] = OrderedDict()
        self._uploads: dict[str, deque] = {}

    @property
    def db_path(self) -> Path:
        return Path(self._db) if self._db is not None else default_db()

    async def __call__(self, scope, receive, send):
        path = scope.get("path", "")
        if scope["type"] == "websocket" and path.endswith("/_stcore/stream"):
            return await self._stream(scope, receive, send)
        if scope["type"] == "http" and scope.get("method") == "PUT" and "/_stcore/upload_file/" in path:
            # the cookie's check reads the guard store and the user table: off the event loop
            refusal = self._upload_refusal(await asyncio.to_thread(self._uploader, scope))
            if refusal is not None:
                return await _plain(send, *refusal)
        return await self.app(scope, receive, send)

    # --- messages ------------------------------------------------------------------------------
    def _address_bucket(self, address: str, now: float) -> Bucket:
        bucket = self._addresses.pop(address, None) or Bucket(ADDRESS_RATE, ADDRESS_BURST, now)
        self._addresses[address] = bucket
        while len(self._addresses) > MAX_ADDRESSES:
            self._addresses.popitem(last=False)
        return bucket

    async def _stream(self, scope, receive, send):
        """Streamlit's websocket with its messages metered. A connection over its limit is told
        it has gone (Streamlit ends the session as for a closed tab), then closed with 1008. A
        reconnect naming a session opened from another address or sign-in starts a new session."""
        protocols = _subprotocols(scope)
        token = _cookies(scope).get(session_token.COOKIE)
        # the token's signature is checked with the key beside the database: off the event loop
        me = Owner(client_address(scope), await asyncio.to_thread(fingerprint, self.db_path, token) if token else None)
        claimed = protocols[2] if len(protocols) >= 3 else ""
        if claimed and self.owners.get(claimed) != me:
            # not opened here (forgotten, restarted), or opened by another address or sign-in: the id
            # is dropped and Streamlit opens a new session. A stranger who read the id gets an empty
            # session, never the owner's; the owner's own tab coming back from another network (a
            # phone off the wifi) gets a new session on the view its URL holds, not endless retries.
            scope = _with_subprotocols(scope, protocols[:2])
        over = []
        await self.app(scope, self._metered(scope, receive, over), self._watched(send, me))
        if over:
            try:
                await send({"type": "websocket.close", "code": 1008, "reason": "too many messages"})
            except Exception:   # already gone: nothing to close
                pass

    def _watched(self, send, me: Owner):
        """``send`` that remembers ``me`` as the opener of the session Streamlit names first."""
        known = []

        async def watched_send(message):
            if not known and message.get("type") == "websocket.send" and message.get("bytes"):
                session_id = new_session_id(message["bytes"])
                if session_id is not None:
                    known.append(session_id)
                    self.owners.claim(session_id, me)
            return await send(message)

        return watched_send

    def _metered(self, scope, receive, over: list):
        own = Bucket(RATE, BURST, self.clock())
        address = client_address(scope)

        async def metered_receive():
            message = await receive()
            if message["type"] != "websocket.receive":
                return message
            now = self.clock()
            shared = self._address_bucket(address, now)
            wait = max(own.take(now), shared.take(now))
            if wait > MAX_WAIT:
                own.give_back()
                shared.give_back()
                over.append(now)
                return {"type": "websocket.disconnect", "code": 1008}
            if wait > 0:
                await asyncio.sleep(wait)
            return message

        return metered_receive

    # --- uploads -------------------------------------------------------------------------------
    def _uploader(self, scope) -> str | None:
        """Who sends this upload: a signed-in user who may bring a file, else None."""
        cookies = _cookies(scope)
        token = cookies.get(session_token.COOKIE)
        if token:
            try:
                held = session_token.holder(self.db_path, token, datetime.now())
            except Exception:   # a missing or damaged database: nobody can be checked
                held = None
            if held is not None and held[0].role in UPLOADERS:
                return held[0].email
        if cookies.get(PROVIDER_COOKIE) and _provider_configured(self._root):
            return "provider:" + client_address(scope)
        return None

    def _upload_refusal(self, who: str | None) -> tuple[int, str] | None:
        if who is None:
            return 403, "Sign in with a role that can import files first."
        now = self.clock()
        sent = self._uploads.setdefault(who, deque())
        while sent and sent[0] <= now - UPLOAD_WINDOW:
            sent.popleft()
        if len(sent) >= UPLOADS:
            return 429, f"Too many files: at most {UPLOADS} in {int(UPLOAD_WINDOW // 60)} minutes."
        sent.append(now)
        return None


def _subprotocols(scope: dict) -> list[str]:
    """The entries of Sec-WebSocket-Protocol, positions kept (as Streamlit reads them)."""
    for name, value in scope.get("headers") or ():
        if name == b"sec-websocket-protocol":
            return [entry.strip() for entry in value.decode("latin-1").split(",")]
    return []


def _with_subprotocols(scope: dict, protocols: list[str]) -> dict:
    headers = [(k, v) for k, v in scope.get("headers") or () if k != b"sec-websocket-protocol"]
    return {**scope, "headers": [*headers, (b"sec-websocket-protocol", ", ".join(protocols).encode("latin-1"))],
            "subprotocols": protocols}



async def _plain(send, status: int, text: str) -> None:
    body = text.encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})
