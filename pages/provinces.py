"""A province: which central platforms it uses, which local systems look like duplicates, which
proposed investments overlap the centre; the review queue; the adoption matrix (layout only:
what it shows is ``views.provinces.view_provinces``; the review goes through loaders.commits)."""
from __future__ import annotations

from pages.router import ensure_router

ensure_router()   # before the imports below: a cold server's first run ends here (pages/router.py)

from datetime import date

import streamlit as st

from loaders.access import can
from loaders.adoption_template import build_adoption_template
from loaders.commits import review_match
from loaders.messages import LoaderError
from pages import cite
from pages.chart_view import draw
from pages.common import XLSX, column_rules, db_path, from_url, lang, page_start, plain, selected_ministries, t, table, to_url
from pages.session import current_user
from views.provinces import province_choices, view_provinces

snap = page_start("provinces.title")


def pair_id(row: dict) -> str:
    """A candidate pair by what it is: the local and the central platform's list and key."""
    return "\x1f".join(str(row[c]) for c in ("list_id", "name_key", "central_list_id", "central_key"))


user = current_user()
today = date.today()
choices = province_choices(snap, lang(), today)
codes, with_lists = choices["codes"], choices["with_lists"]
default = user.province_code if user.province_code in codes else (with_lists[0] if with_lists else codes[0])
from_url("province", codes, default)
province = st.selectbox(t("provinces.province"), codes, key="province", format_func=choices["names"].get)
to_url("province", default)
view = view_provinces(snap, province, selected_ministries(), lang(), today)
st.caption(view["map_note"])

if not view["list_ids"]:
    st.info(t("provinces.no_list", name=view["name"]))
else:
    st.caption(view["lists"])
    for text, captions in view["published"]:
        st.info(text)
        cite.show(captions)
    for col, (label, value) in zip(st.columns(4), view["metrics"]):
        col.metric(label, value)
    if view["flagged"] is not None:
        st.warning(view["flagged_alert"], icon=":material/report:")
        st.dataframe(view["flagged"], hide_index=True, column_config=column_rules(view["flagged"]), key="flagged")
    cite.show(view["lists_cite"])   # the figures and the flagged rows above come from these lists

    st.subheader(t("provinces.overlap"))
    st.caption(view["match_note"])
    table(view["overlap"], "doi-chieu-tinh", "province_overlap", view["list_ids"][0], today)
    cite.show(view["lists_cite"])

    st.subheader(t("provinces.queue"))
    queue = view["queue"]
    done = st.session_state.pop("review_done", None)
    if done:
        st.success(done)
    if queue.empty:
        st.caption(t("provinces.queue_empty"))
    elif not can(user, "review", province=province):   # the write checks the role too
        st.dataframe(view["queue_table"], hide_index=True, column_config=column_rules(view["queue_table"]),
                     key="queue_readonly")
        cite.show(view["lists_cite"])
        st.info(t("auth.need_review"), icon=":material/lock:")
    else:
        # The picker's value is the pair itself (list, local key, central list, central key), not a
        # row position: after a decision the queue is one shorter and a position would name another pair.
        pairs = {pair_id(r): r for r in queue.to_dict("records")}
        labels = {k: f"{r['name']} → {r['central_name']} ({r['score']:g})" for k, r in pairs.items()}
        if st.session_state.get("review_pick") not in pairs:
            st.session_state.pop("review_pick", None)
        with st.form("review_form", clear_on_submit=True):
            pick = st.selectbox(t("provinces.pick"), list(labels), format_func=labels.get, key="review_pick")
            decision = st.radio(t("provinces.decision"), ["confirm", "dismiss"], horizontal=True, key="review_decision",
                                format_func={d: t(f"provinces.decision.{d}") for d in ("confirm", "dismiss")}.get)
            note = st.text_area(t("provinces.review_note"), max_chars=1000, key="review_note")
            if st.form_submit_button(t("provinces.submit"), type="primary"):
                r = pairs[pick]
                try:
                    with st.spinner(t("provinces.recording")):
                        decision_id = review_match(db_path(), list_id=r["list_id"], name_key=r["name_key"],
                                                   central_list_id=r["central_list_id"], central_key=r["central_key"],
                                                   decision=decision, user=user, note=note)
                except LoaderError as exc:
                    st.error(plain(exc.text(lang())))
                else:
                    st.session_state["review_done"] = t("provinces.reviewed", id=decision_id)
                    st.rerun()

st.subheader(t("provinces.adoption"))
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
