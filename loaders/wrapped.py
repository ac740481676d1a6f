"""A long platform name wrapped onto a row of its own, as a clerk types it when a cell is too narrow:
the second line of the name in the next row, every other cell of that row empty."""
from __future__ import annotations

from .table import Block


def join_wrapped_names(block: Block) -> list[dict]:
    """Join a long name wrapped onto a row of its own (its second line, starting in lower case,
    every other cell of the row empty, where the row above fills another cell) to the name
    above it, and drop that row. What was joined: one dict per row dropped (``row_no``, ``first_row``, ``written``, ``name``)."""
    names = block.cells.get("name")
    if not names:
        return []
    wrapped = [i for i, n in enumerate(names) if i and n[:1].islower()
               and all(not block.cells[f][i] for f in block.fields if f != "name")]
    joined, drop = [], set()
    for i in wrapped:
        above = i - 1
        while above in drop:
            above -= 1
        if not names[above] or not any(block.cells[f][above] for f in block.fields if f != "name"):
            continue        # only a name column, or the row above has no other cell: not a wrapped line
        names[above] = f"{names[above]} {names[i]}"
        drop.add(i)
        joined.append({"row_no": block.row_nos[i], "first_row": block.row_nos[above], "written": names[i],
                       "name": names[above]})
    if drop:
        for f in block.cells:
            block.cells[f] = [v for j, v in enumerate(block.cells[f]) if j not in drop]
        block.row_nos = [n for j, n in enumerate(block.row_nos) if j not in drop]
    return joined
