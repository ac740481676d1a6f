"""Progress toward the shared platforms, recomputed from dated events at any date."""
from __future__ import annotations

from pages.router import ensure_router

ensure_router()   # before the imports below: a cold server's first run ends here (pages/router.py)

from datetime import date

import pandas as pd
import streamlit as st

from access.roles import can
from analysis.diff import compare
from analysis.lineage import successor_map, with_predecessors
from analysis.progress import burnup, overdue, per_ministry
from loaders.dates import parse_day
from pages import cite, flags
from pages.chart_view import show_chart
from pages.common import (
    body_name,
    label_values,
    lang,
    list_selector,
    ministry_scope,
    page_start,
    plain,
    platforms_of,
    t,
    table,
    view,
)
from pages.evidence_form import evidence_forms
from pages.session import current_user
from views import memo
from views.charts import confidence_bars, stacked_bars, step_lines
from views.evidence import (
    day_text,
    evidence_table,
    has_ministry_update,
    no_evidence,
    progress_figures,
    searched_on,
    steps,
    steps_table,
)
from views.evidence import listed_on as listed_day
from views.timeline import timeline_markdown

snap = page_start("shared.title")

shared = list(snap.platform_list.loc[snap.platform_list["kind"] == "shared", "list_id"])
c1, c2 = st.columns([2, 1])
list_id = list_selector(snap, "shared.list", "plist", shared, shared[0], container=c1)
if "as_of" not in st.session_state:   # ?d=2025-12-31 opens the page at that date (never in the future)
    asked = parse_day(st.query_params.get("d", ""))
    st.session_state["as_of"] = min(asked, date.today()) if asked else date.today()
on = c2.date_input(t("shared.as_of"), max_value=date.today(), key="as_of", format="DD/MM/YYYY")
if on == date.today():
    st.query_params.pop("d", None)
else:
    st.query_params["d"] = on.isoformat()

stage_name = dict(zip(snap.stage["stage_id"], snap.stage["name_en" if lang() == "en" else "name_vi"]))
events = snap.platform_event[pd.to_datetime(snap.platform_event["event_date"]).dt.date <= on]
demo_imports = set(snap.import_log.loc[snap.import_log["is_demo"], "import_id"])
if events["import_id"].isin(demo_imports).any():
    st.warning(t("shared.demo"), icon=":material/science:")
searched = searched_on(snap, list_id)
if not has_ministry_update(snap, list_id):
    st.info(t("evidence.no_update", date=day_text(searched)) if searched else t("evidence.no_update_nothing"),
            icon=":material/info:")
show_uncertain = st.toggle(t("evidence.show_uncertain"), key="show_uncertain", help=t("evidence.show_uncertain_help"))
st.caption(t("evidence.legend"))

scope = ministry_scope(snap)
figures = progress_figures(snap, list_id, on, scope)
status, gap, n_unnamed, stages = figures["status"], figures["gap"], figures["unnamed"], figures["stages"]
listed_on = listed_day(snap, list_id)
stage_basis = dict(zip(snap.stage["stage_id"], snap.stage["basis"]))   # NDXP and roll-out are inferred stages


def stage_label(sid: str) -> str:
    """A stage's name, marked ≈ when the stage itself is inferred (cite.stage_note says why)."""
    return cite.mark(stage_name[sid], stage_basis.get(sid))


def per_ministry_table(by_body: pd.DataFrame) -> pd.DataFrame:
    """The per-ministry chart's figures: one row a ministry, stage and certainty."""
    return pd.DataFrame({t("col.body"): by_body["body"], t("col.stage"): by_body["stage_id"].map(stage_label),
                         t("col.certainty"): by_body["likely"].map({True: t("evidence.likely"),
                                                                    False: t("evidence.confirmed")}),
                         t("col.count"): by_body["count"]})


def burnup_table(curve: pd.DataFrame) -> pd.DataFrame:
    """The curve's figures: one row a date, one column a stage (its name marked ≈ if inferred)."""
    wide = curve.pivot_table(index="date", columns="stage_id", values="reached", aggfunc="sum").reset_index()
    order = [s for s in snap.stage.sort_values("ordinal")["stage_id"] if s in wide.columns]
    return pd.DataFrame({t("col.date"): wide["date"], **{stage_label(s): wide[s].astype(int) for s in order}})

cols = st.columns(4)
for col, sid in zip(cols, ("listed", "plan", "operation", "ndxp")):
    row = stages.loc[stages["stage_id"] == sid].iloc[0]
    col.metric(cite.mark(stage_name[sid] if sid != "listed" else t("shared.listed"), stage_basis.get(sid)),
               int(row["reached"]))
    col.caption(t("evidence.of_which", n=int(row["confirmed"])))
if n_unnamed:
    st.caption(t("shared.unnamed", n=n_unnamed, bodies=", ".join(body_name(snap, b) for b in gap["body_code"]),
                 date=listed_on.strftime("%d/%m/%Y")))
if status.empty and not n_unnamed:
    st.info(t("shared.no_events"))

labels = list(stages["stage_id"].map(stage_name))
# Figures are built once per list, date, language and filter and shared by every session (view).
# Each chart's figures in a table under it (an inferred stage marked ≈), its sources in the notes below.
show_chart(view("progress_stages", lambda: confidence_bars(
    labels, list(stages["confirmed"]), list(stages["reached"] - stages["confirmed"]), title=t("shared.overall"),
    value_label=t("col.reached"), names=(t("evidence.confirmed"), t("evidence.likely"))), list_id, on),
    "overall_chart", None)   # its table follows, with its downloads
table(pd.DataFrame({t("col.stage"): list(stages["stage_id"].map(stage_label)), t("col.reached"): stages["reached"],
                    t("evidence.col_confirmed"): stages["confirmed"], t("col.at_stage"): stages["at_stage"]}),
      "giai-doan", "stage_table", list_id, on)

by_body = per_ministry(status, gap)
if not by_body.empty:
    by_body = by_body.assign(body=by_body["body_code"].map(lambda c: body_name(snap, c)),
                             stage=by_body["stage_id"].map(stage_name), likely=by_body["confidence"] == "likely")
    show_chart(view("progress_per_ministry", lambda: stacked_bars(
        by_body, label_col="body", value_col="count", stack_col="stage",
        stack_order=[stage_name[s] for s in snap.stage["stage_id"]], title=t("shared.per_ministry"),
        value_label=t("col.count"), legend_title=t("col.stage"), hatch_col="likely",
        hatch_label=t("evidence.likely")), list_id, on), "ministry_chart", per_ministry_table(by_body))

scoped = snap.platform_current if scope is None else snap.platform_current[snap.platform_current["ministry_code"].isin(scope)]
curve = memo.derived(snap, ("burnup", list_id, on, tuple(sorted(scope)) if scope else None), lambda: burnup(
    snap.platform_event, snap.stage, scoped, list_id, on, n_unnamed, listed_on))
if not curve.empty:
    curve = curve.assign(stage=curve["stage_id"].map(stage_name))
    show_chart(view("progress_burnup", lambda: step_lines(
        curve, x_col="date", y_col="reached", line_col="stage",
        line_order=[stage_name[s] for s in snap.stage["stage_id"]], title=t("shared.burnup"),
        value_label=t("col.reached"), legend_title=t("col.stage")), list_id, on), "burnup_chart", burnup_table(curve))
    st.caption(t("evidence.before_listing"))
cite.stage_note(snap.stage)   # where each stage of the figures above comes from, the inferred ones marked

st.subheader(t("shared.overdue"))
late = overdue(snap.stage_target, status, snap.stage, list_id, on)
if late.empty:
    st.caption(t("shared.overdue_none"))
else:
    table(pd.DataFrame({t("col.name"): late["platform_name"], t("col.stage"): late["stage_id"].map(stage_name),
                        t("col.target_date"): late["target_date"].map(day_text), t("col.document"): late["document_no"]}),
          "qua-han", "overdue_table", list_id, on)

st.subheader(t("shared.timeline"))
listed = snap.platform_current[snap.platform_current["list_id"] == list_id]
if scope is not None:
    listed = listed[listed["ministry_code"].isin(scope)]
keys = dict(zip(listed.sort_values("name")["name"], listed.sort_values("name")["name_key"]))
if keys:
    chosen = st.selectbox(t("shared.platform"), list(keys), key="timeline_platform")
    flags.warn("platform", f"{list_id}/{chosen}")   # open corrections of this platform
    rows = steps(snap, list_id, keys[chosen], on, lang(), show_uncertain)
    st.markdown(timeline_markdown(rows, stage_name, lang()))
    found = snap.evidence_search[(snap.evidence_search["list_id"] == list_id)
                                 & (snap.evidence_search["platform_key"] == keys[chosen])]
    if len(found) and not found["found"].iloc[0]:
        st.caption(t("evidence.none_found", date=day_text(found["searched_on"].iloc[0])))
    for a in snap.platform_alias[(snap.platform_alias["list_id"] == list_id)
                                 & (snap.platform_alias["platform_key"] == keys[chosen])].itertuples():
        st.caption(plain(t("evidence.alias", alias=a.alias, publisher=a.source_publisher or "")))
    table(steps_table(snap, rows, lang()), "tien-trinh", "timeline_table", list_id, on)

evidence = evidence_table(snap, list_id, scope, lang(), show_uncertain)
if len(evidence):
    st.subheader(t("evidence.table_title"))
    table(evidence, "bang-chung", "evidence_table", list_id, on)
user = current_user()
if can(user, "edit_evidence"):   # a courtesy: the write checks the role (and an editor's body) itself
    writable_rows = snap.platform_current[snap.platform_current["list_id"] == list_id]
    if user.role == "ministry_editor":
        writable_rows = writable_rows[writable_rows["ministry_code"].isin(with_predecessors(snap.body, [user.body_code]))]
    evidence_forms(snap, list_id, user, writable_rows.sort_values("name"), stage_name)
missing = no_evidence(snap, list_id, scope, lang())
if len(missing):
    st.subheader(f"{t('evidence.none_found_title')} ({len(missing)})")
    table(missing, "chua-co-bang-chung", "no_evidence_table", list_id, on)
    cite.footnote(snap.platform_current.loc[snap.platform_current["list_id"] == list_id, "source"])   # the list's document

with st.expander(t("shared.compare")):
    imports = snap.import_log[(snap.import_log["kind"] == "list") & snap.import_log["status"].str.startswith("loaded")]
    label = {r.import_id: f"#{r.import_id} {r.list_id} ({pd.Timestamp(r.as_of):%d/%m/%Y}, {r.file_name})"
             for r in imports.itertuples()}
    ids = sorted(label)
    own = sorted(imports.loc[imports["list_id"] == list_id, "import_id"]) or ids   # this list's versions first
    a_col, b_col = st.columns(2)
    a = a_col.selectbox(t("shared.version_a"), ids, index=ids.index(own[max(len(own) - 2, 0)]), key="cmp_a",
                        format_func=label.get)
    b = b_col.selectbox(t("shared.version_b"), ids, index=ids.index(own[-1]), key="cmp_b", format_func=label.get)
    later = max(pd.Timestamp(imports.set_index("import_id").at[i, "as_of"]) for i in (a, b)).date()
    diff = compare(platforms_of(a), platforms_of(b), successor_map(snap.body, later))
    st.caption(t("shared.compare_note"))
    if diff.empty:
        st.info(t("shared.compare_same"))
    else:
        table(pd.DataFrame({
            t("col.change"): label_values(diff["change"], "change"), t("col.name_a"): diff["name_a"],
            t("col.name_b"): diff["name_b"], t("col.ministry_a"): diff["ministry_a"],
            t("col.ministry_b"): diff["ministry_b"], t("col.score"): diff["score"]}), "so-sanh", "diff_table", list_id)
