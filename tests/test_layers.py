"""The floors of the code (README "Layout"), checked by import-linter with the contracts in
pyproject.toml: pages -> reports -> views -> actions -> access | analysis -> store -> loaders; only
store/ imports duckdb; only pages/ (and app.py) import streamlit."""
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LINT = Path(sys.executable).with_name("lint-imports")
PACKAGES = ("pages", "views", "reports", "actions", "access", "analysis", "store", "loaders", "i18n")


def lint(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(LINT), "--no-cache"], cwd=root, capture_output=True, text=True, timeout=120)


def test_every_floor_holds():
    out = lint(ROOT)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "3 kept, 0 broken" in out.stdout


@pytest.fixture(scope="module")
def copy(tmp_path_factory) -> Path:
    """The product packages and their contracts, copied where a test may plant a bad import."""
    root = tmp_path_factory.mktemp("layers")
    for name in PACKAGES:
        shutil.copytree(ROOT / name, root / name, ignore=shutil.ignore_patterns("__pycache__", "*.csv", "*.ttf"))
    shutil.copy(ROOT / "pyproject.toml", root)
    return root


PLANTED = [
    ("loaders", "from actions import pipeline\n", "loaders is not allowed to import actions"),
    ("store", "import access.audit\n", "store is not allowed to import access"),
    ("analysis", "from access.roles import User\n", "analysis is not allowed to import access"),
    ("i18n", "from loaders import text\n", "i18n is not allowed to import loaders"),
    ("actions", "import duckdb\n", "actions.planted -> duckdb"),
    ("reports", "import streamlit as st\n", "reports.planted -> streamlit"),
]


@pytest.mark.parametrize("package,code,complaint", PLANTED, ids=[p[0] + ":" + p[2].split()[-1] for p in PLANTED])
def test_a_planted_import_that_climbs_is_caught(copy, package, code, complaint):
    planted = copy / package / "planted.py"
    planted.write_text(code, encoding="utf-8")
    try:
        out = lint(copy)
    finally:
        planted.unlink()
    assert out.returncode != 0 and complaint in out.stdout, out.stdout + out.stderr
    assert "planted" in out.stdout


# --- what each floor holds, beyond its imports: SQL in store/ (and access/, actions/), no computing in pages/ ----
import ast  # noqa: E402
import re  # noqa: E402

SQL = re.compile(r"\b(SELECT\b.+\bFROM|INSERT\s+INTO|UPDATE\b.+\bSET|DELETE\s+FROM|CREATE\s+(TABLE|VIEW))\b", re.S)
STATEMENTS = {"execute", "executemany", "sql", "register", "query_df"}   # a connection's methods that run SQL
CONNECTIONS = {"read_only", "reading", "writable", "memory"}               # store.db's ways to a connection
ROW_PICKING = {"isin", "query", "groupby", "merge", "pivot_table", "value_counts", "drop_duplicates"}
MASKS = {"isin", "notna", "isna", "notnull", "isnull", "between", "contains", "startswith", "endswith", "match"}


def sql_and_connections(source: str) -> list[str]:
    """What in ``source`` is SQL: a string that reads as a statement, a call that runs one, a
    connection opened (the names store.db gives them)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and SQL.search(node.value):
            found.append(f"{node.lineno}: SQL text {node.value.strip()[:40]!r}")
        elif isinstance(node, ast.Call):
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if isinstance(node.func, ast.Attribute) and name in STATEMENTS:
                found.append(f"{node.lineno}: .{name}()")
            elif name in CONNECTIONS:
                found.append(f"{node.lineno}: {name}() opens a connection")
    return found


TYPES = {"tuple", "list", "dict", "set", "frozenset", "type", "Optional", "Union", "Iterable", "Sequence", "Mapping"}


def _is_mask(index: ast.AST) -> bool:
    """Whether a subscript's index picks rows by a condition: a comparison, ``&``/``|``/``~`` of
    conditions, or a condition method (``.isin(...)``, ``.notna()``, ``.str.startswith(...)``)."""
    if isinstance(index, ast.Tuple) and index.elts:       # .loc[rows, columns]
        return _is_mask(index.elts[0])
    if isinstance(index, ast.Compare) or (isinstance(index, ast.UnaryOp) and isinstance(index.op, ast.Invert)):
        return True
    if isinstance(index, ast.BinOp) and isinstance(index.op, (ast.BitAnd, ast.BitOr)):
        return True
    return isinstance(index, ast.Call) and isinstance(index.func, ast.Attribute) and index.func.attr in MASKS


def row_picking(source: str) -> list[str]:
    """Where ``source`` filters or reshapes rows of a frame (what a view does, not a page)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in ROW_PICKING:
            found.append(f"{node.lineno}: .{node.func.attr}()")
        elif isinstance(node, ast.Subscript) and _is_mask(node.slice) and not (
                isinstance(node.value, ast.Name) and node.value.id in TYPES):   # tuple[A | None, ...]: a type
            found.append(f"{node.lineno}: rows picked by {ast.unparse(node.slice)[:50]}")
    return found


def _offenders(folders: tuple[str, ...], check) -> list[str]:
    """``path:finding`` of ``check`` over every module of ``folders`` (and app.py, with pages/)."""
    paths = [p for d in folders for p in sorted((ROOT / d).glob("*.py"))] + ([ROOT / "app.py"] * ("pages" in folders))
    return [f"{p.relative_to(ROOT)}:{what}" for p in paths for what in check(p.read_text(encoding="utf-8"))]


def test_views_and_pages_hold_no_sql():
    """SQL is store/'s (and access/'s and actions/'s): a view or a page calls a function that runs it
    (pages/data.py hands store's readers to ``store.db.read_with``)."""
    offenders = _offenders(("views", "pages"), sql_and_connections)
    assert not offenders, "run SQL in store/ or access/, call it from views/:\n" + "\n".join(offenders)


def test_pages_pick_no_rows():
    """A page draws what a view returns: the rows it shows are picked in views/ (or analysis/)."""
    offenders = _offenders(("pages",), row_picking)
    assert not offenders, "pick rows in views/, draw them in pages/:\n" + "\n".join(offenders)


def test_the_checks_read_every_view_and_page():
    assert {"views/admin.py", "views/recognition.py", "pages/about.py", "pages/evidence_form.py", "app.py"} <= {
        o.split(":")[0] for o in _offenders(("views", "pages"), lambda source: ["read"])}


PLANTED_CODE = [
    (sql_and_connections, 'def users(con):\n    return con.execute("SELECT email FROM app_user").df()\n', 2),
    (sql_and_connections, 'from store.db import reading\nwith reading("x.duckdb") as con:\n    pass\n', 1),
    (sql_and_connections, 'Q = """\n  SELECT count(*)\n  FROM audit_log"""\n', 1),
    (row_picking, 'ev = snap.platform_event\nev = ev[(ev["list_id"] == x) & ev["key"].isin(keys)]\n', 2),
    (row_picking, 'known = snap.known_item[snap.known_item["list_id"] == "national-2024"]\n', 1),
    (row_picking, 'rows = props.loc[props["set_id"].notna(), ["a"]]\nn = df.groupby("b").size()\n', 2),
    (row_picking, 'shown = df[~df["hidden"]]\n', 1),
]


@pytest.mark.parametrize("check,code,expected", PLANTED_CODE)
def test_a_planted_query_or_filter_is_caught(check, code, expected):
    """The two checks above find what they forbid, each finding once: SQL text over several lines,
    a connection opened, rows picked from an alias of a frame, by ``.loc``, by a negation."""
    assert len(check(code)) == expected, check(code)


@pytest.mark.parametrize("check,code", [
    (sql_and_connections, 'st.caption("Select a list from the menu")\nrow = text.split(",")[-1]\n'),
    (row_picking, 'row = forwarded.split(",")[-1]\ncols = rows[names + ["x"]]\nv = view["rows"][t("col.name")]\n'
                  'def f() -> tuple[Snapshot | None, str | None]: ...\n'),
])
def test_layout_is_not_taken_for_a_query_or_a_filter(check, code):
    assert check(code) == []
