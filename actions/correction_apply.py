"""An accepted correction, applied: the flagged record takes the new values, in the same write as
the resolution and its audit row (``corrections.resolve``). Nothing stored is lost:

- a platform (``list_id/name``): a new version of its list (the current rows, the one row
  changed, its source the correction), written like any list import, so the list diff shows it and
  the earlier version stays; a new name keeps the platform's history (``store/renames.py``);
- a proposal (its number): a new revision of the proposal;
- a count (``list_id/BODY``, published_count), a publication status (``list_id/BODY``) or a
  document (its doc_id): the reference row takes the value, its source becomes the correction, and
  the row as it was is kept in ``correction_change`` (old and new value of every field).

Every change is a ``correction_change`` row; after a rebuild from data/ (which reloads the
reference files and the lists) ``reapply`` applies the accepted changes again, in flag order.
"""
from __future__ import annotations

import hashlib
import re
from datetime import date, datetime

from loaders.messages import LoaderError
from loaders.parse import FIELDS as LIST_FIELDS
from loaders.parse import ParsedList
from loaders.parse import _status as platform_status  # a list file's status words, the same codes
from loaders.text import fold, key
from store import renames
from store.db import Connection

from .kind_list import write_import
from .recognition_records import MAX_SHORT, MAX_TEXT, text, url

# target kind -> the fields a correction may change (the record's own column names).
FIELDS: dict[str, tuple[str, ...]] = {
    "platform": ("name", "name_en", "ministry_code", "status", "sector", "note"),
    "count": ("count",),
    "status": ("status",),
    "document": ("number", "issued_on", "url", "title_vi", "title_en"),
    "proposal": ("platform_name", "owner_enterprise", "purpose", "document_no", "document_url"),
}
STATUSES = ("published", "not_published")
MAX_COUNT = 100_000
_ISSUED = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def source_of(flag_id: int) -> str:
    """The source a corrected value shows: the correction (listed on the Recognition page)."""
    return f"correction #{int(flag_id)}"


def split_ref(kind: str, ref: str) -> tuple[str, str]:
    """``list_id/rest`` of a platform, count or status reference (``rest``: a name or a body code)."""
    list_id, _, rest = str(ref).partition("/")
    if not rest.strip():
        raise LoaderError("flag_bad_ref", kind=kind, ref=str(ref)[:80])
    return list_id.strip(), rest.strip()


def check_value(con: Connection, kind: str, field: str, value: object) -> str | None:
    """The new value of ``field`` as stored (text), or a ``LoaderError`` saying why not."""
    if field not in FIELDS.get(kind, ()):
        raise LoaderError("flag_bad_field", field=str(field)[:40], kind=kind, allowed=", ".join(FIELDS.get(kind, ())))
    if field == "count":
        written = str(value if value is not None else "").strip()
        if not written.isdigit() or int(written) > MAX_COUNT:
            raise LoaderError("flag_bad_count", value=written[:20], limit=MAX_COUNT)
        return str(int(written))
    if field in ("url", "document_url"):
        return url(value, field)
    if field == "issued_on":
        written = text(value, field, required=True)
        if not _ISSUED.match(written) or not _valid_issued(written):
            raise LoaderError("rec_bad_date", field=field, value=written[:20])
        return written
    if kind == "status":
        written = (text(value, field, required=True) or "").lower()
        if written not in STATUSES:
            raise LoaderError("rec_bad_value", field=field, value=written[:40], allowed=", ".join(STATUSES))
        return written
    if field == "ministry_code":
        code = (text(value, field, required=True) or "").upper()
        if not con.execute("SELECT 1 FROM body WHERE code = ?", [code]).fetchall():
            raise LoaderError("rec_bad_value", field=field, value=code[:20], allowed="MOF, MPS, ...")
        return code
    if kind == "platform" and field == "status":
        return platform_status(text(value, field, required=True))
    required = field in ("name", "platform_name", "number")
    return text(value, field, required=required, limit=MAX_TEXT if field in ("note", "purpose") else MAX_SHORT)


def _valid_issued(written: str) -> bool:
    parts = [int(p) for p in written.split("-")] + [1, 1]
    try:
        return date(parts[0], parts[1], parts[2]) <= date.today()
    except ValueError:
        return False


def current(con: Connection, kind: str, ref: str) -> dict:
    """The record a correction is about, as it is now (one row), or ``flag_no_record``."""
    if kind == "platform":
        list_id, name = split_ref(kind, ref)
        rows = con.execute("SELECT * FROM platform_current WHERE list_id = ? AND name_key = ? ORDER BY row_no",
                           [list_id, key(name)]).df().to_dict("records")
    elif kind in ("count", "status"):
        list_id, body = split_ref(kind, ref)
        table = "published_count" if kind == "count" else "publication_status"
        rows = con.execute(f"SELECT * FROM {table} WHERE list_id = ? AND body_code = ?",  # noqa: S608 (two names)
                           [list_id, body.upper()]).df().to_dict("records")
    elif kind == "document":
        rows = con.execute("SELECT * FROM document WHERE doc_id = ?", [str(ref).strip().lower()]).df().to_dict("records")
    else:
        rows = con.execute("SELECT * FROM recognition_proposal WHERE proposal_id = TRY_CAST(? AS INTEGER) "
                           "ORDER BY revision DESC LIMIT 1", [str(ref)]).df().to_dict("records")
    if not rows:
        raise LoaderError("flag_no_record", kind=kind, ref=str(ref)[:80])
    if len(rows) > 1:
        raise LoaderError("flag_ambiguous", ref=str(ref)[:80], n=len(rows))
    return rows[0]


def apply(con: Connection, flag_id: int, kind: str, ref: str, changes: dict[str, str | None],
          actor: str, record: bool = True) -> int | None:
    """Apply ``changes`` (field -> new value, already checked) to the record; ``record``: write the
    ``correction_change`` rows (False when ``reapply`` replays kept ones). Returns the list version
    (import id) a platform correction wrote, else None."""
    row = current(con, kind, ref)
    import_id = None
    if kind == "platform":
        import_id = _new_list_version(con, flag_id, row, changes, actor)
    elif kind == "proposal":
        _new_revision(con, flag_id, row, changes, actor)
    else:
        table, where = {"count": ("published_count", "list_id = ? AND body_code = ?"),
                        "status": ("publication_status", "list_id = ? AND body_code = ?"),
                        "document": ("document", "doc_id = ?")}[kind]
        ident = [row["doc_id"]] if kind == "document" else [row["list_id"], row["body_code"]]
        for field, new in changes.items():   # field: from FIELDS (checked), table from the constant above
            con.execute(f"UPDATE {table} SET {_q(field)} = ? WHERE {where}", [new, *ident])  # noqa: S608
        if kind != "document":   # the document register has no source column: the change row says it
            con.execute(f"UPDATE {table} SET source = ? WHERE {where}", [source_of(flag_id), *ident])  # noqa: S608
    if record:
        at = datetime.now().replace(microsecond=0)
        con.executemany("INSERT INTO correction_change VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", [
            (int(flag_id), kind, ref, field, _text(row.get(field)), new, _text(row.get("source")), import_id, actor, at)
            for field, new in changes.items()])
    return import_id


def _q(field: str) -> str:
    if not any(field in fields for fields in FIELDS.values()):
        raise ValueError(f"not a correctable field: {field}")
    return f'"{field}"'


def _text(value) -> str | None:
    if value is None or (isinstance(value, float) and value != value):
        return None
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def _new_list_version(con, flag_id: int, row: dict, changes: dict, actor: str) -> int:
    list_id = row["list_id"]
    rows = con.execute("SELECT * FROM platform_current WHERE list_id = ? ORDER BY row_no", [list_id]).df()
    as_of = con.execute("SELECT i.as_of FROM import_log i WHERE i.import_id = ?", [int(row["import_id"])]).fetchall()[0][0]
    columns = {f: [None if _missing(v) else v for v in rows[f]] for f in LIST_FIELDS}
    # the row by its key (``current`` found exactly one): row numbers are the file's and repeat once
    # a ministry editor's partial file has been merged into the list
    at = int((rows["name_key"] == row["name_key"]).to_numpy().nonzero()[0][0])
    if "name" in changes and key(changes["name"]) != row["name_key"] and (rows["name_key"] == key(changes["name"])).any():
        raise LoaderError("flag_name_taken", name=str(changes["name"])[:120], list_id=list_id)
    for field, new in changes.items():
        columns[field][at] = new
    if "name" in changes:
        columns["name_key"][at], columns["name_fold"][at] = key(changes["name"]), fold(changes["name"])
        columns["name_basis"][at] = "verbatim"
    if "ministry_code" in changes:
        name = con.execute("SELECT name_vi FROM body WHERE code = ?", [changes["ministry_code"]]).fetchall()
        columns["ministry_as_written"][at] = name[0][0] if name else changes["ministry_code"]
        columns["written_body_code"][at] = changes["ministry_code"]
    columns["source"][at] = source_of(flag_id)
    columns["row_no"] = [int(r) for r in columns["row_no"]]
    if "name" in changes:   # its history (events, targets, searches, aliases) follows it under the new name
        renames.record(con, list_id, row["name"], changes["name"], date.today(), source_of(flag_id))
    digest = hashlib.sha256(f"correction:{flag_id}:{list_id}".encode()).hexdigest()
    parsed = ParsedList(digest, "correction", 1, len(columns["row_no"]), columns=columns)
    done = write_import(con, parsed, list_id=list_id, as_of=as_of if isinstance(as_of, date) else as_of.date(),
                        file_name=f"correction #{int(flag_id)}", actor=actor)
    return done.import_id


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and value != value)


def _new_revision(con, flag_id: int, row: dict, changes: dict, actor: str) -> None:
    new = {**row, **changes, "revision": int(row["revision"]) + 1, "recorded_by": actor,
           "recorded_at": datetime.now().replace(microsecond=0), "source": source_of(flag_id)}
    if "platform_name" in changes:
        new["platform_key"] = key(changes["platform_name"])
    columns = con.table("recognition_proposal").columns
    con.execute(f"INSERT INTO recognition_proposal VALUES ({', '.join('?' * len(columns))})",  # noqa: S608
                [None if _missing(new[c]) else new[c] for c in columns])


def reapply(con: Connection) -> int:
    """After a rebuild: the kept accepted changes to lists and reference rows, applied again in flag
    order (a proposal's revision is kept as it is). Returns how many corrections were applied."""
    rows = con.execute("SELECT flag_id, target_kind, target_ref, field, new_value, changed_by FROM correction_change "
                       "WHERE target_kind <> 'proposal' ORDER BY flag_id, field").fetchall()
    by_flag: dict[int, tuple[str, str, str, dict]] = {}
    for flag_id, kind, ref, field, new, actor in rows:
        by_flag.setdefault(flag_id, (kind, ref, actor, {}))[3][field] = new
    done = 0
    for flag_id, (kind, ref, actor, changes) in by_flag.items():
        try:
            apply(con, flag_id, kind, ref, changes, actor, record=False)
            done += 1
        except LoaderError:
            continue   # the record is gone from data/ (a list or document dropped): nothing to correct
    return done
