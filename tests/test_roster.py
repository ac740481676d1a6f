"""The roster of bodies a list's publication status counts has as many bodies as the source says
were expected to publish (``bodies_expected`` in published_figures.csv, with its document): the
figure and the roster both read from the built database."""
from __future__ import annotations

import duckdb

from views.ministries import view_ministries


def _expected(built_db) -> list[tuple[str, int, str]]:
    con = duckdb.connect(str(built_db), read_only=True)
    try:
        return con.execute("SELECT list_id, value, source FROM published_figure WHERE figure_key = ? ORDER BY list_id",
                           ["bodies_expected"]).fetchall()
    finally:
        con.close()


def test_every_roster_has_the_documented_number_of_bodies(built_db, built_snap):
    expected = _expected(built_db)
    assert expected, "no list records how many bodies were expected to publish"
    for list_id, value, source in expected:
        assert source and set(source.replace(" ", "").split(";")) <= set(built_snap.document["doc_id"])
        shown = view_ministries(built_snap, list_id, "publication", [], False, "en")
        summary = shown["summary"]
        assert sum(summary.values()) == len(shown["publication"]) == int(value), (list_id, summary, value)


def test_a_body_left_off_the_roster_is_named_with_its_reason(built_snap):
    shown = view_ministries(built_snap, "national-2024", "publication", [], False, "vi")
    off = built_snap.publication_status.query("list_id == 'national-2024' and status == 'off_roster'")
    assert len(off) == 1
    assert not {f"national-2024/{c}" for c in off["body_code"]} & set(shown["publication_refs"])
    text = " ".join(t for t, _ in shown["published_cite"])
    assert "≈" in text and "Bộ Thông tin và Truyền thông" in text
