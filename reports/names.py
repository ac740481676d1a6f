"""File names that say what and when: ``nen-tang-so_shared-2025_MOF_2025-11-09.xlsx``."""
from __future__ import annotations

import re
from datetime import date

from loaders.text import fold


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-") or "x"


def file_name(what: str, list_id: str | None, ministries: list[str] | None, on: date, ext: str) -> str:
    parts = [slug(what)]
    if list_id:
        parts.append(re.sub(r"[^A-Za-z0-9-]+", "-", list_id))
    if ministries:
        parts.append("-".join(re.sub(r"[^A-Za-z0-9]+", "", m) for m in ministries[:3]) + ("-etc" if len(ministries) > 3 else ""))
    parts.append(on.isoformat())
    return "_".join(parts) + "." + ext
