"""The body reporting each row of a progress file: its body column ("Bộ chủ trì", "Cơ quan chủ quản";
a cell merged down a block of platforms, or an HTML rowspan, gives every row of the block its
body: ``read`` and ``html_table`` fill the block), or, in a workbook with one sheet per ministry
and no body column, the sheet's name, with a warning, as a list's import does.

The body is read as a list's is (``BodyIndex``: names, abbreviations, aliases, a unit after the
ministry). Progress is recorded for the platform the row names whoever reports it; a body that is
not the platform's owner in the list, or that is not recognised, is said in a warning, never
silently taken or dropped.
"""
from __future__ import annotations

from datetime import date

from .messages import Message, span


class ReportingBodies:
    def __init__(self, bodies, owners: dict[str, str | None] | None, today: date, list_id: str):
        self.bodies = bodies                  # BodyIndex, or None (no check: a caller without bodies)
        self.owners = owners or {}            # platform key -> the list's owner (a body code)
        self.today = today
        self.list_id = list_id
        self._from_sheet: dict[str, list[int]] = {}
        self._other: dict[tuple[str, str, str], dict] = {}
        self._unknown: dict[str, list[int]] = {}
        self._sheets: dict[str, bool] = {}      # sheet -> whether its name names a body

    def _names_body(self, sheet: str) -> bool:
        if sheet not in self._sheets:
            self._sheets[sheet] = bool(self.bodies.lookup(sheet) or self.bodies.find(sheet))
        return self._sheets[sheet]

    def place(self, items: list[dict], written: str, body_column: bool, row_no: int, sheet: str) -> None:
        """Give ``items`` (one row's, named after their platform) the body ``written`` in the row's
        body column, or, where the sheet has no body column, the body its name names; noting what
        the warnings will say."""
        if self.bodies is None or not items:
            return
        if not body_column and self._names_body(sheet):
            written = sheet
            self._from_sheet.setdefault(sheet, []).append(row_no)
        if not written:
            return
        found = self.bodies.resolve(written, self.today)
        code = found.code or found.written_code
        if code is None:
            self._unknown.setdefault(written, []).append(row_no)
            return
        for item in items:
            item["body_code"] = code
            owner = self.owners.get(item.get("platform_key"))
            if owner and owner != code and self.bodies.successor_on(owner, self.today) != code:
                seen = self._other.setdefault((written, code, owner), {"rows": [], "names": []})
                seen["rows"].append(row_no)
                if item["platform_name"] not in seen["names"]:
                    seen["names"].append(item["platform_name"])

    def warnings(self) -> list[Message]:
        out = []
        for sheet, rows in self._from_sheet.items():
            code = self.bodies.lookup(sheet) or self.bodies.find(sheet)[0]
            out.append(Message("body_from_sheet", {"sheet": sheet, "body": self._name(code), "n": len(rows),
                                                   "rows": span(rows)}))
        for (written, code, owner), seen in self._other.items():
            rows = sorted(set(seen["rows"]))
            out.append(Message("progress_other_body", {
                "written": written, "body": self._name(code), "owner": self._name(owner), "list_id": self.list_id,
                "names": ", ".join(seen["names"][:5]) + (f" (+{len(seen['names']) - 5})" if len(seen["names"]) > 5 else ""),
                "n": len(rows), "rows": span(rows)}))
        for written, rows in self._unknown.items():
            out.append(Message("progress_body_unknown", {"written": written, "n": len(rows), "rows": span(rows),
                                                         "suggestions": list(self.bodies.suggest(written))}))
        return out

    def _name(self, code: str) -> str:
        body = self.bodies.bodies.get(code)
        return body.name_vi if body else code
