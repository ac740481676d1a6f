"""The sign-in cookie, set by the server as HttpOnly (no script on the page can read it).

A Streamlit page cannot answer with headers, so the page hands the browser a *ticket* instead of
the cookie: after a sign-in (or a refresh of the token, or a sign-out) ``TICKETS.issue`` keeps the
cookie's value on the server under a random one-time ticket, bound to the session and the client
address that opened it (``access.owners``), valid for ``TTL`` seconds; the page's script POSTs the ticket to ``PATH``
(``fetch`` with ``credentials: "same-origin"``), and ``set_cookie`` answers with the ``Set-Cookie``
header: HttpOnly, SameSite=Strict, Path=/, Secure when served over https. The cookie's value never
appears in the page. The request must come from the page's own origin (its Origin names the Host
it was sent to), from the address the ticket was made for, within ``TTL``, once. Behind HAProxy the
browser's requests all go to the replica holding its session (deploy/replicas.py), which holds
the ticket. server.py mounts the route (``st.App(routes=...)``).
"""
from __future__ import annotations

import os
import secrets
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from . import session_token
from .owners import OWNERS
from .roles import SESSION_MAX
from .wire import client_address

PATH = "/api/sign-in-cookie"
TTL = 15.0                 # seconds a ticket may wait for its request
MAX_TICKETS = 10_000       # tickets waiting at once (the oldest dropped)
MAX_BODY = 1024            # bytes of a request's body


@dataclass(frozen=True)
class Ticket:
    session_id: str
    address: str | None     # the address that opened the session (None: a session the wire never saw)
    value: str              # the cookie's value; "" deletes the cookie
    sign_in: str | None     # the sign-in's fingerprint (access.owners.fingerprint), for the session's owner
    expires: float


class Tickets:
    """One-time tickets for a cookie; safe to share between threads (the page's and the server's)."""

    def __init__(self, clock=time.monotonic):
        self.clock = clock
        self._held: OrderedDict[str, Ticket] = OrderedDict()
        self._lock = threading.Lock()

    def issue(self, session_id: str, value: str, sign_in: str | None) -> str:
        """A ticket for ``value``, redeemable from the address that opened ``session_id``."""
        owner = OWNERS.get(session_id)
        address = owner.address if owner is not None else None
        ticket = secrets.token_urlsafe(32)
        with self._lock:
            now = self.clock()
            while self._held and (len(self._held) >= MAX_TICKETS or next(iter(self._held.values())).expires < now):
                self._held.popitem(last=False)
            self._held[ticket] = Ticket(session_id, address, value, sign_in, now + TTL)
        return ticket

    def redeem(self, ticket: str, address: str) -> Ticket | None:
        """The ticket's cookie, once, within ``TTL``, for the address it was made for; else None."""
        with self._lock:
            held = self._held.pop(ticket, None)
        if held is None or held.expires < self.clock() or held.address is None or held.address != address:
            return None
        return held


TICKETS = Tickets()


def over_https(scope: dict) -> bool:
    """Whether the browser reached us over https (with ``NDP_TRUST_PROXY=1`` as the proxy says)."""
    if os.environ.get("NDP_TRUST_PROXY", "") in ("1", "true", "yes"):
        for name, value in scope.get("headers") or ():
            if name == b"x-forwarded-proto":
                return value.decode("latin-1").split(",")[-1].strip().lower() == "https"
    return scope.get("scheme") in ("https", "wss")


def header(value: str, secure: bool) -> str:
    """The ``Set-Cookie`` header that keeps ``value`` (an empty value deletes the cookie)."""
    age = int(SESSION_MAX.total_seconds()) if value else 0
    return (f"{session_token.COOKIE}={value}; Path=/; Max-Age={age}; HttpOnly; SameSite=Strict"
            + ("; Secure" if secure else ""))


def _same_origin(request: Request) -> bool:
    """The request's Origin names the host it was sent to (with ``NDP_TRUST_PROXY=1``, the
    ``X-Forwarded-Host`` a proxy that rewrites Host passes on)."""
    origin, host = request.headers.get("origin"), request.headers.get("host")
    if os.environ.get("NDP_TRUST_PROXY", "") in ("1", "true", "yes") and request.headers.get("x-forwarded-host"):
        host = request.headers["x-forwarded-host"].split(",")[-1].strip()
    if not origin or not host:
        return False
    parts = urlsplit(origin)
    return parts.scheme in ("http", "https") and parts.netloc.lower() == host.lower()


async def _body(request: Request) -> bytes | None:
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_BODY:
            return None
    return body


async def set_cookie(request: Request) -> Response:
    """POST ``ticket=<ticket>``: 204 with the cookie, or 403 (no ticket, another origin) / 413."""
    if not _same_origin(request):
        return PlainTextResponse("Cross-origin request refused.", status_code=403)
    body = await _body(request)
    if body is None:
        return PlainTextResponse("Too large.", status_code=413)
    tickets = parse_qs(body.decode("latin-1")).get("ticket") or [""]
    address = client_address(request.scope)
    held = TICKETS.redeem(tickets[0], address)
    if held is None:
        return PlainTextResponse("No such ticket (used, expired or from elsewhere).", status_code=403)
    OWNERS.signed(held.session_id, address, held.sign_in)   # a reconnect now brings this sign-in
    return Response(status_code=204, headers={"Set-Cookie": header(held.value, over_https(request.scope)),
                                              "Cache-Control": "no-store"})
