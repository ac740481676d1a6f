"""Which provincial platforms are, or look like, a platform the centre already provides.

Names are compared as sets of folded syllables and syllable pairs (so case, diacritics, tone-mark
placement, punctuation and word order do not matter), without generic words ("hệ thống",
"nền tảng", "phần mềm", "quốc gia", ...) or the province's own name, each weighted by how rare it
is among the central names (a shared "dữ liệu" says little, "định danh" says a lot). The managing
sector moves the score when both sides have one.

The database computes the candidates in SQL (``overlap.sql``, the view ``overlap_candidate``)
whenever they are read, from the current lists. ``prepare`` below is the same preparation in
Python, the specification the SQL is tested equal to; ``match`` runs the same SQL on names given
as DataFrames (pure: names in, candidates out).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from loaders.text import fold
from store.db import Connection, memory

OVERLAP_SQL = Path(__file__).with_name("overlap.sql")
# The thresholds as overlap_setting has them (tested equal); the provinces page states them.
USES_CENTRAL = 85      # at least this, and no local marker in the name: it is the central platform
POSSIBLE = 50          # at least this: a possible duplicate, for a reviewer to confirm or dismiss
SAME_SECTOR = 15       # both sides managed in the same sector
OTHER_SECTOR = -10     # both sides have a sector and they differ
CANDIDATES = 3         # candidates kept per provincial platform

GENERIC = ("he thong", "nen tang", "phan mem", "ung dung", "dung chung", "quoc gia", "cua", "va", "ve", "cac",
           "so", "tren", "dia ban")
# "tỉnh"/"thành phố" before the province's name or closing the name ("... ngân sách tỉnh") mark a
# local system; elsewhere "tinh" may be another word ("tính toán").
_LOCAL_TAIL = re.compile(r"\b(?:cap tinh|tinh|thanh pho)$")
OUT_COLUMNS = ["list_id", "name_key", "name", "central_list_id", "central_key", "central_name",
               "central_ministry_code", "score", "machine_class", "rank", "local_marker"]


@dataclass(frozen=True)
class Prepared:
    words: frozenset[str]      # syllables: word order does not matter
    pairs: frozenset[str]      # adjacent syllable pairs: a phrase kept together scores higher
    local_marker: bool


_BREAK = " qqphrasebreakqq "   # letters only, as fold() output is; becomes SEP
_GENERIC_RE = re.compile(r"\b(?:" + "|".join(re.escape(g) for g in sorted(GENERIC, key=len, reverse=True)) + r")\b")
SEP = "|"


def prepare(name: str, place_names: tuple[str, ...] = (), folded: str | None = None) -> Prepared:
    """The comparable features of a name; ``place_names`` are the province's names (current and
    former), removed like generic words but remembered as a sign of a local system. ``folded``
    is ``fold(name)`` when the caller has it already.

    Generic words ("và" among them) and the province's name break a name into phrases; syllable
    pairs are taken within a phrase, so reordered phrases still match."""
    folded = fold(name) if folded is None else folded
    marker = bool(_LOCAL_TAIL.search(folded))                       # "... tỉnh", "... cấp tỉnh"
    folded = _LOCAL_TAIL.sub(_BREAK, folded)
    if place_names:
        places = sorted({fold(p) for p in place_names if p}, key=len, reverse=True)
        found = re.compile(r"\b(?:(?:cap tinh|tinh|thanh pho|tp)\s+)?(?:" + "|".join(map(re.escape, places)) + r")\b")
        marker = marker or bool(found.search(folded))
        folded = found.sub(_BREAK, folded)
    tokens = _GENERIC_RE.sub(_BREAK, folded).replace(_BREAK.strip(), SEP).split()
    pairs = frozenset(f"{a} {b}" for a, b in zip(tokens, tokens[1:]) if a != SEP and b != SEP)
    return Prepared(frozenset(tokens) - {SEP}, pairs, marker)


_INPUTS = """
    CREATE TABLE overlap_central (id INTEGER, list_id VARCHAR, name VARCHAR, name_key VARCHAR, name_fold VARCHAR,
                                  code VARCHAR);
    CREATE TABLE overlap_local (lid INTEGER, list_id VARCHAR, name VARCHAR, name_key VARCHAR, name_fold VARCHAR,
                                code VARCHAR);
    CREATE TABLE overlap_place (list_id VARCHAR, place VARCHAR);"""


def _connect(provincial: pd.DataFrame, central: pd.DataFrame, places: dict[str, tuple[str, ...]]
             ) -> Connection:
    """An in-memory connection holding the inputs of analysis/overlap.sql as tables (what the
    database has as views) and its views: the same SQL the database runs, on these names.

    ``provincial``: list_id, name, name_key, ministry_code (line ministry, may be null);
    ``central``: list_id, name, name_key, ministry_code (and name_fold = ``fold(name)``, if known);
    ``places``: list_id -> the province's names."""
    central = central.drop_duplicates(["list_id", "name_key"]).reset_index(drop=True)
    folded = central["name_fold"].tolist() if "name_fold" in central else [None] * len(central)
    tables = {
        "overlap_central": pd.DataFrame({
            "id": pd.Series(range(len(central)), dtype="int32"), "list_id": central["list_id"],
            "name": central["name"], "name_key": central["name_key"],
            "name_fold": [f if isinstance(f, str) else fold(n) for f, n in zip(folded, central["name"])],
            "code": [c if _known(c) else None for c in central["ministry_code"]]}),
        "overlap_local": pd.DataFrame({
            "lid": pd.Series(range(len(provincial)), dtype="int32"), "list_id": provincial["list_id"].tolist(),
            "name": provincial["name"].tolist(), "name_key": provincial["name_key"].tolist(),
            "name_fold": [fold(n) for n in provincial["name"]],
            "code": [c if _known(c) else None for c in provincial["ministry_code"]]}),
        "overlap_place": pd.DataFrame([(list_id, fold(p)) for list_id, names in places.items() for p in names if p],
                                      columns=["list_id", "place"]),
    }
    con = memory()
    try:
        con.execute(_INPUTS)
        for name, frame in tables.items():
            if not frame.empty:
                con.from_df(frame).insert_into(name)
        con.execute(OVERLAP_SQL.read_text(encoding="utf-8"))
    except BaseException:
        con.close()
        raise
    return con


def _known(code) -> bool:
    return isinstance(code, str) and bool(code)


def match(provincial: pd.DataFrame, central: pd.DataFrame, places: dict[str, tuple[str, ...]]) -> pd.DataFrame:
    """Candidates for every provincial platform (see ``_connect`` for the inputs), computed by
    the database's own SQL. Returns ``OUT_COLUMNS``: up to ``CANDIDATES`` rows per provincial
    platform scoring at least ``POSSIBLE``, best first (``rank`` 1)."""
    if provincial.empty or central.empty:
        return pd.DataFrame(columns=OUT_COLUMNS)
    con = _connect(provincial.reset_index(drop=True), central, places)
    try:
        return con.execute("SELECT * EXCLUDE (lid) FROM overlap_candidate ORDER BY lid, rank").df()[OUT_COLUMNS]
    finally:
        con.close()


def prepared_in_sql(provincial: pd.DataFrame, central: pd.DataFrame, places: dict[str, tuple[str, ...]]
                    ) -> tuple[list[frozenset[str]], list[tuple[frozenset[str], bool]]]:
    """What the SQL makes of the names: each central name's features, and each provincial
    name's features and local marker (in the order given), to compare with ``prepare``."""
    central = central.reset_index(drop=True)
    con = _connect(provincial.reset_index(drop=True), central, places)
    try:
        rows = con.execute("SELECT side, id, f FROM overlap_feature").fetchall()
        markers = dict(con.execute("SELECT lid, local_marker FROM overlap_local_prepared").fetchall())
    finally:
        con.close()
    sides: dict[str, list[set[str]]] = {"c": [set() for _ in range(len(central))],
                                        "l": [set() for _ in range(len(provincial))]}
    for side, i, f in rows:
        sides[side][i].add(f)
    return ([frozenset(f) for f in sides["c"]],
            [(frozenset(f), markers[i]) for i, f in enumerate(sides["l"])])
