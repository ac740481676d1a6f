"""Progress toward the shared platforms, recomputed from dated events at any date."""
from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from analysis.diff import compare
from analysis.lineage import successor_map
from analysis.progress import burnup, overdue, per_ministry, stage_counts, status_at, timeline, unnamed
from loaders.dates import parse_day
from pages.charts import stacked_bars, stage_bars, step_lines
from pages.common import (
    body_name,
    label_values,
    lang,
    list_selector,
    ministry_scope,
    page_start,
    platforms_of,
    t,
    table,
    view,
)
from reports.content import list_counts

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
scope = ministry_scope(snap)


def model() -> dict:
    """The page's figures at ``on`` for this list, language and filter (shared through ``view``)."""
    meta = snap.platform_list.set_index("list_id").loc[list_id]
    events = snap.platform_event[pd.to_datetime(snap.platform_event["event_date"]).dt.date <= on]
    demo_imports = set(snap.import_log.loc[snap.import_log["is_demo"], "import_id"])
    status = snap.derived(("status_at", list_id, on),
                          lambda: status_at(snap.platform_event, snap.stage, snap.platform_current, list_id, on))
    listed_on = pd.Timestamp(meta["issued_on"]).date() if pd.notna(meta["issued_on"]) else None
    gap = unnamed(list_counts(snap, list_id), listed_on, on)
    if scope is not None:
        status, gap = status[status["ministry_code"].isin(scope)], gap[gap["body_code"].isin(scope)]
    n_unnamed = int(gap["count"].sum())
    stages = stage_counts(status, snap.stage, n_unnamed)
    return {"demo": bool(events["import_id"].isin(demo_imports).any()), "status": status, "gap": gap,
            "listed_on": listed_on, "n_unnamed": n_unnamed, "stages": stages,
            "reached": {sid: int(stages.loc[stages["stage_id"] == sid, "reached"].iloc[0])
                        for sid in ("listed", "plan", "operation", "ndxp")}}


shown = view("progress", model, list_id, on)
status, gap, listed_on, n_unnamed, stages = (shown[k] for k in ("status", "gap", "listed_on", "n_unnamed", "stages"))
if shown["demo"]:
    st.warning(t("shared.demo"), icon=":material/science:")

cols = st.columns(4)
for col, sid in zip(cols, ("listed", "plan", "operation", "ndxp")):
    col.metric(stage_name[sid] if sid != "listed" else t("shared.listed"), shown["reached"][sid])
if n_unnamed:
    st.caption(t("shared.unnamed", n=n_unnamed, bodies=", ".join(body_name(snap, b) for b in gap["body_code"]),
                 date=listed_on.strftime("%d/%m/%Y")))
if status.empty and not n_unnamed:
    st.info(t("shared.no_events"))

# Figures are built once per list, date, language and filter and shared by every session (view).
st.plotly_chart(view("progress_stages", lambda: stage_bars(list(stages["stage_id"].map(stage_name)), list(stages["reached"]),
                                                           t("shared.overall"), t("col.reached")), list_id, on),
                key="overall_chart")


def ministry_figure():
    by_body = per_ministry(status, gap)
    if by_body.empty:
        return None
    by_body = by_body.assign(body=by_body["body_code"].map(lambda c: body_name(snap, c)),
                             stage=by_body["stage_id"].map(stage_name))
    return stacked_bars(by_body, label_col="body", value_col="count", stack_col="stage",
                        stack_order=[stage_name[s] for s in snap.stage["stage_id"]], title=t("shared.per_ministry"),
                        value_label=t("col.count"), legend_title=t("col.stage"))


by_body_figure = view("progress_per_ministry", ministry_figure, list_id, on)
if by_body_figure is not None:
    st.plotly_chart(by_body_figure, key="ministry_chart")

curve = snap.derived(("burnup", list_id, on, tuple(sorted(scope)) if scope else None), lambda: burnup(
    snap.platform_event, snap.stage, snap.platform_current if scope is None else
    snap.platform_current[snap.platform_current["ministry_code"].isin(scope)], list_id, on, n_unnamed, listed_on))
if not curve.empty:
    st.plotly_chart(view("progress_burnup", lambda: step_lines(
        curve.assign(stage=curve["stage_id"].map(stage_name)), x_col="date", y_col="reached", line_col="stage",
        line_order=[stage_name[s] for s in snap.stage["stage_id"]], title=t("shared.burnup"),
        value_label=t("col.reached"), legend_title=t("col.stage")), list_id, on), key="burnup_chart")

st.subheader(t("shared.overdue"))
late = view("progress_overdue", lambda: overdue(snap.stage_target, status, snap.stage, list_id, on), list_id, on)
if late.empty:
    st.caption(t("shared.overdue_none"))
else:
    table(pd.DataFrame({t("col.name"): late["platform_name"], t("col.stage"): late["stage_id"].map(stage_name),
                        t("col.target_date"): late["target_date"], t("col.document"): late["document_no"]}),
          "qua-han", "overdue_table", list_id, on)

st.subheader(t("shared.timeline"))
keys = view("progress_names", lambda: dict(zip(status.sort_values("name")["name"], snap.platform_current.set_index(
    "name").loc[status.sort_values("name")["name"], "name_key"])), list_id, on)
if keys:
    chosen = st.selectbox(t("shared.platform"), list(keys), key="timeline_platform")
    steps = view("progress_timeline", lambda: timeline(snap.platform_event, snap.stage_target, snap.stage, list_id,
                                                       keys[chosen], on), list_id, keys[chosen], on)
    table(pd.DataFrame({
        t("col.kind"): label_values(steps["kind"], "kind"), t("col.stage"): steps["stage_id"].map(stage_name),
        t("col.date"): steps["date"], t("col.document"): steps["document_no"], t("col.note"): steps["note"],
        t("col.overdue"): steps["overdue"]}), "tien-trinh", "timeline_table", list_id, on)

with st.expander(t("shared.compare")):
    def versions():
        loaded = snap.import_log[(snap.import_log["kind"] == "list") & snap.import_log["status"].str.startswith("loaded")]
        return loaded, {r.import_id: f"#{r.import_id} {r.list_id} ({pd.Timestamp(r.as_of):%d/%m/%Y}, {r.file_name})"
                        for r in loaded.itertuples()}
    imports, label = view("progress_versions", versions)
    ids = sorted(label)
    own = sorted(imports.loc[imports["list_id"] == list_id, "import_id"]) or ids   # this list's versions first
    a_col, b_col = st.columns(2)
    a = a_col.selectbox(t("shared.version_a"), ids, index=ids.index(own[max(len(own) - 2, 0)]), key="cmp_a",
                        format_func=label.get)
    b = b_col.selectbox(t("shared.version_b"), ids, index=ids.index(own[-1]), key="cmp_b", format_func=label.get)
    later = max(pd.Timestamp(imports.set_index("import_id").at[i, "as_of"]) for i in (a, b)).date()
    diff = view("progress_compare", lambda: compare(platforms_of(a), platforms_of(b), successor_map(snap.body, later)),
                a, b, later)
    st.caption(t("shared.compare_note"))
    if diff.empty:
        st.info(t("shared.compare_same"))
    else:
        table(pd.DataFrame({
            t("col.change"): label_values(diff["change"], "change"), t("col.name_a"): diff["name_a"],
            t("col.name_b"): diff["name_b"], t("col.ministry_a"): diff["ministry_a"],
            t("col.ministry_b"): diff["ministry_b"], t("col.score"): diff["score"]}), "so-sanh", "diff_table", list_id)
