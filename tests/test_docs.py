"""The README documents every CLI command and every table/view of the database."""
import re
from pathlib import Path

import duckdb

from actions.__main__ import COMMANDS

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_cli_command_is_documented():
    for command in COMMANDS:
        assert f"python -m actions {command}" in README, command


def test_reports_cli_is_documented():
    assert "python -m reports build --list LIST_ID --format xlsx|csv|pdf --out FILE" in README


def test_every_table_and_view_is_documented(built_db):
    con = duckdb.connect(str(built_db), read_only=True)
    names = [r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()]
    names += [r[0] for r in con.execute("SELECT DISTINCT function_name FROM duckdb_functions() "
                                        "WHERE function_type = 'table_macro' AND NOT internal").fetchall()]
    con.close()
    documented = set(re.findall(r"`(\w+)", README))
    assert sorted(n for n in names if n not in documented) == []


def test_quickstart_has_exactly_two_commands():
    quickstart = README.split("## Quickstart", 1)[1].split("```bash", 1)[1].split("```", 1)[0]
    assert [line.split("#")[0].strip() for line in quickstart.strip().splitlines()] == ["make run", "make test"]
