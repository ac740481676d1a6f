"""What the import page shows around its forms: the provinces a list can be registered for, the
kinds and lists a user may import, the bounds of a list's "as of" date, the rejected rows of a
preview or of a past import in the reader's language, and the tables of a file's preview."""
from __future__ import annotations

import json
from datetime import date

import pandas as pd

from access.roles import User, can
from actions import pipeline
from loaders.messages import Message
from loaders.sheet_names import split_sheets
from store.snapshot import Snapshot
from views.scope import body_names
from views.tables import province_names
from views.words import tr


def register_provinces(snap: Snapshot, lang: str) -> dict[str, str]:
    """code -> name of the provinces a list can be registered for: today's, and the former ones
    (marked as before 01/07/2025 in ``lang``)."""
    current = set(snap.province_2025["code"])
    before = zip(snap.province_2024["code"], snap.province_2024["name_vi"])
    return {**dict(zip(snap.province_2025["code"], snap.province_2025["name_vi"])),
            **{c: tr("imports.reg_province_before", lang, name=n) for c, n in before if c not in current}}


def platform_names(snap: Snapshot, list_id: str) -> list[str]:
    """The names of a list's platforms as loaded (the adoption template's rows)."""
    return snap.platform_current.loc[snap.platform_current["list_id"] == list_id, "name"].tolist()


def imports_with_rejections(snap: Snapshot) -> list[int]:
    """The imports that refused any row (their rejected rows can be shown)."""
    return snap.import_log[snap.import_log["rows_rejected"] > 0]["import_id"].tolist()


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


def found_in(parsed, lang: str) -> str:
    """Where the preview read the list: the sheet and the header row (a CSV file has no sheet)."""
    if parsed.sheet == "csv":   # loaders.read names a delimited file's one table "csv"
        return tr("imports.found_in_csv", lang, row=parsed.header_row_no)
    sheets = split_sheets(parsed.sheet)   # a list read from several sheets names them all
    named = ", ".join(sheets[:MAX_SHEETS_NAMED]) + (f" (+{len(sheets) - MAX_SHEETS_NAMED})"
                                                     if len(sheets) > MAX_SHEETS_NAMED else "")
    return tr("imports.found_in", lang, sheet=named, row=parsed.header_row_no)


MAX_SHEETS_NAMED = 10   # a workbook of 2,000 sheets named them all in one paragraph (the hostile pass)


def rejected_frame(items: list[tuple[int, Message]], lang: str) -> pd.DataFrame:
    """A preview's rejected rows: row number and reason."""
    return pd.DataFrame({tr("col.row_no", lang): [r for r, _ in items],
                         tr("col.reason", lang): [m.text(lang) for _, m in items]})


def past_rejections(rejected: pd.DataFrame, lang: str) -> pd.DataFrame:
    """A past import's rejected rows (as stored: a reason code and its details, or a reason)."""
    texts = [Message(r.reason_code, json.loads(r.detail)).text(lang) if r.reason_code else r.reason
             for r in rejected.itertuples()]
    return pd.DataFrame({tr("col.row_no", lang): rejected["row_no"], tr("col.reason", lang): texts})


# --- a file's preview, kind by kind (pages/import_views.py draws them) --------------------------
FIELD_LABELS = {"name": "col.name", "ministry_code": "col.body", "status": "col.status", "sector": "col.sector",
                "name_en": "col.name_en"}


def _body(snap: Snapshot, code, lang: str) -> str:
    if code is None or (isinstance(code, float) and pd.isna(code)):
        return "—"
    return body_names(snap, lang).get(code, str(code))


def platforms_frame(snap: Snapshot, rows: list[dict], lang: str) -> pd.DataFrame:
    """Platforms a file adds or does not contain: name and body."""
    return pd.DataFrame({tr("col.name", lang): [r["name"] for r in rows],
                         tr("col.body", lang): [_body(snap, r["ministry_code"], lang) for r in rows]})


def changed_frame(changed: list[dict], lang: str) -> pd.DataFrame:
    """One row a changed field of a platform: its old and new value."""
    items = [(r["name"], f, old, new) for r in changed for f, (old, new) in r["fields"].items()]
    return pd.DataFrame({tr("col.name", lang): [i[0] for i in items],
                         tr("col.change", lang): [tr(FIELD_LABELS[i[1]], lang) for i in items],
                         tr("col.old_value", lang): [str(i[2]) if i[2] is not None else "—" for i in items],
                         tr("col.new_value", lang): [str(i[3]) if i[3] is not None else "—" for i in items]})


def list_rows_frame(snap: Snapshot, columns: dict, lang: str) -> pd.DataFrame:
    """A list file's rows to load (empty: none)."""
    rows = pd.DataFrame(columns)
    if rows.empty:
        return rows
    return pd.DataFrame({tr("col.row_no", lang): rows["row_no"], tr("col.name", lang): rows["name"],
                         tr("col.as_written", lang): rows["ministry_as_written"],
                         tr("col.body", lang): rows["ministry_code"].map(lambda c: _body(snap, c, lang))})


def pending_frame(pending: list[dict], lang: str) -> pd.DataFrame:
    """A progress file's near matches to confirm, with the (unticked) accept column."""
    return pd.DataFrame({tr("col.row_no", lang): [p["row_no"] for p in pending],
                         tr("col.as_written", lang): [p["written"] for p in pending],
                         tr("imports.suggestion", lang): [p["platform_name"] for p in pending],
                         tr("col.score", lang): [p["score"] for p in pending], tr("imports.accept", lang): False})


def progress_rows_frame(snap: Snapshot, ready: list[dict], lang: str) -> pd.DataFrame:
    """A progress file's events and targets to load."""
    stage_name = dict(zip(snap.stage["stage_id"], snap.stage["name_en" if lang == "en" else "name_vi"]))
    return pd.DataFrame({
        tr("col.row_no", lang): [e["row_no"] for e in ready], tr("col.name", lang): [e["platform_name"] for e in ready],
        tr("col.stage", lang): [stage_name[e["stage_id"]] for e in ready],
        tr("col.date", lang): [e["event_date"] for e in ready], tr("col.target_date", lang): [e["target_date"] for e in ready],
        tr("col.document", lang): [e["document_no"] for e in ready]})


def adoption_rows_frame(snap: Snapshot, parsed_rows: list[dict], lang: str) -> pd.DataFrame:
    """An adoption file's rows to load."""
    rows = pd.DataFrame(parsed_rows)
    return pd.DataFrame({
        tr("col.row_no", lang): rows["row_no"], tr("col.as_written", lang): rows["province_as_written"],
        tr("col.province", lang): rows["current_province_code"].map(province_names(snap, lang)),
        tr("col.commune", lang): rows["commune"], tr("col.name", lang): rows["platform_name"],
        tr("col.status", lang): rows["status"].map(lambda v: tr(f"adoption.{v}", lang)),
        tr("col.date", lang): rows["status_date"]})
