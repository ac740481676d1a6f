"""The sheets a list was read from, as one text (``ParsedList.sheet``, the import's ``sheet``
column) and back, whatever the names hold: one sheet is stored as its name (as imports always
stored it), several as a JSON array of names, so a sheet named "Bộ Tài chính, Bộ Công an" stays
one sheet. A single name starting with "[" is stored as an array too, so it cannot be misread."""
from __future__ import annotations

import json


def join_sheets(names) -> str:
    names = [str(n) for n in names]
    if len(names) == 1 and not names[0].startswith("["):
        return names[0]
    return json.dumps(names, ensure_ascii=False)


def split_sheets(text: str) -> tuple[str, ...]:
    text = str(text)
    if text.startswith("["):
        try:
            names = json.loads(text)
        except ValueError:
            names = None
        if isinstance(names, list) and all(isinstance(n, str) for n in names):
            return tuple(names)
    return (text,)
