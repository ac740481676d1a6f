"""A province: which central platforms it uses, which local systems look like duplicates, which
proposed investments overlap the centre; the review queue; the adoption matrix (layout only:
what it shows is ``views.provinces.view_provinces``; the review goes through actions.commits)."""
from __future__ import annotations

from pages.router import ensure_router

ensure_router()   # before the imports below: a cold server's first run ends here (pages/router.py)

from datetime import date

import streamlit as st

from access.roles import can
from loaders.adoption_template import build_adoption_template
from pages import cite
from pages.chart_view import draw
from pages.common import page_start
from pages.filter_state import selected_ministries
from pages.language import lang, relabel, t
from pages.review_form import review_form
from pages.session import current_user
from pages.tables import XLSX, plain_table, table
from pages.url_state import from_url, to_url
from views.provinces import province_choices, view_provinces

snap = page_start("provinces.title")


user = current_user()
today = date.today()
choices = province_choices(snap, lang(), today)
codes, with_lists = choices["codes"], choices["with_lists"]
public = with_lists[0] if with_lists else codes[0]   # what a link without ?province= opens for anyone
default = user.province_code if user.province_code in codes else public
from_url("province", codes, default)
relabel("province")
province = st.selectbox(t("provinces.province"), codes, key="province", format_func=choices["names"].get,
                        placeholder=t("widget.choose"))
# A link opens the same province in any browser: left out of the URL only when it is the one a
# stranger gets by default (a reviewer's own province is their default, not their colleague's).
to_url("province", public if default == public else None)
view = view_provinces(snap, province, selected_ministries(), lang(), today)

if not view["list_ids"]:
    st.caption(view["map_note"])
    st.info(t("provinces.no_list", name=view["name"]))
else:
    cite.show(view["lists"], view["map_note"])   # one caption: which lists, how provinces are mapped
    for text, captions in view["published"]:
        st.info(text)
        cite.show(captions)
    metrics = st.container(horizontal=True)   # a row of metrics: one block message, not five
    for label, value in view["metrics"]:
        metrics.metric(label, value)
    if view["flagged"] is not None:
        st.warning(view["flagged_alert"], icon=":material/report:")
        plain_table(view["flagged"], "flagged")
    cite.show(view["lists_cite"])   # the figures and the flagged rows above come from these lists

    st.header(t("provinces.overlap"))
    st.caption(view["match_note"])
    table(view["overlap"], "doi-chieu-tinh", "province_overlap", view["list_ids"][0], today)
    cite.show(view["lists_cite"])

    st.header(t("provinces.queue"))
    queue = view["queue"]
    done = st.session_state.pop("review_done", None)
    if done:
        st.success(done)
    if queue.empty:
        st.caption(t("provinces.queue_empty"))
    elif not can(user, "review", province=province):   # the write checks the role too
        plain_table(view["queue_table"], "queue_readonly")
        cite.show(view["lists_cite"])
        st.info(t("auth.need_review"), icon=":material/lock:")
    else:
        review_form(queue, user)

st.header(t("provinces.adoption"))
adoption = view["adoption"]
if adoption["template_list"]:
    st.download_button(t("provinces.adoption_template"), mime=XLSX, on_click="ignore", icon=":material/download:",
                       file_name=f"mau-tinh-hinh-su-dung_{adoption['template_list']}.xlsx", key="adoption_template",
                       data=lambda: build_adoption_template(adoption["template_provinces"], adoption["template_platforms"],
                                                            adoption["template_title"]))
if adoption["empty"]:
    st.info(t("provinces.adoption_none"))
else:
    if adoption["demo"]:
        st.warning(t("provinces.adoption_demo"), icon=":material/science:")
    draw(adoption["chart"], "adoption_chart")
    st.caption(t("provinces.adoption_scale"))
    st.markdown(f"**{adoption['rows_title']}**")
    table(adoption["rows"], "tinh-hinh-su-dung", "adoption_rows", None, today)
