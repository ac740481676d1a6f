"""A commit while another tab reviews: what an editor confirmed on the preview is what is written.

Found by the hostile pass. The removal of the platforms missing from a file is one tick, "remove
the N platforms not in the file", and the set removed was worked out again when the commit wrote:
a platform another user added between the preview and the click is not in the file either, so it
was removed too, although the editor never saw it listed. The commit now removes only the missing
platforms the preview listed (``ImportKind.confirmed``); the others are kept, with a note."""
from __future__ import annotations

import io

import duckdb

from access.roles import User
from actions import pipeline
from tests.files import ADMIN, HEADER, csv_bytes

MOF_EDITOR = User("ke.toan@mof.gov.vn", "ministry_editor", "MOF")
LIST = pipeline.KINDS["list"]


def mof_names(db) -> list[str]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return [r[0] for r in con.execute("SELECT name FROM platform_current WHERE list_id = 'shared-2025' "
                                          "AND ministry_code = 'MOF' ORDER BY row_no").fetchall()]
    finally:
        con.close()


def test_a_removal_confirmed_on_a_preview_removes_only_what_it_listed(db):
    names = mof_names(db)
    assert len(names) >= 2
    dropped, kept = names[0], names[1:]
    # tab 1: the editor's file leaves out one platform; the preview lists it; the editor ticks removal
    file = csv_bytes([HEADER, *[[i, n, "Bộ Tài chính"] for i, n in enumerate(kept, 1)]])
    prev = pipeline.preview(LIST, io.BytesIO(file), db, "shared-2025", user=MOF_EDITOR)
    assert [m["name"] for m in prev.summary["changes"].missing] == [dropped]
    # tab 2 (another user) adds a platform of the same body, keeping the others
    added = csv_bytes([HEADER, [1, "Nền tảng thêm trong lúc xem trước", "Bộ Tài chính"]])
    other = pipeline.preview(LIST, io.BytesIO(added), db, "shared-2025", user=ADMIN)
    pipeline.commit(other, db, user=ADMIN, file_name="them.csv", remove_missing=False)
    assert "Nền tảng thêm trong lúc xem trước" in mof_names(db)
    # tab 1 commits what it previewed
    outcome = pipeline.commit(prev, db, user=MOF_EDITOR, file_name="bo-tai-chinh.csv", remove_missing=True)
    assert [r["name"] for r in outcome.changes.removed] == [dropped]
    assert [r["name"] for r in outcome.changes.kept] == ["Nền tảng thêm trong lúc xem trước"]
    after = mof_names(db)
    assert dropped not in after
    assert "Nền tảng thêm trong lúc xem trước" in after, "removed without ever being shown on the preview"
