"""Upload a platform list or a progress file, preview what will be loaded and what is rejected,
confirm near matches, commit; the import log (layout only: the flow is pages/import_flow.py, the
registration form pages/import_register.py, what is shown around them views/imports.py)."""
from __future__ import annotations

from pages.router import ensure_router

ensure_router()   # before the imports below: a cold server's first run ends here (pages/router.py)

from datetime import date

import streamlit as st

from access.roles import can
from loaders.template import build_template
from pages.common import body_name, list_titles, page_start
from pages.data import rejected_for
from pages.import_flow import import_flow
from pages.import_register import kind_downloads, register_form
from pages.language import lang, relabel, t
from pages.session import current_user
from pages.tables import XLSX, table
from views.imports import as_of_bounds, import_kinds, import_lists, imports_with_rejections, past_rejections
from views.scope import default_list
from views.tables import import_log_table, province_name

snap = page_start("imports.title", filter_note_shown=False)
user = current_user()
st.write(t("imports.intro"))
st.download_button(t("imports.template"), data=lambda: build_template(snap.body.to_dict("records"), date.today()),
                   file_name="mau-danh-sach-nen-tang.xlsx", on_click="ignore", icon=":material/download:",
                   mime=XLSX, key="template")

for done in st.session_state.pop("import_done", None) or ():
    st.success(done)

if can(user, "register_list"):
    with st.expander(t("imports.register"), icon=":material/playlist_add:"):
        register_form(snap, user)

KINDS = import_kinds(user)
if not KINDS:   # the write paths check the role too: this only spares a viewer a form that would be refused
    st.info(t("auth.need_import", role=t(f"role.{user.role}")), icon=":material/lock:")
else:
    if user.role == "ministry_editor":
        st.caption(t("auth.editor_scope", body=body_name(snap, user.body_code)))
    elif user.role == "province_reviewer":
        st.caption(t("auth.reviewer_scope", province=province_name(snap, user.province_code, lang())))
    relabel("import_kind")
    kind = st.radio(t("imports.kind"), KINDS, key="import_kind", horizontal=True,
                    format_func={k: t(f"imports.kind_{k}") for k in KINDS}.get)
    c1, c2 = st.columns(2)
    choices = import_lists(snap, user, kind)
    relabel(f"import_list_{kind}")
    list_id = c1.selectbox(t("imports.list"), choices, key=f"import_list_{kind}", format_func=list_titles(snap).get,
                           index=choices.index(default_list(snap, choices)) if choices else None, placeholder=t("widget.choose"))
    if kind == "list":
        first, last, default = as_of_bounds(snap, list_id, date.today())
        as_of = c2.date_input(t("imports.as_of"), value=default, min_value=first, max_value=last,
                              key=f"import_as_of_{list_id}", format="DD/MM/YYYY",
                              help=t("imports.as_of_bounds", first=first.strftime("%d/%m/%Y"), last=last.strftime("%d/%m/%Y")))
    else:
        as_of = None
        c2.caption(t(f"imports.{kind}_help"))
        kind_downloads(snap, kind, list_id, c2)
    # A new key after each commit empties the uploader, so a committed file is not previewed again.
    upload = st.file_uploader(t("imports.file"), type=["xlsx", "xls", "ods", "csv", "tsv", "txt"],
                              key=f"import_file_{st.session_state.get('import_round', 0)}")
    strict = st.checkbox(t("imports.strict"), key="import_strict")
    if upload is not None:
        import_flow(upload, snap, user, kind, list_id, as_of, strict, kept_under="import_preview")   # (pages/upkeep.py)
    else:   # the file removed or committed: its preview is let go (pages/preview_budget.py)
        st.session_state.pop("import_preview", None)

st.header(t("imports.log"))
table(import_log_table(snap, lang()), "nhat-ky-nap", "import_log")

with_rejections = imports_with_rejections(snap)
if with_rejections:
    chosen = st.selectbox(t("imports.rejections_of"), with_rejections, key="import_rejections", placeholder=t("widget.choose"))
    st.dataframe(past_rejections(rejected_for(chosen), lang()), hide_index=True, key="log_rejected")
