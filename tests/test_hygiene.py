"""Layering: nothing below pages/ (views/ included) imports streamlit, even when run (tests/test_layers.py checks the
imports statically); connections and results go through store/db.py."""
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BELOW_PAGES = ("loaders", "store", "access", "actions", "analysis", "reports", "views")
MODULES = sorted(f"{p.parent.name}.{p.stem}" for d in BELOW_PAGES for p in (ROOT / d).glob("*.py")
                 if p.stem not in ("__init__", "__main__"))


def streamlit_importers(modules: list[str]) -> list[str]:
    """The modules of ``modules`` that pull in streamlit when imported. One fresh interpreter imports
    them all; only when that pulls it in is each imported alone, to name the culprits."""
    code = ("import importlib, sys\nfor m in sys.argv[1:]:\n    importlib.import_module(m)\n"
            "sys.exit(1 if any(m.split('.')[0] == 'streamlit' for m in sys.modules) else 0)")

    def pulls(names: list[str]) -> bool:
        return subprocess.run([sys.executable, "-c", code, *names], cwd=ROOT).returncode != 0
    return [m for m in modules if pulls([m])] if pulls(modules) else []


def test_no_module_below_pages_imports_streamlit():
    assert streamlit_importers(MODULES) == []


def test_the_streamlit_check_names_the_module_that_imports_it():
    assert streamlit_importers(["loaders.text", "pages.router", "store.db"]) == ["pages.router"]


def test_there_are_modules_to_check():
    assert {"loaders.parse", "store.db", "access.roles", "actions.pipeline", "analysis.counts"} <= set(MODULES)


def test_every_page_view_is_checked():
    """The views of the thinned pages are modules here (so the test above covers them)."""
    assert {"views.overview", "views.platforms", "views.provinces", "views.ministries",
            "views.memo", "views.scope"} <= set(MODULES)


def test_views_are_streamlit_free_all_together():
    """Importing every view at once (what reports and the pages do) pulls in no streamlit."""
    views = [m for m in MODULES if m.startswith("views.")]
    code = f"import sys, {', '.join(views)}; sys.exit(1 if any(m.split('.')[0] == 'streamlit' for m in sys.modules) else 0)"
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT).returncode == 0


# --- connections and results: store/db.py owns them ------------------------------------
PRODUCT = sorted([*(p for d in (*BELOW_PAGES, "pages") for p in (ROOT / d).rglob("*.py")),
                  ROOT / "app.py"])
DB_MODULE = ROOT / "store" / "db.py"


def _calls(path: Path) -> list[tuple[int, str]]:
    """``(line, text)`` of each ``.fetchone(`` and ``duckdb.connect(`` in the code of ``path``
    (attribute accesses, so comments and strings that mention them do not count)."""
    import ast
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Attribute):
            if node.attr == "fetchone":
                found.append((node.lineno, ".fetchone()"))
            elif node.attr == "connect" and isinstance(node.value, ast.Name) and node.value.id == "duckdb":
                found.append((node.lineno, "duckdb.connect()"))
    return sorted(found)


def test_no_bare_fetchone_or_connect_outside_the_db_module():
    """A ``.fetchone()`` leaves DuckDB 2.0's result open and the next statement on the connection
    fails (ResourceInUseException); connections are opened in one place. Use store.db: one(),
    value(), rows(), read_only()/reading(), memory(), writable()."""
    offenders = [f"{p.relative_to(ROOT)}:{line}: {what}" for p in PRODUCT if p != DB_MODULE
                 for line, what in _calls(p)]
    assert not offenders, "use store.db instead of:\n" + "\n".join(offenders)


def test_the_hygiene_check_finds_what_it_forbids(tmp_path):
    probe = tmp_path / "probe.py"
    probe.write_text('import duckdb\n"a .fetchone() in a string"\ncon = duckdb.connect()\nrow = con.execute("x").fetchone()\n',
                     encoding="utf-8")
    assert _calls(probe) == [(3, "duckdb.connect()"), (4, ".fetchone()")]
    assert _calls(DB_MODULE), "store/db.py is where they live"
    assert ROOT / "app.py" in PRODUCT and ROOT / "actions" / "commits.py" in PRODUCT
