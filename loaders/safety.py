"""Checks on a workbook's zip container before any XML is parsed: bounded time and memory."""
from __future__ import annotations

import io
import zipfile

from .messages import LoaderError

MAX_UNPACKED = 250 * 1024 * 1024   # all parts of a workbook together, unpacked
MAX_RATIO = 100                     # unpacked / packed for any large part
RATIO_FLOOR = 10 * 1024 * 1024      # parts smaller than this are never called bombs
XML_HEAD = 4096


def damage_detail(exc: BaseException) -> str:
    """The technical detail of a damaged file for the message: the exception's type and its text
    (calamine's XmlError for a sheet cut short says only the element's name, e.g. "t")."""
    return f"{type(exc).__name__}: {exc}"[:120]


def check_zip(data: bytes) -> None:
    """Refuse zip bombs and XML with entity declarations (which Excel never writes),
    reading only the zip directory and the first bytes of each XML part."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise LoaderError("corrupt_workbook", detail=damage_detail(exc)) from exc
    total = sum(m.file_size for m in members)
    if total > MAX_UNPACKED:
        raise LoaderError("zip_bomb", size_mb=total // 2**20, limit_mb=MAX_UNPACKED // 2**20)
    for m in members:
        if m.file_size > RATIO_FLOOR and m.file_size > MAX_RATIO * max(m.compress_size, 1):
            raise LoaderError("zip_bomb", size_mb=total // 2**20, limit_mb=MAX_UNPACKED // 2**20)
        if m.filename.endswith((".xml", ".rels")):
            try:
                with archive.open(m) as fh:
                    head = fh.read(XML_HEAD)
            except (zipfile.BadZipFile, RuntimeError, OSError, EOFError) as exc:
                if "encrypted" in str(exc).lower():
                    raise LoaderError("encrypted") from exc
                raise LoaderError("corrupt_workbook", detail=damage_detail(exc)) from exc
            if b"<!ENTITY" in head or b"<!DOCTYPE" in head:
                raise LoaderError("xml_entities", part=m.filename)
