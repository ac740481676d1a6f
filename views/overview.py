"""The overview: the published headline figures with their documents (or, under a ministry
filter, each list's platforms of the chosen bodies), platforms per ministry as a chart, and the
table of lists. Everything the page shows, computed once per data version, filter and language."""
from __future__ import annotations

import pandas as pd

from analysis import citations
from analysis.counts import rollup
from analysis.figures import figure, headlines
from analysis.lineage import successor_map
from analysis.recognition import open_flags
from store.snapshot import Snapshot
from views import cites, memo
from views.charts import per_body_bar, shown
from views.scope import body_names, scope_codes
from views.tables import list_counts, list_title
from views.words import tr

LISTS = ("national-2024", "shared-2025")       # the two lists the chart compares
PROVINCE_LIST = "province-40-2025"              # the provincial figures beside them


def view_overview(snap: Snapshot, ministries: list[str], lang: str) -> dict:
    """``metrics``: three dicts (label, value, captions, cites); ``chart`` (``views.charts.Shown``
    or None when the filter leaves nothing); ``chart_cite``; ``lists`` (the table of lists) and
    ``lists_cite``; ``report_lists`` (list id -> title) and ``report_default``."""
    return memo.view(snap, "overview", lambda: _compute(snap, list(ministries), lang), lang, ministries)


def open_corrections(snap: Snapshot, records) -> int:
    """How many recognition records are flagged as wrong and not yet resolved."""
    return memo.derived(snap, ("open_corrections",), lambda: len(open_flags(records)))


def _compute(snap: Snapshot, ministries: list[str], lang: str) -> dict:
    t = lambda label, **p: tr(label, lang, **p)  # noqa: E731
    heads = headlines(snap.published_figure, snap.platform_list)
    docs = snap.document

    def value(list_id: str, key: str) -> int | None:
        row = figure(heads, list_id, key)
        return None if row is None else int(row["value"])

    def cite(list_id: str, key: str) -> list[cites.Caption]:
        row = figure(heads, list_id, key)
        return [] if row is None else [cites.caption(docs, row["source"], lang, row.get("basis"))]

    latest = pd.Timestamp(snap.platform_list["as_of"].max()).date()
    every = pd.concat([memo.derived(snap, ("overview_rollup", i), lambda i=i: rollup(
        list_counts(snap, i), successor_map(snap.body, latest))).assign(list=t(f"overview.legend.{i}")) for i in LISTS],
        ignore_index=True)
    codes = scope_codes(snap, ministries)
    chosen = every if codes is None else every[every["body_code"].isin(codes)]
    in_use, proposed = value(PROVINCE_LIST, "platforms_in_use"), value(PROVINCE_LIST, "platforms_proposed")
    province = {"label": t("overview.province"), "value": f"{in_use} + {proposed}", "captions": [],
                "cites": cite(PROVINCE_LIST, "platforms_in_use")}
    if codes is None:
        listed = value("shared-2025", "platforms_listed")
        named = int((snap.platform_current["list_id"] == "shared-2025").sum())
        metrics = [
            {"label": t("overview.national", bodies=value("national-2024", "bodies_published"),
                        expected=value("national-2024", "bodies_expected")),
             "value": value("national-2024", "platforms_bodies"),
             "captions": [t("overview.national_all", n=value("national-2024", "platforms_all"))],
             "cites": cite("national-2024", "platforms_bodies")},
            {"label": t("overview.shared"), "value": listed,
             "captions": [t("overview.shared_named", named=named, unnamed=max((listed or 0) - named, 0))],
             "cites": cite("shared-2025", "platforms_listed")},
            province]
    else:   # each list's platforms of the chosen bodies against every body, with the basis summed
        metrics = []
        for list_id in LISTS:
            title = t(f"overview.legend.{list_id}")
            part = chosen[chosen["list"] == title]
            bases = sorted({b for v in part["basis"] for b in str(v).split("+")}) or ["items"]
            metrics.append({"label": t(f"overview.filtered.{list_id}"), "value": int(part["count"].sum()), "cites": [],
                            "captions": [t("overview.filtered_of", total=int(every.loc[every["list"] == title, "count"].sum()),
                                           basis=", ".join(t(f"basis.{b}") for b in bases))]})
        metrics.append({**province, "captions": [t("overview.not_filtered")]})
    names = body_names(snap, lang)
    chart = None
    if not chosen.empty:
        chosen = chosen.assign(body=chosen["body_code"].map(lambda c: names.get(c, str(c))),
                               inferred=chosen["basis"].map(citations.is_inferred))
        data = pd.DataFrame({t("col.body"): chosen["body"], t("col.list"): chosen["list"], t("col.count"): chosen["count"],
                             t("col.basis"): [citations.mark(", ".join(t(f"basis.{b}") for b in str(v).split("+")), v)
                                              for v in chosen["basis"]]})
        chart = shown(per_body_bar(chosen, label_col="body", value_col="count", color_col="list",
                                   title=t("overview.chart"), value_label=t("col.count"), inferred_col="inferred"),
                      data, lang)
    two = snap.platform_list["list_id"].isin(LISTS)
    chart_cite = cites.footnote(docs, list(snap.platform_list.loc[two, "source"]) + list(
        snap.published_count.loc[snap.published_count["list_id"].isin(LISTS), "source"]), lang)

    loaded = snap.platform_current.groupby("list_id").size().rename("items")
    last = snap.import_log.groupby("list_id")["imported_at"].max().rename("last")
    table = snap.platform_list.set_index("list_id").join(loaded).join(last).reset_index()
    lists = pd.DataFrame({
        t("col.list"): [list_title(snap, i, lang) for i in table["list_id"]],
        t("col.document"): citations.source_column(docs, table["source"], lang),
        t("col.basis"): table["basis"].map(lambda b: citations.basis_text(b, lang)),
        t("col.published_total"): table["published_total"],
        t("col.items"): table["items"].fillna(0).astype(int),
        t("col.last_import"): table["last"]})
    return {"metrics": metrics, "chart": chart, "chart_cite": chart_cite, "lists": lists,
            "lists_cite": cites.footnote(docs, table["source"], lang),
            "report_lists": {i: list_title(snap, i, lang) for i in snap.platform_list["list_id"]}}
