"""The import log's messages are kept as codes and read in the reader's language: a Vietnamese
reader of the import log (page and Excel report) never gets the English sentence an import wrote."""
from __future__ import annotations

import io

from hypothesis import given, settings
from hypothesis import strategies as st

from actions.ingest import ingest_file
from loaders.messages import Message, stored, stored_text
from tests.conftest import snapshot_of
from tests.files import HEADER, csv_bytes
from tests.writes_matrix import MOF_EDITOR
from views.tables import import_log_table

CODES = st.sampled_from(["kept_other_bodies", "evidence_loaded", "already_imported", "list_changes_kept"])
PARAMS = {"kept_other_bodies": {"n": 3}, "evidence_loaded": {},
          "already_imported": {"list_id": "shared-2025", "as_of": "2025-09-11", "import_id": 4},
          "list_changes_kept": {"added": 1, "changed": 0, "unchanged": 2, "missing": 1, "names": "Cổng \"x\"; y"}}


@settings(max_examples=40, deadline=None)
@given(codes=st.lists(CODES, max_size=4), notes=st.lists(st.text(max_size=30), max_size=2))
def test_stored_messages_read_back_in_each_language(codes, notes):
    messages = [Message(c, PARAMS[c]) for c in codes]
    kept = stored([*messages, *notes])
    for lang in ("vi", "en"):
        expected = "; ".join([*(m.text(lang) for m in messages), *(n for n in notes if n)])
        assert stored_text(kept, lang) == expected


def test_text_kept_before_codes_and_odd_values_are_shown_as_they_are():
    for old in ("1 added, 0 changed", "[not json", "[1, 2]", '{"a": 1}'):
        assert stored_text(old, "vi") == (old if old != "[1, 2]" else "1; 2")
    assert stored_text(None, "vi") == "" and stored_text(float("nan"), "en") == ""


def test_an_editors_partial_import_is_logged_in_the_readers_language(db):
    rows = [["1", "Nền tảng hóa đơn điện tử quốc gia (thử)", "Bộ Tài chính"]]
    outcome = ingest_file(io.BytesIO(csv_bytes([HEADER, *rows])), "mof.csv", db, "shared-2025", user=MOF_EDITOR,
                          remove_missing=False)
    snap = snapshot_of(db)
    vi = import_log_table(snap, "vi")
    en = import_log_table(snap, "en")
    said_vi = " ".join(vi.iloc[:, -1].astype(str))
    said_en = " ".join(en.iloc[:, -1].astype(str))
    assert "thêm 1" in said_vi and "của các cơ quan khác" in said_vi and "added" not in said_vi
    assert "1 added" in said_en and "of other bodies" in said_en
    assert "bằng chứng công khai" in said_vi and "public evidence" in said_en   # the build's own evidence import
    assert outcome.import_id in set(snap.import_log["import_id"])
