"""What the import page shows around its forms: the provinces a list can be registered for, the
kinds and lists a user may import, the bounds of a list's "as of" date, the rejected rows of a
preview or of a past import in the reader's language."""
from __future__ import annotations

import json
from datetime import date

import pandas as pd

from access.roles import User, can
from actions import pipeline
from loaders.messages import Message
from store.snapshot import Snapshot
from views.words import tr


def register_provinces(snap: Snapshot, lang: str) -> dict[str, str]:
    """code -> name of the provinces a list can be registered for: today's, and the former ones
    (marked as before 01/07/2025 in ``lang``)."""
    current = set(snap.province_2025["code"])
    before = zip(snap.province_2024["code"], snap.province_2024["name_vi"])
    return {**dict(zip(snap.province_2025["code"], snap.province_2025["name_vi"])),
            **{c: tr("imports.reg_province_before", lang, name=n) for c, n in before if c not in current}}


def import_kinds(user: User) -> tuple[str, ...]:
    """The kinds of file ``user`` may import (a courtesy: the write paths check the role too)."""
    return tuple(name for name, k in pipeline.KINDS.items() if can(user, k.action, list_kind="shared"))


def import_lists(snap: Snapshot, user: User, kind: str) -> list[str]:
    """The lists a file of ``kind`` can be imported into by ``user`` (a kind that needs platforms:
    only lists that have some)."""
    lists = snap.platform_list.set_index("list_id")
    loaded = set(snap.platform_current["list_id"])
    chosen = pipeline.KINDS[kind]
    return [i for i in lists.index if lists.loc[i, "kind"] in chosen.applies_to
            and (i in loaded or not chosen.needs_platforms)
            and can(user, chosen.action, list_kind=lists.loc[i, "kind"])]


def as_of_bounds(snap: Snapshot, list_id: str, today: date) -> tuple[date, date, date]:
    """(first, last, default) of a list version's "as of" date, bounded as
    ``actions.guards.check_as_of`` bounds it (checked again on the server)."""
    row = snap.platform_list.set_index("list_id").loc[list_id]
    issued = min(filter(pd.notna, [row["issued_on"], row["as_of"]]), default=None)
    first = pd.Timestamp(issued).date() if issued is not None and pd.notna(issued) else date(2000, 1, 1)
    return first, today, min(max(pd.Timestamp(row["as_of"]).date(), first), today)


def rejected_frame(items: list[tuple[int, Message]], lang: str) -> pd.DataFrame:
    """A preview's rejected rows: row number and reason."""
    return pd.DataFrame({tr("col.row_no", lang): [r for r, _ in items],
                         tr("col.reason", lang): [m.text(lang) for _, m in items]})


def past_rejections(rejected: pd.DataFrame, lang: str) -> pd.DataFrame:
    """A past import's rejected rows (as stored: a reason code and its details, or a reason)."""
    texts = [Message(r.reason_code, json.loads(r.detail)).text(lang) if r.reason_code else r.reason
             for r in rejected.itertuples()]
    return pd.DataFrame({tr("col.row_no", lang): rejected["row_no"], tr("col.reason", lang): texts})
