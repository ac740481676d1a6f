"""Upload a platform list or a progress file, preview what will be loaded and what is rejected,
confirm near matches, commit; the import log."""
from __future__ import annotations

import io
import json
import time
from datetime import date

import pandas as pd
import streamlit as st

from loaders import logs
from loaders.access import can
from loaders.commits import commit_adoption, commit_import, commit_progress, register_list
from loaders.ingest import preview, preview_adoption, preview_progress
from loaders.messages import LoaderError, Message
from loaders.progress import confirm
from loaders.register import Registration
from loaders.template import build_template
from pages.common import (
    body_name,
    data_version,
    db_path,
    lang,
    list_titles,
    page_start,
    plain,
    rejected_for,
    t,
    table,
)
from pages.session import current_user
from reports.content import import_log_table, province_name, province_names

snap = page_start("imports.title", filter_note_shown=False)
user = current_user()
st.write(t("imports.intro"))
st.download_button(t("imports.template"), data=lambda: build_template(snap.body.to_dict("records"), date.today()),
                   file_name="mau-danh-sach-nen-tang.xlsx", on_click="ignore", icon=":material/download:",
                   mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", key="template")

done = st.session_state.pop("import_done", None)
if done:
    st.success(done)



def register_form() -> None:
    """Register a new list (kind, province, issuer, document number, date) before importing it."""
    provinces = {**dict(zip(snap.province_2025["code"], snap.province_2025["name_vi"])),
                 **{c: f"{n} (trước 01/07/2025)" for c, n in zip(snap.province_2024["code"], snap.province_2024["name_vi"])
                    if c not in set(snap.province_2025["code"])}}
    with st.form("register_form", clear_on_submit=False):
        r1, r2 = st.columns(2)
        new_id = r1.text_input(t("imports.reg_id"), max_chars=63, placeholder="province-40-2026", key="reg_id")
        reg_kind = r2.selectbox(t("imports.reg_kind"), ["provincial", "national", "shared"], key="reg_kind",
                                format_func={k: t(f"imports.reg_kind.{k}") for k in ("provincial", "national", "shared")}.get)
        title = st.text_input(t("imports.reg_title"), max_chars=300, key="reg_title")
        r3, r4, r5 = st.columns(3)
        province = r3.selectbox(t("imports.reg_province"), [None, *sorted(provinces, key=provinces.get)], key="reg_province",
                                format_func=lambda c: "—" if c is None else f"{provinces[c]} ({c})")
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
                st.session_state["import_done"] = t("imports.registered", list_id=row["list_id"])
                st.rerun()


if can(user, "register_list"):
    with st.expander(t("imports.register"), icon=":material/playlist_add:"):
        register_form()

lists = snap.platform_list.set_index("list_id")
KINDS = tuple(k for k, action in (("list", "import_list"), ("progress", "import_progress"), ("adoption", "import_adoption"))
              if can(user, action, list_kind="shared"))
upload = None
if not KINDS:   # the write paths check the role too: this only spares a viewer a form that would be refused
    st.info(t("auth.need_import", role=t(f"role.{user.role}")), icon=":material/lock:")
else:
    if user.role == "ministry_editor":
        st.caption(t("auth.editor_scope", body=body_name(snap, user.body_code)))
    elif user.role == "province_reviewer":
        st.caption(t("auth.reviewer_scope", province=province_name(snap, user.province_code, lang())))
    kind = st.radio(t("imports.kind"), KINDS, key="import_kind", horizontal=True,
                    format_func={k: t(f"imports.kind_{k}") for k in KINDS}.get)
    c1, c2 = st.columns(2)
    loaded = set(snap.platform_current["list_id"])
    choices = {"list": [i for i in lists.index if can(user, "import_list", list_kind=lists.loc[i, "kind"])],
               "progress": [i for i in lists.index if lists.loc[i, "kind"] == "shared"],
               "adoption": [i for i in lists.index if lists.loc[i, "kind"] != "provincial" and i in loaded]}[kind]
    list_id = c1.selectbox(t("imports.list"), choices, key=f"import_list_{kind}", format_func=list_titles(snap).get)
    if kind == "list":
        as_of = c2.date_input(t("imports.as_of"), value=pd.Timestamp(lists.loc[list_id, "as_of"]).date(),
                              key=f"import_as_of_{list_id}", format="DD/MM/YYYY")
    else:
        as_of = None
        c2.caption(t(f"imports.{kind}_help"))
    # A new key after each commit empties the uploader, so a committed file is not previewed again.
    upload = st.file_uploader(t("imports.file"), type=["xlsx", "xls", "ods", "csv", "tsv", "txt"],
                              key=f"import_file_{st.session_state.get('import_round', 0)}")
    strict = st.checkbox(t("imports.strict"), key="import_strict")


def rejected_frame(items: list[tuple[int, Message]]) -> pd.DataFrame:
    return pd.DataFrame({t("col.row_no"): [r for r, _ in items], t("col.reason"): [m.text(lang()) for _, m in items]})


def show_header(parsed, loaded: int) -> None:
    st.subheader(t("imports.preview"))
    st.caption(t("imports.found_in", sheet=plain(parsed.sheet), row=parsed.header_row_no))
    m1, m2, m3 = st.columns(3)
    m1.metric(t("imports.read"), parsed.rows_read)
    m2.metric(t("imports.to_load"), loaded)
    m3.metric(t("imports.rejected"), len(parsed.rejected))
    for warning in parsed.warnings:
        st.warning(plain(warning.text(lang())))
    if parsed.rejected:
        st.markdown(f"**{t('imports.rows_rejected')}**")
        st.dataframe(rejected_frame(parsed.rejected), hide_index=True, key="preview_rejected")


def finish(commit) -> None:
    started = time.perf_counter()
    try:
        outcome = commit()
    except LoaderError as exc:
        logs.event("import", kind=kind, list_id=list_id, outcome="refused", reason=exc.message.code,
                   duration_ms=round((time.perf_counter() - started) * 1000, 1))
        st.error(f"{plain(upload.name)}: {plain(exc.text(lang()))}")
        return
    logs.event("import", kind=kind, list_id=list_id, import_id=outcome.import_id, outcome="duplicate" if outcome.duplicate
               else "loaded", rows_loaded=outcome.rows_loaded, rows_rejected=outcome.rows_rejected,
               duration_ms=round((time.perf_counter() - started) * 1000, 1), data_version=logs.version_id(data_version()))
    key = "imports.duplicate" if outcome.duplicate else "imports.committed"
    st.session_state["import_round"] = st.session_state.get("import_round", 0) + 1
    st.session_state["import_done"] = t(key, import_id=outcome.import_id, loaded=outcome.rows_loaded,
                                        rejected=outcome.rows_rejected)
    st.rerun()


def previewed(compute):
    """The preview of the file in the uploader, parsed once while it sits there: a rerun (the
    strict box, the language, a table sorted) reuses it. Keyed on the upload (Streamlit gives each
    upload its own id, so a file is not hashed again on every rerun), what it is imported as, the
    user and the database version; a refusal is kept too."""
    key = (kind, upload.file_id, list_id, as_of, user, data_version())
    kept = st.session_state.get("import_preview")
    if kept is None or kept[0] != key:
        try:
            kept = (key, compute(), None)
        except LoaderError as exc:
            kept = (key, None, exc)
        st.session_state["import_preview"] = kept
    if kept[2] is not None:
        raise kept[2]
    return kept[1]


def list_flow(data: bytes) -> None:
    parsed, meta = previewed(lambda: preview(io.BytesIO(data), db_path(), list_id, as_of, user=user))
    show_header(parsed, parsed.row_count)
    rows = pd.DataFrame(parsed.columns)
    st.markdown(f"**{t('imports.rows_to_load')}**")
    if not rows.empty:
        st.dataframe(pd.DataFrame({
            t("col.row_no"): rows["row_no"], t("col.name"): rows["name"], t("col.as_written"): rows["ministry_as_written"],
            t("col.body"): rows["ministry_code"].map(lambda c: body_name(snap, c))}), hide_index=True, key="preview_rows")
    if st.button(t("imports.commit"), type="primary", key="import_commit"):
        finish(lambda: commit_import(db_path(), parsed, list_id=list_id, as_of=meta["as_of"], file_name=upload.name,
                                     strict=strict, user=user))


def progress_flow(data: bytes) -> None:
    parsed, stages, reached = preview_progress(io.BytesIO(data), db_path(), list_id, user=user)
    show_header(parsed, len(parsed.events) + len(parsed.targets))
    accepted: set[int] = set()
    if parsed.pending:
        st.markdown(f"**{t('imports.pending')}**")
        table = pd.DataFrame({t("col.row_no"): [p["row_no"] for p in parsed.pending],
                              t("col.as_written"): [p["written"] for p in parsed.pending],
                              t("imports.suggestion"): [p["platform_name"] for p in parsed.pending],
                              t("col.score"): [p["score"] for p in parsed.pending],
                              t("imports.accept"): False})
        edited = st.data_editor(table, hide_index=True, key="pending_editor",
                                disabled=[c for c in table.columns if c != t("imports.accept")])
        accepted = set(edited.loc[edited[t("imports.accept")], t("col.row_no")])
    stage_name = dict(zip(snap.stage["stage_id"], snap.stage["name_en" if lang() == "en" else "name_vi"]))
    ready = parsed.events + parsed.targets
    if ready:
        st.markdown(f"**{t('imports.rows_to_load')}**")
        st.dataframe(pd.DataFrame({
            t("col.row_no"): [e["row_no"] for e in ready], t("col.name"): [e["platform_name"] for e in ready],
            t("col.stage"): [stage_name[e["stage_id"]] for e in ready], t("col.date"): [e["event_date"] for e in ready],
            t("col.target_date"): [e["target_date"] for e in ready], t("col.document"): [e["document_no"] for e in ready],
        }), hide_index=True, key="preview_rows")
    if st.button(t("imports.commit"), type="primary", key="import_commit"):
        confirm(parsed, accepted, dict(reached), stages)
        finish(lambda: commit_progress(db_path(), parsed, list_id=list_id, today=date.today(), file_name=upload.name,
                                       strict=strict, user=user))


def adoption_flow(data: bytes) -> None:
    parsed = previewed(lambda: preview_adoption(io.BytesIO(data), db_path(), list_id, user=user))
    show_header(parsed, len(parsed.rows))
    if parsed.rows:
        rows = pd.DataFrame(parsed.rows)
        st.markdown(f"**{t('imports.rows_to_load')}**")
        st.dataframe(pd.DataFrame({
            t("col.row_no"): rows["row_no"], t("col.as_written"): rows["province_as_written"],
            t("col.province"): rows["current_province_code"].map(province_names(snap, lang())),
            t("col.commune"): rows["commune"], t("col.name"): rows["platform_name"],
            t("col.status"): rows["status"].map(lambda v: t(f"adoption.{v}")), t("col.date"): rows["status_date"],
        }), hide_index=True, key="preview_rows")
    if st.button(t("imports.commit"), type="primary", key="import_commit"):
        finish(lambda: commit_adoption(db_path(), parsed, list_id=list_id, today=date.today(), file_name=upload.name,
                                       strict=strict, user=user))


FLOWS = {"list": list_flow, "progress": progress_flow, "adoption": adoption_flow}
if upload is not None:
    try:
        FLOWS[kind](upload.getvalue())
    except LoaderError as exc:
        st.error(f"{plain(upload.name)}: {plain(exc.text(lang()))}")

st.subheader(t("imports.log"))
log = snap.import_log
table(import_log_table(snap, lang()), "nhat-ky-nap", "import_log")

with_rejections = log[log["rows_rejected"] > 0]["import_id"].tolist()
if with_rejections:
    chosen = st.selectbox(t("imports.rejections_of"), with_rejections, key="import_rejections")
    rejected = rejected_for(chosen)
    texts = [Message(r.reason_code, json.loads(r.detail)).text(lang()) if r.reason_code else r.reason
             for r in rejected.itertuples()]
    st.dataframe(pd.DataFrame({t("col.row_no"): rejected["row_no"], t("col.reason"): texts}), hide_index=True,
                 key="log_rejected")
