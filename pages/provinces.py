"""A province: which central platforms it uses, which local systems look like duplicates, which
proposed investments overlap the centre; the review queue; the adoption matrix."""
from __future__ import annotations

from pages.router import ensure_router

ensure_router()   # before the imports below: a cold server's first run ends here (pages/router.py)

from datetime import date

import pandas as pd
import streamlit as st

from access.roles import can
from actions.commits import review_match
from analysis import overlap as matching
from analysis import provinces
from analysis.figures import figure, headlines
from loaders.adoption_template import build_adoption_template
from loaders.messages import LoaderError
from pages import cite
from pages.chart_view import show_chart
from pages.charts import adoption_heatmap
from pages.common import XLSX, column_rules, db_path, from_url, lang, ministry_scope, page_start, plain, t, table, to_url
from pages.session import current_user
from reports import content

snap = page_start("provinces.title")


def pair_id(row: dict) -> str:
    """A candidate pair by what it is: the local and the central platform's list and key."""
    return "\x1f".join(str(row[c]) for c in ("list_id", "name_key", "central_list_id", "central_key"))



user = current_user()
today = date.today()
current = provinces.provinces_on(snap.province_2024, snap.province_2025, today)
codes = list(current["code"])
names = dict(zip(current["code"], current["name_en" if lang() == "en" else "name_vi"]))
with_lists = snap.derived(("provinces_with_lists", today), lambda: [
    c for c in codes if provinces.lists_of(snap.platform_list, snap.province_merger, c)])
default = user.province_code if user.province_code in codes else (with_lists[0] if with_lists else codes[0])

from_url("province", codes, default)
province = st.selectbox(t("provinces.province"), codes, key="province", format_func=names.get)
to_url("province", default)
name = names[province]
former = provinces.former_names(snap.province_merger, province)
st.caption(t("provinces.map_note") + (" " + t("provinces.former", names=", ".join(former)) if former else ""))

scope = ministry_scope(snap)
list_ids = provinces.lists_of(snap.platform_list, snap.province_merger, province)
rows = content.province_overlap(snap, province, scope)

if not list_ids:
    st.info(t("provinces.no_list", name=name))
else:
    st.caption(t("provinces.lists", titles="; ".join(plain(content.list_title(snap, i, lang())) for i in list_ids)))
    heads = headlines(snap.published_figure, snap.platform_list)
    for list_id in list_ids:
        in_use, proposed = figure(heads, list_id, "platforms_in_use"), figure(heads, list_id, "platforms_proposed")
        if in_use and proposed:
            named = int((snap.platform_current["list_id"] == list_id).sum())
            st.info(t("provinces.published", in_use=int(in_use["value"]), proposed=int(proposed["value"]),
                      named=named))
            cite.caption(in_use["source"], in_use.get("basis"))
            row = snap.platform_list.set_index("list_id").loc[list_id]
            cite.caption(row["source"], row["basis"])   # the list's date: the article's (inferred)
    figs = provinces.figures(rows)
    c1, c2, c3, c4 = st.columns(4)
    c1.metric(t("provinces.platforms"), figs["platforms"])
    c2.metric(t("provinces.central_in_use"), figs["central_in_use"])
    c3.metric(t("provinces.awaiting"), figs["awaiting_review"])
    c4.metric(t("provinces.proposed_overlap"), figs["proposed_overlap"])
    flagged = rows[(rows["status"] == "proposed") & rows["classification"].isin(["uses_central", "possible_duplicate"])]
    if len(flagged):
        st.warning(t("provinces.proposed_alert", n=len(flagged)), icon=":material/report:")
        shown = content.overlap_display(snap, flagged, lang()).iloc[:, [0, 1, 2, 7, 8, 3]]
        st.dataframe(shown, hide_index=True, column_config=column_rules(shown),
                     key="flagged")
    list_sources = snap.platform_list.loc[snap.platform_list["list_id"].isin(list_ids), "source"]
    cite.footnote(list_sources)   # the figures and the flagged rows above come from these lists

    st.subheader(t("provinces.overlap"))
    st.caption(t("provinces.match_note", uses=matching.USES_CENTRAL, possible=matching.POSSIBLE))
    table(content.overlap_display(snap, rows, lang()), "doi-chieu-tinh", "province_overlap", list_ids[0], today)
    cite.footnote(list_sources)

    st.subheader(t("provinces.queue"))
    queue = provinces.review_queue(rows)
    done = st.session_state.pop("review_done", None)
    if done:
        st.success(done)
    if queue.empty:
        st.caption(t("provinces.queue_empty"))
    elif not can(user, "review", province=province):   # the write checks the role too
        shown = content.overlap_display(snap, queue, lang()).iloc[:, [0, 4, 1, 2, 8]]
        st.dataframe(shown, hide_index=True, column_config=column_rules(shown),
                     key="queue_readonly")
        cite.footnote(list_sources)
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
scope_key = tuple(sorted(scope)) if scope is not None else None
adoption = snap.derived(("adoption_rows", scope_key), lambda: content.adoption_rows(snap, scope))
shared = list(snap.platform_list.loc[snap.platform_list["kind"] == "shared", "list_id"])
template_list = shared[-1] if shared else None
if template_list:
    platform_names = snap.platform_current.loc[snap.platform_current["list_id"] == template_list, "name"].tolist()
    st.download_button(t("provinces.adoption_template"), mime=XLSX, on_click="ignore", icon=":material/download:",
                       file_name=f"mau-tinh-hinh-su-dung_{template_list}.xlsx", key="adoption_template",
                       data=lambda: build_adoption_template(list(current["name_vi"]), platform_names,
                                                            content.list_title(snap, template_list, "vi")))
if adoption.empty:
    st.info(t("provinces.adoption_none"))
else:
    if adoption["is_demo"].any():
        st.warning(t("provinces.adoption_demo"), icon=":material/science:")
    levels = [t(f"adoption.{s}") for s in provinces.ADOPTION_LEVEL]
    matrix = snap.derived(("adoption_matrix", scope_key, lang()), lambda: provinces.adoption_matrix(
        adoption, current.assign(name_vi=current["code"].map(names))))
    by_province = snap.derived(("adoption_by_province", scope_key), lambda: dict(list(
        adoption.groupby("current_province_code"))))
    show_chart(adoption_heatmap(matrix, title=t("provinces.adoption"), level_names=levels, highlight=name),
               "adoption_chart", matrix.map(lambda v: "" if pd.isna(v) else levels[int(v)]).rename_axis(
                   t("provinces.province")).reset_index())
    st.caption(t("provinces.adoption_scale"))
    mine = by_province.get(province, adoption.iloc[0:0])
    st.markdown(f"**{t('provinces.adoption_rows', name=name)}**")
    table(content.adoption_display(snap, mine, lang()), "tinh-hinh-su-dung", "adoption_rows", None, today)
