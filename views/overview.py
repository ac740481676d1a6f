"""The overview: the published headline figures with their documents (or, under a ministry
filter, each list's platforms of the chosen bodies), platforms per ministry as a chart, and the
table of lists. Everything the page shows, computed once per data version, filter and language."""
from __future__ import annotations

import pandas as pd

from analysis import citations
from analysis.counts import rollup
from analysis.lineage import successor_map
from analysis.recognition import open_flags
from store.snapshot import Snapshot
from views import cites, memo
from views.charts import per_body_bar, shown
from views.headlines import CHART_LISTS, NATIONAL, SHARED, figure_value, headline_figures
from views.scope import body_names, scope_codes
from views.tables import list_counts, list_title
from views.words import tr

LISTS = CHART_LISTS   # the two lists the chart compares (views.headlines)


def view_overview(snap: Snapshot, ministries: list[str], lang: str) -> dict:
    """``metrics``: three dicts (label, value, captions, cites); ``chart`` (``views.charts.Shown``
    or None when the filter leaves nothing); ``chart_cite``; ``lists`` (the table of lists) and
    ``lists_cite``; ``report_lists`` (list id -> title) and ``report_default``."""
    return memo.view(snap, "overview", lambda: _compute(snap, list(ministries), lang), lang, ministries)


def filtered_rows(snap: Snapshot, ministries: list[str], lang: str) -> list[tuple[str, str, str]]:
    """(what, figure, how it is counted) of each list for the chosen ministries: the figures the
    overview shows under the filter, for the reports' cover beside the published national ones."""
    if not ministries:
        return []
    metrics = view_overview(snap, ministries, lang)["metrics"][:len(LISTS)]
    return [(m["label"], str(m["value"]), "; ".join(m["captions"])) for m in metrics]


def open_corrections(snap: Snapshot, records) -> int:
    """How many recognition records are flagged as wrong and not yet resolved."""
    return memo.derived(snap, ("open_corrections",), lambda: len(open_flags(records)))


def _compute(snap: Snapshot, ministries: list[str], lang: str) -> dict:
    t = lambda label, **p: tr(label, lang, **p)  # noqa: E731
    docs = snap.document
    latest = pd.Timestamp(snap.platform_list["as_of"].max()).date()
    every = pd.concat([memo.derived(snap, ("overview_rollup", i), lambda i=i: rollup(
        list_counts(snap, i), successor_map(snap.body, latest))).assign(list=t(f"overview.legend.{i}")) for i in LISTS],
        ignore_index=True)
    codes = scope_codes(snap, ministries)
    chosen = every if codes is None else every[every["body_code"].isin(codes)]
    head = {h.key: h for h in headline_figures(snap, lang)}
    cite_of = lambda h: [] if h.source is None else [cites.caption(docs, h.source["source"], lang, h.source.get("basis"))]  # noqa: E731
    province = {"label": head["province"].label, "value": head["province"].value, "captions": [],
                "cites": cite_of(head["province"])}
    if codes is None:
        listed = head["shared"].value
        named = int((snap.platform_current["list_id"] == SHARED).sum())
        metrics = [
            {"label": head["national"].label, "value": head["national"].value,
             "captions": [t("overview.national_all", n=figure_value(snap, NATIONAL, "platforms_all"))],
             "cites": cite_of(head["national"])},
            {"label": head["shared"].label, "value": listed,
             "captions": [t("overview.shared_named", named=named, unnamed=max((listed or 0) - named, 0))],
             "cites": cite_of(head["shared"])},
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
