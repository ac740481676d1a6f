"""The local user store: e-mail, role, binding, argon2id password hash (argon2-cffi). No
default user or password ships; an administrator creates users with the CLI or the admin page.

Sign-in attempts are counted and recorded in the guard store (``access.guard``), not in the
database: see there for the limits.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from loaders.messages import LoaderError
from store.db import Connection, one, reading, writable

from . import audit, guard
from .roles import ROLES, User, require

HASHER = PasswordHasher()               # argon2id, the library's recommended parameters
MIN_PASSWORD = 12
MAX_PASSWORD = 1024        # longer is refused before any hashing (a sign-in form sends at most 200)
_EMAIL = re.compile(r"^[^@\s<>\"'`]+@[^@\s<>\"'`]+\.[^@\s<>\"'`]+$")
# A hash of nothing, verified against when the e-mail is unknown, so that an unknown and a known
# e-mail take the same time to refuse.
_DUMMY = HASHER.hash("not a password of anyone")


@dataclass(frozen=True)
class NewUser:
    email: str
    role: str
    body_code: str | None = None
    province_code: str | None = None


def email_key(email: str) -> str:
    """The form an e-mail is stored and looked up in: NFKC (fullwidth letters are their ASCII
    selves), lower case, no surrounding space, no trailing dot on the domain. ``Admin@MST.gov.vn``,
    ``ａｄｍｉｎ@mst.gov.vn`` and ``admin@mst.gov.vn.`` are all ``admin@mst.gov.vn``."""
    return unicodedata.normalize("NFKC", (email or "")[:400]).strip().lower().rstrip(".")


def normalise_email(email: str) -> str:
    """``email_key``, refused unless it is a plain ASCII address: a look-alike account
    (``quаn.tri@…`` with a Cyrillic а) would read as someone else's name in the audit trail."""
    email = email_key(email)
    if len(email) > 200 or not email.isascii() or not _EMAIL.match(email):
        raise LoaderError("bad_email", email=email[:80])
    return email


def check_new(con: Connection, new: NewUser) -> NewUser:
    email = normalise_email(new.email)
    if new.role not in ROLES:
        raise LoaderError("bad_role", role=str(new.role)[:40], roles=", ".join(ROLES))
    body = (new.body_code or "").strip().upper() or None
    province = (new.province_code or "").strip() or None
    if new.role == "ministry_editor":
        if not body:
            raise LoaderError("role_body_missing")
        if not one(con, "SELECT 1 FROM body WHERE code = ? AND valid_to IS NULL", [body]):
            raise LoaderError("role_needs_body", body=body)
    elif body:
        raise LoaderError("binding_not_allowed", role=new.role)
    if new.role == "province_reviewer":
        if not province:
            raise LoaderError("role_province_missing")
        if not one(con, "SELECT 1 FROM province_2025 WHERE code = ?", [province]):
            raise LoaderError("role_needs_province", province=province)
    elif province:
        raise LoaderError("binding_not_allowed", role=new.role)
    return NewUser(email, new.role, body, province)


def check_password(password: str) -> None:
    if len(password or "") < MIN_PASSWORD:
        raise LoaderError("weak_password", n=MIN_PASSWORD)
    if len(password) > MAX_PASSWORD:
        raise LoaderError("long_password", n=MAX_PASSWORD)


def add_user(db_path: Path | str, new: NewUser, password: str | None, by: User) -> NewUser:
    """Create a user (``password`` None: signs in through the identity provider only)."""
    try:
        with writable(db_path) as con:
            require(by, "manage_users")
            new = check_new(con, new)
            if password is not None:
                check_password(password)
            if one(con, "SELECT 1 FROM app_user WHERE email = ?", [new.email]):
                raise LoaderError("user_exists", email=new.email)
            con.execute("INSERT INTO app_user (email, role, body_code, province_code, password_hash, active, created_at, "
                        "created_by) VALUES (?, ?, ?, ?, ?, true, ?, ?)",
                        [new.email, new.role, new.body_code, new.province_code,
                         HASHER.hash(password) if password is not None else None, _now(), by.email])
            audit.record(con, by, "user_add", new.email, "ok",
                         {"role": new.role, "body": new.body_code, "province": new.province_code,
                          "password": password is not None})
    except LoaderError as exc:
        audit.refused(db_path, by, "user_add", str(new.email)[:200], exc)
        raise
    return new


def set_password(db_path: Path | str, email: str, password: str, by: User) -> None:
    def apply(con, e):
        check_password(password)
        con.execute("UPDATE app_user SET password_hash = ?, updated_at = ? WHERE email = ?", [HASHER.hash(password), _now(), e])
    _change(db_path, email, by, "user_password", apply)


def set_active(db_path: Path | str, email: str, active: bool, by: User) -> None:
    _change(db_path, email, by, "user_enable" if active else "user_disable", lambda con, e: con.execute(
        "UPDATE app_user SET active = ?, updated_at = ? WHERE email = ?", [active, _now(), e]))


def _change(db_path, email: str, by: User, action: str, apply) -> None:
    try:
        with writable(db_path) as con:
            require(by, "manage_users")
            email = normalise_email(email)
            if not one(con, "SELECT 1 FROM app_user WHERE email = ?", [email]):
                raise LoaderError("no_such_user", email=email)
            apply(con, email)
            audit.record(con, by, action, email, "ok")
    except LoaderError as exc:
        audit.refused(db_path, by, action, str(email)[:200], exc)
        raise


def list_users(con: Connection, db_path: Path | str | None = None):
    """The users; ``last_sign_in`` from the guard store of ``db_path`` when given."""
    users = con.execute("SELECT email, role, body_code, province_code, active, password_hash IS NOT NULL AS has_password, "
                       "created_at, created_by, last_sign_in FROM app_user ORDER BY email").df()
    if db_path is not None:
        last = guard.last_sign_ins(db_path)
        users["last_sign_in"] = [last.get(email, old) for email, old in zip(users["email"], users["last_sign_in"])]
    return users


def users_of(db_path: Path | str):
    """The users (``list_users``), read on a connection of their own."""
    with reading(db_path) as con:
        return list_users(con, db_path)


def active_user(db_path: Path | str, email: str) -> User | None:
    """``user_for_email`` on a connection of its own: the user as they are now, or None."""
    with reading(db_path) as con:
        return user_for_email(con, email)


def user_for_email(con: Connection, email: str) -> User | None:
    """The active user with this e-mail (how an identity provider's e-mail gets its role)."""
    row = one(con, "SELECT email, role, body_code, province_code FROM app_user WHERE email = ? AND active",
               [email_key(email)])
    return User(*row) if row else None


def sign_in(db_path: Path | str, email: str, password: str, now: datetime | None = None,
            address: str | None = None) -> User:
    """Check a local password. The attempt is counted in the guard store before the password is
    checked (``access.guard``: progressive delays per e-mail and client address); refusals
    (unknown e-mail, wrong password, disabled user) are one message and cost one password check
    each, so neither the answer nor its time says which it was. A password over ``MAX_PASSWORD``
    is refused without a check (no account has one). Nothing here writes the database file, so a
    flood of wrong passwords costs the other users nothing."""
    now = now or datetime.now()      # full precision: the guard store's rows order the admin page's log
    key = email_key(email)[:200]
    try:
        attempt = guard.begin_attempt(db_path, key or "-", address or "-", now)
    except guard.Delayed as wait:
        raise LoaderError("sign_in_wait", seconds=wait.seconds) from None
    with reading(db_path) as con:
        row = one(con, "SELECT email, role, body_code, province_code, password_hash FROM app_user "
                       "WHERE email = ? AND active", [key])
    hashed = row[4] if row else None          # None: unknown, or signs in through the provider only
    password = password or ""
    ok = len(password) <= MAX_PASSWORD and _verify(hashed or _DUMMY, password) and hashed is not None
    guard.finish_attempt(db_path, attempt, ok)
    if not ok:
        raise LoaderError("bad_credentials")
    return User(*row[:4])


def _verify(hashed: str, password: str) -> bool:
    try:
        return HASHER.verify(hashed, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def _now() -> datetime:
    return datetime.now().replace(microsecond=0)
