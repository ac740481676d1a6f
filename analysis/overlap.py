"""Which provincial platforms are, or look like, a platform the centre already provides.

Names are compared as sets of folded syllables and syllable pairs (so case, diacritics, tone-mark
placement, punctuation and word order do not matter), without generic words ("hệ thống",
"nền tảng", "phần mềm", "quốc gia", ...) or the province's own name, each weighted by how rare it
is among the central names (a shared "dữ liệu" says little, "định danh" says a lot). The managing
sector moves the score when both sides have one. Pure: names in, candidates out; the central side
is computed in DuckDB (an in-memory connection, or the loader's own) for speed.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import duckdb
import pandas as pd

from loaders.text import fold

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


# The central side of ``prepare`` in SQL (vectorised: a 50,000-row central list is prepared in
# a fraction of a second). ``central_features`` below is tested equal to ``prepare``. Splitting
# on single spaces is enough (``fold`` leaves no other whitespace); the empty pieces the phrase
# breaks leave are dropped before pairs are taken. (``string_split`` + filter: 0.07 s for 50,000
# names where ``regexp_split_to_array`` took 0.12 s.)
# Patterns and separators go in as parameters ($tail, $generic, $brk, $sep).
_CENTRAL_FEATURES = """
    WITH t AS (
        SELECT id, list_filter(string_split(replace(regexp_replace(regexp_replace(name_fold, $tail, $brk),
                   $generic, $brk, 'g'), trim($brk), $sep), ' '), lambda x: x <> '') AS tokens
        FROM central)
    SELECT DISTINCT id, f FROM (
        SELECT id, unnest(list_filter(tokens, lambda x: x <> $sep)) AS f FROM t
        UNION ALL
        SELECT id, unnest(list_filter(list_transform(range(1, len(tokens)), lambda i:
                   CASE WHEN tokens[i] <> $sep AND tokens[i + 1] <> $sep THEN tokens[i] || ' ' || tokens[i + 1] END),
               lambda x: x IS NOT NULL)) FROM t)"""
_FEATURE_PARAMS = {"tail": _LOCAL_TAIL.pattern, "generic": _GENERIC_RE.pattern, "brk": _BREAK, "sep": SEP}
# Scores: the mean of the weighted Dice overlap and the containment of the smaller feature set;
# weights are idf = ln((n + 1) / (df + 0.5)) over the central names; a feature no central name
# has weighs ln((n + 1) / 0.5). Pairs that cannot reach $possible are dropped before the sector,
# the ranking and the joins: the Dice term never exceeds the containment, so raw <= 100 * s /
# least(lw, cw), and the sector adds at most $same (exact: same candidates, 0.02 s less for 50,000
# central names).
_SCORES = """
    WITH idf AS (SELECT f, ln(($n + 1) / (count(*) + 0.5)) AS w FROM cf GROUP BY f),
    cw AS (SELECT id, sum(w) AS w FROM cf JOIN idf USING (f) GROUP BY id),
    lw AS (SELECT lid, sum(coalesce(idf.w, ln(($n + 1) / 0.5))) AS w FROM lf LEFT JOIN idf USING (f) GROUP BY lid),
    shared AS (SELECT lf.lid, cf.id, sum(idf.w) AS s FROM lf JOIN cf USING (f) JOIN idf USING (f) GROUP BY ALL)
    , raw AS (SELECT shared.lid, shared.id, 100 * (2 * s / (lw.w + cw.w) + s / least(lw.w, cw.w)) / 2 AS raw
              FROM shared JOIN lw USING (lid) JOIN cw USING (id)
              WHERE 100 * s >= ($possible - greatest($same, 0)) * least(lw.w, cw.w)),
    adjusted AS (
        SELECT raw.lid, raw.id, round(CASE WHEN lc.code IS NULL OR central.code IS NULL THEN raw
                                          ELSE greatest(0, least(100, raw + CASE WHEN lc.code = central.code
                                                                               THEN $same ELSE $other END)) END, 1) AS score
        FROM raw JOIN lc USING (lid) JOIN central USING (id)),
    ranked AS (SELECT *, row_number() OVER (PARTITION BY lid ORDER BY score DESC, id) AS rank FROM adjusted
               WHERE score >= $possible)
    SELECT lid, id, score, rank FROM ranked WHERE rank <= $candidates ORDER BY lid, rank"""


def central_features(folded: list[str]) -> list[frozenset[str]]:
    """What ``prepare`` gives for central names (no province), computed in SQL from ``fold(name)``."""
    con = duckdb.connect()
    try:
        central = pd.DataFrame({"id": range(len(folded)), "name_fold": folded})  # noqa: F841 (read by SQL)
        rows = con.execute(_CENTRAL_FEATURES, _FEATURE_PARAMS).fetchall()
    finally:
        con.close()
    out: list[set[str]] = [set() for _ in folded]
    for i, f in rows:
        out[i].add(f)
    return [frozenset(f) for f in out]


def _candidates(con: duckdb.DuckDBPyConnection, locals_: list[Prepared], local_codes: list) -> pd.DataFrame:
    """lid, id, score, rank: the best ``CANDIDATES`` names of the ``central`` table (id, name_fold,
    code) in ``con`` scoring at least ``POSSIBLE`` for each local name (``lid`` indexes
    ``locals_``), the managing sector taken into account."""
    lc = pd.DataFrame({"lid": range(len(locals_)), "code": [c if _known(c) else None for c in local_codes]})
    lf = pd.DataFrame([(i, f) for i, p in enumerate(locals_) for f in p.words | p.pairs], columns=["lid", "f"])
    con.register("lc", lc)
    con.register("lf", lf)
    try:
        con.execute("CREATE OR REPLACE TEMP TABLE cf AS " + _CENTRAL_FEATURES, _FEATURE_PARAMS)
        n = con.execute("SELECT count(*) FROM central").fetchone()[0]
        return con.execute(_SCORES, {"n": float(n), "same": SAME_SECTOR, "other": OTHER_SECTOR,
                                     "possible": POSSIBLE, "candidates": CANDIDATES}).df()
    finally:
        con.execute("DROP TABLE IF EXISTS cf")
        con.unregister("lc")
        con.unregister("lf")


def match_in(con: duckdb.DuckDBPyConnection, provincial: pd.DataFrame, places: dict[str, tuple[str, ...]]
             ) -> pd.DataFrame:
    """``match`` against the ``central`` table of ``con`` (id 0..n-1, list_id, name, name_key,
    name_fold, code), so that a loader scores inside its own connection without copying the
    central names out and back."""
    provincial = provincial.reset_index(drop=True)
    locals_ = [prepare(p.name, places.get(p.list_id, ())) for p in provincial.itertuples(index=False)]
    found = _candidates(con, locals_, provincial["ministry_code"].tolist())
    if found.empty:
        return pd.DataFrame(columns=OUT_COLUMNS)
    con.register("found", found)
    try:
        names = con.execute("SELECT f.lid, f.rank, f.score, c.list_id, c.name_key, c.name, c.code FROM found f "
                            "JOIN central c ON c.id = f.id ORDER BY f.lid, f.rank").fetchall()
    finally:
        con.unregister("found")
    out = []
    for lid, rank, score, c_list, c_key, c_name, c_code in names:
        p, local = provincial.iloc[lid], locals_[lid]
        out.append((p["list_id"], p["name_key"], p["name"], c_list, c_key, c_name, c_code, float(score),
                    classify(score, local.local_marker), int(rank), local.local_marker))
    return pd.DataFrame(out, columns=OUT_COLUMNS)


def classify(score: float, local_marker: bool) -> str:
    if score >= USES_CENTRAL and not local_marker:
        return "uses_central"
    return "possible_duplicate" if score >= POSSIBLE else "local_only"


def _known(code) -> bool:
    return isinstance(code, str) and bool(code)


def match(provincial: pd.DataFrame, central: pd.DataFrame, places: dict[str, tuple[str, ...]]) -> pd.DataFrame:
    """Candidates for every provincial platform.

    ``provincial``: list_id, name, name_key, ministry_code (line ministry, may be null);
    ``central``: list_id, name, name_key, ministry_code (and name_fold = ``fold(name)``, if known);
    ``places``: list_id -> the province's names.
    Returns ``OUT_COLUMNS``: up to ``CANDIDATES`` rows per provincial platform scoring at least
    ``POSSIBLE``, best first (``rank`` 1)."""
    if provincial.empty or central.empty:
        return pd.DataFrame(columns=OUT_COLUMNS)
    central = central.drop_duplicates(["list_id", "name_key"]).reset_index(drop=True)
    folded = central["name_fold"].tolist() if "name_fold" in central else [None] * len(central)
    table = pd.DataFrame({"id": range(len(central)), "list_id": central["list_id"], "name": central["name"],
                          "name_key": central["name_key"],
                          "name_fold": [f if isinstance(f, str) else fold(n) for f, n in zip(folded, central["name"])],
                          "code": [c if _known(c) else None for c in central["ministry_code"]]})
    con = duckdb.connect()
    try:
        con.register("central", table)
        return match_in(con, provincial, places)
    finally:
        con.close()
