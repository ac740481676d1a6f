"""What the Recognition page (and the reports, reports/recognition.py) show of the recognition
workflow (dispatch 2291): the records narrowed by the reader's ``Scope`` (``view_recognition``),
display tables with translated headers and values (the funnel three ways, the proposals, the
sixteen addressees, a dossier's criteria, timeline and documents, the corrections), the funnel's
charts (each drawn above its table, which holds its figures), a dossier's header, and what the
entry forms offer."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from actions.recognition_records import Criterion
from analysis import recognition as rec_an
from analysis.recognition import FUNNEL, Records, open_flags
from loaders.text import key
from store.snapshot import Snapshot
from views.charts import Shown, shown, stacked_bars, stage_bars, step_lines
from views.cites import plain
from views.scope import Scope, body_names
from views.words import coded, tr


@dataclass(frozen=True)
class View:
    """The records narrowed to a set of bodies (None: all), as of a date."""
    records: Records
    props: pd.DataFrame          # current_proposals, in scope
    on: date
    lang: str
    names: dict[str, str]        # body code -> name in ``lang``


def view_recognition(snap: Snapshot, scope: Scope, records: Records) -> View:
    """The records as the reader (the page) or a report looks at them: the proposals of the bodies
    ``scope`` admits (its ministries with those merged into them; all without a filter), as of
    ``scope.on``, in ``scope.lang``. The one route of the ministry filter to recognition."""
    props = rec_an.current_proposals(records)
    codes = scope.codes(snap)
    if codes is not None:
        props = props[props["body_code"].isin(codes)].reset_index(drop=True)
    return View(records, props, scope.on, scope.lang, body_names(snap, scope.lang))


def _steps(v: View, values: pd.Series) -> pd.Series:
    return coded(values, "rstep", v.lang)


def funnel_table(v: View) -> pd.DataFrame:
    f = rec_an.funnel(v.props, v.on)
    return pd.DataFrame({tr("col.stage", v.lang): _steps(v, f["step"]), tr("rec.col_count", v.lang): f["count"]})


def funnel_by_body_table(v: View) -> pd.DataFrame:
    f = rec_an.funnel_by_body(v.props)
    return pd.DataFrame({tr("col.body", v.lang): f["body_code"].map(lambda c: v.names.get(c, c)),
                         tr("col.stage", v.lang): _steps(v, f["step"]), tr("rec.col_count", v.lang): f["count"]})


def funnel_over_time_table(v: View) -> pd.DataFrame:
    f = rec_an.funnel_over_time(v.props)
    return pd.DataFrame({tr("col.date", v.lang): f["date"], tr("col.stage", v.lang): _steps(v, f["step"]),
                         tr("rec.col_count", v.lang): f["count"]})


def open_flag_counts(records: Records) -> pd.Series:
    """target_ref -> open flags, for proposals."""
    flags = rec_an.open_flags(records)
    return flags[flags["target_kind"] == "proposal"].groupby("target_ref").size()


def proposals_table(v: View) -> pd.DataFrame:
    p, lang = v.props, v.lang
    late = rec_an.overdue(p, v.on) if len(p) else pd.Series(dtype=bool)
    flags = open_flag_counts(v.records)
    return pd.DataFrame({
        tr("rec.col_id", lang): p["proposal_id"], tr("col.name", lang): p["platform_name"],
        tr("col.body", lang): p["body_code"].map(lambda c: v.names.get(c, c)),
        tr("rec.ownership", lang): coded(p["ownership"], "rown", lang), tr("rec.owner", lang): p["owner_enterprise"],
        tr("rec.list", lang): p["list_id"], tr("col.stage", lang): _steps(v, p["step"]),
        tr("rec.proposed_on", lang): p["proposed_on"], tr("rec.decision", lang): p["decision_no"],
        tr("rec.decided_on", lang): p["decided_on"], tr("col.overdue", lang): late,
        tr("rec.col_flags", lang): p["proposal_id"].astype(str).map(flags).fillna(0).astype(int)})


def addressee_table(v: View) -> pd.DataFrame:
    a, lang = rec_an.addressees(v.records, rec_an.current_proposals(v.records), v.on), v.lang
    return pd.DataFrame({
        "#": a["ordinal"], tr("col.body", lang): a["body_code"].map(lambda c: f"{v.names.get(c, c)} ({c})"),
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


def step_names(lang: str) -> dict[str, str]:
    return {s: tr(f"rstep.{s}", lang) for s in (*FUNNEL, "withdrawn", "none")}


def funnel_chart(which: str, table: pd.DataFrame, lang: str) -> Shown:
    """The chart of one of the funnel's tables (``funnel``: step, count; ``by_body``: body, step,
    count; ``over_time``: date, step, count), its figures being that table (drawn under it)."""
    t = lambda label: tr(label, lang)  # noqa: E731
    c, order = table.columns, [step_names(lang)[s] for s in FUNNEL]
    if which == "funnel":
        fig = stage_bars(list(table.iloc[:, 0]), list(table.iloc[:, 1]), t("rec.funnel"), t("rec.col_count"))
    elif which == "by_body":
        fig = stacked_bars(table, label_col=c[0], value_col=c[2], stack_col=c[1], stack_order=order, title=t("rec.by_body"),
                           value_label=t("rec.col_count"), legend_title=t("col.stage"))
    else:
        fig = step_lines(table, x_col=c[0], y_col=c[2], line_col=c[1], line_order=order, title=t("rec.over_time"),
                         value_label=t("rec.col_count"), legend_title=t("col.stage"))
    return shown(fig, None, lang)


def proposal_labels(props: pd.DataFrame) -> dict[str, str]:
    """proposal id (as text, the URL's form) -> "#id platform name"."""
    return {str(int(i)): f"#{i} {n}" for i, n in zip(props["proposal_id"], props["platform_name"])}


def dossier(props: pd.DataFrame, records, pid: int, lang: str) -> dict:
    """The header of proposal ``pid``'s dossier: its four ``metrics``, the ``heading`` (name and
    purpose), the ``owner`` line (or None), its ``open_flags`` count and ``body``."""
    p = props.set_index("proposal_id").loc[pid]
    t = lambda label: tr(label, lang)  # noqa: E731
    flags = open_flags(records)
    mine = flags[(flags["target_kind"] == "proposal") & (flags["target_ref"] == str(pid))]
    return {"metrics": [(t("col.stage"), step_names(lang).get(p["step"], p["step"])), (t("col.body"), p["body_code"]),
                        (t("rec.ownership"), t(f"rown.{p['ownership']}")), (t("rec.list"), p["list_id"])],
            "heading": f"**{plain(p['platform_name'])}** — {plain(p['purpose'] or '')}",
            "owner": f"{t('rec.owner')}: {plain(p['owner_enterprise'])}" if isinstance(p["owner_enterprise"], str) else None,
            "open_flags": len(mine), "body": p["body_code"]}


# --- between a platform and its dossier (the catalogue's links, the dossier's link back) ---
MAX_DOSSIER_LINKS = 10   # under a catalogue table: a search narrows to the one a reader looks for


def dossiers_of(props: pd.DataFrame, lists: pd.Series, names: pd.Series) -> dict[int, str]:
    """Proposal id -> platform name, for the proposals whose platform is one of the rows
    (``lists``, ``names``: a list id and a platform name each), matched as a list matches its
    rows' names (``loaders.text.key``); at most ``MAX_DOSSIER_LINKS``."""
    wanted = set(zip(lists, names.map(key)))
    found = {int(pid): name for pid, name, list_id in zip(props["proposal_id"], props["platform_name"], props["list_id"])
             if (list_id, key(name)) in wanted} if len(props) else {}
    return dict(list(found.items())[:MAX_DOSSIER_LINKS])


def in_catalogue(snap: Snapshot, props: pd.DataFrame, pid: int) -> dict | None:
    """The catalogue's search for proposal ``pid``'s platform (``clist``, ``q``) when its list holds
    it (a recognised platform joined it), else None."""
    p = props.set_index("proposal_id").loc[pid]
    rows = snap.platform_current
    held = ((rows["list_id"] == p["list_id"]) & (rows["name_key"] == key(p["platform_name"]))).any()
    return {"clist": p["list_id"], "q": p["platform_name"]} if held else None


# --- what the entry forms offer (pages/recognition_forms.py, pages/recognition_assess.py) ---
def proposal_choices(snap: Snapshot) -> tuple[list[str], list[str]]:
    """(the lists a platform may be proposed for, the latest first; the bodies that exist today)."""
    lists = snap.platform_list[snap.platform_list["kind"].isin(["national_deployed", "shared"])]["list_id"].tolist()[::-1]
    return lists, sorted(c for c, to in zip(snap.body["code"], snap.body["valid_to"]) if pd.isna(to))


def assessable(props: pd.DataFrame) -> pd.DataFrame:
    """The proposals that have a criteria set (and so can be assessed)."""
    return props[props["set_id"].notna()] if len(props) else props


def assessment_grid(records: Records, props: pd.DataFrame, pid: int) -> tuple[int, pd.DataFrame]:
    """(the criteria set of proposal ``pid``, a row per criterion to fill in: not assessed yet)."""
    set_id = int(props.set_index("proposal_id").at[pid, "set_id"])
    crit = records.criterion[records.criterion["set_id"] == set_id]
    return set_id, pd.DataFrame({"criterion_no": crit["criterion_no"].astype(int), "group": crit["group"].astype(int),
                                 "text": crit["text"], "popular_user": crit["popular_user"].astype(bool),
                                 "result": "not_assessed", "evidence": "", "evidence_url": "", "market_share": None})


def blank_criteria() -> pd.DataFrame:
    """The criteria form's grid to start from: a row per group of the six (the fourth, popular use)."""
    return pd.DataFrame({"group": list(range(1, 7)), "text": [""] * 6, "measure": [""] * 6,
                         "popular_user": [False, False, False, True, False, False]})


def criteria_of(rows: pd.DataFrame) -> tuple[Criterion, ...]:
    """The criteria typed in the grid (rows with no text left out); the write checks each."""
    return tuple(Criterion(r["group"] if pd.notna(r["group"]) else "", r["text"], r["measure"], bool(r["popular_user"]))
                 for r in rows.to_dict("records") if isinstance(r["text"], str) and r["text"].strip())
