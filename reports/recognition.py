"""View models of the recognition workflow (dispatch 2291), shared by the Recognition page, the
PDF brief and the full Excel report: display tables with translated headers and values."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from analysis import recognition as rec_an
from analysis.recognition import Records
from i18n.catalogue import coded, tr
from views.tables import body_names


@dataclass(frozen=True)
class View:
    """The records narrowed to a set of bodies (None: all), as of a date."""
    records: Records
    props: pd.DataFrame          # current_proposals, in scope
    on: date
    lang: str


def view(records: Records, scope: set[str] | None, on: date, lang: str) -> View:
    props = rec_an.current_proposals(records)
    if scope is not None:
        props = props[props["body_code"].isin(scope)].reset_index(drop=True)
    return View(records, props, on, lang)


def _steps(v: View, values: pd.Series) -> pd.Series:
    return coded(values, "rstep", v.lang)


def funnel_table(v: View) -> pd.DataFrame:
    f = rec_an.funnel(v.props, v.on)
    return pd.DataFrame({tr("col.stage", v.lang): _steps(v, f["step"]), tr("rec.col_count", v.lang): f["count"]})


def funnel_by_body_table(v: View, names: dict[str, str]) -> pd.DataFrame:
    f = rec_an.funnel_by_body(v.props)
    return pd.DataFrame({tr("col.body", v.lang): f["body_code"].map(lambda c: names.get(c, c)),
                         tr("col.stage", v.lang): _steps(v, f["step"]), tr("rec.col_count", v.lang): f["count"]})


def funnel_over_time_table(v: View) -> pd.DataFrame:
    f = rec_an.funnel_over_time(v.props)
    return pd.DataFrame({tr("col.date", v.lang): f["date"], tr("col.stage", v.lang): _steps(v, f["step"]),
                         tr("rec.col_count", v.lang): f["count"]})


def open_flag_counts(records: Records) -> pd.Series:
    """target_ref -> open flags, for proposals."""
    flags = rec_an.open_flags(records)
    return flags[flags["target_kind"] == "proposal"].groupby("target_ref").size()


def proposals_table(v: View, names: dict[str, str]) -> pd.DataFrame:
    p, lang = v.props, v.lang
    late = rec_an.overdue(p, v.on) if len(p) else pd.Series(dtype=bool)
    flags = open_flag_counts(v.records)
    return pd.DataFrame({
        tr("rec.col_id", lang): p["proposal_id"], tr("col.name", lang): p["platform_name"],
        tr("col.body", lang): p["body_code"].map(lambda c: names.get(c, c)),
        tr("rec.ownership", lang): coded(p["ownership"], "rown", lang), tr("rec.owner", lang): p["owner_enterprise"],
        tr("rec.list", lang): p["list_id"], tr("col.stage", lang): _steps(v, p["step"]),
        tr("rec.proposed_on", lang): p["proposed_on"], tr("rec.decision", lang): p["decision_no"],
        tr("rec.decided_on", lang): p["decided_on"], tr("col.overdue", lang): late,
        tr("rec.col_flags", lang): p["proposal_id"].astype(str).map(flags).fillna(0).astype(int)})


def addressee_table(v: View, names: dict[str, str]) -> pd.DataFrame:
    a, lang = rec_an.addressees(v.records, rec_an.current_proposals(v.records), v.on), v.lang
    return pd.DataFrame({
        "#": a["ordinal"], tr("col.body", lang): a["body_code"].map(lambda c: f"{names.get(c, c)} ({c})"),
        tr("rec.col_proposals", lang): a["proposals"], tr("rec.col_furthest", lang): _steps(v, a["furthest"]),
        tr("rec.col_recognised", lang): a["recognised"], tr("rec.col_overdue", lang): a["overdue"],
        tr("col.source", lang): a["doc_id"]})


def criteria_table(v: View, proposal_id: int) -> pd.DataFrame:
    m, lang = rec_an.criteria_matrix(v.records, proposal_id), v.lang
    groups = dict(zip(v.records.criteria_groups["group"].astype(int),
                      v.records.criteria_groups["name_en" if lang == "en" else "name_vi"]))
    out = pd.DataFrame({tr("rec.group", lang): m["group"].map(lambda g: f"{g}. {groups.get(int(g), '')}"),
                        "#": m["criterion_no"], tr("rec.criterion", lang): m["text"],
                        tr("rec.measure", lang): m["measure"],
                        tr("rec.popular", lang): m["popular_user"]})
    for col in m.columns[5:]:
        out[f"{tr('rec.assessment', lang)} {col}"] = m[col].map(
            lambda s: " ".join([tr(f"rres.{s.split(' ')[0]}", lang), *s.split(" ")[1:]]) if s else "")
    return out


def timeline_table(v: View, proposal_id: int) -> pd.DataFrame:
    tl, lang = rec_an.timeline(v.records, proposal_id), v.lang
    kinds = tl["kind"].map(lambda k: tr(f"rstep.{k.split(':')[0]}", lang) +
                           (f" ({tr('rkind.' + k.split(':')[1], lang)})" if ":" in k else ""))
    return pd.DataFrame({tr("col.kind", lang): kinds, tr("col.date", lang): tl["date"],
                         tr("col.document", lang): tl["document_no"], tr("rec.recorded_by", lang): tl["recorded_by"],
                         tr("rec.recorded_at", lang): tl["recorded_at"]})


def documents_table(v: View, proposal_id: int) -> pd.DataFrame:
    """Every document the dossier rests on: the proposal's, the criteria set's, the plan's, the
    assessments', the decision, and the register ids of the rules applied."""
    r, lang, rows = v.records, v.lang, []
    pick = lambda df: df[df["proposal_id"] == proposal_id]  # noqa: E731
    for p in pick(r.proposal).itertuples():
        rows.append(("rstep.proposed", p.document_no, p.proposed_on, p.document_url))
        rows += [("rec.doc_register", d.strip(), None, None) for d in (p.doc_ids or "").split(",") if d.strip()]
    rows += [("rstep.criteria", s.document_no, s.issued_on, s.document_url) for s in pick(r.criteria_set).itertuples()]
    rows += [("rstep.planned", s.document_no, s.issued_on, None) for s in pick(r.plan).itertuples()]
    rows += [("rstep.assessed", s.document_no, s.assessed_on, None) for s in pick(r.assessment).itertuples()]
    rows += [(f"rstep.{s.outcome}", s.decision_no, s.decided_on, None) for s in pick(r.outcome).itertuples()]
    rows += [("rec.doc_register", d, None, None) for d in (rec_an.DOC_GUIDANCE, rec_an.DOC_CRITERIA)]
    rows = [row for row in rows if isinstance(row[1], str) and row[1]]
    return pd.DataFrame({tr("col.kind", lang): [tr(k, lang) for k, *_ in rows], tr("col.document", lang): [d for _, d, *_ in rows],
                         tr("col.date", lang): [w for _, _, w, _ in rows], tr("rec.link", lang): [u for *_, u in rows]})


def flags_table(records: Records, lang: str, only_open: bool = True) -> pd.DataFrame:
    f = rec_an.open_flags(records) if only_open else records.flag
    res = records.resolution.set_index("flag_id")
    return pd.DataFrame({
        "#": f["flag_id"], tr("rec.flag_kind", lang): coded(f["target_kind"], "rflag", lang),
        tr("rec.flag_ref", lang): f["target_ref"], tr("col.body", lang): f["body_code"],
        tr("col.note", lang): f["note"], tr("rec.link", lang): f["link"], tr("rec.flagged_by", lang): f["flagged_by"],
        tr("rec.flagged_at", lang): f["flagged_at"],
        tr("rec.resolution", lang): f["flag_id"].map(lambda i: tr(f"rres.{res.at[i, 'resolution']}", lang)
                                                      if i in res.index else "")})


def recognition_view(snap, scope, records: Records) -> View:
    """The view of a report's scope: its ministries (with those merged into them), its date."""
    return view(records, scope.codes(snap) if scope.ministries else None, scope.on, scope.lang)


def recognition_sheets(snap, scope, records: Records) -> dict[str, pd.DataFrame]:
    """The full Excel report's recognition sheets: funnel, proposals, the 16 addressees, open corrections."""
    v, lang = recognition_view(snap, scope, records), scope.lang
    names = body_names(snap, lang)
    name = tr("report.sheet_recognition", lang)
    return {f"{name} 1": funnel_table(v), f"{name} 2": proposals_table(v, names),
            f"{name} 3": addressee_table(v, names), f"{name} 4": flags_table(records, lang)}
