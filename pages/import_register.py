"""The import page's two helper blocks: the form registering a new list before its first import
(through ``actions.commits.register_list``), and the downloads a person needs to fill a progress or
adoption file (layout only)."""
from __future__ import annotations

from datetime import date

import streamlit as st

from access.roles import User
from actions.commits import register_list
from actions.register import Registration
from loaders.adoption_template import build_adoption_template
from loaders.messages import LoaderError
from loaders.paths import DATA_DIR
from pages.data import db_path
from pages.language import lang, relabel, t
from pages.tables import XLSX
from store.snapshot import Snapshot
from views.cites import plain
from views.imports import platform_names, register_provinces
from views.tables import list_title

KINDS = ("provincial", "national", "shared")


def register_form(snap: Snapshot, user: User) -> None:
    """Register a new list (kind, province, issuer, document number, date) before importing it."""
    provinces = register_provinces(snap, lang())
    with st.form("register_form", clear_on_submit=False):
        r1, r2 = st.columns(2)
        new_id = r1.text_input(t("imports.reg_id"), max_chars=63, placeholder="province-40-2026", key="reg_id")
        relabel("reg_kind")
        reg_kind = r2.selectbox(t("imports.reg_kind"), list(KINDS), key="reg_kind",
                                format_func={k: t(f"imports.reg_kind.{k}") for k in KINDS}.get, placeholder=t("widget.choose"))
        title = st.text_input(t("imports.reg_title"), max_chars=300, key="reg_title")
        r3, r4, r5 = st.columns(3)
        relabel("reg_province")
        province = r3.selectbox(t("imports.reg_province"), [None, *sorted(provinces, key=provinces.get)], key="reg_province",
                                format_func=lambda c: "—" if c is None else f"{provinces[c]} ({c})", placeholder=t("widget.choose"))
        issued = r4.date_input(t("imports.reg_date"), value=date.today(), max_value=date.today(), key="reg_date",
                               format="DD/MM/YYYY")
        document = r5.text_input(t("imports.reg_document"), max_chars=100, key="reg_document")
        issuer = st.text_input(t("imports.reg_issuer"), max_chars=300, key="reg_issuer")
        if st.form_submit_button(t("imports.reg_submit"), type="primary"):
            try:
                row = register_list(db_path(), Registration(new_id, reg_kind, title, issued, None, province, issuer,
                                                            document), user=user)
            except LoaderError as exc:
                st.error(plain(exc.text(lang())))
            else:
                st.session_state["import_done"] = [t("imports.registered", list_id=row["list_id"])]
                st.rerun()


def kind_downloads(snap: Snapshot, kind: str, list_id: str | None, where) -> None:
    """What a person needs to fill a progress or adoption file, as downloads (never a server path):
    the adoption template for the chosen list, and the demo file of the kind."""
    if kind == "adoption" and list_id:
        names = platform_names(snap, list_id)
        where.download_button(t("provinces.adoption_template"), mime=XLSX, on_click="ignore", icon=":material/download:",
                              file_name=f"mau-tinh-hinh-su-dung_{list_id}.xlsx", key="adoption_template",
                              data=lambda: build_adoption_template(list(snap.province_2025["name_vi"]), names,
                                                                   list_title(snap, list_id, "vi")))
    demo = DATA_DIR / "samples" / f"demo-{kind}-shared-2025.csv"
    if demo.is_file():
        where.download_button(t("imports.demo_file"), data=demo.read_bytes(), file_name=demo.name, mime="text/csv",
                              on_click="ignore", icon=":material/science:", key=f"demo_{kind}")
