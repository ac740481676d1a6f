"""Register a new platform list (national, shared or provincial) so files can be ingested into it."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

import pandas as pd

from loaders.bodies import BodyIndex
from loaders.dates import MERGER_DAY
from loaders.messages import LoaderError
from loaders.text import clean
from store.db import Connection

KINDS = {"national": "national_deployed", "national_deployed": "national_deployed", "shared": "shared",
         "provincial": "provincial"}
LIST_ID = re.compile(r"^[a-z0-9][a-z0-9-]{1,62}$")
MAX_TEXT = 300


@dataclass(frozen=True)
class Registration:
    list_id: str
    kind: str
    title_vi: str
    issued_on: date
    title_en: str | None = None
    province_code: str | None = None
    issuer: str | None = None
    document_no: str | None = None


def province_table(day: date) -> str:
    """The table of the provinces that existed on ``day``."""
    return "province_2025" if day >= MERGER_DAY else "province_2024"


# Is this code a province on that map, and how many provinces were there.
PROVINCE_ON = {"province_2025": "SELECT count(*) FILTER (WHERE code = ?) > 0, count(*) FROM province_2025",
               "province_2024": "SELECT count(*) FILTER (WHERE code = ?) > 0, count(*) FROM province_2024"}


def check(con: Connection, reg: Registration, bodies: BodyIndex) -> dict:
    """The ``platform_list`` row for ``reg``, or a ``LoaderError`` saying what to fix."""
    list_id = clean(reg.list_id).lower()
    if not LIST_ID.match(list_id):
        raise LoaderError("bad_list_id", list_id=reg.list_id[:70])
    if con.execute("SELECT 1 FROM platform_list WHERE list_id = ?", [list_id]).fetchall():
        raise LoaderError("list_exists", list_id=list_id)
    kind = KINDS.get(clean(reg.kind).lower())
    if kind is None:
        raise LoaderError("bad_kind", value=str(reg.kind)[:40])
    title = clean(reg.title_vi)[:MAX_TEXT]
    if not title:
        raise LoaderError("no_title")
    province = clean(reg.province_code or "") or None
    if kind == "provincial":
        if province is None:
            raise LoaderError("province_needed")
        (known, count), = con.execute(PROVINCE_ON[province_table(reg.issued_on)], [province]).fetchall()
        if not known:
            raise LoaderError("unknown_province", province=province[:10], on=reg.issued_on.isoformat(), count=count)
    elif province is not None:
        raise LoaderError("province_not_allowed", kind=kind)
    issuer = clean(reg.issuer or "")[:MAX_TEXT] or None
    issuer_code = bodies.lookup(issuer) if issuer else None
    return {"list_id": list_id, "kind": kind, "title_vi": title, "title_en": clean(reg.title_en or "")[:MAX_TEXT] or None,
            "issuer_code": issuer_code, "issuer_name": None if issuer_code else issuer, "province_code": province,
            "document_no": clean(reg.document_no or "")[:100] or None, "issued_on": reg.issued_on,
            "as_of": reg.issued_on, "published_total": None, "scope": None, "source": None}


def register(con: Connection, reg: Registration, bodies: BodyIndex, actor: str,
             now: datetime | None = None) -> dict:
    row = check(con, reg, bodies)
    row.update(registered_by=actor, registered_at=(now or datetime.now()).replace(microsecond=0),
               source=f"registered by {actor}")
    con.from_df(pd.DataFrame([row]).reindex(columns=con.table("platform_list").columns)).insert_into("platform_list")
    return row
