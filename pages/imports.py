"""Upload a list, preview what will be loaded and what is rejected, commit; the import log."""
from __future__ import annotations

import io
from datetime import date
import json
import os

import pandas as pd
import streamlit as st

from loaders.ingest import preview
from loaders.template import build_template
from loaders.messages import LoaderError, Message
from loaders.store import commit_import
from pages.common import ensure_router, body_name, db_path, label_values, lang, list_title, rejected_for, snapshot, t

ensure_router()
snap = snapshot()
st.title(t("imports.title"))
st.write(t("imports.intro"))
st.download_button(t("imports.template"), data=lambda: build_template(snap.body.to_dict("records"), date.today()),
                   file_name="mau-danh-sach-nen-tang.xlsx", on_click="ignore", icon=":material/download:",
                   mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", key="template")

done = st.session_state.pop("import_done", None)
if done:
    st.success(done)

lists = snap.platform_list.set_index("list_id")
c1, c2 = st.columns(2)
list_id = c1.selectbox(t("imports.list"), list(lists.index), key="import_list",
                       format_func=lambda i: list_title(snap, i))
as_of = c2.date_input(t("imports.as_of"), value=pd.Timestamp(lists.loc[list_id, "as_of"]).date(),
                      key=f"import_as_of_{list_id}", format="DD/MM/YYYY")
# A new key after each commit empties the uploader, so a committed file is not previewed again.
upload = st.file_uploader(t("imports.file"), type=["xlsx", "xls", "ods", "csv", "tsv", "txt"],
                          key=f"import_file_{st.session_state.get('import_round', 0)}")
strict = st.checkbox(t("imports.strict"), key="import_strict")


def rejected_frame(items: list[tuple[int, Message]]) -> pd.DataFrame:
    return pd.DataFrame({
        t("col.row_no"): [r for r, _ in items],
        t("col.reason"): [m.text(lang()) for _, m in items],
    })


if upload is not None:
    data = upload.getvalue()
    try:
        parsed, meta = preview(io.BytesIO(data), db_path(), list_id, as_of)
    except LoaderError as exc:
        st.error(f"{upload.name}: {exc.text(lang())}")
    else:
        st.subheader(t("imports.preview"))
        st.caption(t("imports.found_in", sheet=parsed.sheet, row=parsed.header_row_no))
        m1, m2, m3 = st.columns(3)
        m1.metric(t("imports.read"), parsed.rows_read)
        m2.metric(t("imports.to_load"), len(parsed.rows))
        m3.metric(t("imports.rejected"), len(parsed.rejected))
        for warning in parsed.warnings:
            st.warning(warning.text(lang()))
        if parsed.rejected:
            st.markdown(f"**{t('imports.rows_rejected')}**")
            st.dataframe(rejected_frame(parsed.rejected), hide_index=True, key="preview_rejected")
        st.markdown(f"**{t('imports.rows_to_load')}**")
        rows = pd.DataFrame(parsed.rows)
        if not rows.empty:
            st.dataframe(pd.DataFrame({
                t("col.row_no"): rows["row_no"], t("col.name"): rows["name"],
                t("col.as_written"): rows["ministry_as_written"],
                t("col.body"): rows["ministry_code"].map(lambda c: body_name(snap, c)),
            }), hide_index=True, key="preview_rows")
        if st.button(t("imports.commit"), type="primary", key="import_commit"):
            try:
                outcome = commit_import(db_path(), parsed, list_id=list_id, as_of=meta["as_of"],
                                        file_name=upload.name, strict=strict, actor="web")
            except LoaderError as exc:
                st.error(f"{upload.name}: {exc.text(lang())}")
            else:
                key = "imports.duplicate" if outcome.duplicate else "imports.committed"
                st.session_state["import_round"] = st.session_state.get("import_round", 0) + 1
                st.session_state["import_done"] = t(key, import_id=outcome.import_id,
                                                    loaded=outcome.rows_loaded, rejected=outcome.rows_rejected)
                st.rerun()

st.subheader(t("imports.log"))
log = snap.import_log
st.dataframe(pd.DataFrame({
    t("col.import_id"): log["import_id"], t("col.list"): log["list_id"], t("col.file"): log["file_name"],
    t("col.as_of"): log["as_of"], t("col.imported_at"): log["imported_at"],
    t("col.status"): label_values(log["status"], "import"), t("col.rows_read"): log["rows_read"],
    t("col.items"): log["rows_loaded"], t("col.rows_rejected"): log["rows_rejected"],
    t("col.message"): log["message"]}), hide_index=True, key="import_log")

with_rejections = log[log["rows_rejected"] > 0]["import_id"].tolist()
if with_rejections:
    chosen = st.selectbox(t("imports.rejections_of"), with_rejections, key="import_rejections")
    stat = os.stat(db_path())
    rejected = rejected_for(db_path(), (stat.st_mtime_ns, stat.st_size, stat.st_ino), int(chosen))
    messages = [(int(r.row_no), Message(r.reason_code, json.loads(r.detail))) if r.reason_code
                else (int(r.row_no), None) for r in rejected.itertuples()]
    st.dataframe(pd.DataFrame({
        t("col.row_no"): rejected["row_no"],
        t("col.reason"): [m.text(lang()) if m else reason for (_, m), reason in zip(messages, rejected["reason"])],
    }), hide_index=True, key="log_rejected")
