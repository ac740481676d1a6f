"""What the About page shows, in words and without Streamlit: the documents by kind, the guidance of
dispatch 2291 with its addressees, the bases of the names in use and every inference, the gaps the
sources leave (on the headline lists of views/headlines.py), and when each reference file was last
checked. The decisions are analysis/about.py's; the page (pages/about.py) only draws this."""
from __future__ import annotations

import pandas as pd

from analysis import about, citations
from analysis.recognition import DOC_GUIDANCE, Records
from store.snapshot import Snapshot
from views import cites
from views.cites import plain
from views.headlines import NATIONAL, SHARED
from views.memo import derived
from views.scope import body_names
from views.words import tr

KINDS = ("decision", "dispatch", "resolution", "decree", "article", "portal", "dataset")
RELATED = ("qd-1527-2025", "qd-2618-2025")   # the two decisions the relation caption explains


def view_about(snap: Snapshot, records: Records, lang: str) -> dict:
    """Everything the About page draws, memoised per data version and language (``records`` are the
    recognition records of the same version). Captions are ``views.cites`` (markdown, hover) pairs."""
    return derived(snap, ("view_about", lang), lambda: _compute(snap, records, lang))


def _compute(snap: Snapshot, records: Records, lang: str) -> dict:
    docs = snap.document
    return {"documents": documents(docs, lang), **relation(docs, lang), "guidance": guidance(snap, records, lang),
            "bases": bases(snap, lang), "inferences": "\n".join(
                f"- :gray[{citations.INFERRED} {plain(what)}: {plain(citations.basis_label(why, lang))}]"
                for what, why in about.inferences(snap, lang)),
            **gaps(snap, lang), "checked": checked(snap, lang),
            "checked_cite": cites.footnote(docs, snap.reference_check["against"], lang)}


def documents(docs: pd.DataFrame, lang: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """(the kind's heading, its lines as (markdown, doc_id)) for each kind of document held; the page
    appends each document's open corrections (pages/flags.py)."""
    out = []
    for kind in KINDS:
        rows = docs[docs["kind"] == kind].to_dict("records")
        if rows:
            out.append((tr(f"doc.kind.{kind}", lang), [(_document_line(r, lang), r["doc_id"]) for r in rows]))
    return out


def _document_line(r: dict, lang: str) -> str:
    label = plain(citations.mark(citations.document_label(r, lang), r["basis"]))
    head = f"[{label}]({r['url']})" if isinstance(r["url"], str) and r["url"] else label
    title = r["title_en" if lang == "en" else "title_vi"]
    # what the project takes from the document and its caveat, in the reader's language (the
    # Vietnamese marked as the project's translation; an inference's reason from analysis/basis_vi.csv)
    takes, why = citations.document_note(r, lang), citations.document_caveat(r, lang)
    detail = " · ".join(plain(x) for x in (title, citations.edition_label(r, lang), takes) if isinstance(x, str) and x)
    basis = f" — :gray[{plain(why)}]" if isinstance(why, str) and why else ""
    return f"- {head}: {detail}{basis}"


def relation(docs: pd.DataFrame, lang: str) -> dict:
    """How the two decisions relate (``relation``: text or None) and its ``relation_cite``."""
    held = {r["doc_id"]: r for r in docs[docs["doc_id"].isin(RELATED)].to_dict("records")}
    if len(held) < len(RELATED):
        return {"relation": None, "relation_cite": ("", "")}
    a, b = (held[d] for d in RELATED)
    return {"relation": tr("about.relation", lang, a=citations.document_label(a, lang), b=citations.document_label(b, lang)),
            "relation_cite": cites.caption(docs, "qd-1527-2025 ; qd-2618-2025 ; art-vnn-2430037", lang)}


def guidance(snap: Snapshot, records: Records, lang: str) -> dict | None:
    """The six steps of dispatch 2291 (translated) and its sixteen addressees (identified), or None."""
    items, docs = snap.guidance_item, snap.document
    doc = docs[docs["doc_id"] == DOC_GUIDANCE].to_dict("records")
    if items.empty or not doc:
        return None
    steps = items[items["item"] == "step"]
    names = body_names(snap, lang)
    addressees = records.addressee   # the one table of the addressees (addressee_2291)
    return {"title": tr("about.guidance", lang, doc=citations.document_label(doc[0], lang)),
            "steps": "\n".join(f"{int(r['ordinal'])}\\. {plain(r['text_en' if lang == 'en' else 'text_vi'])}"
                               for r in steps.to_dict("records")),
            "steps_cite": cites.caption(docs, " ; ".join(dict.fromkeys(" ; ".join(items["source"]).split(" ; "))),
                                        lang, "translated"),
            "addressees": tr("about.addressees", lang, names=", ".join(names.get(c, str(c)) for c in addressees["body_code"])),
            "addressees_cite": cites.caption(docs, " ; ".join(dict.fromkeys(addressees["source"])), lang, "identified")}


def bases(snap: Snapshot, lang: str) -> str:
    counts = about.name_bases(snap.platform_current)
    return "\n\n".join([tr("about.basis.verbatim", lang), tr("about.basis.translated", lang, n=counts.get("translated", 0)),
                        tr("about.basis.identified", lang, n=counts.get("identified", 0)), tr("about.basis.inferred", lang)])


def gaps(snap: Snapshot, lang: str) -> dict:
    """The gaps on the national and shared headline lists: ``gaps`` (paragraphs), ``gaps_cite``, the
    ``unnamed`` shared platforms (``unnamed_text``, a table or None, ``unnamed_cite``) and the
    ``known`` items of the national list (``known_text``, its lines, ``known_cite``)."""
    docs, gap = snap.document, about.gaps(snap.published_figure, snap.published_count, NATIONAL, SHARED)
    paragraphs = []
    if gap["missing"] is not None:
        paragraphs.append(plain(tr("about.gap_publishers", lang, **{k: gap[k] for k in ("published", "expected", "counted",
                                                                                         "missing")})))
    if gap["beyond"] is not None:
        paragraphs.append(plain(tr("about.gap_platforms", lang, all=gap["all"], bodies=gap["bodies"], gap=gap["beyond"])))
    out = {"gaps": paragraphs, "gaps_cite": cites.caption(docs, "art-153-2024 ; art-vnn-2302345 ; cv-2765-2024", lang),
           "unnamed": None, "known": None}
    unnamed = gap["unnamed"]
    if not unnamed.empty:
        names = body_names(snap, lang)
        out.update(unnamed_text=plain(tr("about.gap_unnamed", lang, n=int(unnamed["count"].sum()))),
                   unnamed=pd.DataFrame({
                       tr("col.body", lang): unnamed["body_code"].map(lambda c: "—" if pd.isna(c) else names.get(c, str(c))),
                       tr("col.count", lang): unnamed["count"], tr("col.sector", lang): unnamed["sector"],
                       tr("col.basis", lang): unnamed["basis"].map(lambda b: citations.basis_text(b, lang)),
                       tr("col.source", lang): citations.source_column(docs, unnamed["source"], lang)}),
                   unnamed_cite=cites.footnote(docs, unnamed["source"], lang))
    known = snap.known_item[snap.known_item["list_id"] == NATIONAL]
    if not known.empty:
        out.update(known_text=plain(tr("about.gap_items", lang, n=len(known))),
                   known="\n".join(f"- {plain(r['name_en' if lang == 'en' else 'name_vi'])}" for r in known.to_dict("records")),
                   known_cite=cites.footnote(docs, known["source"], lang))
    return out


def checked(snap: Snapshot, lang: str) -> pd.DataFrame:
    """When each reference file was last checked, and against what."""
    rows = snap.reference_check
    return pd.DataFrame({tr("col.file", lang): rows["file"], tr("col.checked_on", lang): rows["checked_on"],
                         tr("col.against", lang): citations.source_column(snap.document, rows["against"], lang),
                         tr("col.note", lang): rows["note"]})
