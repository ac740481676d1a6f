"""A platform renamed by an accepted correction keeps its history.

The name a platform had becomes an alias of its new name (``platform_alias`` with basis
``renamed``), and what was recorded under the old name's key — progress events, evidence searches,
stage targets, the "listed" step — is read under the new key (``rekeyed``). Nothing recorded is
rewritten: only the aliases follow the platform's current name, so a rename back, or a second rename,
leaves one chain from every earlier name to the name in force. A progress file that still uses an
earlier name matches the platform through the same alias (``actions/kind_progress.py``), and so
does a row of a list file (``earlier_names``, ``actions/kind_list.py``): it is recorded under the name
in force, not added as a second platform.
"""
from __future__ import annotations

from datetime import date

from loaders.text import key

from .db import Connection, rows

RENAMED = "renamed"

# (list, a key the platform had) -> the key it has now. ``min`` keeps one answer should two
# platforms ever have been renamed from the same name.
CURRENT_KEY = ("(SELECT list_id, alias_key, min(platform_key) AS platform_key FROM platform_alias "
               "WHERE basis = 'renamed' GROUP BY list_id, alias_key)")


def earlier_names(con: Connection, list_id: str) -> dict[str, tuple[str, str]]:
    """The earlier names (their keys) of the list's renamed platforms that are on it now, each with
    the name in force and the rename's note; a name some current platform holds itself is left out."""
    return {k: (name, note) for k, name, note in rows(
        con, "SELECT a.alias_key, min(p.name), min(a.note) FROM platform_alias a "
             "JOIN platform_current p ON p.list_id = a.list_id AND p.name_key = a.platform_key "
             "WHERE a.list_id = ? AND a.basis = ? AND a.alias_key NOT IN "
             "(SELECT name_key FROM platform_current WHERE list_id = ?) GROUP BY a.alias_key",
        [list_id, RENAMED, list_id])}


_REKEYED = {"platform_event_current", "evidence_search", "stage_target"}


def rekeyed(table: str, order: str) -> str:
    """``SELECT * FROM table ORDER BY order`` with ``platform_key`` read under the name in force
    (``table`` one of the keyed tables, ``order`` a fixed text of the caller's)."""
    if table not in _REKEYED:
        raise ValueError(f"not a table keyed by platform: {table!r}")
    return (f"SELECT t.* REPLACE (coalesce(r.platform_key, t.platform_key) AS platform_key) "  # noqa: S608 (fixed names)
            f"FROM {table} t LEFT JOIN {CURRENT_KEY} r ON r.list_id = t.list_id AND r.alias_key = t.platform_key "
            f"ORDER BY {order}")


def record(con: Connection, list_id: str, old_name: str, new_name: str, on: date, note: str) -> bool:
    """Record that ``old_name`` of ``list_id`` is now ``new_name`` (in the caller's transaction).
    Returns False when the two names fold to the same key (nothing to carry)."""
    old, new = key(old_name), key(new_name)
    if old == new:
        return False
    con.execute("UPDATE platform_alias SET platform_key = ?, platform_name = ? WHERE list_id = ? AND platform_key = ?",
                [new, new_name, list_id, old])
    con.execute("DELETE FROM platform_alias WHERE list_id = ? AND basis = ? AND alias_key = platform_key",
                [list_id, RENAMED])
    con.execute("INSERT INTO platform_alias (list_id, platform_key, platform_name, alias, alias_key, basis, "
                "source_date, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [list_id, new, new_name, old_name, old, RENAMED, on.isoformat(), note])
    return True
