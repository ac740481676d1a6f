"""The register of documents and the reference data that cites it (issue 16)."""
from __future__ import annotations

import duckdb
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis import citations
from loaders.paths import DATA_DIR
from store.documents import parse_refs, unresolved

REF = DATA_DIR / "reference"


def csv(name: str) -> pd.DataFrame:
    return pd.read_csv(REF / name, dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def docs() -> pd.DataFrame:
    return csv("documents.csv")


def test_every_reference_source_resolves_to_a_registered_document(built_db):
    con = duckdb.connect(str(built_db), read_only=True)
    try:
        assert unresolved(con) == []
        known = {r[0] for r in con.execute("SELECT doc_id FROM document").fetchall()}
        platform_sources = [r[0] for r in con.execute("SELECT DISTINCT source FROM platform_current").fetchall()]
    finally:
        con.close()
    for source in platform_sources:   # the shipped lists' "Nguồn" column too
        refs = parse_refs(source, known)
        assert refs and all(r.doc_id for r in refs), source


def test_the_build_refuses_a_source_that_names_no_document(tmp_path):
    import shutil

    from actions.build import build
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR / "reference", data / "reference")
    (data / "lists").mkdir()
    path = data / "reference" / "stages.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("art-nghean-2025-08-08 (local", "seed 004_x.txt (local"),
                    encoding="utf-8")
    with pytest.raises(ValueError, match="seed 004_x.txt"):
        build(tmp_path / "t.duckdb", data)


def test_register_holds_the_documents_the_sources_cite(docs):
    rows = docs.set_index("doc_id")
    expect = {"cv-2291-2024": ("dispatch", "2291/BTTTT-KTS&XHS", ""),
              "qd-1230-2023": ("decision", "1230/QĐ-BTTTT", "2023-07-10"),
              "nq-28-2024": ("resolution", "28/NQ-CP", "2024-03-05"),
              "qd-1864-2023": ("decision", "1864/QĐ-BTTTT", "2023-09-28"),
              "qd-1527-2025": ("decision", "1527/QĐ-BKHCN", "2025-06-29"),
              "qd-2618-2025": ("decision", "2618/QĐ-BKHCN", "2025-09-11"),
              "cv-2765-2024": ("dispatch", "2765/BTTTT-CĐSQG", "2024-07-15")}
    for doc_id, (kind, number, issued) in expect.items():
        assert (rows.at[doc_id, "kind"], rows.at[doc_id, "number"], rows.at[doc_id, "issued_on"]) == (kind, number, issued)
    assert rows.at["portal-ndp", "url"] == "https://ndp.dx.gov.vn/"
    assert "not public" in rows.at["qd-1527-2025", "basis"]
    assert set(docs["kind"]) <= {"decision", "dispatch", "resolution", "decree", "article", "portal", "dataset"}
    assert docs["doc_id"].is_unique
    assert all(u.startswith(("https://", "http://")) for u in docs["url"] if u)
    # a document with no link says it was not read
    assert all("not read" in e for u, e in zip(docs["url"], docs["edition_read"]) if not u)


def test_guidance_2291_has_six_steps_and_sixteen_addressees_stored_once():
    g = csv("guidance_2291.csv")
    assert list(g["item"]) == ["step"] * 6 and list(g["ordinal"]) == [str(i) for i in range(1, 7)]
    a = csv("addressees_2291.csv")   # the one file for the addressees
    assert list(a["ordinal"]) == [str(i) for i in range(1, 17)]
    assert a["body_code"].is_unique and set(a["body_code"]) <= set(csv("bodies.csv")["code"])
    assert a["as_written"].str.len().min() > 0 and set(a["basis"]) == {"identified"}
    assert set(a["doc_id"]) == {"cv-2291-2024"} and set(a["source"]) == {"art-2291-2024"}


def test_texts_read_are_named_by_publisher_and_date_with_their_url(docs):
    index = pd.read_csv(DATA_DIR / "sources" / "index.csv", dtype=str)
    files = sorted(p.name for p in (DATA_DIR / "sources").glob("*.txt"))
    assert sorted(index["file"]) == files
    assert not any(name[:3].isdigit() and name[3] == "_" for name in files)   # no seed numbering left
    by_doc = docs.set_index("doc_id")
    for r in index.itertuples():
        assert r.file.startswith(r.publisher.split(" ")[0].split(".")[0].lower()) or r.file.split("_")[0].endswith(r.published)
        assert by_doc.at[r.doc_id, "text_file"] == r.file
        assert r.original_url.startswith("https://")
        assert r.file.rsplit(".", 2)[-2] == by_doc.at[r.doc_id, "edition_language"]


def test_corrections_of_2026_11_29():
    lineage = csv("body_lineage.csv").set_index("from_code")
    assert lineage.at["HCMMB", "effective"] == "2025-03-01"
    counts = csv("published_counts.csv")
    mae = counts[(counts["list_id"] == "shared-2025") & (counts["body_code"] == "MAE")].iloc[0]
    assert mae["basis"].startswith("inferred:") and "Agriculture and Rural Development" in mae["basis"]
    sixteen_year = counts[(counts["list_id"] == "national-2024") & counts["body_code"].isin(
        ["MOD", "MOST", "GI", "CEMA", "VTV", "VOV"])]
    assert set(sixteen_year["source"]) == {"cv-2765-2024"}
    figures = csv("published_figures.csv").set_index("figure_key")
    assert figures.at["platforms_all", "source"] == "art-153-2024"
    status = csv("publication_status.csv")
    assert set(status.loc[status["status"] == "not_published", "source"]) == {"art-153-2024"}
    lists = csv("lists.csv").set_index("list_id")
    assert lists.at["province-40-2025", "basis"].startswith("inferred:")
    assert lists.at["national-2024", "basis"].startswith("inferred:")
    assert "art-vnn-2302345" in lists.at["national-2024", "source"]
    stages = csv("stages.csv").set_index("stage_id")
    assert stages.at["ndxp", "basis"].startswith("inferred:") and stages.at["rollout", "basis"].startswith("inferred:")
    province = pd.read_csv(DATA_DIR / "lists" / "province-40-2025.csv", dtype=str, keep_default_na=False)
    portal = province[province["Tên nền tảng"] == "Cổng Dịch vụ công quốc gia"].iloc[0]
    assert "art-mst-2025-11-09" in portal["Nguồn"] and portal["Ghi chú"].startswith("owner inferred")
    shared = pd.read_csv(DATA_DIR / "lists" / "shared-2025.csv", dtype=str, keep_default_na=False)
    identified = shared[shared["Cơ sở tên gọi"] == "identified"]
    assert "Cổng Dịch vụ công quốc gia" in set(identified["Tên nền tảng"])
    assert all(n.startswith("identified:") for n in identified["Ghi chú"])
    unnamed = counts[counts["sector"] != ""]
    assert dict(zip(unnamed["body_code"], unnamed["sector"])) == {
        "MOH": "health", "MOET": "education", "MOIT": "trade", "MEMR": "religions"}
    known = csv("known_items.csv")
    assert len(known) == 3 and set(known["source"]) == {"art-153-2024"}


def test_no_seed_file_names_left_in_the_shipped_data():
    for path in [*REF.glob("*.csv"), *(DATA_DIR / "lists").glob("*.csv")]:
        df = pd.read_csv(path, dtype=str, keep_default_na=False).drop(columns=["text_file"], errors="ignore")
        text = df.to_csv(index=False)   # the register's text_file column names the texts kept: that is its job
        assert "seed " not in text and ".txt" not in text, path.name


def test_every_reference_file_has_a_checked_date():
    checked = csv("checked.csv")
    shipped = {p.name for p in REF.glob("*.csv")} - {"checked.csv"}
    assert shipped - set(checked["file"]) == set()
    assert pd.to_datetime(checked["checked_on"], format="%Y-%m-%d").notna().all()


# --- citations -----------------------------------------------------------------------------------
def test_labels_name_a_document_by_number_and_date_and_an_article_by_publisher_and_date(docs):
    by_id = citations.documents_by_id(docs)
    assert citations.document_label(by_id["qd-2618-2025"], "vi") == "Quyết định 2618/QĐ-BKHCN (11/09/2025)"
    assert citations.document_label(by_id["cv-2765-2024"], "en") == "Dispatch 2765/BTTTT-CĐSQG (15/07/2024)"
    assert citations.document_label(by_id["art-vnn-2302345"], "vi") == "vietnamnet.vn (07/2024)"
    assert citations.document_label(by_id["cv-2291-2024"], "vi") == "Công văn 2291/BTTTT-KTS&XHS"
    cit = citations.cite(docs, 'art-nghean-2025-08-08 ; art-mst-2025-11-09 (owner: Government Office)', "en")
    assert [c.label for c in cit] == ["doanhnghiepvn.vn (08/08/2025)", "MOST (mst.gov.vn) (09/11/2025)"]
    assert "Arabic" in cit[0].hover and "French" in cit[1].hover and "owner: Government Office" in cit[1].hover
    assert cit[0].url.startswith("https://doanhnghiepvn.vn/")


@pytest.mark.parametrize("basis, kind", [
    ("published", "published"), (None, "published"), ("", "published"), ("translated", "translated"),
    ("identified", "identified"), ("inferred: why", "inferred"), ("items+inferred", "inferred"),
    ("published: 42 in deployment + 5 proposed", "published"), (float("nan"), "published")])
def test_basis_kind(basis, kind):
    assert citations.basis_kind(basis) == kind


def test_inferred_text_carries_the_mark_in_both_languages():
    assert citations.basis_text("inferred: from X", "vi") == "≈ suy luận: from X"
    assert citations.basis_text("inferred: from X", "en") == "≈ inferred: from X"
    assert citations.basis_text("published", "en") == "published figure"


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_any_source_text_parses_and_free_text_is_kept_as_written(text):
    refs = parse_refs(text, frozenset({"art-153-2024"}))
    assert all(r.doc_id is None or r.doc_id == "art-153-2024" for r in refs)
    assert all(r.text for r in refs)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["art-153-2024", "qd-2618-2025", "cv-2765-2024"]), min_size=1, max_size=3),
       st.text(alphabet=st.characters(blacklist_characters="()", blacklist_categories=("Cs",)), max_size=20))
def test_registered_ids_with_notes_resolve(ids, note):
    source = " ; ".join(f"{i} ({note})" if note.strip() and " ; " not in note else i for i in ids)
    refs = parse_refs(source, frozenset(ids))
    assert [r.doc_id for r in refs] == ids


def test_every_inference_shown_has_its_reason_in_vietnamese(built_snap):
    from analysis.about import inferences
    from analysis.basis_vi import BASIS_VI
    whys = [why for _, why in inferences(built_snap, "vi")]
    for why in whys:
        reason = why.split(":", 1)[1].strip()
        assert reason in BASIS_VI, reason
        assert citations.basis_label(why, "vi") == f"suy luận: {BASIS_VI[reason]}"
