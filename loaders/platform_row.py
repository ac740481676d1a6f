"""A platform row, declared once: the columns of the ``platform`` table in order, their DuckDB
types, and the heading a person types each under in the Excel template.

Everything that handles a platform row reads this declaration rather than its own list:

- the parser fills ``FIELDS`` (``loaders/parse.py``: ``ParsedList.columns``);
- the schema creates the ``platform`` table from ``COLUMNS`` (``store/schema.py``);
- the writer builds its Arrow table from ``COLUMNS`` and inserts it by name
  (``actions/kind_list.py``), so no two lists have to agree on an order;
- the template writes ``TEMPLATE`` as its header row (``loaders/template.py``);
- the catalogue table and its files (CSV, Excel) show ``SHOWN`` under each column's ``label``.

Adding a column: one ``Column`` here, the parser's value for it (``parse._columns``), and, when a
person types it, a header phrase in ``header_vocabulary.csv`` (CONTRIBUTING.md, "Add a column").
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    name: str
    type: str                   # the DuckDB type: INTEGER or VARCHAR
    required: bool = False      # NOT NULL in the table
    heading: str | None = None  # the template's heading (a column a person types), None: computed
    width: int = 0              # the template column's width
    label: str | None = None    # the catalogue key of its heading where a reader sees it (None: not shown)

    @property
    def sql(self) -> str:
        return f"{self.name} {self.type}{' NOT NULL' if self.required else ''}"


# Set by the writer for every row of one import.
IMPORT_COLUMNS = (Column("import_id", "INTEGER", required=True),
                  Column("list_id", "VARCHAR", required=True, label="col.list"))
# What the parser makes of each row of a list file, in the table's order.
ROW_COLUMNS = (
    Column("row_no", "INTEGER", required=True),      # the row's number in its sheet
    Column("sheet", "VARCHAR"),
    Column("name", "VARCHAR", required=True, heading="Tên nền tảng", width=60, label="col.name"),
    Column("name_key", "VARCHAR", required=True),    # the name folded, without spaces: what matches
    Column("name_fold", "VARCHAR"),
    Column("name_en", "VARCHAR", heading="Tên tiếng Anh", width=40, label="col.name_en"),
    Column("ministry_code", "VARCHAR", label="col.body"),             # the managing body, resolved
    Column("ministry_as_written", "VARCHAR", heading="Cơ quan chủ quản", width=40),
    Column("written_body_code", "VARCHAR"),
    Column("name_basis", "VARCHAR", label="col.name_basis"),          # verbatim, translated or identified
    Column("name_in_source", "VARCHAR"),
    Column("status", "VARCHAR", heading="Trạng thái", width=16, label="col.status"),
    Column("sector", "VARCHAR", heading="Lĩnh vực", width=20),
    Column("note", "VARCHAR", heading="Ghi chú", width=30, label="col.note"),
    Column("source", "VARCHAR", heading="Nguồn", width=30, label="col.source"),
)
COLUMNS = IMPORT_COLUMNS + ROW_COLUMNS
FIELDS = tuple(c.name for c in ROW_COLUMNS)
# What a reader sees of a platform in the catalogue and its files, in this order (views/tables.py).
SHOWN = tuple(next(c for c in COLUMNS if c.name == n)
              for n in ("name", "name_en", "ministry_code", "name_basis", "status", "note", "list_id", "source"))
# The template's header row: the ordinal people number rows by, then the typed columns.
TEMPLATE = (("STT", 6), *((c.heading, c.width) for c in ROW_COLUMNS if c.heading))


def create_table_sql(table: str = "platform") -> str:
    """``CREATE TABLE platform (...)`` from ``COLUMNS`` (``table`` is a constant of the caller)."""
    return f"CREATE TABLE {table} ({', '.join(c.sql for c in COLUMNS)});"
