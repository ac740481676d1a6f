"""Progress toward the shared platforms, recomputed from dated events at any date (layout only:
what it shows is ``views.progress``; the evidence forms are ``pages/evidence_form.py``)."""
from __future__ import annotations

from pages.router import ensure_router

ensure_router()   # before the imports below: a cold server's first run ends here (pages/router.py)

from datetime import date

import streamlit as st

from analysis.lineage import with_predecessors
from loaders.access import can
from loaders.dates import parse_day
from pages import cite
from pages.chart_view import draw
from pages.common import lang, list_selector, page_start, platforms_of, selected_ministries, t, table
from pages.evidence_form import evidence_forms
from pages.session import current_user
from views.progress import compare_choices, stage_names, view_compare, view_evidence, view_progress, view_timeline

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

view = view_progress(snap, list_id, on, selected_ministries(), lang())
if view["notices"]["demo"]:
    st.warning(t("shared.demo"), icon=":material/science:")
if view["notices"]["no_update"]:
    st.info(view["notices"]["no_update"], icon=":material/info:")
show_uncertain = st.toggle(t("evidence.show_uncertain"), key="show_uncertain", help=t("evidence.show_uncertain_help"))
st.caption(t("evidence.legend"))

for col, metric in zip(st.columns(4), view["metrics"]):
    col.metric(metric["label"], metric["value"])
    col.caption(metric["caption"])
if view["unnamed"]:
    st.caption(view["unnamed"])
if view["no_events"]:
    st.info(t("shared.no_events"))

# The figures are built once per list, date, language and filter and shared by every session;
# each chart's figures in a table under it (an inferred stage marked ≈), its sources in the notes below.
draw(view["overall"], "overall_chart")   # its table follows, with its downloads
table(view["stage_table"], "giai-doan", "stage_table", list_id, on)
if view["per_ministry"] is not None:
    draw(view["per_ministry"], "ministry_chart")
if view["burnup"] is not None:
    draw(view["burnup"], "burnup_chart")
    st.caption(t("evidence.before_listing"))
cite.show(view["stage_notes"])   # where each stage of the figures above comes from, the inferred ones marked

st.subheader(t("shared.overdue"))
if view["overdue"].empty:
    st.caption(t("shared.overdue_none"))
else:
    table(view["overdue"], "qua-han", "overdue_table", list_id, on)

st.subheader(t("shared.timeline"))
keys = view["platforms"]
if keys:
    chosen = st.selectbox(t("shared.platform"), list(keys), key="timeline_platform")
    steps = view_timeline(snap, list_id, keys[chosen], on, lang(), show_uncertain)
    st.markdown(steps["markdown"])
    for text in steps["captions"]:
        st.caption(text)
    table(steps["table"], "tien-trinh", "timeline_table", list_id, on)

evidence = view_evidence(snap, list_id, selected_ministries(), lang(), show_uncertain)
if len(evidence):
    st.subheader(t("evidence.table_title"))
    table(evidence, "bang-chung", "evidence_table", list_id, on)
user = current_user()
if can(user, "edit_evidence"):   # a courtesy: the write checks the role (and an editor's body) itself
    writable_rows = snap.platform_current[snap.platform_current["list_id"] == list_id]
    if user.role == "ministry_editor":
        writable_rows = writable_rows[writable_rows["ministry_code"].isin(with_predecessors(snap.body, [user.body_code]))]
    evidence_forms(snap, list_id, user, writable_rows.sort_values("name"), stage_names(snap, lang()))
missing = view["missing"]
if len(missing):
    st.subheader(f"{t('evidence.none_found_title')} ({len(missing)})")
    table(missing, "chua-co-bang-chung", "no_evidence_table", list_id, on)
    cite.show(view["missing_cite"])   # the list's document

with st.expander(t("shared.compare")):
    choices = compare_choices(snap, list_id)
    ids, label = choices["ids"], choices["label"]
    a_col, b_col = st.columns(2)
    a = a_col.selectbox(t("shared.version_a"), ids, index=ids.index(choices["a"]), key="cmp_a", format_func=label.get)
    b = b_col.selectbox(t("shared.version_b"), ids, index=ids.index(choices["b"]), key="cmp_b", format_func=label.get)
    diff = view_compare(snap, a, b, platforms_of(a), platforms_of(b), lang())
    st.caption(t("shared.compare_note"))
    if diff.empty:
        st.info(t("shared.compare_same"))
    else:
        table(diff, "so-sanh", "diff_table", list_id)
