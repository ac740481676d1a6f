"""A provincial department as written ("Sở Tài chính tỉnh Nghệ An") -> the line ministry whose
sector it serves (MOF), from ``data/reference/departments.csv``. Pure; no database."""
from __future__ import annotations

from dataclasses import dataclass

from .text import fold


@dataclass(frozen=True)
class Department:
    folded: str
    line_code: str


class DepartmentIndex:
    """Match by the department's name at the start of the text (so "Sở Y tế tỉnh Nghệ An" and
    "Sở Y tế" both match), longest name first; or by a sector named in full ("y tế", "health")."""

    def __init__(self, records: list[dict]):
        names = [Department(fold(r["department_vi"]), r["line_code"]) for r in records if _text(r.get("department_vi"))]
        self._names = sorted(names, key=lambda d: len(d.folded), reverse=True)
        self._sectors: dict[str, str] = {}
        for r in records:
            for sector in (r.get("sector_vi"), r.get("sector_en")):
                if _text(sector):
                    self._sectors.setdefault(fold(sector), r["line_code"])

    def for_department(self, written: str) -> str | None:
        folded = fold(written)
        for d in self._names:
            if folded == d.folded or folded.startswith(d.folded + " "):
                return d.line_code
        return None

    def for_sector(self, written: str) -> str | None:
        folded = fold(written)
        for prefix in ("nganh ", "linh vuc "):
            folded = folded.removeprefix(prefix)
        return self._sectors.get(folded)


def _text(value) -> bool:
    return isinstance(value, str) and bool(value)


EMPTY = DepartmentIndex([])
