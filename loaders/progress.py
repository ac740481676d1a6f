"""A progress file -> dated stage events for the platforms of a list (pure; no database).

Platform names are matched to the list ignoring case, diacritics and spacing. A near match is
proposed, never taken silently: it waits in ``pending`` until someone confirms it (the import
page) and is otherwise rejected with its suggestion (the CLI).
"""
from __future__ import annotations

import csv
import hashlib
import io
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import BinaryIO

from rapidfuzz import fuzz, process

from .dates import parse_day, parse_period
from .legacy import legacy_warnings
from .messages import LoaderError, Message
from .pause_gc import paused_gc
from .progress_bodies import ReportingBodies
from .progress_wide import wide_items, wide_sheets
from .read import read_sheets
from .sheet_names import join_sheets
from .suggest import did_you_mean
from .table import expected_headers, locate_table
from .text import fold, key

STAGE_ALIASES_CSV = Path(__file__).with_name("stage_aliases.csv")
LEGACY_FIELDS = ("name", "stage", "status", "note", "ministry")   # read in a legacy font (TCVN3, VNI) where typed in one
NEAR = 80        # a name this close (0-100) is proposed for confirmation
SUGGEST = 60     # names this close are listed in a rejection's "did you mean"


@dataclass
class ParsedProgress:
    sha256: str
    sheet: str
    header_row_no: int
    rows_read: int
    demo: bool = False
    events: list[dict] = field(default_factory=list)    # ready: stage reached on a date
    targets: list[dict] = field(default_factory=list)   # ready: stage due by a date
    pending: list[dict] = field(default_factory=list)   # near matches awaiting confirmation
    rejected: list[tuple[int, Message]] = field(default_factory=list)
    warnings: list[Message] = field(default_factory=list)


class StageIndex:
    def __init__(self, stages: list[dict]):
        self.stages = {s["stage_id"]: s for s in stages}
        self._exact = {}
        for s in stages:
            for written in (s["stage_id"], s["name_vi"], s["name_en"], str(s["ordinal"])):
                self._exact[key(written)] = s["stage_id"]
        with STAGE_ALIASES_CSV.open(encoding="utf-8") as fh:
            aliases = [(fold(r["alias"]), r["stage_id"]) for r in csv.DictReader(fh)]
        self._aliases = sorted(aliases, key=lambda a: len(a[0]), reverse=True)

    def resolve(self, written: str) -> str | None:
        return self.match(written)[0]

    def match(self, written: str) -> tuple[str | None, list[str]]:
        """(stage, the other stages the text also names). Exact name, id or ordinal; then the start
        of a stage's name ("Triển khai đến tỉnh và xã"); then the keyword from ``stage_aliases.csv``
        written first ("Đã ban hành Quy chế quản lý, vận hành" -> regulation, also naming operation:
        a guess the caller warns about)."""
        if key(written) in self._exact:
            return self._exact[key(written)], []
        folded = fold(written)
        if len(folded) >= 8:
            for sid, s in self.stages.items():
                if fold(s["name_vi"]).startswith(folded) or fold(s["name_en"]).startswith(folded):
                    return sid, []
        padded = f" {folded} "
        found = sorted((padded.find(f" {alias} "), -len(alias), stage) for alias, stage in self._aliases
                       if f" {alias} " in padded)
        if not found:
            return None, []
        stage = found[0][2]
        return stage, list(dict.fromkeys(s for _, _, s in found if s != stage))

    def suggest(self, written: str) -> list[str]:
        names = {n: s["name_vi"] for s in self.stages.values() for n in (s["name_vi"], s["name_en"])}
        return did_you_mean(written, names)


@paused_gc()
def parse_progress(fp: BinaryIO, platforms: list[str], stages: list[dict], reached: dict[str, int],
                   today: date, list_id: str, aliases: dict[str, str] | None = None, bodies=None,
                   owners: dict[str, str | None] | None = None) -> ParsedProgress:
    """``platforms``: names in the list; ``reached``: platform key -> highest stage ordinal so far;
    ``aliases``: other name -> the list's name (official names identified in a source), matched
    like the list's names, with a warning naming both; ``bodies`` (a ``BodyIndex``) and ``owners``
    (platform key -> body code): the body reporting each row is read and checked against the
    platform's owner (``progress_bodies``)."""
    data = fp.read()
    sheets = read_sheets(io.BytesIO(data))
    table = locate_table(sheets, LEGACY_FIELDS, needs=("stage",))
    index = StageIndex(stages)
    long = "stage" in table.columns and bool({"date", "target_date"} & set(table.columns))
    wide = [] if long else wide_sheets(sheets, index, LEGACY_FIELDS)   # a column per stage, on some sheets?
    if not long and not wide:
        raise LoaderError("no_progress_column", found=table.found_text,
                          expected=", ".join(f"'{h}'" for h in expected_headers("stage")[:3] + expected_headers("date")[:2]))
    if not platforms:
        raise LoaderError("not_shared_list", list_id=list_id)
    if wide:
        parsed = ParsedProgress(hashlib.sha256(data).hexdigest(), join_sheets([s.name for s, *_ in wide]),
                                wide[0][1].header_row_no, sum(len(t) for _, t, *_ in wide), demo=wide[0][1].is_demo)
    else:
        parsed = ParsedProgress(hashlib.sha256(data).hexdigest(), join_sheets(table.sheets), table.header_row_no,
                                len(table), demo=table.is_demo)
    if parsed.demo:
        parsed.warnings.append(Message("demo_file"))
    parsed.warnings.extend(legacy_warnings(table))
    names = _Names(platforms, aliases, list_id)
    reporting = ReportingBodies(bodies, owners, today, list_id)
    ordinal = {sid: int(s["ordinal"]) for sid, s in index.stages.items()}
    seen: dict[tuple, int] = {}
    rows = _wide_rows(wide, parsed, index, today) if wide else _long_rows(table, parsed, index, today, list_id)
    for row, where, items, body_column in rows:
        if items and names.place(items, row.cells.get("name", ""), where, parsed):
            reporting.place(items, row.cells.get("ministry", ""), body_column, row.row_no, row.sheet)
            for item in items:
                _accept(item, parsed, seen, reached, ordinal, index)
    parsed.warnings.extend(reporting.warnings())
    return parsed


def _long_rows(table, parsed: ParsedProgress, index: StageIndex, today: date, list_id: str):
    """(row, where, its item or none, whether its sheet has a body column) for each row of a file
    with a stage column."""
    body_column = {b.sheet: "ministry" in b.fields for b in table.blocks}
    for row in table.rows:
        where = table.where(row)
        item = _parse_row(row.cells, where, index, today, list_id, parsed)
        yield row, where, [item] if item else [], body_column.get(row.sheet, False)


def _wide_rows(wide: list, parsed: ParsedProgress, index: StageIndex, today: date):
    """(row, where, its items, whether its sheet has a body column) for each platform row of each
    sheet laid out wide, with a warning per sheet naming how its columns were read."""
    several = len(wide) > 1
    for sheet, table, columns, encoding in wide:
        read_as = ", ".join(f"'{h}' → {index.stages[s]['name_vi']}" for s, h in columns.values())
        parsed.warnings.append(Message("progress_wide_sheet", {"sheet": sheet.name, "columns": read_as}) if several
                               else Message("progress_wide", {"columns": read_as}))
        body_column = "ministry" in table.columns
        for row in table.rows:
            where = table.where(row)
            if several:
                where["sheet_note"] = f", sheet '{sheet.name}'"
            items = wide_items(sheet.rows[row.row_no - 1], where, columns, today, parsed, not_done,
                               named=bool(row.cells.get("name")), encoding=encoding)
            yield row, where, items, body_column


class _Names:
    """The list's platform names, as a row's name is matched to them."""

    def __init__(self, platforms: list[str], aliases: dict[str, str] | None, list_id: str):
        self.by_key = {key(n): n for n in platforms}
        self.folded = {fold(n): n for n in platforms}
        self.alias_of = {key(a): n for a, n in (aliases or {}).items() if key(a) not in self.by_key}
        self.list_id = list_id

    def place(self, items: list[dict], written: str, where: dict, parsed: ParsedProgress) -> bool:
        """Name ``items`` after the platform ``written`` names: True when they are ready; a near
        match puts them in ``pending``, an unknown name rejects the row (False)."""
        if key(written) in self.by_key:
            name = self.by_key[key(written)]
        elif key(written) in self.alias_of:
            name = self.alias_of[key(written)]
            parsed.warnings.append(Message("alias_matched", {**where, "written": written, "name": name}))
        else:
            match = process.extractOne(fold(written), list(self.folded), scorer=fuzz.token_sort_ratio)
            if match and match[1] >= NEAR:
                suggestion = self.folded[match[0]]
                for item in items:
                    item.update(platform_name=suggestion, platform_key=key(suggestion), written=written,
                                score=round(match[1]))
                parsed.pending.extend(items)
                return False
            hints = process.extract(fold(written), list(self.folded), scorer=fuzz.token_sort_ratio, limit=3,
                                    score_cutoff=SUGGEST)
            parsed.rejected.append((where["row_no"], Message("unknown_platform", {
                **where, "written": written, "list_id": self.list_id,
                "suggestions": [self.folded[h[0]] for h in hints]})))
            return False
        for item in items:
            item.update(platform_name=name, platform_key=key(name))
        return True


def _parse_row(cells: dict, where: dict, index: StageIndex, today: date, list_id: str,
               parsed: ParsedProgress) -> dict | None:
    reject = lambda code, **extra: parsed.rejected.append((where["row_no"], Message(code, {**where, **extra})))  # noqa: E731
    if not cells.get("name"):
        return reject("empty_name")
    if not cells.get("stage"):
        return reject("missing_stage")
    stage, also = index.match(cells["stage"])
    if stage is None:
        return reject("unknown_stage", written=cells["stage"], suggestions=index.suggest(cells["stage"]))
    days = {}
    for column in ("date", "target_date"):
        text = cells.get(column, "")
        if text:
            days[column] = parse_day(text) or _period(text, where, parsed)
            if days[column] is None:
                return reject("bad_event_date", written=text)
    if not days:
        return reject("missing_date")
    if days.get("date") and not_done(cells.get("status", "")):
        parsed.warnings.append(Message("not_done_is_target", {**where, "status": cells["status"]}))
        days.setdefault("target_date", days.pop("date"))
        days.pop("date", None)
    if also:
        parsed.warnings.append(Message("stage_guessed", {**where, "written": cells["stage"],
                                                         "stage": index.stages[stage]["name_vi"],
                                                         "others": ", ".join(index.stages[s]["name_vi"] for s in also)}))
    if days.get("date") and days["date"] > today:
        return reject("future_date", date=days["date"].isoformat())
    return {"row_no": where["row_no"], "sheet": where["sheet"], "stage_id": stage, "event_date": days.get("date"),
            "target_date": days.get("target_date"), "document_no": cells.get("document_no") or None,
            "note": cells.get("note") or None}


_NOT_DONE = ("dang ", "chua ", "du kien", "ke hoach", "chuan bi", "in progress", "ongoing", "not ", "planned",
             "pending", "under ")


def not_done(status: str) -> bool:
    """Whether a status cell says the step is not done yet ("Đang xây dựng", "Chưa triển khai",
    "Dự kiến", "in progress"): its date is then when it is due, not when it was reached."""
    folded = fold(status) + " "
    return bool(status) and folded.startswith(_NOT_DONE)


def _period(text: str, where: dict, parsed: ParsedProgress) -> date | None:
    """A month, quarter or year as its last day, with a warning saying so."""
    day = parse_period(text)
    if day is not None:
        parsed.warnings.append(Message("partial_date", {**where, "written": text, "date": day.strftime("%d/%m/%Y")}))
    return day


def _accept(item: dict, parsed: ParsedProgress, seen: dict, reached: dict, ordinal: dict, index: StageIndex) -> None:
    """Place a matched row among events and/or targets; warn when a stage goes backwards."""
    dedupe = (item["platform_key"], item["stage_id"], item["event_date"], item["target_date"])
    if dedupe in seen:
        parsed.rejected.append((item["row_no"], Message("repeat_event", {
            "row_no": item["row_no"], "first_row": seen[dedupe]})))
        return
    seen[dedupe] = item["row_no"]
    if item["event_date"]:
        best = reached.get(item["platform_key"], 0)
        if ordinal[item["stage_id"]] < best:
            top = next(s for s, o in ordinal.items() if o == best)
            parsed.warnings.append(Message("stage_regressed", {
                "name": item["platform_name"], "stage": index.stages[item["stage_id"]]["name_vi"],
                "date": item["event_date"].isoformat(), "reached": index.stages[top]["name_vi"],
                "row_no": item["row_no"]}))
        reached[item["platform_key"]] = max(best, ordinal[item["stage_id"]])
        parsed.events.append(item)
    if item["target_date"]:
        parsed.targets.append(item)


def confirm(parsed: ParsedProgress, accepted_rows: set[int], reached: dict[str, int], stages: list[dict]) -> None:
    """Move the pending rows the user confirmed into events; reject the others."""
    index = StageIndex(stages)
    ordinal = {sid: int(s["ordinal"]) for sid, s in index.stages.items()}
    seen = {(e["platform_key"], e["stage_id"], e["event_date"], e["target_date"]): e["row_no"]
            for e in parsed.events + parsed.targets}
    for item in parsed.pending:
        if item["row_no"] in accepted_rows:
            _accept(item, parsed, seen, reached, ordinal, index)
        else:
            parsed.rejected.append((item["row_no"], Message("near_platform", {
                "row_no": item["row_no"], "written": item["written"], "suggestion": item["platform_name"],
                "score": item["score"]})))
    parsed.pending = []
