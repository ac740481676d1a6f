"""About the data: the documents, what is verbatim / translated / identified / inferred, the known
gaps, and when each reference file was last checked. Layout only: analysis/about.py decides."""
from __future__ import annotations

from pages.router import ensure_router

ensure_router()   # before the imports below: a cold server's first run ends here (pages/router.py)

import pandas as pd
import streamlit as st

from analysis import about, citations
from pages import cite, flags
from pages.common import body_name, page_start
from pages.data import recognition_records
from pages.language import lang, t
from pages.tables import table
from views.cites import plain

snap = page_start("about.title", filter_note_shown=False)
st.caption(t("about.intro"))

st.subheader(t("about.documents"))
docs = {r["doc_id"]: r for r in snap.document.to_dict("records")}
for kind in ("decision", "dispatch", "resolution", "decree", "article", "portal", "dataset"):
    rows = snap.document[snap.document["kind"] == kind]
    if rows.empty:
        continue
    st.markdown(f"**{t(f'doc.kind.{kind}')}**")
    lines = []
    for r in rows.to_dict("records"):
        label = plain(citations.mark(citations.document_label(r, lang()), r["basis"]))
        head = f"[{label}]({r['url']})" if isinstance(r["url"], str) and r["url"] else label
        title = r["title_en" if lang() == "en" else "title_vi"]
        detail = " · ".join(plain(x) for x in (title, citations.edition_label(r, lang()), r["what_the_project_takes"])
                            if isinstance(x, str) and x)
        basis = f" — :gray[{plain(r['basis'])}]" if isinstance(r["basis"], str) and r["basis"] else ""
        lines.append(f"- {head}: {detail}{basis}{flags.note('document', r['doc_id'])}")
    st.markdown("\n".join(lines))
a, b = docs.get("qd-1527-2025"), docs.get("qd-2618-2025")
if a and b:
    st.caption(t("about.relation", a=citations.document_label(a, lang()), b=citations.document_label(b, lang())))
    cite.caption("qd-1527-2025 ; qd-2618-2025 ; art-vnn-2430037")

guidance = snap.guidance_item
if not guidance.empty and "cv-2291-2024" in docs:
    st.subheader(t("about.guidance", doc=citations.document_label(docs["cv-2291-2024"], lang())))
    steps = guidance[guidance["item"] == "step"]
    st.markdown("\n".join(f"{int(r['ordinal'])}\\. {plain(r['text_en' if lang() == 'en' else 'text_vi'])}"
                          for r in steps.to_dict("records")))
    cite.caption(" ; ".join(dict.fromkeys(" ; ".join(guidance["source"]).split(" ; "))), "translated")
    addressees = recognition_records().addressee   # the one table of the addressees (addressee_2291)
    st.caption(t("about.addressees", names=", ".join(body_name(snap, c) for c in addressees["body_code"])))
    cite.caption(" ; ".join(dict.fromkeys(addressees["source"])), "identified")

st.subheader(t("about.bases"))
counts = about.name_bases(snap.platform_current)
st.markdown("\n\n".join([t("about.basis.verbatim"), t("about.basis.translated", n=counts.get("translated", 0)),
                         t("about.basis.identified", n=counts.get("identified", 0)), t("about.basis.inferred")]))
st.markdown("\n".join(f"- :gray[{citations.INFERRED} {plain(what)}: {plain(why)}]" for what, why in about.inferences(snap, lang())))

st.subheader(t("about.gaps"))
gap = about.gaps(snap.published_figure, snap.published_count)
if gap["missing"] is not None:
    st.markdown(plain(t("about.gap_publishers", **{k: gap[k] for k in ("published", "expected", "counted", "missing")})))
if gap["beyond"] is not None:
    st.markdown(plain(t("about.gap_platforms", all=gap["all"], bodies=gap["bodies"], gap=gap["beyond"])))
cite.caption("art-153-2024 ; art-vnn-2302345 ; cv-2765-2024")
unnamed = gap["unnamed"]
if not unnamed.empty:
    st.markdown(plain(t("about.gap_unnamed", n=int(unnamed["count"].sum()))))
    table(pd.DataFrame({t("col.body"): unnamed["body_code"].map(lambda c: body_name(snap, c)),
                        t("col.count"): unnamed["count"], t("col.sector"): unnamed["sector"],
                        t("col.basis"): cite.basis_column(unnamed["basis"]),
                        t("col.source"): cite.source_column(unnamed["source"])}), "nen-tang-chua-ten", "about_unnamed")
    cite.footnote(unnamed["source"])
known = snap.known_item[snap.known_item["list_id"] == "national-2024"]
if not known.empty:
    st.markdown(plain(t("about.gap_items", n=len(known))))
    st.markdown("\n".join(f"- {plain(r['name_en' if lang() == 'en' else 'name_vi'])}" for r in known.to_dict("records")))
    cite.footnote(known["source"])

st.subheader(t("about.checked"))
checked = snap.reference_check
table(pd.DataFrame({t("col.file"): checked["file"], t("col.checked_on"): checked["checked_on"],
                    t("col.against"): cite.source_column(checked["against"]), t("col.note"): checked["note"]}),
      "doi-chieu-nguon", "about_checked")
cite.footnote(checked["against"])
st.caption(t("about.texts"))
