"""Where the shipped data and the default database live."""
from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA_DIR = ROOT / "data"
DEFAULT_DB = DATA_DIR / "ndp.duckdb"


def default_db() -> Path:
    """``NDP_DB`` if set (tests, deployments), else ``data/ndp.duckdb``."""
    return Path(os.environ.get("NDP_DB") or DEFAULT_DB)
