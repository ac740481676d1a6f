"""The full Excel report: a cover sheet, then one sheet per view, and a native chart."""
from __future__ import annotations

from datetime import datetime

from analysis.provinces import in_scope
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
    cover += [(tr("report.source", lang), (f"{c.label} — {c.hover}" if c.hover else c.label, c.url))
              for c in citing.list_citations(snap, list(snap.platform_list["list_id"]), lang)]
    chart = Chart(tr("report.sheet_ministries", lang), tr("col.body", lang), tr("col.count", lang),
                  tr("report.chart", lang)) if len(per_ministry) else None
    return xlsx_bytes(sheets, cover=cover, chart=chart)

