"""Every figure, chart and table a user sees has a document or article behind it, as a link; no
internal file name, seed reference or bare URL reaches a user (issue 16). Pages, report sheets, PDF."""
from __future__ import annotations

import io
import json
import re
import subprocess
from datetime import date

import openpyxl
import pytest

from i18n.catalogue import tr
from reports.pdf import brief
from reports.workbook import full_report
from tests.conftest import snapshot_of
from views.scope import Scope

DATA = {"metric", "plotly_chart", "dataframe"}
LINK = re.compile(r"\]\((https?://[^)\s]+)(?:\s+\"[^\"]*\")?\)")   # a link, with or without a hover title
FORBIDDEN = re.compile(r"seed\s|\.txt\b|https?://|www\.", re.I)
# Sections whose tables show what users entered (import log, audit, adoption files, progress
# events): their "document" is the import, named on the row, not a published source.
USER_SECTIONS = {"pages/provinces.py": ("provinces.adoption",),
                 "pages/shared_platforms.py": ("shared.overdue", "shared.timeline")}
USER_PAGES = {"pages/imports.py", "pages/admin.py"}
WALKS = [("pages/overview.py", {}), ("pages/catalogue.py", {}), ("pages/provinces.py", {}),
         ("pages/shared_platforms.py", {}), ("pages/about.py", {}),
         *[("pages/ministries.py", {"list": lst, "section": sec})
           for lst in ("national-2024", "shared-2025", "province-40-2025")
           for sec in ("counts", "reconcile", "publication")]]


def flatten(node) -> list:
    out = []
    for k in sorted(getattr(node, "children", None) or {}):
        child = node.children[k]
        out.append(child)
        out += flatten(child)
    return out


def text_of(element) -> list[str]:
    kind = getattr(element, "type", None)
    if kind in ("caption", "markdown", "info", "warning", "success", "error", "title", "subheader", "header"):
        return [str(element.value)]
    if kind == "metric":
        return [str(element.label), str(element.value)]
    if kind == "dataframe":
        df = element.value
        config = json.loads(element.proto.columns or "{}")
        links = {c for c, cfg in config.items() if cfg.get("type_config", {}).get("type") == "link"}
        return [str(c) for c in df.columns] + [str(v) for col in df.columns if col not in links
                                                for v in df[col].dropna()]
    if kind == "plotly_chart":
        fig = json.loads(element.proto.spec)
        texts = [str(fig.get("layout", {}).get("title", {}).get("text", ""))]
        for trace in fig.get("data", []):
            for key in ("x", "y", "text", "name"):
                value = trace.get(key)
                texts += [str(v) for v in value] if isinstance(value, list) else [str(value or "")]
        return texts
    return []


def registered_urls(snap) -> set[str]:
    return {u for u in snap.document["url"].dropna() if u}


@pytest.mark.parametrize("page, query", WALKS, ids=[f"{p}{q}" for p, q in WALKS])
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_figure_chart_and_table_cites_a_registered_document(app, built_snap, page, query, lang):
    at = app(page, lang=lang, **query)
    urls = registered_urls(built_snap)
    elements = flatten(at.main)
    section = ""
    missing = []
    for i, element in enumerate(elements):
        kind = getattr(element, "type", None)
        if kind in ("subheader", "header", "title"):
            section = str(element.value)
        if kind not in DATA or section in {tr(k, lang) for k in USER_SECTIONS.get(page, ())}:
            continue
        if kind == "dataframe" and '"type": "link"' in (element.proto.columns or ""):
            continue   # each row links to its own source (public evidence)
        following = []
        for later in elements[i + 1:]:
            if getattr(later, "type", None) in ("subheader", "header"):
                break
            if getattr(later, "type", None) in ("caption", "markdown"):
                following += LINK.findall(str(later.value))
        if not any(u in urls for u in following):
            missing.append((section, kind, getattr(element, "key", None) or i))
    assert missing == []


@pytest.mark.parametrize("page, query", [*WALKS, ("pages/imports.py", {}), ("pages/admin.py", {})],
                         ids=[f"{p}{q}" for p, q in [*WALKS, ("pages/imports.py", {}), ("pages/admin.py", {})]])
def test_no_seed_file_name_or_bare_url_on_screen(app, page, query):
    at = app(page, **query)
    shown = [t for e in flatten(at.main) for t in text_of(e)]
    shown = [LINK.sub("]()", t) for t in shown]   # a link's target is not shown: its text is
    assert [t for t in shown if FORBIDDEN.search(t)] == []


def test_inferred_figures_look_different_on_screen(app):
    at = app("pages/ministries.py", list="shared-2025")
    fig = json.loads(at.get("plotly_chart")[0].proto.spec)
    marked = {y: (t, o) for trace in fig["data"] for y, t, o in zip(trace["y"], trace["text"], trace["marker"]["opacity"])}
    assert marked["Bộ Nông nghiệp và Môi trường"][0].startswith("≈") and marked["Bộ Nông nghiệp và Môi trường"][1] < 1
    assert not marked["Bộ Công an"][0].startswith("≈") and marked["Bộ Công an"][1] == 1
    basis = dict(zip(at.dataframe[0].value["Bộ, ngành"] if "Bộ, ngành" in at.dataframe[0].value else [],
                     at.dataframe[0].value.get("Căn cứ", [])))
    assert basis["Bộ Nông nghiệp và Môi trường"].startswith("≈ suy luận")
    styles = at.dataframe[0].proto.arrow_data.styler.styles   # inferred rows muted (row 2: MAE)
    assert "row2_col0" in styles and "font-style: italic" in styles and "row0_col0" not in styles


def test_publish_or_answer_rule_next_to_each_non_publisher(app):
    at = app("pages/ministries.py", list="national-2024", section="publication")
    table = next(d.value for d in at.dataframe if "Nguồn yêu cầu" in d.value.columns)
    not_published = table[table["Trạng thái"] == "Chưa công bố"]
    assert len(not_published) == 6 and not_published["Nguồn yêu cầu"].str.contains("Thủ tướng").all()
    assert (table.loc[table["Trạng thái"] != "Chưa công bố", "Nguồn yêu cầu"] == "").all()
    assert set(not_published["Nguồn"]) == {"MIC (mic.gov.vn; republished by vietnam.vn) (07/2024)"}


def test_about_page_lists_documents_gaps_and_checked_dates(app, built_snap):
    at = app("pages/about.py")
    md = "\n".join(str(m.value) for m in (*at.markdown, *at.caption))
    for u in registered_urls(built_snap):
        assert f"]({u})" in md
    assert "18 trên 29" in md and "của 14 cơ quan" in md and "4 cơ quan đã công bố không rõ" in md
    assert "153 nền tảng" in md and "50 nền tảng còn lại" in md
    unnamed = next(d.value for d in at.dataframe if "Lĩnh vực" in d.value.columns)
    assert sorted(unnamed["Lĩnh vực"]) == ["education", "health", "religions", "trade"]
    checked = next(d.value for d in at.dataframe if "Đối chiếu lần cuối" in d.value.columns)
    assert list(checked["Tệp"]) == list(built_snap.reference_check["file"]) and len(checked) >= 18
    assert "Quyết định 1527/QĐ-BKHCN (29/06/2025) và Quyết định 2618/QĐ-BKHCN (11/09/2025)" in md
    assert "không công khai" in md


# --- reports ----------------------------------------------------------------------------------
@pytest.mark.parametrize("list_id", ["national-2024", "shared-2025", "province-40-2025"])
def test_every_pdf_line_is_clean_and_every_document_is_a_link(built_db, list_id, tmp_path):
    snap = snapshot_of(built_db)
    data = brief(snap, Scope(list_id, "vi", [], date(2026, 1, 1)))
    path = tmp_path / "b.pdf"
    path.write_bytes(data)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True,
                          text=True).stdout
    assert [line for line in text.splitlines() if FORBIDDEN.search(line)] == []
    uris = set(re.findall(rb"/URI \((https?://[^)]+)\)", data))
    assert uris and {u.decode() for u in uris} <= registered_urls(snap)
    lists = snap.platform_list.set_index("list_id")
    own = lists.at[list_id, "source"].split(" ; ")[0].split(" ")[0]
    assert snap.document.set_index("doc_id").at[own, "url"].encode() in uris
    if list_id in ("national-2024", "province-40-2025"):   # the list's number or date is inferred
        assert "≈" in text


def test_every_report_sheet_cites_documents_and_downloads_carry_the_basis(built_db):
    snap = snapshot_of(built_db)
    book = openpyxl.load_workbook(io.BytesIO(full_report(snap, Scope("shared-2025", "vi", [], date(2026, 1, 1)))))
    cover = book.worksheets[0]
    links = {c.hyperlink.target for row in cover.iter_rows() for c in row if c.hyperlink}
    assert links and links <= registered_urls(snap)
    for ws in book.worksheets:   # a web address is allowed only as a clickable link (the evidence's sources)
        for row in ws.iter_rows():
            assert not any(isinstance(c.value, str) and FORBIDDEN.search(c.value)
                           and not (c.hyperlink and c.hyperlink.target == c.value) for c in row), \
                (ws.title, [c.value for c in row])
    sheet = book["Theo bộ, ngành"] if "Theo bộ, ngành" in book.sheetnames else book.worksheets[1]
    header = [c.value for c in sheet[1]]
    assert "Căn cứ" in header
    bases = {r[0]: r[header.index("Căn cứ")] for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert bases["Bộ Nông nghiệp và Môi trường"].startswith("≈")


def test_a_table_footnote_names_each_document_once(app):
    at = app("pages/catalogue.py")
    note = next(c.value for c in at.caption if "mst.gov.vn/ban-hanh" in c.value)
    assert len(LINK.findall(note)) == len(set(LINK.findall(note))) == 3
