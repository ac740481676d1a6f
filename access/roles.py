"""Who may change what. Every write path calls ``require`` before it acts, and the row filters
below before it stores rows; none of this touches Streamlit, so a test calls it directly.

Roles: ``viewer`` reads and downloads; ``ministry_editor`` (bound to one body) imports lists and
progress for that body only, and proposes its platforms for recognition; ``assessor`` records
assessments and outcomes of recognition; ``province_reviewer`` (bound to one province) reviews overlaps and
reports adoption for that province; ``admin`` does everything, including registering lists and
managing users. The loader CLI runs as the operating-system user, with the admin role: whoever
has a shell on the server already holds the database file.
"""
from __future__ import annotations

import getpass
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from loaders.messages import LoaderError, Message

ROLES = ("viewer", "ministry_editor", "province_reviewer", "assessor", "admin")
SESSION_MAX = timedelta(hours=8)       # a sign-in lasts at most this long
SESSION_IDLE = timedelta(minutes=30)   # ... and ends after this long without a page view


@dataclass(frozen=True)
class User:
    email: str
    role: str = "viewer"
    body_code: str | None = None        # ministry_editor
    province_code: str | None = None    # province_reviewer (a code on the 34-province map)

    @property
    def actor(self) -> str:
        return self.email


ANONYMOUS = User("anonymous", "viewer")


def cli_user() -> User:
    try:
        name = getpass.getuser()
    except Exception:   # no user database entry (containers)
        name = "unknown"
    return User(f"os:{name}", "admin")


# action -> roles that may attempt it (bound roles are then limited to their body / province)
ALLOWED = {
    "import_list": ("admin", "ministry_editor"),
    "import_progress": ("admin", "ministry_editor"),
    "import_adoption": ("admin", "province_reviewer"),
    "review": ("admin", "province_reviewer"),
    "edit_evidence": ("admin", "ministry_editor"),   # add / confirm / withdraw public evidence (an editor: own body)
    "register_list": ("admin",),
    "manage_users": ("admin",),
    "view_audit": ("admin",),
    # recognition (dispatch 2291): a ministry editor for its own body's proposals (the body is
    # checked by actions/recognition.py), an assessor or admin for assessments and outcomes
    "propose": ("admin", "ministry_editor"),
    "issue_criteria": ("admin", "ministry_editor"),
    "plan": ("admin", "ministry_editor"),
    "assess": ("admin", "assessor"),
    "decide": ("admin", "assessor"),
    "flag": ROLES,                     # anyone signed in (not the anonymous reader)
    "resolve_flag": ("admin", "ministry_editor"),
}


def can(user: User, action: str, *, list_kind: str | None = None, province: str | None = None) -> bool:
    if user.role not in ALLOWED[action] or (action == "flag" and user == ANONYMOUS):
        return False
    if user.role == "ministry_editor" and action == "import_list":
        return list_kind in ("national_deployed", "shared")   # a provincial list is not a ministry's
    if user.role == "province_reviewer" and action == "review":
        return province is not None and province == user.province_code
    return True


def require(user: User, action: str, **context) -> None:
    """Raise ``LoaderError('forbidden')`` unless ``user`` may do ``action``."""
    if not can(user, action, **context):
        raise LoaderError("forbidden", action=action, role=user.role, who=user.email)


# --- row filters: a bound role's file keeps only its own rows; the others are rejected ----------
def own_bodies(user: User, lineage: set[str] | None = None) -> set[str] | None:
    """The body codes a ministry editor may write (its body and those merged into it), or None
    for no limit."""
    if user.role != "ministry_editor":
        return None
    return set(lineage or ()) | {user.body_code}


def restrict_list(parsed, user: User, allowed: set[str] | None, owners: dict[str, set] | None = None):
    """``parsed`` (a ParsedList) with the rows of bodies outside ``allowed`` moved to the rejected,
    and the rows naming a current platform (``owners``: its key -> the bodies of its rows) that no
    body in ``allowed`` owns: a ministry editor's file does not take another body's platform over."""
    if allowed is None:
        return parsed
    columns, owners = parsed.columns, owners or {}

    def owner_elsewhere(code: str | None, k: str) -> str | None:
        """The body the row belongs to when it is not one of ``allowed`` (None: the row is theirs)."""
        if code not in allowed:
            return code or "-"
        if k in owners and not owners[k] & allowed:
            return ", ".join(sorted(c for c in owners[k] if c)) or "-"
        return None

    other = [owner_elsewhere(code, k) for code, k in zip(columns["ministry_code"], columns["name_key"])]
    keep = [o is None for o in other]
    rejected = list(parsed.rejected) + [
        (row_no, Message("not_your_body", {"row_no": row_no, "name": name, "body": body, "own": user.body_code}))
        for row_no, name, body, mine in zip(columns["row_no"], columns["name"], other, keep)
        if not mine]
    return replace(parsed, columns=parsed.keep_only(keep), rejected=sorted(rejected, key=lambda x: x[0]))


def restrict_progress(parsed, user: User, allowed: set[str] | None, owners: dict[str, str | None]):
    """Events, targets and near matches of platforms owned outside ``allowed`` become rejections."""
    if allowed is None:
        return parsed
    rejected = list(parsed.rejected)

    def mine(items: list[dict]) -> list[dict]:
        out = []
        for item in items:
            owner = owners.get(item["platform_key"])
            if owner in allowed:
                out.append(item)
            elif not any(r == item["row_no"] for r, _ in rejected):
                rejected.append((item["row_no"], Message("not_your_body", {
                    "row_no": item["row_no"], "name": item["platform_name"], "body": owner or "-",
                    "own": user.body_code})))
        return out

    events, targets, pending = mine(parsed.events), mine(parsed.targets), mine(parsed.pending)
    return replace(parsed, events=events, targets=targets, pending=pending,
                   rejected=sorted(rejected, key=lambda x: x[0]))


def restrict_adoption(parsed, user: User):
    """A province reviewer's adoption file keeps its own province's rows only."""
    if user.role != "province_reviewer":
        return parsed
    keep = [r for r in parsed.rows if r["current_province_code"] == user.province_code]
    refused = [(r["row_no"], Message("not_your_province", {"row_no": r["row_no"], "written": r["province_as_written"],
                                                           "own": user.province_code}))
               for r in parsed.rows if r["current_province_code"] != user.province_code]
    return replace(parsed, rows=keep, rejected=sorted(list(parsed.rejected) + refused, key=lambda x: x[0]))


def session_valid(started: datetime, last_seen: datetime, now: datetime) -> bool:
    """A session ends ``SESSION_MAX`` after sign-in or ``SESSION_IDLE`` after the last page view."""
    return now - started <= SESSION_MAX and now - last_seen <= SESSION_IDLE
