"""The full Excel report: a cover sheet, then one sheet per view, and a native chart."""
from __future__ import annotations

from datetime import datetime

from analysis import citations
from analysis.figures import figure, headlines
from analysis.provinces import in_scope
from analysis.publication import STATUSES, off_roster, status_summary
from i18n.catalogue import tr
from store.snapshot import Snapshot
from views import citing
from views import evidence as progress_view
from views import tables as content
from views.overview import filtered_rows

from .files import Chart, xlsx_bytes
from .recognition import recognition_sheets


def full_report(snap: Snapshot, scope: content.Scope, province: str | None = None, recognition=None) -> bytes:
    """``recognition``: the recognition records (analysis.recognition.Records) for their sheets."""
    lang, names = scope.lang, content.body_names(snap, scope.lang)
    per_ministry = content.per_ministry_table(snap, scope)
    sheets = {tr("report.sheet_ministries", lang): per_ministry,
              tr("report.sheet_not_published", lang): content.publication_display(snap, scope, only_not_published=True)}
    if (snap.platform_list.set_index("list_id").at[scope.list_id, "kind"]) == "shared":
        stages, status = content.progress_tables(snap, scope)
        sheets[tr("report.sheet_progress", lang)] = stages
        sheets[tr("report.sheet_status", lang)] = status
        codes = scope.codes(snap)   # every piece of public evidence, uncertain included and marked as not counted
        sheets[tr("evidence.sheet", lang)] = progress_view.evidence_table(snap, scope.list_id, codes, lang, True)
        sheets[tr("evidence.sheet_none", lang)] = progress_view.no_evidence(snap, scope.list_id, codes, lang)
    sheets[tr("report.sheet_platforms", lang)] = content.platforms_table(snap, scope, lang, list_id=scope.list_id)
    overlaps = snap.provincial_overlap[snap.provincial_overlap["list_id"] == scope.list_id]
    if len(overlaps):   # a provincial list: how each platform compares with the central lists
        sheets[tr("report.sheet_overlaps", lang)] = content.overlap_display(snap, in_scope(overlaps, scope.codes(snap)), lang)
    if recognition is not None:
        sheets.update(recognition_sheets(snap, scope, recognition))
    sheets[tr("report.sheet_log", lang)] = content.import_log_table(snap, lang)
    cover = [(tr("report.cover", lang), tr("report.title", lang, list=content.list_title(snap, scope.list_id, lang))),
             (tr("report.filters", lang), ", ".join(names.get(c, c) for c in scope.ministries) or tr("sidebar.all", lang)),
             (tr("report.as_of", lang), scope.on.strftime("%d/%m/%Y")),
             (tr("report.generated", lang), datetime.now().strftime("%d/%m/%Y %H:%M"))]
    if province:
        cover.append((tr("report.province", lang), province))
    cover += [(tr("report.headline", lang), f"{what}: {value} — {how}")   # the chosen ministries', as on the overview
              for what, value, how in filtered_rows(snap, scope.ministries, lang)]
    if scope.ministries:
        cover.append((tr("report.headline", lang), tr("report.headline_unfiltered", lang)))
    cover += [(tr("report.headline", lang), f"{what}: {value} — {doc}") for what, value, doc in content.headline_rows(snap, lang)]
    cover.append((tr("report.publication", lang), publication_line(snap, scope)))
    cover += [(tr("report.source", lang), (source_line(c, lang), c.url))
              for c in citing.list_citations(snap, list(snap.platform_list["list_id"]), lang)]
    chart = Chart(tr("report.sheet_ministries", lang), tr("col.body", lang), tr("col.count", lang),
                  tr("report.chart", lang)) if len(per_ministry) else None
    return xlsx_bytes(sheets, cover=cover, chart=chart)



def publication_line(snap: Snapshot, scope: content.Scope) -> str:
    """Who has and has not published the list, as the ministries page counts them (on the roster
    of the list's date, in the filter), with the published figure when nothing is filtered."""
    lang, summary = scope.lang, status_summary(content.publication(snap, scope))
    counts = " · ".join(f"{tr(f'status.{s}', lang)}: {summary[s]}" for s in STATUSES)
    line = f"{counts} — {tr('report.roster', lang, date=content.list_as_of(snap, scope.list_id).strftime('%d/%m/%Y'))}"
    heads = headlines(snap.published_figure, snap.platform_list)
    pub, exp = figure(heads, scope.list_id, "bodies_published"), figure(heads, scope.list_id, "bodies_expected")
    if pub and exp and not scope.ministries:
        line += " · " + tr("ministries.published_figure", lang, published=int(pub["value"]), expected=int(exp["value"]),
                           named=summary["published"])
        names = content.body_names(snap, lang)
        for row in off_roster(snap.publication_status, scope.list_id).to_dict("records"):   # why the roster is shorter
            note = tr("ministries.off_roster", lang, body=names.get(row["body_code"], row["body_code"]),
                      expected=int(exp["value"]))
            line += f" · {citations.mark(note, row['basis'])} ({citations.basis_text(row['basis'], lang)})"
    return line


def source_line(cit: citations.Citation, lang: str) -> str:
    """A cited document as the pages show it (number and date, the inferred mark), then what
    ``views.citing.detail`` says of it."""
    label, rest = citations.mark(cit.label, cit.basis), citing.detail(cit, lang)
    return f"{label} — {rest}" if rest else label
