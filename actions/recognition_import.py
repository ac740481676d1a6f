"""Proposals, criteria sets and assessments from a CSV or Excel file (the templates this module writes): each
row is checked and written through the same functions as the page's forms, so the same roles,
checks and audit rows apply; every row gets a message (loaded, or why not) in the user's language.
A file is one write (one copy of the database, one new data version, all of it or nothing if the
process dies); each record in it is a transaction of its own, so a bad row leaves nothing of
itself and the others still load.

Reading reuses ``read.read_sheets`` (formats, size limits, damaged files) and ``text.key`` for
headers (case, diacritics and spacing ignored). A generic import kind would register
``KINDS[kind]`` (its columns and ``apply``) beside the list/progress/adoption kinds.
"""
from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import BinaryIO, Callable

from access.roles import User
from loaders.messages import LoaderError, Message
from loaders.read import read_sheets
from loaders.table import is_trailer_text
from loaders.text import clean, fold, key
from store.db import rows
from store.writer import writable

from .recognition import REFUSALS, issue_criteria, propose, record_assessment
from .recognition_records import Assessment, CriteriaSet, Criterion, ItemResult, Proposal
from .recognition_rows import group_records, joined, on_item, record_fields, refused

MAX_ROWS = 2000


@dataclass(frozen=True)
class Kind:
    columns: dict[str, tuple[str, ...]]     # field -> headers accepted (the first is the template's)
    required: tuple[str, ...]
    apply: Callable                         # (db_path, rows of one record, user, today, con) -> id
    group_by: str | None = None             # rows of one record share this field (assessment)
    record: tuple[str, ...] = ()            # the record's own fields, the same on each of its rows
    wraps: tuple[str, ...] = ()             # fields whose long text may wrap onto a row of its own


MAX_NUMBER = 2**31 - 1   # a proposal or criterion number as stored (INTEGER)


def _number(row: dict, field: str) -> int:
    """A record number written in the file: a whole number from 1 to ``MAX_NUMBER``."""
    text = str(row.get(field, "") or "")
    if not (text.isdecimal() and len(text) <= 10 and 1 <= int(text) <= MAX_NUMBER):
        raise LoaderError("rec_bad_value", field=field, value=text[:20], allowed="1, 2, 3 ...")
    return int(text)


def _body_code(con, written: str | None) -> str | None:
    """A proposing body written by its code, name or abbreviation ("Bộ Tài chính", "BTC") -> its code
    (unknown: as written, for the check's message)."""
    if con is None or not written:
        return written
    names = {fold(v): code for code, *texts in rows(con, "SELECT code, name_vi, abbr_vi, name_en FROM body")
             for v in (code, *texts) if v}
    return names.get(fold(written), written)


_JOINS = {"platform_name": " ", "purpose": " ", "owner_enterprise": " ", "document_no": " ", "doc_ids": ", "}


def _proposal(db_path, rows, user, today, con=None):
    r = joined(rows, _JOINS)
    return propose(db_path, Proposal(
        platform_name=r.get("platform_name"), body_code=_body_code(con, r.get("body_code")), ownership=r.get("ownership"),
        list_id=r.get("list_id"), proposed_on=r.get("proposed_on"), owner_enterprise=r.get("owner_enterprise"),
        purpose=r.get("purpose"), document_no=r.get("document_no"), document_url=r.get("document_url"),
        doc_ids=r.get("doc_ids")), user, today, con=con)


def _assessment(db_path, rows, user, today, con=None):
    r = record_fields(rows, KINDS["assessment"].record)
    proposal_id = _number(r, "proposal_id")
    items = []
    for i, (_, row) in enumerate(rows):
        with on_item(i):
            items.append(ItemResult(_number(row, "criterion_no"), row.get("result") or "not_assessed",
                                    row.get("evidence"), row.get("evidence_url"), row.get("market_share")))
    return record_assessment(db_path, Assessment(proposal_id, r.get("assessor_kind"), r.get("assessed_on"),
                                                 tuple(items), r.get("assessor_name"), r.get("document_no")), user, today,
                             con=con)


def _criteria(db_path, rows, user, today, con=None):
    r = record_fields(rows, KINDS["criteria"].record)
    proposal_id = _number(r, "proposal_id")
    criteria = tuple(Criterion(row.get("group", ""), row.get("text"), row.get("measure"),
                               key(row.get("popular_user", "")) in ("x", "1", "co", "yes", "true"))
                     for _, row in rows)
    return issue_criteria(db_path, CriteriaSet(proposal_id, r.get("document_no"), r.get("issued_on"), criteria,
                                               r.get("document_url")), user, today, con=con)


KINDS: dict[str, Kind] = {
    "proposal": Kind({
        "platform_name": ("Tên nền tảng", "platform name", "platform_name"),
        "body_code": ("Mã cơ quan đề xuất", "body code", "body_code", "proposing body"),
        "ownership": ("Sở hữu (enterprise/state)", "ownership", "sở hữu"),
        "owner_enterprise": ("Doanh nghiệp sở hữu", "owner enterprise", "owner_enterprise"),
        "purpose": ("Mục đích", "purpose"),
        "list_id": ("Danh sách (mã)", "list", "list_id", "danh sách"),
        "proposed_on": ("Ngày đề xuất", "proposal date", "proposed_on"),
        "document_no": ("Số văn bản đề xuất", "document number", "document_no", "số văn bản"),
        "document_url": ("Đường dẫn văn bản", "document link", "document_url"),
        "doc_ids": ("Mã văn bản trong sổ văn bản", "register document ids", "doc_ids"),
    }, ("platform_name", "body_code", "ownership", "list_id", "proposed_on"), _proposal,
        wraps=("platform_name", "purpose", "owner_enterprise", "doc_ids")),
    "criteria": Kind({
        "proposal_id": ("Số đề xuất", "proposal", "proposal_id"),
        "document_no": ("Số văn bản ban hành", "document number", "document_no", "số văn bản"),
        "issued_on": ("Ngày ban hành", "date issued", "issued_on"),
        "document_url": ("Đường dẫn văn bản", "document link", "document_url"),
        "group": ("Nhóm (1-6)", "group", "nhóm"),
        "text": ("Tiêu chí", "criterion", "text"),
        "measure": ("Cách đo", "how it is measured", "measure"),
        "popular_user": ("Người dùng phổ biến (x)", "popular-user (x)", "popular_user"),
    }, ("proposal_id", "document_no", "issued_on", "group", "text"), _criteria, group_by="proposal_id",
        record=("proposal_id", "document_no", "issued_on", "document_url")),
    "assessment": Kind({
        "proposal_id": ("Số đề xuất", "proposal", "proposal_id"),
        "assessor_kind": ("Hình thức đánh giá (council/expert_group/competent_unit)", "assessed by", "assessor_kind"),
        "assessor_name": ("Tên hội đồng/đơn vị", "assessor name", "assessor_name"),
        "assessed_on": ("Ngày đánh giá", "assessment date", "assessed_on"),
        "document_no": ("Số biên bản", "document number", "document_no", "số văn bản"),
        "criterion_no": ("Số tiêu chí", "criterion", "criterion_no"),
        "result": ("Kết quả (met/not_met/not_assessed)", "result", "kết quả"),
        "evidence": ("Minh chứng", "evidence"),
        "evidence_url": ("Đường dẫn minh chứng", "evidence link", "evidence_url"),
        "market_share": ("Thị phần (%)", "market share", "market_share", "thị phần"),
    }, ("proposal_id", "assessor_kind", "assessed_on", "criterion_no"), _assessment, group_by="proposal_id",
        record=("proposal_id", "assessor_kind", "assessor_name", "assessed_on", "document_no")),
}


@dataclass
class ImportReport:
    loaded: list[tuple[list[int], int]] = field(default_factory=list)        # (rows, record id)
    messages: list[tuple[int, Message]] = field(default_factory=list)       # (row, why not)


def template_csv(kind: str, lang: str = "vi") -> bytes:
    """The header row of ``kind``'s template (UTF-8 with BOM, so Excel opens it)."""
    headers = [names[0] if lang == "vi" else names[1] for names in KINDS[kind].columns.values()]
    return ("\ufeff" + ",".join(f'"{h}"' for h in headers) + "\r\n").encode("utf-8")


def read_rows(fp: BinaryIO, kind: str) -> list[tuple[int, dict[str, str]]]:
    """(row number as the file shows it, field -> text) for each non-empty row of the first sheet."""
    spec = KINDS[kind]
    accepted = {key(h): f for f, names in spec.columns.items() for h in names}
    sheet = read_sheets(fp)[0]
    if not sheet.rows:
        raise LoaderError("empty_file")
    top, header = _header(sheet.rows, accepted, spec.required)
    missing = [f for f in spec.required if f not in header]
    if missing:
        raise LoaderError("rec_no_columns", expected=", ".join(spec.columns[f][0] for f in missing),
                          found=", ".join(clean(c) for c in sheet.rows[top] if clean(c)) or "-")
    if len(sheet.rows) > MAX_ROWS + 1:
        raise LoaderError("too_many_rows", sheet=sheet.name, rows=len(sheet.rows), limit=MAX_ROWS)
    out = []
    for n, cells in enumerate(sheet.rows[top + 1:], start=top + 2):
        row = {f: clean(c) for f, c in zip(header, cells) if f and clean(c)}
        if row and out and is_trailer(row):
            break           # a signature or footnote under the records ends them
        if row:
            out.append((n, _as_written(row)))
    return out


def _header(rows: list, accepted: dict, required: tuple[str, ...]) -> tuple[int, list[str | None]]:
    """(index, fields) of the header: the first of the top rows naming every required column (an
    official letter block and a title may sit above it); else the first row, for the message."""
    for i, cells in enumerate(rows[:HEADER_ROWS]):
        header = [accepted.get(key(clean(c))) for c in cells]
        if set(required) <= set(header):
            return i, header
    return 0, [accepted.get(key(clean(c))) for c in rows[0]]


HEADER_ROWS = 30
# Values as Vietnamese offices write them -> the values the records take (compared folded).
WORDS = {
    "ownership": {"doanh nghiep": "enterprise", "tu nhan": "enterprise", "nha nuoc": "state", "co quan nha nuoc": "state"},
    "assessor_kind": {"hoi dong": "council", "hoi dong tham dinh": "council", "hoi dong danh gia": "council",
                      "to chuyen gia": "expert_group", "nhom chuyen gia": "expert_group",
                      "don vi co tham quyen": "competent_unit", "don vi chuyen mon": "competent_unit"},
    "result": {"dat": "met", "khong dat": "not_met", "chua dat": "not_met", "chua danh gia": "not_assessed",
               "khong danh gia": "not_assessed"},
}
_ROMAN = {"i": "1", "ii": "2", "iii": "3", "iv": "4", "v": "5", "vi": "6"}


def _as_written(row: dict[str, str]) -> dict[str, str]:
    """A row's Vietnamese words read as the record's values ("Nhà nước" -> state, "Đạt" -> met,
    "Hội đồng" -> council); a group written "Nhóm 1", "II" or "3. Nhóm tiêu chí về ..." as its number."""
    out = dict(row)
    for name, words in WORDS.items():
        if name in out:
            out[name] = words.get(fold(out[name]), out[name])
    if "group" in out:
        words = fold(out["group"]).removeprefix("nhom ").split()
        first = words[0].rstrip(".") if words else ""
        out["group"] = _ROMAN.get(first, first) if first.isdigit() or first in _ROMAN else out["group"]
    return out


def is_trailer(row: dict[str, str]) -> bool:
    """A signature or footnote row: its first text starts "CHỦ TỊCH", "(Đã ký)", "Nơi nhận", "(*)" ..."""
    return is_trailer_text(next(iter(row.values())))


def import_file(db_path: Path | str, fp: BinaryIO, kind: str, user: User, today: date | None = None) -> ImportReport:
    """Write each record of the file (one row, or the rows of one assessment) in a transaction of
    its own, all in one write of the database: a bad row is reported and the others still load."""
    spec, report = KINDS[kind], ImportReport()
    rows = read_rows(io.BytesIO(fp.read()), kind)
    groups = group_records(rows, spec.group_by, spec.wraps)
    if not groups:
        return report
    try:
        with writable(db_path) as con:
            _write_records(con, db_path, spec, groups, rows, user, today or date.today(), report)
            if not report.loaded and not any(m.code in REFUSALS for _, m in report.messages):
                raise _Unchanged   # nothing stored, nothing audited: the database is not rewritten
    except _Unchanged:
        pass
    return report


class _Unchanged(Exception):
    """Ends a file's write that stored nothing: the copy is dropped, the database left as it was."""


def _write_records(con, db_path, spec: Kind, groups: list, rows: list, user: User, today: date,
                   report: ImportReport) -> None:
    """Each record in a transaction of its own on ``con``; what happened to each row in ``report``
    (a refused record's problem on the row holding it, its other rows pointing there)."""
    for members in groups:
        numbers = [n for n, _ in members]
        try:
            record_id = spec.apply(db_path, members, user, today, con=con)
        except LoaderError as exc:
            if exc.message.code == "forbidden":   # the role allows no row: say so for every row, try none
                report.messages = [(n, exc.message) for n, _ in rows]
                report.loaded = []
                break
            report.messages += refused(exc, members)
            continue
        report.loaded.append((numbers, record_id))
    report.messages.sort(key=lambda m: m[0])

