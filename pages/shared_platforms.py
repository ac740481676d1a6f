"""Progress toward the shared platforms, recomputed from dated events at any date (layout only:
what it shows is ``views.progress``; evidence is written through pages/evidence_form.py)."""
from __future__ import annotations

from pages.router import ensure_router

ensure_router()   # before the imports below: a cold server's first run ends here (pages/router.py)

from datetime import date

import streamlit as st

from access.roles import can
from pages import cite, flags
from pages.chart_view import draw
from pages.common import DATE_WIDTH, list_selector, page_start
from pages.evidence_form import evidence_forms
from pages.filter_state import selected_ministries
from pages.language import lang, t
from pages.links import carried
from pages.list_compare import compare_versions
from pages.session import current_user
from pages.tables import table
from pages.url_state import day_from_url, day_to_url
from views import progress
from views.scope import default_list

snap = page_start("shared.title")

shared = progress.shared_lists(snap)
row = st.container(horizontal=True)   # a row: one block message a run, not three (wraps on a phone)
list_id = list_selector(snap, "shared.list", "plist", shared, shared[0], container=row)
day_from_url("as_of", "d")   # ?d=2025-12-31 opens the page at that date
on = row.date_input(t("shared.as_of"), max_value=date.today(), key="as_of", format="DD/MM/YYYY",
                  width=DATE_WIDTH)
day_to_url("as_of", "d")
# the Excel / PDF report of this list on this date (the overview's report section, opened on both)
# (written as the overview keeps its URL: its default list and today left out, pages/links.py)
overview_default = default_list(snap, list(snap.platform_list["list_id"]))
st.page_link("pages/overview.py", label=t("shared.report_at", date=f"{on:%d/%m/%Y}"), icon=":material/summarize:",
             query_params=carried({"report_list": None if list_id == overview_default else list_id,
                                   "d": None if on == date.today() else on.isoformat()}))   # its own line: never cut at 1024 px

show_uncertain = bool(st.session_state.get("show_uncertain"))   # the toggle below, as it stands this run
choices = (snap, list_id, on, selected_ministries(), lang(), show_uncertain)
view = progress.view_progress(*choices)
if view["demo"]:
    st.warning(t("shared.demo"), icon=":material/science:")
if view["no_update"]:
    st.info(view["no_update"], icon=":material/info:")
show_uncertain = st.toggle(t("evidence.show_uncertain"), key="show_uncertain", help=t("evidence.show_uncertain_help"))
st.caption(t("evidence.legend"))

# a row of metrics, "of which confirmed" under each value in the metric itself: one block and four
# elements a run, not five blocks and eight elements (bench/profile_views.py)
metrics = st.container(horizontal=True)
for label, reached, of_which in view["metrics"]:
    metrics.metric(label, reached, delta=of_which, delta_color="off", delta_arrow="off")
if view["unnamed"]:
    st.caption(view["unnamed"])
if view["no_events"]:
    st.info(t("shared.no_events"))

# Each chart's figures in a table under it (an inferred stage marked ≈), its sources in the notes below.
draw(progress.view_chart(*choices, "overall"), "overall_chart")   # its table follows, with its downloads
table(view["stage_table"], "giai-doan", "stage_table", list_id, on)
if view["per_ministry"] is not None:
    draw(progress.view_chart(*choices, "per_ministry"), "ministry_chart")
if view["burnup"] is not None:
    draw(progress.view_chart(*choices, "burnup"), "burnup_chart")
# where each stage of the figures above comes from, the inferred ones marked: one caption
cite.show(t("evidence.before_listing") if view["burnup"] is not None else "", view["stage_note"])

st.header(t("shared.overdue"))
if view["overdue"] is None:
    st.caption(t("shared.overdue_none"))
else:
    table(view["overdue"], "qua-han", "overdue_table", list_id, on)

st.header(t("shared.timeline"))
keys = view["platforms"]
if keys:
    chosen = st.selectbox(t("shared.platform"), list(keys), key="timeline_platform", placeholder=t("widget.choose"))
    flags.warn("platform", f"{list_id}/{chosen}")   # open corrections of this platform
    steps = progress.view_timeline(snap, list_id, keys[chosen], on, lang(), show_uncertain)
    st.markdown(steps["markdown"])
    cite.show(steps["none_found"] or "", steps["aliases"])   # one caption: no evidence found, other names
    table(steps["table"], "tien-trinh", "timeline_table", list_id, on)

if len(view["evidence"]):
    st.header(t("evidence.table_title"))
    table(view["evidence"], "bang-chung", "evidence_table", list_id, on)
user = current_user()
if can(user, "edit_evidence"):   # a courtesy: the write checks the role (and an editor's body) itself
    evidence_forms(snap, list_id, user)
missing = view["missing"]
if len(missing):
    st.header(f"{t('evidence.none_found_title')} ({len(missing)})")
    table(missing, "chua-co-bang-chung", "no_evidence_table", list_id, on)
    cite.show(view["missing_cite"])   # the list's document

compare_versions(snap, list_id)
