"""What the project takes from each document, and the document's caveat, in the reader's language:
documents.csv's English notes have Vietnamese ones (note_vi, basis_vi: NFC, marked as the project's
translation) on the About page, in the citations' hover text and in the reports' source lines."""
from __future__ import annotations

import unicodedata

from analysis import citations
from loaders.paths import DATA_DIR
from reports.workbook import source_line
from store.reference import read_reference_csv
from views.about import documents
from views.cites import links

DOCS = read_reference_csv(DATA_DIR / "reference" / "documents.csv")
MARK = "bản dịch của dự án"


def _s(value: object) -> str:
    return value if isinstance(value, str) else ""


def test_every_english_note_has_its_vietnamese():
    for r in DOCS.to_dict("records"):
        assert bool(_s(r["what_the_project_takes"])) == bool(_s(r["note_vi"])), r["doc_id"]
        plain_basis = _s(r["basis"]) and not citations.is_inferred(r["basis"])   # an inference's reason: basis_vi.csv
        assert bool(plain_basis) == bool(_s(r["basis_vi"])), r["doc_id"]
        for text in (_s(r["note_vi"]), _s(r["basis_vi"])):
            assert unicodedata.is_normalized("NFC", text) and text != r["what_the_project_takes"]


def _lines(built_snap, lang: str) -> dict[str, str]:
    return {doc_id: line for _, lines in documents(built_snap.document, lang) for line, doc_id in lines}


def test_the_about_page_gives_each_documents_note_in_the_readers_language(built_snap):
    vi, en = _lines(built_snap, "vi"), _lines(built_snap, "en")
    docs = built_snap.document.set_index("doc_id")
    assert set(vi) == set(docs.index)
    for doc_id, line in vi.items():
        takes_en, basis_en = _s(docs.at[doc_id, "what_the_project_takes"]), _s(docs.at[doc_id, "basis"])
        assert "chưa dịch" not in line and MARK in line, line
        assert takes_en not in line.replace("\\", "")
        if basis_en and not citations.is_inferred(basis_en):
            assert basis_en not in line.replace("\\", "") and MARK in line
        assert MARK not in en[doc_id] and takes_en in en[doc_id].replace("\\", "")


def test_citations_and_reports_give_the_caveat_in_the_readers_language(built_snap):
    docs = built_snap.document
    hover_vi = links(docs, "art-vnn-2302345", "vi")[1]
    assert "bản đã đọc chỉ ghi tháng" in hover_vi and "month only" not in hover_vi
    assert "month only" in links(docs, "art-vnn-2302345", "en")[1]
    (cit,) = citations.cite(docs, "art-2291-2024", "vi")
    line = source_line(cit, "vi")
    assert "ngày lấy từ địa chỉ URL" in line and MARK in line and "date from the URL" not in line
    (cit,) = citations.cite(docs, "art-2291-2024", "en")
    assert "date from the URL" in source_line(cit, "en")
