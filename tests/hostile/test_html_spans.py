"""An HTML table saved as .xls whose spans would make more cells than the budget is refused
before those cells are made. The budget was checked at the end of each row: one row of 5,000
cells each spanning 50 columns and 1,000 rows asked for 250 million cells first, and the child
process grew to its 1.5 GB limit and died ("needs more memory or time") after ~19 s of CPU —
from a 179 KB file."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from loaders import html_table
from loaders.html_table import html_tables
from loaders.messages import LoaderError
from tests.hostile.hostile import cost

# What the parse costs the process that runs it (the child process, in the server), measured in a
# process of its own running the parse directly under the child's limits (a parse over them ends
# in MemoryError or SIGXCPU, not a refusal): peak resident memory and time of a refusal.
REFUSAL_MB, REFUSAL_S = 200, 5
PARSE = ("from loaders import sandbox\nsandbox._limit(sandbox.MEMORY, 15)\n"
         "from loaders.read import parse_html\n"
         "try:\n    outcome = {'sheets': len(parse_html(data))}\nexcept MemoryError:\n    outcome = {'code': 'MemoryError'}")


@pytest.mark.parametrize("cells, rows", [(5_000, 1_000), (200, 1_000), (100_000, 1)], ids=["wide-row", "tall", "one-row"])
def test_spans_beyond_the_budget_are_refused_before_they_are_made(tmp_path, cells, rows):
    page = "<table><tr>" + "<td colspan=50 rowspan=1000>x</td>" * cells + "</tr>" + "<tr><td>a</td></tr>" * rows + "</table>"
    out = cost(page.encode(), tmp_path, PARSE)
    assert out.get("code") == "html_too_big", out
    assert out["peak_mb"] < REFUSAL_MB and out["cpu_seconds"] < REFUSAL_S, out


@settings(max_examples=40, deadline=None, derandomize=True)
@given(st.lists(st.lists(st.tuples(st.integers(1, 4), st.integers(1, 4)), min_size=1, max_size=4), min_size=1, max_size=6),
       st.integers(1, 60))
def test_the_budget_counts_the_cells_the_grid_gets(spans, budget):
    """Refused exactly when the laid-out grid (held cells and padding included) has more cells than
    the budget; otherwise the grid is the same as without a budget."""
    page = "<table>" + "".join("<tr>" + "".join(f"<td rowspan={r} colspan={c}>v</td>" for r, c in row) + "</tr>"
                               for row in spans) + "</table>"
    grid = html_tables(page)[0]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(html_table, "MAX_CELLS", budget)
        if sum(map(len, grid)) > budget:
            with pytest.raises(LoaderError) as err:
                html_tables(page)
            assert err.value.message.code == "html_too_big"
        else:
            assert html_tables(page)[0] == grid
