"""The route that sets the sign-in cookie (access/cookie_route.py) under a stranger's requests: a
ticket works once, within seconds, from the page's own origin and the address that opened the
session; the cookie comes back HttpOnly, SameSite=Strict, Path=/, Secure only over https. The
browser half (Chromium keeps it and no script reads it): tests/browser/test_sign_in_cookie.py."""
from __future__ import annotations

import httpx
import pytest
from starlette.applications import Starlette
from starlette.routing import Route

from access import cookie_route, owners
from access.cookie_route import PATH, TICKETS
from tests.hostile.hostile import run_loop

ORIGIN = {"Origin": "http://testserver"}
FORM = {"Content-Type": "application/x-www-form-urlencoded"}


@pytest.fixture
def client(monkeypatch):
    now = [100.0]
    monkeypatch.setattr(TICKETS, "clock", lambda: now[0])
    kept = owners.Owners()
    monkeypatch.setattr(cookie_route, "OWNERS", kept)
    kept.claim("mine", owners.Owner("testclient", None))
    kept.claim("elsewhere", owners.Owner("10.9.9.9", None))
    app = Starlette(routes=[Route(PATH, cookie_route.set_cookie, methods=["POST"])])
    yield Client(app), now, kept


class Client:
    """Requests to the app in-process, from the address ``testclient``."""

    def __init__(self, app):
        self.app = app

    def request(self, method: str, **options) -> httpx.Response:
        async def go():
            transport = httpx.ASGITransport(app=self.app, client=("testclient", 50000))
            async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
                return await client.request(method, PATH, **options)
        return run_loop(go())

    def get(self, path: str) -> httpx.Response:
        return self.request("GET")


def _post(client, ticket: str, headers: dict = ORIGIN):
    return client.request("POST", content=f"ticket={ticket}", headers={**FORM, **headers})


def test_a_ticket_sets_the_cookie_once_as_httponly(client):
    client, now, kept = client
    ticket = TICKETS.issue("mine", "tok.en", "who")
    answer = _post(client, ticket)
    assert answer.status_code == 204
    parts = [p.strip() for p in answer.headers["set-cookie"].split(";")]
    assert parts[0] == "ndp_session=tok.en" and {"HttpOnly", "SameSite=Strict", "Path=/"} <= set(parts)
    assert "Secure" not in parts and answer.headers["cache-control"] == "no-store"
    assert kept.get("mine") == owners.Owner("testclient", "who")          # a reconnect now brings this sign-in
    assert _post(client, ticket).status_code == 403                          # once
    gone = _post(client, TICKETS.issue("mine", "", None))                    # sign-out: the cookie deleted
    assert gone.status_code == 204 and "Max-Age=0" in gone.headers["set-cookie"]
    assert kept.get("mine") == owners.Owner("testclient", None)


def test_a_ticket_is_refused_late_from_elsewhere_or_from_another_origin(client):
    client, now, _ = client
    late = TICKETS.issue("mine", "tok.en", None)
    now[0] += cookie_route.TTL + 1
    assert _post(client, late).status_code == 403
    assert _post(client, TICKETS.issue("elsewhere", "tok.en", None)).status_code == 403   # another address's session
    assert _post(client, TICKETS.issue("nobody", "tok.en", None)).status_code == 403      # a session the wire never saw
    for headers in ({}, {"Origin": "https://evil.example"}, {"Origin": "null"}):
        ticket = TICKETS.issue("mine", "tok.en", None)
        assert _post(client, ticket, headers).status_code == 403
    assert _post(client, "x" * 5000).status_code == 413
    assert client.get(PATH).status_code == 405


def test_the_cookie_is_secure_behind_an_https_proxy(client, monkeypatch):
    client, _, kept = client
    monkeypatch.setenv("NDP_TRUST_PROXY", "1")
    kept.claim("proxied", owners.Owner("203.0.113.5", None))
    answer = _post(client, TICKETS.issue("proxied", "tok.en", None),
                   {**ORIGIN, "X-Forwarded-For": "203.0.113.5", "X-Forwarded-Proto": "https"})
    assert answer.status_code == 204 and "; Secure" in answer.headers["set-cookie"]
    rewritten = {"Origin": "https://ndp.example.gov.vn", "X-Forwarded-Host": "ndp.example.gov.vn",
                 "X-Forwarded-For": "203.0.113.5"}                          # a proxy that rewrites Host
    assert _post(client, TICKETS.issue("proxied", "tok.en", None), rewritten).status_code == 204
    monkeypatch.delenv("NDP_TRUST_PROXY")
    assert _post(client, TICKETS.issue("mine", "tok.en", None), {**rewritten, "X-Forwarded-For": ""}).status_code == 403
