"""Resolve a managing body as written to the body code valid on a date."""
from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from rapidfuzz import fuzz, process

from .departments import EMPTY, DepartmentIndex
from .text import fold, key

ALIASES_CSV = Path(__file__).with_name("body_aliases.csv")


@dataclass(frozen=True)
class Body:
    code: str
    name_vi: str
    name_en: str
    abbr_vi: str
    valid_from: date | None
    valid_to: date | None
    successor_code: str | None

    def valid_on(self, day: date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to)


@dataclass(frozen=True)
class Transfer:
    keyword: str          # folded
    from_code: str
    to_code: str
    effective: date
    change: str


@dataclass(frozen=True)
class Resolution:
    code: str | None                 # the body on the as-of date (None: not resolved)
    written_code: str | None = None  # the body the text names
    problem: str | None = None       # "unknown_body" | "body_not_yet"
    suggestions: tuple[str, ...] = ()


class BodyIndex:
    """Every way a body is written (code, official name, abbreviation, English name,
    aliases from ``body_aliases.csv``) folded with ``text.key``."""

    def __init__(self, bodies: list[Body], aliases: list[tuple[str, str]] | None = None,
                 transfers: list[Transfer] = (), departments: DepartmentIndex = EMPTY):
        self.bodies = {b.code: b for b in bodies}
        self.departments = departments
        self.transfers = list(transfers)
        self._transfer_from = {t.from_code for t in self.transfers}
        self._resolved: dict[tuple[str, date], Resolution] = {}
        self._keys: dict[str, str] = {}
        for b in bodies:
            for written in (b.code, b.name_vi, b.name_en, b.abbr_vi):
                if written:
                    self._keys.setdefault(key(written), b.code)
        for alias, code in aliases if aliases is not None else load_aliases():
            if code in self.bodies:
                self._keys.setdefault(key(alias), code)
        self._choices = list(self._keys)

    @classmethod
    def from_records(cls, records: list[dict], transfers: list[dict] = (), departments: list[dict] = ()
                     ) -> "BodyIndex":
        return cls([Body(r["code"], r["name_vi"], r["name_en"], r.get("abbr_vi") or "",
                         to_date(r.get("valid_from")), to_date(r.get("valid_to")),
                         r.get("successor_code") or None) for r in records],
                   transfers=[Transfer(fold(t["keyword"]), t["from_code"], t["to_code"], to_date(t["effective"]),
                                       t["change"]) for t in transfers],
                   departments=DepartmentIndex(list(departments)))

    def may_transfer(self, code: str | None) -> bool:
        """Whether some function of this body moved elsewhere (``transfer_for`` must then look at
        each platform's name)."""
        return code in self._transfer_from

    def transfer_for(self, name: str, written_code: str | None, day: date) -> Transfer | None:
        """A function transfer that sends this platform elsewhere than its owner's successor."""
        if written_code not in self._transfer_from:
            return None
        folded = fold(name)
        for t in self.transfers:
            if t.from_code == written_code and day >= t.effective and t.keyword in folded:
                return t
        return None

    def lookup(self, written: str) -> str | None:
        return self._keys.get(key(written))

    def successor_on(self, code: str, day: date) -> str:
        """Follow ``successor_code`` until a body valid on ``day`` (or the end of the chain)."""
        seen = {code}
        body = self.bodies[code]
        while (body.valid_to and day > body.valid_to and body.successor_code
               and body.successor_code not in seen):
            seen.add(body.successor_code)
            body = self.bodies[body.successor_code]
        return body.code

    def suggest(self, written: str, limit: int = 3) -> tuple[str, ...]:
        found = process.extract(key(written), self._choices, scorer=fuzz.WRatio, limit=limit * 4,
                                score_cutoff=60)
        codes: list[str] = []
        for choice, _score, _i in found:
            code = self._keys[choice]
            if code not in codes:
                codes.append(code)
        return tuple(self.bodies[c].name_vi for c in codes[:limit])

    def resolve(self, written: str, day: date) -> Resolution:
        """Memoised: a list names the same few bodies on thousands of rows."""
        cache_key = (written, day)
        if cache_key not in self._resolved:
            self._resolved[cache_key] = self._resolve(written, day)
        return self._resolved[cache_key]

    def _resolve(self, written: str, day: date) -> Resolution:
        code = self.lookup(written)
        if code is None:
            return Resolution(None, None, "unknown_body", self.suggest(written))
        body = self.bodies[code]
        if body.valid_from and day < body.valid_from:
            return Resolution(None, code, "body_not_yet")
        return Resolution(self.successor_on(code, day), code)


def load_aliases(path: Path = ALIASES_CSV) -> list[tuple[str, str]]:
    with path.open(encoding="utf-8") as fh:
        return [(r["alias"], r["code"]) for r in csv.DictReader(fh)]


def to_date(value) -> date | None:
    if value is None or value == "" or value != value:
        return None
    if isinstance(value, datetime):  # also pandas.Timestamp
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])
