"""Citations as the pages show them, in words and without Streamlit: a caption naming each
document by number and date as a Markdown link, with the hover text (the edition read, the
basis); inferred figures carry ``≈``. The logic of citing is in ``analysis/citations.py``; the
pages draw what this returns (``pages/cite.py``)."""
from __future__ import annotations

import re
from collections.abc import Iterable

import pandas as pd

from analysis import citations as c
from views import memo
from views.words import tr

INFERRED = c.INFERRED
Caption = tuple[str, str]   # (Markdown, hover text); ("", "") when there is nothing to cite

# inline: emphasis, code, links, HTML, maths; ":" and "@" stop autolinks (http://, e-mail) and
# Streamlit's :icon: and :colour[...] directives
_MARKDOWN = str.maketrans({ch: "\\" + ch for ch in "\\`*_[]<>~$|:@"})
_LINE_START = re.compile(r"^(\s*)(?:([#>+=-])|(\d+)([.)]))")           # headings, quotes, lists


def plain(text: object) -> str:
    """Text from data or input (a platform, file or list name, a message quoting one) made safe
    for Streamlit's Markdown: shown as typed, never as formatting, a link, an image or a colour
    directive (``:red[...]`` needs brackets)."""
    return _LINE_START.sub(lambda m: m.group(1) + ("\\" + m.group(2) if m.group(2) else m.group(3) + "\\" + m.group(4)),
                           str(text).translate(_MARKDOWN))


LINKS_KEPT = 4096   # (source, language) pairs kept per documents table (sources come from stored data)


def links(docs: pd.DataFrame, source: object, lang: str) -> Caption:
    """(Markdown of the source's documents as links, the hover text). Kept per documents table
    (one per data version): a view with a filter cites the same documents as without it."""
    if not isinstance(source, (str, type(None))):
        return _links(docs, source, lang)
    kept = memo.of_object(docs, "links", dict)
    key = (source, lang)
    found = kept.get(key)
    if found is None:
        if len(kept) >= LINKS_KEPT:
            kept.clear()
        found = kept[key] = _links(docs, source, lang)
    return found


def _links(docs: pd.DataFrame, source: object, lang: str) -> Caption:
    parts, hover = [], []
    for cit in c.cite(docs, source, lang):
        text = plain(c.mark(cit.label, cit.basis))   # a document whose number or date is inferred
        parts.append(f"[{text}]({cit.url})" if cit.url else text)
        if cit.doc_id:
            hover.append(f"{cit.label}: {cit.hover}")
    return " · ".join(parts), "\n\n".join(hover)


def caption(docs: pd.DataFrame, source: object, lang: str, basis: object = None) -> Caption:
    """``Nguồn: <links>`` under a figure, with the basis when it is not plainly published."""
    body, hover = links(docs, source, lang)
    if not body:
        return "", ""
    text = f"{tr('common.source', lang)}: {body}"
    kind = c.basis_kind(basis)
    if basis is not None and kind != "published":
        why = plain(c.basis_label(basis, lang))
        text += f" — :gray[{INFERRED if kind == 'inferred' else ''} {why}]".replace("[ ", "[")
        hover = f"{c.basis_label(basis, lang)}\n\n{hover}"
    return text, hover


def footnote(docs: pd.DataFrame, sources: Iterable, lang: str) -> Caption:
    """One caption naming every document behind a table's rows (each once, in order)."""
    seen: dict[str, str] = {}   # document id -> the reference shown (a row's note dropped: it is the row's)
    for s in sources:
        if isinstance(s, str) and s:
            for part in (p.strip() for p in s.split(c.SEPARATOR)):
                seen.setdefault(part.split(" (", 1)[0], part.split(" (", 1)[0])
    return caption(docs, c.SEPARATOR.join(seen.values()), lang) if seen else ("", "")


def stage_notes(docs: pd.DataFrame, stages: pd.DataFrame, lang: str) -> list[Caption]:
    """Where the lifecycle stages come from; the inferred ones named with their reason."""
    name = "name_en" if lang == "en" else "name_vi"
    return [footnote(docs, stages["source"], lang)] + [
        (f":gray[{INFERRED} {plain(row[name])}: {plain(c.basis_label(row['basis'], lang))}]", "")
        for row in stages[stages["basis"].map(c.is_inferred)].to_dict("records")]
