"""The reasons given for inferences and identifications in the reference data, in Vietnamese (the
data writes them in English): ``basis_vi.csv`` beside this file. A test checks every inference shown
has its Vietnamese text."""
from __future__ import annotations

import csv
from pathlib import Path

with Path(__file__).with_name("basis_vi.csv").open(encoding="utf-8", newline="") as _fh:
    BASIS_VI: dict[str, str] = {row["why_en"]: row["why_vi"] for row in csv.DictReader(_fh)}


def why_vi(why: str) -> str:
    """The Vietnamese reason, or the English one when none is written yet."""
    return BASIS_VI.get(why.strip(), why)
