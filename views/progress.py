"""The progress page (shared platforms): stage counts on a date with how many rest on confirmed
evidence, the three charts, the overdue steps, a platform's timeline, the evidence and the
platforms without any; once per data version, list, date, filter and language (the date a reader
picks is part of the key, bounded with the rest in ``views.memo``)."""
from __future__ import annotations

from datetime import date

import pandas as pd

from analysis import citations
from analysis.diff import compare
from analysis.lineage import successor_map
from analysis.progress import burnup, overdue, per_ministry
from loaders.snapshot import Snapshot
from views import cites, memo
from views.charts import confidence_bars, shown, stacked_bars, step_lines
from views.evidence import (
    day_text,
    evidence_table,
    has_ministry_update,
    listed_on,
    no_evidence,
    progress_figures,
    searched_on,
    steps,
    steps_table,
)
from views.scope import body_names, scope_codes
from views.timeline import timeline_markdown
from views.words import coded, tr

HEADLINE_STAGES = ("listed", "plan", "operation", "ndxp")


def stage_names(snap: Snapshot, lang: str) -> dict[str, str]:
    return dict(zip(snap.stage["stage_id"], snap.stage["name_en" if lang == "en" else "name_vi"]))


def view_progress(snap: Snapshot, list_id: str, on: date, ministries: list[str], lang: str) -> dict:
    """``notices`` (demo data, no ministry update), ``metrics`` (label, value, caption),
    ``unnamed`` (caption or ""), ``no_events``, charts ``overall``/``per_ministry``/``burnup``
    (``views.charts.Shown``, each with its figures as a table; None when there is nothing to draw;
    the overall chart's table is ``stage_table``, drawn with its downloads), ``stage_notes``,
    ``overdue`` (table), ``platforms`` (name -> key, for the timeline), ``missing`` and
    ``missing_cite`` (listed platforms with no public evidence)."""
    return memo.view(snap, "progress", lambda: _compute(snap, list_id, on, list(ministries), lang),
                     list_id, on, lang, ministries)


def _compute(snap: Snapshot, list_id: str, on: date, ministries: list[str], lang: str) -> dict:
    t = lambda label, **p: tr(label, lang, **p)  # noqa: E731
    names, stage_name = body_names(snap, lang), stage_names(snap, lang)
    order = [stage_name[s] for s in snap.stage["stage_id"]]
    codes = scope_codes(snap, ministries)
    events = snap.platform_event[pd.to_datetime(snap.platform_event["event_date"]).dt.date <= on]
    demo_imports = set(snap.import_log.loc[snap.import_log["is_demo"], "import_id"])
    searched = searched_on(snap, list_id)
    figures = progress_figures(snap, list_id, on, codes)
    status, gap, n_unnamed, stages = figures["status"], figures["gap"], figures["unnamed"], figures["stages"]
    listed = listed_on(snap, list_id)
    basis = dict(zip(snap.stage["stage_id"], snap.stage["basis"]))   # NDXP and roll-out are inferred stages
    metrics = []
    for sid in HEADLINE_STAGES:
        row = stages.loc[stages["stage_id"] == sid].iloc[0]
        metrics.append({"label": citations.mark(stage_name[sid] if sid != "listed" else t("shared.listed"), basis.get(sid)),
                        "value": int(row["reached"]), "caption": t("evidence.of_which", n=int(row["confirmed"]))})
    labels = list(stages["stage_id"].map(stage_name))
    stage_label = lambda sid: citations.mark(stage_name[sid], basis.get(sid))  # noqa: E731  (≈: an inferred stage)
    by_body = per_ministry(status, gap)
    chart_by_body = None
    if not by_body.empty:
        by_body = by_body.assign(body=by_body["body_code"].map(lambda c: names.get(c, str(c))),
                                 stage=by_body["stage_id"].map(stage_name), likely=by_body["confidence"] == "likely")
        data = pd.DataFrame({t("col.body"): by_body["body"], t("col.stage"): by_body["stage_id"].map(stage_label),
                             t("col.certainty"): by_body["likely"].map({True: t("evidence.likely"),
                                                                        False: t("evidence.confirmed")}),
                             t("col.count"): by_body["count"]})
        chart_by_body = shown(stacked_bars(by_body, label_col="body", value_col="count", stack_col="stage",
                                           stack_order=order, title=t("shared.per_ministry"), value_label=t("col.count"),
                                           legend_title=t("col.stage"), hatch_col="likely",
                                           hatch_label=t("evidence.likely")), data, lang)
    scoped = snap.platform_current if codes is None else snap.platform_current[snap.platform_current["ministry_code"].isin(codes)]
    curve = burnup(snap.platform_event, snap.stage, scoped, list_id, on, n_unnamed, listed)
    chart_burnup = None
    if not curve.empty:   # its figures: one row a date, one column a stage
        wide = curve.pivot_table(index="date", columns="stage_id", values="reached", aggfunc="sum").reset_index()
        in_curve = [s for s in snap.stage.sort_values("ordinal")["stage_id"] if s in wide.columns]
        data = pd.DataFrame({t("col.date"): wide["date"], **{stage_label(s): wide[s].astype(int) for s in in_curve}})
        chart_burnup = shown(step_lines(curve.assign(stage=curve["stage_id"].map(stage_name)), x_col="date",
                                        y_col="reached", line_col="stage", line_order=order, title=t("shared.burnup"),
                                        value_label=t("col.reached"), legend_title=t("col.stage")), data, lang)
    late = overdue(snap.stage_target, status, snap.stage, list_id, on)
    platforms = snap.platform_current[snap.platform_current["list_id"] == list_id]
    if codes is not None:
        platforms = platforms[platforms["ministry_code"].isin(codes)]
    platforms = platforms.sort_values("name")
    return {
        "notices": {"demo": bool(events["import_id"].isin(demo_imports).any()),
                    "no_update": "" if has_ministry_update(snap, list_id) else (
                        t("evidence.no_update", date=day_text(searched)) if searched else t("evidence.no_update_nothing"))},
        "metrics": metrics,
        "unnamed": t("shared.unnamed", n=n_unnamed, bodies=", ".join(names.get(b, str(b)) for b in gap["body_code"]),
                     date=listed.strftime("%d/%m/%Y")) if n_unnamed else "",
        "no_events": bool(status.empty and not n_unnamed),
        "overall": shown(confidence_bars(labels, list(stages["confirmed"]), list(stages["reached"] - stages["confirmed"]),
                                         title=t("shared.overall"), value_label=t("col.reached"),
                                         names=(t("evidence.confirmed"), t("evidence.likely"))), None, lang),
        "stage_table": pd.DataFrame({t("col.stage"): list(stages["stage_id"].map(stage_label)), t("col.reached"): stages["reached"],
                                     t("evidence.col_confirmed"): stages["confirmed"], t("col.at_stage"): stages["at_stage"]}),
        "per_ministry": chart_by_body, "burnup": chart_burnup,
        "stage_notes": cites.stage_notes(snap.document, snap.stage, lang),
        "overdue": pd.DataFrame({t("col.name"): late["platform_name"], t("col.stage"): late["stage_id"].map(stage_name),
                                 t("col.target_date"): late["target_date"].map(day_text),
                                 t("col.document"): late["document_no"]}),
        "platforms": dict(zip(platforms["name"], platforms["name_key"])),
        "missing": no_evidence(snap, list_id, codes, lang),
        "missing_cite": cites.footnote(snap.document, snap.platform_current.loc[
            snap.platform_current["list_id"] == list_id, "source"], lang)}


def view_timeline(snap: Snapshot, list_id: str, platform_key: str, on: date, lang: str, show_uncertain: bool) -> dict:
    """One platform's steps: ``markdown`` (the timeline), ``captions`` (no evidence found, the
    names it is published under), ``table`` (for download)."""
    def compute() -> dict:
        rows = steps(snap, list_id, platform_key, on, lang, show_uncertain)
        search = snap.evidence_search
        found = search[(search["list_id"] == list_id) & (search["platform_key"] == platform_key)]
        captions = [tr("evidence.none_found", lang, date=day_text(found["searched_on"].iloc[0]))
                    ] if len(found) and not found["found"].iloc[0] else []
        alias = snap.platform_alias
        captions += [cites.plain(tr("evidence.alias", lang, alias=a.alias, publisher=a.source_publisher or ""))
                     for a in alias[(alias["list_id"] == list_id) & (alias["platform_key"] == platform_key)].itertuples()]
        return {"markdown": timeline_markdown(rows, stage_names(snap, lang), lang), "captions": captions,
                "table": steps_table(snap, rows, lang)}
    return memo.view(snap, "progress_timeline", compute, list_id, platform_key, on, lang, show_uncertain)


def view_evidence(snap: Snapshot, list_id: str, ministries: list[str], lang: str, show_uncertain: bool) -> pd.DataFrame:
    """Every piece of public evidence in force for the list (uncertain only when asked)."""
    return memo.view(snap, "progress_evidence", lambda: evidence_table(
        snap, list_id, scope_codes(snap, list(ministries)), lang, show_uncertain), list_id, lang, ministries,
        show_uncertain)


def compare_choices(snap: Snapshot, list_id: str) -> dict:
    """The loaded list versions to compare (import id -> label), this list's two latest first."""
    def compute() -> dict:
        log = snap.import_log
        imports = log[(log["kind"] == "list") & log["status"].str.startswith("loaded")]
        label = {r.import_id: f"#{r.import_id} {r.list_id} ({pd.Timestamp(r.as_of):%d/%m/%Y}, {r.file_name})"
                 for r in imports.itertuples()}
        ids = sorted(label)
        own = sorted(imports.loc[imports["list_id"] == list_id, "import_id"]) or ids   # this list's versions first
        return {"label": label, "ids": ids, "a": own[max(len(own) - 2, 0)], "b": own[-1]}
    return memo.view(snap, "progress_compare_choices", compute, list_id)


def view_compare(snap: Snapshot, a: int, b: int, rows_a: pd.DataFrame, rows_b: pd.DataFrame, lang: str) -> pd.DataFrame:
    """What changed between two list versions (their platform rows given), in ``lang``."""
    def compute() -> pd.DataFrame:
        as_of = snap.import_log.set_index("import_id")["as_of"]
        later = max(pd.Timestamp(as_of[i]) for i in (a, b)).date()
        diff = compare(rows_a, rows_b, successor_map(snap.body, later))
        return pd.DataFrame({
            tr("col.change", lang): coded(diff["change"], "change", lang), tr("col.name_a", lang): diff["name_a"],
            tr("col.name_b", lang): diff["name_b"], tr("col.ministry_a", lang): diff["ministry_a"],
            tr("col.ministry_b", lang): diff["ministry_b"], tr("col.score", lang): diff["score"]})
    return memo.view(snap, "progress_compare", compute, int(a), int(b), lang)
