"""Structured logs: one JSON object a line on stderr, for a log collector to read.

Events (the ``event`` field): ``page_view`` (page, duration_ms, data_version, outcome), ``import``
(what was imported and how many rows), ``error`` (with the traceback, which never reaches the
page). ``NDP_LOG_LEVEL`` sets the level (INFO by default; DEBUG adds the upkeep rounds).
"""
from __future__ import annotations

import hashlib
import logging
import os
import sys
import threading

from pythonjsonlogger.json import JsonFormatter

LOGGER = "ndp"
_configured = threading.Lock()
_done = False


def setup() -> logging.Logger:
    """Configure the ``ndp`` logger once per process: JSON lines on stderr, not propagated to
    Streamlit's own (text) handlers."""
    global _done
    logger = logging.getLogger(LOGGER)
    with _configured:
        if not _done:
            handler = logging.StreamHandler(sys.stderr)
            handler.setFormatter(JsonFormatter("{asctime}{levelname}{name}{message}", style="{",
                                               rename_fields={"asctime": "time", "levelname": "level"},
                                               json_ensure_ascii=False))
            logger.addHandler(handler)
            logger.setLevel(os.environ.get("NDP_LOG_LEVEL", "INFO").upper())
            logger.propagate = False
            _done = True
    return logger


def event(name: str, message: str = "", *, level: int = logging.INFO, exc_info=None, **fields) -> None:
    """Log one event: ``name`` in the ``event`` field, ``fields`` beside it."""
    setup().getChild(name).log(level, message or name, exc_info=exc_info, extra={"event": name, **fields})


def version_id(version: tuple) -> str:
    """A short stable name for a data version (the database file's mtime, size and inode)."""
    return hashlib.sha256(repr(version).encode()).hexdigest()[:12]


def session_id(raw: str | None) -> str | None:
    """A session's id as logged: hashed, since the raw id addresses the session's uploads."""
    return hashlib.sha256(raw.encode()).hexdigest()[:12] if raw else None
