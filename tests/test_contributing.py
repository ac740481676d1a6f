"""The recipes of CONTRIBUTING.md, each followed once here: an import kind, a column, a page (a
label: tests/test_catalogue.py)."""
from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass, field

import pytest

from actions import pipeline
from actions.import_kind import ImportKind
from loaders import platform_row
from loaders.messages import LoaderError, Message
from store.db import memory, reading, rows
from store.writer import Written
from tests.files import ADMIN


# --- "Add an import kind": one module with an ImportKind, one line in pipeline.KINDS ------------
@dataclass
class ParsedNames:
    sha256: str
    rows: list[str]
    sheet: str = "csv"
    header_row_no: int = 1
    rows_read: int = 0
    rejected: list[tuple[int, Message]] = field(default_factory=list)
    warnings: list[Message] = field(default_factory=list)


class NamesKind(ImportKind):
    """A made-up kind: a plain list of names, one a line, counted and not stored elsewhere."""
    name = "names"
    action = "import_list"

    def context(self, con, list_id, *, as_of, today):
        return {"as_of": today}

    def parse(self, fp, context):
        data = fp.read()
        lines = data.decode("utf-8").splitlines()
        kept = [line.strip() for line in lines if line.strip()]
        rejected = [(i + 1, Message("no_rows", {"rejected": 0, "first": "-"})) for i, line in enumerate(lines)
                    if not line.strip()]
        return ParsedNames(hashlib.sha256(data).hexdigest(), kept, rows_read=len(lines), rejected=rejected)

    def loaded(self, parsed):
        return len(parsed.rows)

    def write_rows(self, con, parsed, *, import_id, list_id, as_of, file_name, **choices):
        return Written(len(parsed.rows), notes=[f"{len(parsed.rows)} names"])


def test_an_import_kind_added_by_the_recipe_runs_through_the_one_pipeline(db, monkeypatch):
    monkeypatch.setitem(pipeline.KINDS, "names", NamesKind())
    kind = pipeline.KINDS["names"]
    outcome = pipeline.ingest(kind, io.BytesIO("Alpha\n\nBeta\n".encode()), "names.txt", db, "shared-2025",
                              user=ADMIN)
    assert (outcome.rows_loaded, outcome.rows_rejected, outcome.duplicate) == (2, 1, False)
    again = pipeline.ingest(kind, io.BytesIO("Alpha\n\nBeta\n".encode()), "names.txt", db, "shared-2025",
                            user=ADMIN)
    assert again.duplicate and again.import_id == outcome.import_id   # the same file: nothing new
    with reading(db) as con:
        logged = rows(con, "SELECT kind, rows_loaded, rows_rejected, message FROM import_log WHERE import_id = ?",
                      [outcome.import_id])
        audited = rows(con, "SELECT action, result FROM audit_log WHERE target LIKE ?", [f"shared-2025 #{outcome.import_id}"])
    assert len(logged) == 1 and logged[0][:3] == ("names", 2, 1) and "2 names" in logged[0][3]
    assert audited == [("import_list", "ok")] * 2   # the import and the duplicate attempt


def test_the_kind_recipe_checks_the_role_like_every_kind(db, monkeypatch):
    from access.roles import User
    monkeypatch.setitem(pipeline.KINDS, "names", NamesKind())
    with pytest.raises(LoaderError) as err:
        pipeline.ingest(pipeline.KINDS["names"], io.BytesIO(b"Alpha\n"), "names.txt", db, "shared-2025",
                        user=User("viewer@test.vn", "viewer"))
    assert err.value.message.code == "forbidden"


# --- "Add a column": one Column in loaders/platform_row.py, its value in parse._columns ---------
def test_a_column_added_by_the_recipe_reaches_the_table_the_writer_and_the_template(monkeypatch):
    extra = platform_row.Column("channel", "VARCHAR", heading="Kênh cung cấp", width=24)
    row_columns = (*platform_row.ROW_COLUMNS, extra)
    monkeypatch.setattr(platform_row, "COLUMNS", platform_row.IMPORT_COLUMNS + row_columns)
    from actions import kind_list
    monkeypatch.setattr(kind_list, "COLUMNS", platform_row.COLUMNS)
    con = memory()
    try:
        con.execute(platform_row.create_table_sql())
        columns = {f: ["x"] for f in platform_row.FIELDS} | {"row_no": [2], "channel": ["web"]}
        parsed = type("Parsed", (), {"row_count": 1, "columns": columns})()
        table = kind_list._platform_rows(parsed, 7, "shared-2025")
        # the writer matches by name: the Arrow table in any order lands in the right columns
        kind_list._insert_platforms(con, table.select(list(reversed(table.column_names))))
        got = rows(con, "SELECT import_id, list_id, row_no, channel FROM platform")
        assert got == [(7, "shared-2025", 2, "web")]
        assert [r[0] for r in rows(con, "DESCRIBE platform")][-1] == "channel"
    finally:
        con.close()
    template = (("STT", 6), *((c.heading, c.width) for c in row_columns if c.heading))
    assert template[-1] == ("Kênh cung cấp", 24)


def test_the_declaration_is_what_the_parser_the_table_and_the_template_use(built_db):
    from loaders import parse, template
    assert parse.FIELDS == platform_row.FIELDS
    assert [c for c, _ in template.COLUMNS] == ["STT", *(c.heading for c in platform_row.ROW_COLUMNS if c.heading)]
    with reading(built_db) as con:
        described = rows(con, "DESCRIBE platform")
    assert [(r[0], r[1], r[2] == "NO") for r in described] == [(c.name, c.type, c.required) for c in platform_row.COLUMNS]
    assert platform_row.COLUMNS[0].sql == "import_id INTEGER NOT NULL"


def test_the_catalogue_file_shows_the_declared_columns_under_their_labels(built_snap):
    from i18n.catalogue import tr
    from views.tables import platforms_table
    table = platforms_table(built_snap, None, "en", list_id="shared-2025")
    assert list(table.columns) == [tr(c.label, "en") for c in platform_row.SHOWN]
    assert len(table) > 40 and table.iloc[0][tr("col.list", "en")] == "shared-2025"


# --- "Add a page": pages/<name>.py, two entries in pages/router.py, its title in the catalogue ----
PAGE = '''"""A worked example of CONTRIBUTING.md "Add a page": layout only, the figures from below."""
from pages.router import ensure_router

ensure_router()

import streamlit as st

from pages.common import page_start
from pages.language import t

snap = page_start("example.title")
st.metric(t("example.lists"), len(snap.platform_list))
'''


def test_a_page_added_by_the_recipe_is_in_the_menu_and_runs(built_db, tmp_path, monkeypatch):
    from pages import router
    from tests.apptest import runner
    page = tmp_path / "example.py"
    page.write_text(PAGE, encoding="utf-8")
    monkeypatch.setenv("NDP_DB", str(built_db))
    monkeypatch.setitem(router.PAGES, str(page), "example")
    monkeypatch.setitem(router.LOOK, str(page), ("example.title", ":material/science:"))
    from i18n import catalogue
    monkeypatch.setitem(catalogue.TEXTS, "example.title", ("Trang ví dụ", "An example page"))
    monkeypatch.setitem(catalogue.TEXTS, "example.lists", ("Danh sách đã đăng ký", "Lists registered"))
    at = runner(str(page), lang="en")
    assert [m.label for m in at.metric] == ["Lists registered"] and int(at.metric[0].value) >= 3
    assert at.title[0].value == "An example page"
