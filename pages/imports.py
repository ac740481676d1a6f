"""Upload a platform list or a progress file, preview what will be loaded and what is rejected,
confirm near matches, commit; the import log."""
from __future__ import annotations

from pages.router import ensure_router

ensure_router()   # before the imports below: a cold server's first run ends here (pages/router.py)

import io
import json
import time
from datetime import date

import pandas as pd
import streamlit as st

from access.roles import can
from actions import pipeline
from actions.commits import register_list
from actions.register import Registration
from loaders import logs
from loaders.adoption_template import build_adoption_template
from loaders.messages import LoaderError, Message
from loaders.paths import DATA_DIR
from loaders.template import build_template
from pages.common import (
    XLSX,
    body_name,
    data_version,
    db_path,
    default_list,
    lang,
    list_titles,
    page_start,
    plain,
    rejected_for,
    t,
    table,
)
from pages.import_views import VIEWS, rows_view
from pages.session import current_user
from views.tables import import_log_table, province_name
from views.tables import list_title as content_list_title

snap = page_start("imports.title", filter_note_shown=False)
user = current_user()
st.write(t("imports.intro"))
st.download_button(t("imports.template"), data=lambda: build_template(snap.body.to_dict("records"), date.today()),
                   file_name="mau-danh-sach-nen-tang.xlsx", on_click="ignore", icon=":material/download:",
                   mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", key="template")

for done in st.session_state.pop("import_done", None) or ():
    st.success(done)



def register_form() -> None:
    """Register a new list (kind, province, issuer, document number, date) before importing it."""
    before = zip(snap.province_2024["code"], snap.province_2024["name_vi"])
    provinces = {**dict(zip(snap.province_2025["code"], snap.province_2025["name_vi"])),
                 **{c: t("imports.reg_province_before", name=n) for c, n in before if c not in set(snap.province_2025["code"])}}
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
                st.session_state["import_done"] = [t("imports.registered", list_id=row["list_id"])]
                st.rerun()


if can(user, "register_list"):
    with st.expander(t("imports.register"), icon=":material/playlist_add:"):
        register_form()

def kind_downloads(kind: str, list_id: str | None, where) -> None:
    """What a person needs to fill a progress or adoption file, as downloads (never a server path):
    the adoption template for the chosen list, and the demo file of the kind."""
    if kind == "adoption" and list_id:
        names = snap.platform_current.loc[snap.platform_current["list_id"] == list_id, "name"].tolist()
        where.download_button(t("provinces.adoption_template"), mime=XLSX, on_click="ignore", icon=":material/download:",
                              file_name=f"mau-tinh-hinh-su-dung_{list_id}.xlsx", key="adoption_template",
                              data=lambda: build_adoption_template(list(snap.province_2025["name_vi"]), names,
                                                                   content_list_title(snap, list_id, "vi")))
    demo = DATA_DIR / "samples" / f"demo-{kind}-shared-2025.csv"
    if demo.is_file():
        where.download_button(t("imports.demo_file"), data=demo.read_bytes(), file_name=demo.name, mime="text/csv",
                              on_click="ignore", icon=":material/science:", key=f"demo_{kind}")


lists = snap.platform_list.set_index("list_id")
KINDS = tuple(name for name, k in pipeline.KINDS.items() if can(user, k.action, list_kind="shared"))
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
    chosen_kind = pipeline.KINDS[kind]
    choices = [i for i in lists.index if lists.loc[i, "kind"] in chosen_kind.applies_to
               and (i in loaded or not chosen_kind.needs_platforms)
               and can(user, chosen_kind.action, list_kind=lists.loc[i, "kind"])]
    list_id = c1.selectbox(t("imports.list"), choices, key=f"import_list_{kind}", format_func=list_titles(snap).get,
                           index=choices.index(default_list(snap, choices)) if choices else None)
    if kind == "list":
        # bounded as actions.guards.check_as_of bounds it (checked again on the server)
        issued = min(filter(pd.notna, [lists.loc[list_id, "issued_on"], lists.loc[list_id, "as_of"]]), default=None)
        first = pd.Timestamp(issued).date() if issued is not None and pd.notna(issued) else date(2000, 1, 1)
        last = date.today()
        default = min(max(pd.Timestamp(lists.loc[list_id, "as_of"]).date(), first), last)
        as_of = c2.date_input(t("imports.as_of"), value=default, min_value=first, max_value=last,
                              key=f"import_as_of_{list_id}", format="DD/MM/YYYY",
                              help=t("imports.as_of_bounds", first=first.strftime("%d/%m/%Y"), last=last.strftime("%d/%m/%Y")))
    else:
        as_of = None
        c2.caption(t(f"imports.{kind}_help"))
        kind_downloads(kind, list_id, c2)
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
    st.session_state["import_done"] = [t(key, import_id=outcome.import_id, loaded=outcome.rows_loaded,
                                         rejected=outcome.rows_rejected)]
    if outcome.changes and not outcome.duplicate:
        st.session_state["import_done"].append(t("imports.committed_changes", **outcome.changes.counts()))
    st.rerun()


def previewed(compute):
    """The preview of the file in the uploader, parsed once while it sits there: a rerun (the
    strict box, the language, a table sorted) reuses it. Keyed on the upload (Streamlit gives each
    upload its own id, so a file is not hashed again on every rerun), what it is imported as, the
    user and the database version; a refusal is kept too."""
    key = (kind, upload.file_id, list_id, as_of, user, data_version())
    kept = st.session_state.get("import_preview")
    if kept is None or kept[0] != key:
        st.session_state.pop("import_remove_missing", None)   # a removal is confirmed for one file, never carried over
        try:
            kept = (key, compute(), None)
        except LoaderError as exc:
            kept = (key, None, exc)
        st.session_state["import_preview"] = kept
    if kept[2] is not None:
        raise kept[2]
    return kept[1]


def import_flow(data: bytes) -> None:
    """Preview (kept while the file sits in the uploader), the kind's view, commit."""
    prev = previewed(lambda: pipeline.preview(pipeline.KINDS[kind], io.BytesIO(data), db_path(), list_id, user=user,
                                              as_of=as_of))
    show_header(prev.parsed, prev.loaded)
    choices = VIEWS.get(kind, rows_view)(prev, snap, user)
    if st.button(t("imports.commit"), type="primary", key="import_commit"):
        finish(lambda: pipeline.commit(prev, db_path(), user=user, file_name=upload.name, strict=strict, **choices))


if upload is not None:
    try:
        import_flow(upload.getvalue())
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
