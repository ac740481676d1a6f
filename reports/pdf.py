"""The PDF brief (1-3 A4 pages): headline figures with sources, platforms per ministry (chart),
who has not published, progress toward the shared platforms. fpdf2 with an embedded DejaVu font
(shipped in reports/fonts/) renders Vietnamese with no browser or system library."""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

from fpdf import FPDF

from analysis.citations import INFERRED, is_inferred
from analysis.recognition import open_flags
from i18n.catalogue import tr
from store.snapshot import Snapshot
from views import citing
from views import evidence as progress_view
from views import tables as content
from views.overview import filtered_rows
from views.recognition import funnel_table, view_recognition

FONTS = Path(__file__).with_name("fonts")
MAX_BARS = 20
BLUE, GREY = (31, 78, 121), (110, 110, 110)
LIGHT = (160, 196, 230)   # likely evidence only: the same blue, lighter


class _Brief(FPDF):
    def __init__(self, footer_text: str):
        super().__init__(format="A4")
        self.footer_text = footer_text
        self.add_font("DejaVu", "", str(FONTS / "DejaVuSans.ttf"))
        self.add_font("DejaVu", "B", str(FONTS / "DejaVuSans-Bold.ttf"))
        self.set_auto_page_break(True, margin=15)

    def footer(self):
        self.set_y(-12)
        self.set_font("DejaVu", "", 7)
        self.set_text_color(*GREY)
        self.cell(0, 5, f"{self.footer_text} — {self.page_no()}", align="C")


def brief(snap: Snapshot, scope: content.Scope, recognition=None) -> bytes:
    lang = scope.lang
    pdf = _Brief(tr("report.footer", lang, at=datetime.now().strftime("%d/%m/%Y %H:%M")))
    pdf.add_page()
    row = snap.platform_list.set_index("list_id").loc[scope.list_id]
    _heading(pdf, tr("report.brief_title", lang), 15)
    _text(pdf, f"{row['title_en' if lang == 'en' else 'title_vi']} ({scope.list_id}) — "
               f"{tr('report.as_of', lang)}: {scope.on.strftime('%d/%m/%Y')}", 9)
    if scope.ministries:
        names = content.body_names(snap, lang)
        _text(pdf, f"{tr('report.filters', lang)}: " + ", ".join(names.get(c, c) for c in scope.ministries), 9)
    _heading(pdf, tr("report.headline", lang), 11)
    for what, value, how in filtered_rows(snap, scope.ministries, lang):   # as the overview shows them
        pdf.set_font("DejaVu", "B", 10)
        pdf.cell(28, 6, value)
        pdf.set_font("DejaVu", "", 9)
        pdf.multi_cell(0, 5, f"{what}\n{how}", align="L", new_x="LMARGIN", new_y="NEXT")
    if scope.ministries:   # the published national figures: the documents give them for every body
        _text(pdf, tr("report.headline_unfiltered", lang), 8, GREY)
    for what, value, doc in content.headline_rows(snap, lang):
        pdf.set_font("DejaVu", "B", 10)
        pdf.cell(28, 6, value)
        pdf.set_font("DejaVu", "", 9)
        pdf.multi_cell(0, 5, f"{what}\n{doc}", align="L", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1)
    _bars(pdf, tr("report.chart", lang), content.counts(snap, scope), content.body_names(snap, lang), lang)
    not_pub = content.publication(snap, scope)
    missing = not_pub[not_pub["status"] == "not_published"]
    if (snap.publication_status["list_id"] == scope.list_id).any():   # the sources report on this list
        _heading(pdf, tr("report.not_published", lang), 11)
        names = content.body_names(snap, lang)
        _text(pdf, ", ".join(names.get(c, c) for c in missing["body_code"]) or "—", 9)
        unknown = int((not_pub["status"] == "unknown").sum())
        _text(pdf, tr("report.unknown_note", lang, n=unknown), 8, GREY)
    if row["kind"] == "shared":
        _progress(pdf, snap, scope)
    if recognition is not None:
        _recognition(pdf, snap, scope, recognition)
    _heading(pdf, tr("report.source", lang), 10)
    for cit in citing.list_citations(snap, [scope.list_id], lang):
        _citation(pdf, cit, lang)
    return bytes(pdf.output())


def _recognition(pdf: FPDF, snap: Snapshot, scope: content.Scope, records) -> None:
    """The recognition funnel (dispatch 2291) and the open corrections."""
    lang = scope.lang
    v = view_recognition(snap, scope, records)
    funnel = funnel_table(v)
    _heading(pdf, tr("report.recognition", lang), 11)
    values = [int(x) for x in funnel.iloc[:, 1]]
    _bar_rows(pdf, funnel.iloc[:, 0].tolist(), values, max(values) or 1)
    n_open = len(open_flags(records))
    _text(pdf, tr("rec.flags_open", lang, n=n_open) + " — " + tr("rec.intro", lang), 7, GREY)


def _citation(pdf: FPDF, cit, lang: str) -> None:
    """The document's label as a link to the original, then the edition read and the basis."""
    pdf.set_font("DejaVu", "", 7)
    label = f"{INFERRED} {cit.label}" if is_inferred(cit.basis) else cit.label
    if cit.url:
        pdf.set_text_color(*BLUE)
        pdf.write(3.5, label, link=cit.url)
    else:
        pdf.write(3.5, label)
    pdf.set_text_color(*GREY)
    rest = citing.detail(cit, lang)
    pdf.write(3.5, f" — {rest}" if rest else "")
    pdf.set_text_color(0, 0, 0)
    pdf.ln(4.5)


def _progress(pdf: FPDF, snap: Snapshot, scope: content.Scope) -> None:
    """Stage bars: the part reached on confirmed evidence dark, on likely evidence only light;
    uncertain steps are not counted; the platforms with no evidence and the search date below."""
    lang = scope.lang
    stages, _ = content.progress_tables(snap, scope)
    _heading(pdf, tr("report.progress", lang, date=scope.on.strftime("%d/%m/%Y")), 11)
    labels, total, sure = (stages.iloc[:, i].tolist() for i in range(3))
    labels = [f"{INFERRED} {n}" if basis.startswith(INFERRED) else n for n, basis in zip(labels, stages.iloc[:, 4])]
    biggest, label_w, line = max(total, default=0) or 1, 70, 4.2   # no step reached yet: empty bars
    bar_w = pdf.epw - label_w - 22
    pdf.set_font("DejaVu", "", 8)
    for label, n, k in zip(labels, total, sure):   # a long stage name wraps, never cut (as _bar_rows)
        height = max(5.0, len(pdf.multi_cell(label_w - 1, line, label, dry_run=True, output="LINES")) * line)
        if pdf.will_page_break(height):
            pdf.add_page()
        y = pdf.get_y()
        pdf.multi_cell(label_w - 1, line, label, align="L", new_x="LMARGIN", new_y="NEXT")
        for part, color, x0 in ((k, BLUE, 0), (n - k, LIGHT, k)):
            if part:
                pdf.set_fill_color(*color)
                pdf.rect(pdf.l_margin + label_w + bar_w * x0 / biggest, y + 0.8, bar_w * part / biggest, 3.4, style="F")
        pdf.set_xy(pdf.l_margin + label_w + bar_w * n / biggest + 1.5, y)
        pdf.cell(20, 5, f"{n} ({k})")
        pdf.set_xy(pdf.l_margin, y + height)
    none = progress_view.no_evidence(snap, scope.list_id, scope.codes(snap), lang)
    searched = progress_view.searched_on(snap, scope.list_id)
    _text(pdf, tr("evidence.pdf_note", lang, none=len(none), date=progress_view.day_text(searched) or "—"), 7, GREY)
    if not progress_view.has_ministry_update(snap, scope.list_id):
        _text(pdf, tr("evidence.no_update", lang, date=progress_view.day_text(searched) or "—"), 7, GREY)


def _heading(pdf: FPDF, text: str, size: int) -> None:
    pdf.ln(2)
    pdf.set_font("DejaVu", "B", size)
    pdf.set_text_color(*BLUE)
    pdf.multi_cell(0, size * 0.55, text, align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0, 0, 0)
    pdf.ln(1)


def _text(pdf: FPDF, text: str, size: int, color=(0, 0, 0)) -> None:
    pdf.set_font("DejaVu", "", size)
    pdf.set_text_color(*color)
    pdf.multi_cell(0, size * 0.5, text, align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0, 0, 0)


# A count not taken from a loaded list says so by a mark, one per basis (as the Excel's basis column
# and the page's colours do): a published figure is not an inferred one. The inferred mark is the
# one every figure carries on screen, in downloads and here ("≈", analysis/citations.py), before the
# name as on the stage bars; the published mark after it.
BASIS_MARKS = {"published": "*", "inferred": INFERRED}


def _marks(basis: str) -> str:
    parts = set(str(basis).split("+"))
    return "".join(m for b, m in BASIS_MARKS.items() if b in parts or (b == "inferred" and is_inferred(basis)))


def _marked(name: str, marks: str) -> str:
    """``≈ name *``: the inferred mark first, the published one after the name."""
    head = f"{INFERRED} " if INFERRED in marks else ""
    tail = marks.replace(INFERRED, "")
    return head + name + (f" {tail}" if tail else "")


def _bars(pdf: FPDF, title: str, counts, names: dict, lang: str) -> None:
    if counts.empty:
        return
    top = counts.sort_values("count", ascending=False).head(MAX_BARS)
    _heading(pdf, title, 11)
    marks = [_marks(b) for b in top["basis"]]
    labels = [_marked(names.get(c, c), m) for c, m in zip(top["body_code"], marks)]
    _bar_rows(pdf, labels, [int(v) for v in top["count"]], int(top["count"].max()))
    for basis, mark in BASIS_MARKS.items():   # a footnote only for a mark that is printed
        if any(mark in m for m in marks):
            _text(pdf, tr(f"report.basis_note.{basis}", lang), 7, GREY)


def _bar_rows(pdf: FPDF, labels: list[str], values: list[int], biggest: int) -> None:
    """One bar a row; a label longer than its column wraps onto more lines, never cut."""
    label_w, bar_w, line = 70, pdf.epw - 70 - 12, 4.2
    pdf.set_font("DejaVu", "", 8)
    for label, value in zip(labels, values):
        height = max(5.0, len(pdf.multi_cell(label_w - 1, line, label, dry_run=True, output="LINES")) * line)
        if pdf.will_page_break(height):
            pdf.add_page()
        y = pdf.get_y()
        pdf.multi_cell(label_w - 1, line, label, align="L", new_x="LMARGIN", new_y="NEXT")
        pdf.set_fill_color(*BLUE)
        width = bar_w * value / biggest if biggest else 0
        if width:
            pdf.rect(pdf.l_margin + label_w, y + 0.8, width, 3.4, style="F")
        pdf.set_xy(pdf.l_margin + label_w + width + 1.5, y)
        pdf.cell(10, 5, str(value))
        pdf.set_xy(pdf.l_margin, y + height)
