"""Which body a list row belongs to: the body on the list's date and the body as written, or the
row's rejection; and the warnings that go with it (a body written with its unit, mergers,
function transfers, provincial departments not recognised). Used by ``loaders.parse`` once per row."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from .bodies import BodyIndex
from .messages import Message, span


def _provincial_body(bodies: BodyIndex, written: str, as_of: date) -> tuple[str | None, str | None]:
    """(line ministry on ``as_of``, as named) for a provincial department, or a central body a
    provincial list names; (None, None) if neither is recognised (kept as written, not rejected)."""
    line = bodies.departments.for_department(written)
    if line:
        return bodies.successor_on(line, as_of), line
    res = bodies.resolve(written, as_of)
    return (res.code, res.written_code) if res.problem is None else (None, None)


def _provincial_line(row_no: int, written: str, sector: str, bodies: BodyIndex, as_of: date,
                     unrecognised: dict[str, list[int]]) -> tuple[str | None, str | None]:
    """A provincial row's line ministry: from its department, else from its sector, else none."""
    if written:
        code, written_code = _provincial_body(bodies, written, as_of)
        if code is None:
            unrecognised.setdefault(written, []).append(row_no)
        return code, written_code
    line = bodies.departments.for_sector(sector) if sector else None
    return (bodies.successor_on(line, as_of), line) if line else (None, None)


def _central_body(name: str, written: str, row_no: int, where, bodies: BodyIndex, as_of: date, merged: dict,
                  moved: dict, units: dict) -> tuple[str, str] | Message:
    """(body on ``as_of``, body as named) for a national or shared list's row, noting mergers and
    function transfers for the warnings; or the rejection (``where()``: the row's location)."""
    res = bodies.resolve(written, as_of)
    if res.problem == "unknown_body":
        if res.committee is not None:   # a province's body: its platforms go in the province's own list
            return Message("provincial_body" if res.committee else "provincial_body_unnamed",
                           {**where(), "written": written, "province": res.committee})
        if bodies.is_unit(written):
            return Message("unit_without_body", {**where(), "written": written})
        return Message("unknown_body", {**where(), "written": written, "suggestions": list(res.suggestions)})
    if res.problem == "body_not_yet":
        body = bodies.bodies[res.written_code]
        return Message("body_not_yet", {**where(), "written": written, "as_of": as_of.isoformat(),
                                        "valid_from": body.valid_from.isoformat()})
    code = res.code
    if res.unit:
        units.setdefault(written, (res.written_code, res.unit, []))[2].append(row_no)
    transfer = bodies.transfer_for(name, res.written_code, as_of)
    if transfer:
        code = transfer.to_code
        moved.setdefault(transfer, []).append(row_no)
    elif code != res.written_code:
        merged.setdefault((written, code, res.written_code), []).append(row_no)
    return code, res.written_code


@dataclass
class RowBodies:
    """A row's body: (body on the as-of date, body as named), or the rejection. Keeps what the
    warnings need (mergers, function transfers, unrecognised departments) and remembers body
    texts that resolve plainly, so the common row costs one dict lookup."""
    bodies: BodyIndex
    as_of: date
    provincial: bool
    needs_body: bool
    merged: dict = field(default_factory=dict)
    moved: dict = field(default_factory=dict)
    unrecognised: dict = field(default_factory=dict)
    units: dict = field(default_factory=dict)     # body text -> (code, unit, rows): a body named with its unit
    settled: dict = field(default_factory=dict)   # body text -> (code, code): known, current, no transfers

    def __call__(self, name: str, written: str, sector: str, row_no: int, where
                 ) -> tuple[str | None, str | None] | Message:
        if self.provincial:
            return _provincial_line(row_no, written, sector, self.bodies, self.as_of, self.unrecognised)
        if written in self.settled:
            return self.settled[written]
        if written:
            found = _central_body(name, written, row_no, where, self.bodies, self.as_of, self.merged, self.moved,
                                  self.units)
            if (not isinstance(found, Message) and found[0] == found[1] and not self.bodies.may_transfer(found[0])
                    and written not in self.units):
                self.settled[written] = found
            return found
        return Message("missing_body", where()) if self.needs_body else (None, None)

    def settle(self, written: str) -> tuple[str, str] | None:
        """What every row naming ``written`` gets when the text resolves plainly (a known body,
        current on the as-of date, no unit, no function transfer): remembered, so the rows need no
        call; None when rows naming it must be decided one by one (a national or shared list's
        warnings and rejections depend on the row). Asking changes no warning."""
        if written in self.settled:
            return self.settled[written]
        if self.provincial or not written:
            return None
        res = self.bodies.resolve(written, self.as_of)
        if res.problem is not None or res.unit or res.code != res.written_code or self.bodies.may_transfer(res.code):
            return None
        self.settled[written] = (res.code, res.written_code)
        return self.settled[written]

    def warnings(self) -> list[Message]:
        """Mergers and function transfers met (national and shared lists), departments not
        recognised (provincial lists), each with the rows concerned."""
        out = []
        for written, (code, unit, rows) in self.units.items():
            out.append(Message("body_in_text", {"written": written, "body": self.bodies.bodies[code].name_vi,
                                                "unit": unit, "n": len(rows), "rows": span(rows)}))
        for (written, code, written_code), rows in self.merged.items():
            body = self.bodies.bodies[code]
            until = self.bodies.bodies[written_code].valid_to
            out.append(Message("merged_body", {
                "written": written, "successor": f"{body.name_vi} ({code})", "n": len(rows),
                "since": (until + timedelta(days=1)).isoformat() if until else "", "rows": span(rows)}))
        for transfer, rows in self.moved.items():
            out.append(Message("function_moved", {
                "n": len(rows), "to": f"{self.bodies.bodies[transfer.to_code].name_vi} ({transfer.to_code})",
                "from_": transfer.from_code, "change": transfer.change, "rows": span(rows)}))
        if self.unrecognised:
            rows = sorted(r for rs in self.unrecognised.values() for r in rs)
            out.append(Message("department_unknown", {
                "n": len(rows), "rows": span(rows),
                "names": ", ".join(f"'{w}'" for w in list(self.unrecognised)[:5])}))
        return out
