"""The tables a report (and a page) shows, built once from a snapshot and the user's filters.

Column headers and coded values are in the requested language; pages display these frames and
offer them for download, so a download holds exactly the rows on screen.
"""
from __future__ import annotations

from datetime import date

import pandas as pd

from analysis import citations, provinces
from analysis.counts import per_body, reconcile, rollup
from analysis.lineage import successor_map
from analysis.publication import publication_table
from analysis.search import search
from loaders.messages import stored_text
from loaders.platform_row import SHOWN
from store.snapshot import Snapshot
from views import evidence as progress_view
from views.citing import figure_sources, last_updated, note_text
from views.headlines import headline_figures
from views.memo import derived
from views.scope import Scope, body_names
from views.words import coded, tr


def _t(scope: Scope, label: str, **params) -> str:
    return tr(label, scope.lang, **params)


def _coded(scope: Scope, values: pd.Series, prefix: str) -> pd.Series:
    return coded(values, prefix, scope.lang)


def list_counts(snap: Snapshot, list_id: str) -> pd.DataFrame:
    """``per_body`` of a list, once per snapshot."""
    return derived(snap, ("per_body", list_id), lambda: per_body(snap.platform_current, snap.published_count, list_id))


def list_title(snap: Snapshot, list_id: str, lang: str) -> str:
    """``Title of the list (list_id)`` in ``lang``."""
    row = snap.platform_list[snap.platform_list["list_id"] == list_id]
    if row.empty:
        return list_id
    return f"{row.iloc[0]['title_en' if lang == 'en' else 'title_vi']} ({list_id})"


def list_as_of(snap: Snapshot, list_id: str) -> date:
    dates = derived(snap, ("list_as_of",), lambda: {
        i: pd.Timestamp(d).date() for i, d in zip(snap.platform_list["list_id"], snap.platform_list["as_of"])})
    return dates[list_id]


def counts(snap: Snapshot, scope: Scope) -> pd.DataFrame:
    """per_body for the list, rolled up through lineage if asked, restricted to the ministries."""
    df = list_counts(snap, scope.list_id)
    latest = pd.Timestamp(snap.platform_list["as_of"].max()).date()
    if scope.lineage and list_as_of(snap, scope.list_id) < latest:
        df = derived(snap, ("rollup", scope.list_id, latest),
                          lambda: rollup(list_counts(snap, scope.list_id), successor_map(snap.body, latest)))
    codes = scope.codes(snap)
    return df if codes is None else df[df["body_code"].isin(codes)].reset_index(drop=True)


def _basis(scope: Scope, values: pd.Series) -> pd.Series:
    """Coded bases in words, inferences marked (``≈ suy luận``)."""
    return pd.Series([citations.mark(text, b) for text, b in zip(_coded(scope, values, "basis"), values)],
                     index=values.index, dtype=object)


def per_ministry_table(snap: Snapshot, scope: Scope) -> pd.DataFrame:
    df, names = counts(snap, scope), body_names(snap, scope.lang)
    updated = last_updated(snap, scope.list_id)
    return pd.DataFrame({_t(scope, "col.body"): df["body_code"].map(lambda c: names.get(c, c)),
                         _t(scope, "col.code"): df["body_code"], _t(scope, "col.count"): df["count"],
                         _t(scope, "col.basis"): _basis(scope, df["basis"]),
                         _t(scope, "col.last_updated"): df["body_code"].map(updated)})


def reconciliation_table(snap: Snapshot, scope: Scope) -> pd.DataFrame:
    df = counts(snap, scope)
    if df.empty or not df["items"].notna().any():
        return pd.DataFrame()
    rec, names = reconcile(df), body_names(snap, scope.lang)
    notes = [_t(scope, "recon.note", body=b, items="-" if pd.isna(i) else i, published="-" if pd.isna(p) else p)
             for b, i, p in zip(rec["body_code"], rec["items"], rec["published"])]
    return pd.DataFrame({_t(scope, "col.body"): rec["body_code"].map(lambda c: names.get(c, c)),
                         _t(scope, "col.items"): rec["items"], _t(scope, "col.published"): rec["published"],
                         _t(scope, "col.difference"): rec["difference"],
                         _t(scope, "col.status"): _coded(scope, rec["status"], "recon"), _t(scope, "col.note"): notes})


def publication(snap: Snapshot, scope: Scope) -> pd.DataFrame:
    """Who has / has not published (raw codes), on the roster of the list's date."""
    table = derived(snap, ("publication", scope.list_id), lambda: publication_table(
        snap.body, snap.publication_status, list_counts(snap, scope.list_id), scope.list_id,
        list_as_of(snap, scope.list_id)))
    codes = scope.codes(snap)
    return table if codes is None else table[table["body_code"].isin(codes)].reset_index(drop=True)


def publication_display(snap: Snapshot, scope: Scope, only_not_published: bool = False) -> pd.DataFrame:
    table, names = publication(snap, scope), body_names(snap, scope.lang)
    if only_not_published:
        table = table[table["status"] != "published"]
    rule = _t(scope, "rule.publish_or_answer")
    return pd.DataFrame({_t(scope, "col.body"): table["body_code"].map(lambda c: names.get(c, c)),
                         _t(scope, "col.status"): _coded(scope, table["status"], "status"),
                         _t(scope, "col.basis"): _coded(scope, table["basis"], "pubbasis"),
                         _t(scope, "col.rule"): [rule if s == "not_published" else "" for s in table["status"]],
                         _t(scope, "col.source"): citations.source_column(snap.document, table["source"], scope.lang)})


def known_items(snap: Snapshot, scope: Scope) -> pd.DataFrame:
    """Items of a list the sources name though the list is not public (the three 2024 examples)."""
    rows, names = snap.known_item[snap.known_item["list_id"] == scope.list_id], body_names(snap, scope.lang)
    codes = scope.codes(snap)
    if codes is not None:
        rows = rows[rows["body_code"].isin(codes)]
    return pd.DataFrame({
        _t(scope, "col.name"): rows["name_vi"], _t(scope, "col.name_en"): rows["name_en"],
        _t(scope, "col.body"): [citations.mark(names.get(c, c), b) for c, b in zip(rows["body_code"], rows["owner_basis"])],
        _t(scope, "col.name_basis"): _coded(scope, rows["name_basis"], "name_basis"),
        _t(scope, "col.basis"): [citations.basis_text(b, scope.lang) for b in rows["owner_basis"]],
        _t(scope, "col.source"): citations.source_column(snap.document, rows["source"], scope.lang),
    }).reset_index(drop=True)


def platforms_table(snap: Snapshot, scope: Scope | None, lang: str, query: str = "",
                    list_id: str | None = None) -> pd.DataFrame:
    """The catalogue: latest import of one list (or all), ministry filter, search."""
    rows = snap.platform_current
    if list_id:
        rows = rows[rows["list_id"] == list_id]
    codes = scope.codes(snap) if scope else None
    if codes is not None:
        rows = rows[rows["ministry_code"].isin(codes)]
    rows = search(rows, query, ["name", "name_en", "ministry_as_written"])
    names = body_names(snap, lang)
    shown = {   # how a stored value reads (a column not named here is shown as stored)
        "ministry_code": rows["ministry_code"].map(lambda c: names.get(c, "—") if isinstance(c, str) else "—"),
        "name_basis": coded(rows["name_basis"], "name_basis", lang), "status": coded(rows["status"], "status", lang),
        "note": [note_text(n, lang) for n in rows["note"]],
        "source": _sources(snap, rows, lang)}
    # the columns, their order and headings as the platform row declares them (loaders/platform_row.py)
    return pd.DataFrame({tr(c.label, lang): shown.get(c.name, rows[c.name]) for c in SHOWN}).reset_index(drop=True)


def _sources(snap: Snapshot, rows: pd.DataFrame, lang: str) -> pd.Series:
    """Each row's documents; a row a user's file brought with no document cites that import (its
    number, file, date and who imported it: the import log on the import page lists it)."""
    documents = citations.source_column(snap.document, rows["source"], lang)
    log = snap.import_log.set_index("import_id")
    imported = {i: tr("catalogue.from_import", lang, id=i, file=log.at[i, "file_name"],
                      date=f"{pd.Timestamp(log.at[i, 'imported_at']):%d/%m/%Y}", actor=log.at[i, "actor"])
                for i in set(rows.loc[documents == "", "import_id"]) if i in log.index}
    return documents.where(documents != "", rows["import_id"].map(imported).fillna(""))


def progress_tables(snap: Snapshot, scope: Scope) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Stage counts (with unnamed platforms as listed, and how many on confirmed evidence) and each
    named platform's stage with how sure it is, on ``scope.on``. Uncertain steps count nowhere."""
    figures = progress_view.progress_figures(snap, scope.list_id, scope.on, scope.codes(snap))
    stages, status = figures["stages"], figures["status"]
    stage_name = dict(zip(snap.stage["stage_id"], snap.stage["name_en" if scope.lang == "en" else "name_vi"]))
    names = body_names(snap, scope.lang)
    stage_basis = dict(zip(snap.stage["stage_id"], snap.stage["basis"]))
    return (pd.DataFrame({_t(scope, "col.stage"): stages["stage_id"].map(stage_name),
                          _t(scope, "col.reached"): stages["reached"],
                          _t(scope, "evidence.col_confirmed"): stages["confirmed"],
                          _t(scope, "col.at_stage"): stages["at_stage"],
                          _t(scope, "col.basis"): stages["stage_id"].map(
                              lambda i: citations.basis_text(stage_basis.get(i), scope.lang))}),
            pd.DataFrame({_t(scope, "col.name"): status["name"],
                          _t(scope, "col.body"): status["ministry_code"].map(lambda c: names.get(c, c)),
                          _t(scope, "col.stage"): status["stage_id"].map(stage_name),
                          _t(scope, "col.date"): [progress_view.stated_text(s, b, d, scope.lang) for s, b, d in zip(
                              status["stated_date"], status["date_basis"], status["stage_date"])],
                          _t(scope, "evidence.confidence"): status["confidence"].map(
                              lambda c: _t(scope, f"evidence.{c}"))}))


def import_log_table(snap: Snapshot, lang: str) -> pd.DataFrame:
    log = snap.import_log
    return pd.DataFrame({
        tr("col.import_id", lang): log["import_id"], tr("col.list", lang): log["list_id"],
        tr("imports.kind", lang): coded(log["kind"], "imports.kind", lang), tr("col.file", lang): log["file_name"],
        tr("col.as_of", lang): log["as_of"], tr("col.imported_at", lang): log["imported_at"],
        tr("col.actor", lang): log["actor"],      # who imported what as of when
        tr("col.status", lang): coded(log["status"], "import", lang), tr("col.rows_read", lang): log["rows_read"],
        tr("col.items", lang): log["rows_loaded"], tr("col.rows_rejected", lang): log["rows_rejected"],
        tr("col.message", lang): log["message"].map(lambda m: stored_text(m, lang))})


def headline_rows(snap: Snapshot, lang: str) -> list[tuple[str, str, str]]:
    """(what, figure, source documents) for the reports' cover: the headline figures
    (``views.headlines``); an inferred figure or an inferred date of its document carries the
    inferred mark."""
    return [(h.label, str(h.value), figure_sources(snap, h.source, lang))
            for h in headline_figures(snap, lang) if h.value is not None and h.source is not None]


# --- provinces ------------------------------------------------------------------------------
def province_names(snap: Snapshot, lang: str = "vi") -> dict[str, str]:
    """code -> name on today's map (a former province's code that is not a current one: its old
    name); memoised per snapshot."""
    column = "name_en" if lang == "en" else "name_vi"
    return derived(snap, ("province_names", lang), lambda: {
        **dict(zip(snap.province_2024["code"], snap.province_2024[column])),
        **dict(zip(snap.province_2025["code"], snap.province_2025[column]))})


def province_name(snap: Snapshot, code: str, lang: str = "vi") -> str:
    return province_names(snap, lang).get(code, code)


def province_overlap(snap: Snapshot, province: str | None, scope_codes: set[str] | None) -> pd.DataFrame:
    """``provincial_overlap`` rows of a province's lists (all provinces if None), in scope."""
    rows = snap.provincial_overlap
    if province is not None:
        rows = rows[rows["list_id"].isin(provinces.lists_of(snap.platform_list, snap.province_merger, province))]
    return provinces.in_scope(rows, scope_codes).reset_index(drop=True)


def shown_classification(rows: pd.DataFrame) -> pd.Series:
    """The match as a reader should see it: a possible duplicate a reviewer confirmed is a
    duplicate; the stored classification (the matcher's) stays as it was."""
    confirmed = (rows["classification"] == "possible_duplicate") & (rows["review"] == "confirmed")
    return rows["classification"].where(~confirmed, "confirmed_duplicate")


def overlap_display(snap: Snapshot, rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    names = body_names(snap, lang)
    label = lambda label, **p: tr(label, lang, **p)  # noqa: E731
    return _blank_text(pd.DataFrame({   # what a reader compares first: the local name and its match
        label("col.name"): rows["name"],
        label("col.classification"): coded(shown_classification(rows), "overlap", lang),
        label("col.central_platform"): rows["central_name"],
        label("col.review"): coded(rows["review"], "review", lang),
        label("col.status"): coded(rows["status"], "status", lang),
        label("col.department"): rows["department"],
        label("col.line_ministry"): rows["line_ministry_code"].map(names),
        label("col.body"): rows["central_ministry_code"].map(names),
        label("col.score"): rows["score"],
        label("col.reviewed_by"): rows["decided_by"],
        label("col.note"): rows["review_note"],
        label("col.list"): rows["list_id"],
    }))


def _blank_text(df: pd.DataFrame) -> pd.DataFrame:
    """Missing text shown (and downloaded) as empty, not as "None"."""
    text = [c for c in df.columns if df[c].dtype == object or pd.api.types.is_string_dtype(df[c])]
    return df.assign(**{c: df[c].fillna("") for c in text})


def adoption_rows(snap: Snapshot, scope_codes: set[str] | None) -> pd.DataFrame:
    """``adoption_current`` rows whose platform's ministry is in scope."""
    rows = snap.adoption_current
    if scope_codes is None or rows.empty:
        return rows
    owners = snap.platform_current[["list_id", "name_key", "ministry_code"]].rename(columns={"name_key": "platform_key"})
    merged = rows.merge(owners, on=["list_id", "platform_key"], how="left")
    return rows[merged["ministry_code"].isin(scope_codes).to_numpy()]


def adoption_display(snap: Snapshot, rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    label = lambda label, **p: tr(label, lang, **p)  # noqa: E731
    return _blank_text(pd.DataFrame({
        label("col.province"): rows["current_province_code"].map(province_names(snap, lang)),
        label("col.as_written"): rows["province_as_written"],
        label("col.commune"): rows["commune"],
        label("col.name"): rows["platform_name"],
        label("col.status"): coded(rows["status"], "adoption", lang),
        label("col.date"): rows["status_date"],
        label("col.demo"): rows["is_demo"].map({True: label("common.yes"), False: ""}),
        label("col.list"): rows["list_id"],
    }))
