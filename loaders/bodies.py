"""Resolve a managing body as written to the body code valid on a date."""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from .dates import MERGER_DAY
from .departments import EMPTY, DepartmentIndex
from .suggest import did_you_mean
from .text import fold, key

ALIASES_CSV = Path(__file__).with_name("body_aliases.csv")
_WORD = re.compile(r"\w+")
_VIET_NAM = ("viet", "nam")
_COMMITTEE = ("ubnd", "uy ban nhan dan")   # a People's Committee (of a province, a district, a commune)
_AND = "va"     # "và", folded: "&" folds to a space, so "Bộ KH&CN" and "Bộ KH và CN" differ only by it
# Where a text names no known body but starts like a unit of one ("Tổng cục Thuế", "Cục Tin học").
UNIT_WORDS = ("tong cuc", "cuc", "vu", "vien", "trung tam", "ban", "hoc vien", "truong", "bao", "tap chi",
              "kho bac", "van phong", "thanh tra", "tong cong ty", "cong ty")
_EMPTY_BRACKETS = re.compile(r"\(\W*\)")
_UNIT_EDGES = " -–—/\\,;:|.+&"


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
    unit: str | None = None          # the text around the body's name (its unit), kept as written
    committee: str | None = None     # an unknown body that is a People's Committee: its province's name ('' if not recognised)


class BodyIndex:
    """Every way a body is written (code, official name, abbreviation, English name,
    aliases from ``body_aliases.csv``) folded with ``text.key``."""

    def __init__(self, bodies: list[Body], aliases: list[tuple[str, str]] | None = None,
                 transfers: list[Transfer] = (), departments: DepartmentIndex = EMPTY, provinces=None):
        self.bodies = {b.code: b for b in bodies}
        self.provinces = provinces      # a ProvinceIndex (loaders.adoption): names a People's Committee's province
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
        self._add_spellings(aliases)
        self._names = {w: self.bodies[c].name_vi for w, c in self._written(aliases)}
        # folded word sequences -> code, longest first, for a body named inside a longer text
        forms: dict[tuple[str, ...], str] = {}
        for written, code in self._written(aliases):
            if written == code and written != self.bodies[code].abbr_vi:
                continue    # our codes are not how bodies are written ("Mộc Châu" is not MOC, "Gò Vấp" not GO)
            words = tuple(fold(written).split())
            if not words:
                continue
            forms.setdefault(words, code)
            forms.setdefault(tuple(w for w in words if w != _AND) or words, code)   # "Bộ KH & CN (Cục X)"
            forms.setdefault(words + _VIET_NAM, code)            # "BHXH Việt Nam", "NHNN Việt Nam"
            if len(words) == 1 and words[0].endswith("vn") and len(words[0]) > 3:
                forms.setdefault((words[0][:-2], *_VIET_NAM), code)
                self._keys.setdefault(words[0][:-2] + "vietnam", code)
        by_length: dict[int, dict[tuple[str, ...], str]] = {}
        for words, code in forms.items():
            by_length.setdefault(len(words), {})[words] = code
        self._forms = sorted(by_length.items(), reverse=True)

    def _add_spellings(self, aliases) -> None:
        """Keys for how letters shorten bodies: "&" for "và" ("Bộ Khoa học & Công nghệ", "Bộ TT và
        TT" = "Bộ TTTT"), an abbreviation run into "VN" ("NHNNVN")."""
        for written, code in self._written(aliases):
            self._keys.setdefault(_key_without_and(written), code)
        for b in self.bodies.values():
            if b.abbr_vi and len(b.abbr_vi.split()) == 1:
                self._keys.setdefault(key(b.abbr_vi) + "vn", b.code)

    def _written(self, aliases) -> list[tuple[str, str]]:
        out = [(w, b.code) for b in self.bodies.values() for w in (b.code, b.name_vi, b.name_en, b.abbr_vi) if w]
        return out + [(a, c) for a, c in (aliases if aliases is not None else load_aliases()) if c in self.bodies]

    @classmethod
    def from_records(cls, records: list[dict], transfers: list[dict] = (), departments: list[dict] = (),
                     provinces=None) -> "BodyIndex":
        return cls([Body(r["code"], r["name_vi"], r["name_en"], r.get("abbr_vi") or "",
                         to_date(r.get("valid_from")), to_date(r.get("valid_to")),
                         r.get("successor_code") or None) for r in records],
                   transfers=[Transfer(fold(t["keyword"]), t["from_code"], t["to_code"], to_date(t["effective"]),
                                       t["change"]) for t in transfers],
                   departments=DepartmentIndex(list(departments)), provinces=provinces)

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
        return self._keys.get(key(written)) or self._keys.get(_key_without_and(written))

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
        """Bodies whose name, abbreviation or alias is close to ``written`` (folded); none for a
        unit ("Tổng cục ...") that names no body: a ministry's department is not "close" to
        another ministry."""
        if self.is_unit(written):
            return ()
        return tuple(did_you_mean(written, self._names, limit))

    @staticmethod
    def is_unit(written: str) -> bool:
        folded = fold(written)
        return any(folded == w or folded.startswith(w + " ") for w in UNIT_WORDS)

    def committee_of(self, written: str, day: date) -> str | None:
        """For "UBND tỉnh Nghệ An", "Ủy ban nhân dân TP Hà Nội": the province's name as matched on
        ``day``'s map (``provinces``: the adoption files' matching), '' if the province is not
        recognised; None if the text is not a People's Committee."""
        rest = _committee_rest(written)
        if rest is None:
            return None
        found = self.provinces.resolve(rest, day) if self.provinces is not None and rest else None
        if found is None:
            return ""
        names = self.provinces.names
        if found[2]:                # a former province (Kiên Giang, now part of An Giang): as written
            return names["before"][found[0]]
        eras = ("after", "before") if day >= MERGER_DAY else ("before", "after")
        return next((names[era][found[0]] for era in eras if found[0] in names[era]), "")

    def find(self, written: str) -> tuple[str, str] | None:
        """(code, the rest of the text) for the longest body name, abbreviation or alias found
        inside ``written`` as whole words: "Bộ Tài chính (Tổng cục Thuế)" -> ("MOF", "Tổng cục
        Thuế"); "BHXH Việt Nam" -> ("VSS", "")."""
        tokens = [(m.start(), m.end(), fold(m.group())) for m in _WORD.finditer(written)]
        tokens = [t for t in tokens if t[2]]
        words = tuple(t[2] for t in tokens)
        for length, forms in self._forms:
            found = [(i, code) for i in range(len(words) - length + 1) if (code := forms.get(words[i:i + length]))]
            if found:
                i, code = min(found)        # two bodies as long: the first written
                start, end = tokens[i][0], tokens[i + length - 1][1]
                return code, _rest(written[:start], written[end:])
        return None

    def resolve(self, written: str, day: date) -> Resolution:
        """Memoised: a list names the same few bodies on thousands of rows."""
        cache_key = (written, day)
        if cache_key not in self._resolved:
            self._resolved[cache_key] = self._resolve(written, day)
        return self._resolved[cache_key]

    def _resolve(self, written: str, day: date) -> Resolution:
        code, unit = self.lookup(written), None
        if code is None:
            found = self.find(written)
            if found is None:
                return Resolution(None, None, "unknown_body", self.suggest(written),
                                  committee=self.committee_of(written, day))
            code, unit = found[0], found[1] or None
        body = self.bodies[code]
        if body.valid_from and day < body.valid_from:
            return Resolution(None, code, "body_not_yet", unit=unit)
        return Resolution(self.successor_on(code, day), code, unit=unit)


def _committee_rest(written: str) -> str | None:
    """What follows "UBND" / "Ủy ban nhân dân" (folded), or None if the text does not start so."""
    folded = fold(written)
    for prefix in _COMMITTEE:
        if folded == prefix or folded.startswith(prefix + " "):
            return folded[len(prefix):].strip()
    return None


def _key_without_and(written: str) -> str:
    """``key`` without the word "và" ("&" is dropped by ``key`` already)."""
    return "".join(w for w in fold(written).split() if w != _AND)


def _rest(before: str, after: str) -> str:
    """The text around a body's name, without the brackets and separators that joined them."""
    rest = " ".join(_EMPTY_BRACKETS.sub(" ", f"{before} {after}").split()).strip(_UNIT_EDGES)
    while rest[:1] == "(" and rest.count("(") > rest.count(")"):
        rest = rest[1:].strip(_UNIT_EDGES)
    while rest[-1:] == ")" and rest.count(")") > rest.count("("):
        rest = rest[:-1].strip(_UNIT_EDGES)
    if rest[:1] == "(" and rest[-1:] == ")" and rest.count("(") == 1:
        rest = rest[1:-1].strip(_UNIT_EDGES)
    return rest


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
