"""What the administrators' page shows: the users who may sign in and the audit trail with the
guard store's sign-ins and refusals beside it, filtered. Read live from the database (not from
the snapshot), so an administrator sees a change at once; never memoised."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path

import pandas as pd

from access import audit, guard
from access.users import users_of
from i18n.catalogue import TEXTS
from store.snapshot import Snapshot
from views.words import coded, tr

RESULTS = ("ok", "refused", "failed")
GUARD_DAYS = 400   # how far back the guard store's sign-ins and refusals are read


def view_users(db_path: Path | str, lang: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(the users as stored, the users' table in ``lang``)."""
    users = users_of(db_path)
    t = lambda label: tr(label, lang)  # noqa: E731
    return users, pd.DataFrame({
        t("col.email"): users["email"], t("col.role"): coded(users["role"], "role", lang),
        t("admin.body"): users["body_code"], t("admin.province"): users["province_code"],
        t("col.active"): users["active"], t("col.has_password"): users["has_password"],
        t("col.created_at"): users["created_at"], t("col.created_by"): users["created_by"],
        t("col.last_sign_in"): users["last_sign_in"]})


def user_choices(snap: Snapshot) -> tuple[dict[str, str], dict[str, str]]:
    """The current bodies (code -> "name (code)") and today's provinces (code -> name) a new user
    may belong to."""
    body = snap.body
    bodies = {c: f"{n} ({c})" for c, n, to in zip(body["code"], body["name_vi"], body["valid_to"]) if pd.isna(to)}
    return bodies, dict(zip(snap.province_2025["code"], snap.province_2025["name_vi"]))


def guarded_events(db_path: Path | str, today: date) -> pd.DataFrame:
    """Sign-ins and refusals that changed nothing: they live in the guard store (access/guard.py),
    not in the database, and are shown beside the audit trail as one log."""
    since = datetime.combine(today - timedelta(days=GUARD_DAYS), time.min)
    return pd.DataFrame(guard.events(db_path, since), columns=["occurred_at", "actor", "action", "target", "result", "detail"]
                        ).astype({"occurred_at": "datetime64[us]", "actor": str, "action": str, "target": str,
                                  "result": str, "detail": str})


def audit_actions(db_path: Path | str, guarded: pd.DataFrame, lang: str) -> dict[str, str]:
    """Every action in the log (the filter's options) -> its name in ``lang`` (a code with no name: itself)."""
    stored = audit.stored_actions(db_path)
    return {a: tr(f"action.{a}", lang) if f"action.{a}" in TEXTS else a for a in sorted(set(stored) | set(guarded["action"]))}


def view_audit(db_path: Path | str, guarded: pd.DataFrame, since: date, until: date, actions: list[str],
               results: list[str], actor: str, lang: str) -> pd.DataFrame:
    """The audit trail and the guarded events between ``since`` and ``until`` (both days in), of
    ``actions`` and ``results`` (empty: all), by an actor whose e-mail contains ``actor``; newest first."""
    log = audit.trail(db_path, guarded, since, until, actions, results, actor)
    t = lambda label: tr(label, lang)  # noqa: E731
    return pd.DataFrame({t("col.at"): log["occurred_at"], t("col.actor"): log["actor"],
                         t("col.role"): coded(log["role"], "role", lang),
                         t("col.action"): coded(log["action"], "action", lang), t("col.target"): log["target"],
                         t("col.result"): coded(log["result"], "result", lang), t("col.detail"): log["detail"]})
