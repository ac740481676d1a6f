"""The progress page: how far a shared list's platforms have come at a date, recomputed from dated
events — the headline stages, the per-ministry and burn-up charts with their figures, the overdue
targets, the evidence tables, a platform's timeline and two versions of a list compared. Once per
data version, list, date, filter and language (and whether uncertain steps are shown)."""
from __future__ import annotations

import numbers
from datetime import date

import pandas as pd

from analysis import citations
from analysis.diff import compare
from analysis.lineage import successor_map, with_predecessors
from analysis.progress import burnup, overdue, per_ministry
from store.snapshot import Snapshot
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

HEADLINE = ("listed", "plan", "operation", "ndxp")   # the four stages shown as metrics


def shared_lists(snap: Snapshot) -> list[str]:
    """The shared lists' ids (the page's list chooser), once per data version."""
    return memo.derived(snap, ("shared_lists",), lambda: list(
        snap.platform_list.loc[snap.platform_list["kind"] == "shared", "list_id"]))


def stage_names(snap: Snapshot, lang: str) -> dict[str, str]:
    return dict(zip(snap.stage["stage_id"], snap.stage["name_en" if lang == "en" else "name_vi"]))


def view_progress(snap: Snapshot, list_id: str, on: date, ministries: list[str], lang: str,
                  show_uncertain: bool) -> dict:
    """Everything the page shows of ``list_id`` on ``on`` but a platform's timeline
    (``view_timeline``) and the comparison (``view_compare``)."""
    return memo.view(snap, "progress", lambda: _compute(snap, list_id, on, list(ministries), lang, show_uncertain),
                     list_id, on, lang, ministries, bool(show_uncertain))


def _compute(snap: Snapshot, list_id: str, on: date, ministries: list[str], lang: str, show_uncertain: bool) -> dict:
    t = lambda label, **p: tr(label, lang, **p)  # noqa: E731
    name = stage_names(snap, lang)
    basis = dict(zip(snap.stage["stage_id"], snap.stage["basis"]))   # NDXP and roll-out are inferred stages
    label = lambda sid: citations.mark(name[sid], basis.get(sid))  # noqa: E731
    bodies = body_names(snap, lang)
    body = lambda code: "—" if code is None or (isinstance(code, float) and pd.isna(code)) else bodies.get(code, str(code))  # noqa: E731
    events = snap.platform_event[pd.to_datetime(snap.platform_event["event_date"]).dt.date <= on]
    demo_imports = set(snap.import_log.loc[snap.import_log["is_demo"], "import_id"])
    searched = searched_on(snap, list_id)
    scope = scope_codes(snap, ministries)
    figures = progress_figures(snap, list_id, on, scope)
    status, gap, n_unnamed, stages = figures["status"], figures["gap"], figures["unnamed"], figures["stages"]
    listed = listed_on(snap, list_id)
    out = {
        "demo": bool(events["import_id"].isin(demo_imports).any()),
        "no_update": None if has_ministry_update(snap, list_id) else (
            t("evidence.no_update", date=day_text(searched)) if searched else t("evidence.no_update_nothing")),
        "metrics": [(citations.mark(name[sid] if sid != "listed" else t("shared.listed"), basis.get(sid)),
                     int(row["reached"]), t("evidence.of_which", n=int(row["confirmed"])))
                    for sid in HEADLINE for row in [stages.loc[stages["stage_id"] == sid].iloc[0]]],
        "unnamed": t("shared.unnamed", n=n_unnamed, bodies=", ".join(body(b) for b in gap["body_code"]),
                     date=listed.strftime("%d/%m/%Y")) if n_unnamed else None,
        "no_events": status.empty and not n_unnamed,
        "stage_table": pd.DataFrame({t("col.stage"): list(stages["stage_id"].map(label)), t("col.reached"): stages["reached"],
                                     t("evidence.col_confirmed"): stages["confirmed"], t("col.at_stage"): stages["at_stage"]}),
        "per_ministry": None, "burnup": None,   # the charts' figures (None: no chart), the charts: view_chart
        "charts": {"overall": (stages, None)},
        "stage_note": cites.stage_notes(snap.document, snap.stage, lang),
    }
    by_body = per_ministry(status, gap)
    if not by_body.empty:
        by_body = by_body.assign(body=by_body["body_code"].map(body), stage=by_body["stage_id"].map(name),
                                 likely=by_body["confidence"] == "likely")
        data = pd.DataFrame({t("col.body"): by_body["body"], t("col.stage"): by_body["stage_id"].map(label),
                             t("col.certainty"): by_body["likely"].map({True: t("evidence.likely"),
                                                                        False: t("evidence.confirmed")}),
                             t("col.count"): by_body["count"]})
        out["per_ministry"] = data
        out["charts"]["per_ministry"] = (by_body, data)
    current = snap.platform_current
    scoped = current if scope is None else current[current["ministry_code"].isin(scope)]
    curve = memo.derived(snap, ("burnup", list_id, on, tuple(sorted(scope)) if scope else None), lambda: burnup(
        snap.platform_event, snap.stage, scoped, list_id, on, n_unnamed, listed))
    if not curve.empty:
        curve = curve.assign(stage=curve["stage_id"].map(name))
        wide = curve.pivot_table(index="date", columns="stage_id", values="reached", aggfunc="sum").reset_index()
        data = pd.DataFrame({t("col.date"): wide["date"],
                             **{label(s): wide[s].astype(int) for s in snap.stage.sort_values("ordinal")["stage_id"]
                                if s in wide.columns}})
        out["burnup"] = data
        out["charts"]["burnup"] = (curve, data)
    late = overdue(snap.stage_target, status, snap.stage, list_id, on)
    out["overdue"] = None if late.empty else pd.DataFrame({
        t("col.name"): late["platform_name"], t("col.stage"): late["stage_id"].map(name),
        t("col.target_date"): late["target_date"].map(day_text), t("col.document"): late["document_no"]})
    listed_rows = current[current["list_id"] == list_id]
    if scope is not None:
        listed_rows = listed_rows[listed_rows["ministry_code"].isin(scope)]
    ordered = listed_rows.sort_values("name")
    out["platforms"] = dict(zip(ordered["name"], ordered["name_key"]))   # the timeline's chooser: name -> key
    out["evidence"] = evidence_table(snap, list_id, scope, lang, show_uncertain)
    out["missing"] = no_evidence(snap, list_id, scope, lang)
    out["missing_cite"] = cites.footnote(snap.document, current.loc[current["list_id"] == list_id, "source"], lang)
    return out


def view_chart(snap: Snapshot, list_id: str, on: date, ministries: list[str], lang: str, show_uncertain: bool,
               which: str):
    """One of the page's charts (``overall``, ``per_ministry``, ``burnup``) with its figures, built
    when the page comes to draw it (each is a Plotly figure: building all three before drawing
    any would hold the whole page back), once per the same choices as ``view_progress``."""
    def compute():
        frame, data = view_progress(snap, list_id, on, ministries, lang, show_uncertain)["charts"][which]
        t = lambda label: tr(label, lang)  # noqa: E731
        name, order = stage_names(snap, lang), list(snap.stage["stage_id"])
        if which == "overall":   # its table is the page's stage table, right under it
            return shown(confidence_bars(
                list(frame["stage_id"].map(name)), list(frame["confirmed"]), list(frame["reached"] - frame["confirmed"]),
                title=t("shared.overall"), value_label=t("col.reached"),
                names=(t("evidence.confirmed"), t("evidence.likely"))), None, lang)
        if which == "per_ministry":
            return shown(stacked_bars(
                frame, label_col="body", value_col="count", stack_col="stage", stack_order=[name[s] for s in order],
                title=t("shared.per_ministry"), value_label=t("col.count"), legend_title=t("col.stage"),
                hatch_col="likely", hatch_label=t("evidence.likely")), data, lang)
        return shown(step_lines(
            frame, x_col="date", y_col="reached", line_col="stage", line_order=[name[s] for s in order],
            title=t("shared.burnup"), value_label=t("col.reached"), legend_title=t("col.stage")), data, lang)
    return memo.view(snap, f"progress_{which}", compute, list_id, on, lang, ministries, bool(show_uncertain))


def view_timeline(snap: Snapshot, list_id: str, platform_key: str, on: date, lang: str, show_uncertain: bool) -> dict:
    """One platform's steps up to ``on``: the ``markdown`` timeline, when a search found nothing
    (``none_found``), the names it is known by elsewhere (``aliases``) and the ``table``."""
    def compute() -> dict:
        rows = steps(snap, list_id, platform_key, on, lang, show_uncertain)
        found = snap.evidence_search[(snap.evidence_search["list_id"] == list_id)
                                     & (snap.evidence_search["platform_key"] == platform_key)]
        aliases = snap.platform_alias[(snap.platform_alias["list_id"] == list_id)
                                      & (snap.platform_alias["platform_key"] == platform_key)]
        return {"markdown": timeline_markdown(rows, stage_names(snap, lang), lang),
                "none_found": tr("evidence.none_found", lang, date=day_text(found["searched_on"].iloc[0]))
                if len(found) and not found["found"].iloc[0] else None,
                "aliases": [cites.plain(_alias_line(a, lang)) for a in aliases.itertuples()],
                "table": steps_table(snap, rows, lang)}
    return memo.view(snap, "progress_timeline", compute, list_id, platform_key, on, lang, bool(show_uncertain))


def _alias_line(alias, lang: str) -> str:
    """One other name of a platform: an earlier name (a correction renamed it) or one identified in a source."""
    if alias.basis == "renamed":
        ids = "".join(c for c in str(alias.note or "") if c.isdigit())   # the note is "correction #N"
        return tr("evidence.alias_renamed", lang, alias=alias.alias, ids=ids, date=day_text(alias.source_date))
    return tr("evidence.alias", lang, alias=alias.alias, publisher=alias.source_publisher or "")


def writable_rows(snap: Snapshot, list_id: str, role: str, body_code: str | None) -> pd.DataFrame:
    """The platforms of ``list_id`` an evidence editor may write to (a ministry editor: its body's,
    with predecessors), by name. A courtesy for the form: the write checks it again."""
    rows = snap.platform_current[snap.platform_current["list_id"] == list_id]
    if role == "ministry_editor":
        rows = rows[rows["ministry_code"].isin(with_predecessors(snap.body, [body_code]))]
    return rows.sort_values("name")


def list_versions(snap: Snapshot, list_id: str) -> dict:
    """The loaded versions of every list to compare: ``labels`` (id -> "#id list (date, file)"),
    ``ids`` in order, and the two chosen first (this list's last two, else the last two). Once per
    data version and list."""
    return memo.derived(snap, ("list_versions", memo.choice(list_id)), lambda: _list_versions(snap, list_id))


def _list_versions(snap: Snapshot, list_id: str) -> dict:
    imports = snap.import_log[(snap.import_log["kind"] == "list") & snap.import_log["status"].str.startswith("loaded")]
    labels = {r.import_id: f"#{r.import_id} {r.list_id} ({pd.Timestamp(r.as_of):%d/%m/%Y}, {r.file_name})"
              for r in imports.itertuples()}
    ids = sorted(labels)
    own = sorted(imports.loc[imports["list_id"] == list_id, "import_id"]) or ids   # this list's versions first
    return {"labels": labels, "ids": ids, "a": ids.index(own[max(len(own) - 2, 0)]), "b": ids.index(own[-1])}


def view_compare(snap: Snapshot, a: int, b: int, rows_a, rows_b, lang: str) -> pd.DataFrame:
    """Imports ``a`` and ``b`` compared by their platform rows (bodies followed to their successors
    on the later one's date), as the page's table; empty when they hold the same platforms. Once
    per data version, pair and language; ``rows_a`` / ``rows_b``: each import's platform rows, or
    a function giving them (read only when the comparison is not kept yet)."""
    rows = lambda r: r() if callable(r) else r  # noqa: E731
    if not all(isinstance(i, numbers.Integral) for i in (a, b)):   # not an import id: computed, not kept
        return _compare(snap, a, b, rows(rows_a), rows(rows_b), lang)
    return memo.derived(snap, ("compare", int(a), int(b), memo.choice(lang)),
                        lambda: _compare(snap, a, b, rows(rows_a), rows(rows_b), lang))


def _compare(snap: Snapshot, a: int, b: int, rows_a: pd.DataFrame, rows_b: pd.DataFrame, lang: str) -> pd.DataFrame:
    as_of = snap.import_log.set_index("import_id")["as_of"]
    later = max(pd.Timestamp(as_of.at[i]) for i in (a, b)).date()
    diff = compare(rows_a, rows_b, successor_map(snap.body, later))
    if diff.empty:
        return diff
    return pd.DataFrame({
        tr("col.change", lang): coded(diff["change"], "change", lang), tr("col.name_a", lang): diff["name_a"],
        tr("col.name_b", lang): diff["name_b"], tr("col.ministry_a", lang): diff["ministry_a"],
        tr("col.ministry_b", lang): diff["ministry_b"], tr("col.score", lang): diff["score"]})
