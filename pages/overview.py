"""Overview: headline figures with their source documents, and platforms per ministry (layout
only: what it shows is ``views.overview.view_overview``)."""
from __future__ import annotations

from pages.router import ensure_router

ensure_router()   # before the imports below: a cold server's first run ends here (pages/router.py)

from datetime import date

import streamlit as st

from pages import cite
from pages.chart_view import draw
from pages.common import DATE_WIDTH, page_start
from pages.data import recognition_records
from pages.filter_state import scope_for, selected_ministries
from pages.language import lang, relabel, t
from pages.links import carried
from pages.tables import XLSX
from pages.tables import table as show_table
from pages.url_state import day_from_url, day_to_url, from_url, to_url
from reports.names import file_name
from reports.pdf import brief
from reports.workbook import full_report
from views.overview import open_corrections, view_overview
from views.scope import default_list

snap = page_start("overview.title")
view = view_overview(snap, selected_ministries(), lang())
flags = open_corrections(snap, recognition_records())
if flags:   # records flagged as wrong and not yet resolved (the Recognition page lists them)
    st.page_link("pages/recognition.py", label=t("rec.flags_open", n=flags), icon=":material/flag:",
                 query_params=carried({"rsec": "corrections"}))   # pages/links.py

for col, metric in zip(st.columns(3), view["metrics"]):
    col.metric(metric["label"], metric["value"])
    cite.show(metric["captions"], metric["cites"], container=col)   # its notes and sources: one caption
if view["chart"] is None:
    st.info(t("filter.empty"))
else:
    draw(view["chart"], "overview_chart")
cite.show(t("overview.chart_note"), view["chart_cite"])

st.header(t("overview.lists"))
show_table(view["lists"], "danh-sach", "lists_table")
cite.show(view["lists_cite"])

st.header(t("report.download"))
titles = view["report_lists"]
report_lists = list(titles)
# ?report_list=shared-2025&d=2025-12-31 (the progress page's link) opens the report on that list and date
report_default = default_list(snap, report_lists)
from_url("report_list", report_lists, report_default)
relabel("report_list")
# the list, the date and the two buttons in one row that wraps on a phone: one block message a run,
# not five (two columns in a row, and the buttons' own row)
row = st.container(horizontal=True, vertical_alignment="bottom")
report_list = row.selectbox(t("col.list"), report_lists, key="report_list", format_func=titles.get, placeholder=t("widget.choose"))
to_url("report_list", report_default)
day_from_url("report_on", "d")
report_on = row.date_input(t("report.as_of"), max_value=date.today(), key="report_on", format="DD/MM/YYYY",
                          help=t("report.as_of_help"), width=DATE_WIDTH)
day_to_url("report_on", "d")
report_scope = scope_for(report_list, report_on)
buttons = row
records = recognition_records()
made_for = t("report.made_for", list=report_list, date=f"{report_scope.on:%d/%m/%Y}")   # what the file will hold
buttons.download_button(t("report.excel"), data=lambda: full_report(snap, report_scope, recognition=records), mime=XLSX,
                        on_click="ignore",
                        file_name=file_name("bao-cao", report_list, report_scope.ministries, report_scope.on, "xlsx"),
                        icon=":material/table_view:", key="report_xlsx", help=made_for)
buttons.download_button(t("report.pdf"), data=lambda: brief(snap, report_scope, records), mime="application/pdf",
                        on_click="ignore",
                        file_name=file_name("tom-tat", report_list, report_scope.ministries, report_scope.on, "pdf"),
                        icon=":material/picture_as_pdf:", key="report_pdf", help=made_for)
