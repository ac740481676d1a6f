"""The ministries page: a list's platforms per ministry (chart, table, items the sources name),
the reconciliation of items against published counts, and who has published; one section at a
time (a closed tab is not computed), once per data version, list, section, filter, lineage and
language."""
from __future__ import annotations

from datetime import date

import pandas as pd

from analysis import citations
from analysis.figures import figure, headlines
from analysis.publication import off_roster, status_summary
from store.snapshot import Snapshot
from views import cites, memo
from views.charts import BASIS_COLORS, per_body_bar, shown
from views.citing import count_sources
from views.scope import Scope, body_names
from views.tables import (
    counts,
    known_items,
    list_as_of,
    list_title,
    per_ministry_table,
    publication,
    publication_display,
    reconciliation_table,
)
from views.words import coded, tr

SECTIONS = ("counts", "reconcile", "publication")


def view_ministries(snap: Snapshot, list_id: str, section: str, ministries: list[str], lineage: bool,
                    lang: str) -> dict:
    """What one section shows for a list (at the list's own date): ``counts`` (chart, per-ministry
    table, items named though not public, rows without a body), ``reconcile`` or ``publication``
    (summary, table, the list's published figures); each with the captions citing its documents."""
    scope = Scope(list_id, lang, list(ministries), list_as_of(snap, list_id), lineage)
    compute = {"counts": _counts, "reconcile": _reconcile, "publication": _publication}[section]
    return memo.view(snap, "ministries", lambda: compute(snap, scope), section, *scope.key)


def list_choices(snap: Snapshot) -> tuple[list[str], date]:
    """The lists to choose from, and the latest list's date (the lineage toggle maps an older list to it)."""
    ids, latest = memo.derived(snap, ("list_choices",), lambda: (
        tuple(snap.platform_list["list_id"]), pd.Timestamp(snap.platform_list["as_of"].max()).date()))
    return list(ids), latest


def _list_sources(snap: Snapshot, list_id: str) -> pd.Series:
    return snap.platform_list.loc[snap.platform_list["list_id"] == list_id, "source"]


def _counts(snap: Snapshot, scope: Scope) -> dict:
    docs, lang = snap.document, scope.lang
    per_body = counts(snap, scope)
    chart = None
    if not per_body.empty:
        names = body_names(snap, lang)
        data = per_body.assign(body=per_body["body_code"].map(lambda c: names.get(c, str(c))),
                               basis_label=coded(per_body["basis"], "basis", lang),
                               inferred=per_body["basis"].map(citations.is_inferred))
        colors = {tr(f"basis.{k}", lang): v for k, v in BASIS_COLORS.items()}
        chart = shown(per_body_bar(data, label_col="body", value_col="count", color_col="basis_label",
                                   title=list_title(snap, scope.list_id, lang), value_label=tr("col.count", lang),
                                   color_map=colors, inferred_col="inferred"), None, lang)
    current = snap.platform_current
    known, per_ministry = known_items(snap, scope), per_ministry_table(snap, scope)
    return {"chart": chart, "per_ministry": per_ministry, "known_items": known,
            "per_ministry_refs": [f"{scope.list_id}/{code}" for code in per_ministry[tr("col.code", lang)]],   # flag refs
            "chart_cite": cites.footnote(docs, list(count_sources(snap, scope.list_id))
                                         + list(_list_sources(snap, scope.list_id)), lang),
            "portal_cite": cites.caption(docs, "portal-ndp ; cv-2291-2024", lang),
            "known_cite": cites.footnote(docs, snap.known_item.loc[snap.known_item["list_id"] == scope.list_id,
                                                                   "source"], lang),
            "unowned": int(((current["list_id"] == scope.list_id) & current["ministry_code"].isna()).sum())}


def _reconcile(snap: Snapshot, scope: Scope) -> dict:
    return {"reconciliation": reconciliation_table(snap, scope),
            "cite": cites.footnote(snap.document, list(count_sources(snap, scope.list_id)), scope.lang)}


def _publication(snap: Snapshot, scope: Scope) -> dict:
    docs, lang = snap.document, scope.lang
    heads = headlines(snap.published_figure, snap.platform_list)
    status = publication(snap, scope)
    pub, exp = figure(heads, scope.list_id, "bodies_published"), figure(heads, scope.list_id, "bodies_expected")
    return {"summary": status_summary(status), "publication": publication_display(snap, scope),
            "publication_refs": [f"{scope.list_id}/{code}" for code in status["body_code"]],   # rows' flag refs
            "published": pub, "expected": exp,
            "published_cite": [cites.caption(docs, pub["source"], lang, pub.get("basis")) if pub else ("", ""),
                               *_left_off(snap, scope, int(exp["value"]) if exp else None)],
            "cite": cites.footnote(docs, list(status["source"].dropna()) + list(count_sources(snap, scope.list_id))
                                   + list(_list_sources(snap, scope.list_id)), lang)}


def _left_off(snap: Snapshot, scope: Scope, expected: int | None) -> list[cites.Caption]:
    """A caption per body on the date's roster that the list's source does not count, with why
    (an inference: ``≈``) and the document; shown beside the expected figure it makes add up."""
    names, out = body_names(snap, scope.lang), []
    for row in off_roster(snap.publication_status, scope.list_id).to_dict("records"):
        text, hover = cites.caption(snap.document, row["source"], scope.lang, row["basis"])
        note = tr("ministries.off_roster", scope.lang, body=cites.plain(names.get(row["body_code"], row["body_code"])),
                  expected=expected if expected is not None else "?")
        out.append((f"{citations.mark(note, row['basis'])} — {text}" if text else citations.mark(note, row["basis"]),
                    hover))
    return out
