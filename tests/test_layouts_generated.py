"""Generated layouts (``tests/layout_gen.py``): every file loads with exactly the platforms and
bodies it was written with and the rejected rows planted in it, or is refused with one message."""
import io
import shutil
from datetime import date

import duckdb
from hypothesis import HealthCheck, given, settings

from actions.ingest import ingest_file
from loaders.messages import LoaderError
from loaders.parse import parse_list
from tests.files import ADMIN
from tests.layout_gen import layouts, render
from tests.test_parse import BODIES, D2024

# Derandomized: the same cases in every run (CI is stable); a fixed budget of cases.
GENERATED = settings(max_examples=320, derandomize=True, deadline=None, database=None,
                     suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def outcome(data: bytes, kind: str = "shared"):
    try:
        return parse_list(io.BytesIO(data), BODIES, D2024, kind), None
    except LoaderError as err:
        return None, err


@GENERATED
@given(layouts())
def test_generated_layout_loads_exactly_what_was_written(layout):
    data, expected = render(layout)
    parsed, err = outcome(data)
    if expected.refused:
        assert err is not None and err.message.code == expected.refused, (layout, parsed and parsed.rows)
        assert err.text("vi") and err.text("en")
        return
    assert err is None, (layout, err and err.text("en"))
    assert [(r["name"], r["ministry_code"]) for r in parsed.rows] == expected.loaded, (layout, parsed.rejected)
    assert [(row_no, m.code) for row_no, m in parsed.rejected] == expected.rejected, layout
    assert expected.warnings <= {w.code for w in parsed.warnings}, layout
    assert ("body_in_text" in {w.code for w in parsed.warnings}) == ("body_in_text" in expected.warnings)


@settings(max_examples=6, derandomize=True, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(layouts())
def test_generated_layout_through_the_full_import(built_db, tmp_path_factory, layout):
    data, expected = render(layout)
    if expected.refused:
        return
    db = tmp_path_factory.mktemp("gen") / "ndp.duckdb"
    shutil.copyfile(built_db, db)
    result = ingest_file(io.BytesIO(data), "gen.xlsx", db, "national-2024", as_of=date(2024, 7, 15), user=ADMIN)
    assert (result.rows_loaded, result.rows_rejected) == (len(expected.loaded), len(expected.rejected))
    con = duckdb.connect(str(db), read_only=True)
    try:
        stored = con.execute("SELECT name, ministry_code FROM platform WHERE import_id = ? ORDER BY row_no, sheet",
                             [result.import_id]).fetchall()
        rejected = con.execute("SELECT row_no, reason_code FROM rejected_row WHERE import_id = ? ORDER BY row_no",
                               [result.import_id]).fetchall()
    finally:
        con.close()
    assert sorted(stored) == sorted(expected.loaded)
    assert sorted(rejected) == sorted(expected.rejected)
