"""A signed, expiring sign-in token, kept by the browser as a cookie so that a reload or an opened
link does not sign the user out (the Streamlit session itself ends with the page).

The token says who signed in, when, and when the browser last showed a page; it is signed with
HMAC-SHA256 under a key kept beside the database (``<db>.session-key``, mode 0600, made on first
use; every replica serving the same data directory shares it). It is honoured only while the
session rules of ``access.roles.session_valid`` hold (8 hours from sign-in, 30 minutes idle),
only for an active user (the role is read again from the user table), and never after that user
signed out (the guard store keeps the last sign-out per e-mail). Deleting the key file signs
everybody out.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
from datetime import datetime
from pathlib import Path

from . import guard
from .roles import User, session_valid
from .users import active_user

COOKIE = "ndp_session"


def key_path(db_path: Path | str) -> Path:
    db_path = Path(db_path)
    return db_path.with_name(db_path.name + ".session-key")


def _key(db_path: Path | str) -> bytes:
    path = key_path(db_path)
    try:
        return path.read_bytes()
    except FileNotFoundError:
        pass
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:      # another process made it first
        return path.read_bytes()
    with os.fdopen(fd, "wb") as fh:
        fh.write(secrets.token_bytes(32))
    return path.read_bytes()


def _sign(key: bytes, body: bytes) -> str:
    return base64.urlsafe_b64encode(hmac.new(key, body, hashlib.sha256).digest()).decode().rstrip("=")


def issue(db_path: Path | str, email: str, started: datetime, seen: datetime) -> str:
    body = json.dumps({"e": email, "s": round(started.timestamp(), 3), "v": round(seen.timestamp(), 3)},
                      separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(body).decode().rstrip("=") + "." + _sign(_key(db_path), body)


def read(db_path: Path | str, token: str | None, now: datetime) -> tuple[str, datetime, datetime] | None:
    """(e-mail, started, last seen) of a genuine, unexpired token; None for anything else."""
    if not token or len(token) > 1000 or token.count(".") != 1:
        return None
    encoded, signature = token.split(".")
    try:
        body = base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4))
        if not hmac.compare_digest(signature, _sign(_key(db_path), body)):
            return None
        claims = json.loads(body)
        email, started, seen = str(claims["e"]), datetime.fromtimestamp(claims["s"]), datetime.fromtimestamp(claims["v"])
    except (ValueError, KeyError, TypeError, OverflowError, OSError):
        return None
    if not session_valid(started, seen, now) or seen < started or started > now:
        return None
    return email, started, seen


def holder(db_path: Path | str, token: str | None, now: datetime) -> tuple[User, datetime] | None:
    """(the user, when they signed in) of a genuine, unexpired token that was issued after the user
    last signed out, for a user still active (their role as it is now); None for anything else."""
    claims = read(db_path, token, now) if token else None
    if claims is None:
        return None
    email, started, _seen = claims
    out = guard.signed_out_at(db_path, email)
    if out is not None and started <= out:
        return None
    user = active_user(db_path, email)
    return None if user is None else (user, started)

