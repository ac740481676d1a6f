"""Citations: a ``source`` value -> the documents behind it, labelled for a reader.

A document is named by kind, number and date (``Công văn 2765/BTTTT-CĐSQG (15/07/2024)``), an
article by publisher and date (``vietnamnet.vn (07/2024)``). Every label comes with the document's
link, the edition actually read and its basis; the pages render them (``pages/cite.py``), the reports
print them. No Streamlit here.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analysis.basis_vi import why_vi
from i18n.catalogue import tr
from store.documents import SEPARATOR, parse_refs

BASIS_KINDS = ("published", "verbatim", "items", "translated", "identified", "inferred")
INFERRED = "≈"   # the mark of an inference, on screen, in downloads and in the PDF


@dataclass(frozen=True)
class Citation:
    doc_id: str | None       # None: free text (a user's own source), shown as written
    label: str               # number and date, or publisher and date
    url: str | None
    edition: str             # the edition read, in the reader's language
    basis: str               # the document's own caveat ('' when none), as the register writes it
    note: str                # what this citation points at inside the document
    caveat: str = ""         # the caveat in the reader's language (``document_caveat``)

    @property
    def hover(self) -> str:
        parts = [self.edition, self.caveat, self.note]
        return " · ".join(p for p in parts if p)


def _present(value: object) -> object:
    return None if value is None or (not isinstance(value, str) and pd.isna(value)) else value


def documents_by_id(documents: pd.DataFrame) -> dict[str, dict]:
    """doc_id -> the document's fields (missing values as None)."""
    return {r["doc_id"]: {k: _present(v) for k, v in r.items()} for r in documents.to_dict("records")}


def date_label(issued: object) -> str:
    """``2024-07-15`` -> ``15/07/2024``; ``2024-07`` -> ``07/2024``; missing -> ''."""
    if issued is None or (not isinstance(issued, str) and pd.isna(issued)) or not str(issued).strip():
        return ""
    parts = str(issued).strip()[:10].split("-")
    return "/".join(reversed(parts))


def document_label(doc: dict, lang: str) -> str:
    doc = {k: _present(v) for k, v in doc.items()}
    when = date_label(doc.get("issued_on"))
    kind = doc.get("kind")
    if kind in ("decision", "dispatch", "resolution", "decree") and doc.get("number"):
        text = f"{tr(f'doc.kind.{kind}', lang)} {doc['number']}"
    elif kind == "dataset":
        text = f"{doc.get('issuer')} {doc.get('number') or ''}".strip()
    elif kind == "portal":
        text = str(doc.get("title_en" if lang == "en" else "title_vi") or doc["doc_id"])
    else:
        text = str(doc.get("issuer") or doc["doc_id"])
    return f"{text} ({when})" if when else text


def edition_label(doc: dict, lang: str) -> str:
    doc = {k: _present(v) for k, v in doc.items()}
    code = doc.get("edition_language") or ""
    if not code or str(doc.get("edition_read") or "").startswith("not read"):
        return tr("doc.not_read", lang)
    key = f"doc.lang.{code}"
    return tr("doc.edition", lang, language=tr(key, lang) if code else "?")


def document_note(doc: dict, lang: str) -> str:
    """What the project takes from a document, in the reader's language ('' when none)."""
    return _in_language(doc, "what_the_project_takes", "note_vi", lang)


def document_caveat(doc: dict, lang: str) -> str:
    """The document's caveat in the reader's language: an inference's reason (``basis_label``),
    else the register's note ('' when none)."""
    if is_inferred(doc.get("basis")):
        return basis_label(doc.get("basis"), lang)
    return _in_language(doc, "basis", "basis_vi", lang)


def _in_language(doc: dict, english: str, vietnamese: str, lang: str) -> str:
    """The register writes its notes in English, with the project's Vietnamese translation beside
    them (documents.csv ``note_vi``, ``basis_vi``): a Vietnamese reader gets the translation, marked
    as the project's; a note not translated yet is shown in English, saying so."""
    text = _present(doc.get(english))
    if not text:
        return ""
    if lang == "en":
        return str(text)
    translated = _present(doc.get(vietnamese))
    return tr("doc.translated_note", lang, note=translated) if translated else tr("about.english_note", lang, note=text)


def cite(documents: pd.DataFrame, source: object, lang: str) -> list[Citation]:
    """The citations of a ``source`` value, in order (free text kept as text)."""
    docs = documents_by_id(documents)
    out = []
    for ref in parse_refs(source, frozenset(docs)):
        if ref.doc_id is None:
            out.append(Citation(None, ref.text, None, "", "", ""))
            continue
        doc = docs[ref.doc_id]
        out.append(Citation(ref.doc_id, document_label(doc, lang), doc.get("url") or None, edition_label(doc, lang),
                            str(doc.get("basis") or ""), ref.note, document_caveat(doc, lang)))
    return out


def source_text(documents: pd.DataFrame, source: object, lang: str) -> str:
    """The labels of a ``source`` as plain text (tables, downloads): never an id or a file name; a
    document whose number or date is inferred carries the inferred mark."""
    return SEPARATOR.join(mark(c.label, c.basis) for c in cite(documents, source, lang))


def source_column(documents: pd.DataFrame, sources: pd.Series, lang: str) -> pd.Series:
    cache: dict = {}
    return sources.map(lambda s: cache.setdefault(s, source_text(documents, s, lang)))


def basis_kind(basis: object) -> str:
    """The kind of a basis value: ``inferred: ...`` -> ``inferred``; unknown or empty -> ``published``."""
    text = "" if basis is None or (not isinstance(basis, str) and pd.isna(basis)) else str(basis).strip()
    if not text:
        return "published"
    head = text.split(":", 1)[0].strip().lower()
    if head.startswith("inferred") or "+inferred" in text or "inferred+" in text:
        return "inferred"
    return head if head in BASIS_KINDS else "published"


def is_inferred(basis: object) -> bool:
    return basis_kind(basis) == "inferred"


def basis_label(basis: object, lang: str) -> str:
    """``inferred: why`` -> ``Suy luận: why`` (the why as the register writes it)."""
    kind = basis_kind(basis)
    text = "" if basis is None or (not isinstance(basis, str) and pd.isna(basis)) else str(basis)
    why = text.split(":", 1)[1].strip() if ":" in text else ""
    label = tr(f"basis.{kind}", lang)
    if why and lang == "vi":
        why = why_vi(why)
    return f"{label}: {why}" if why else label


def mark(text: str, basis: object) -> str:
    """``text`` with the inferred mark when ``basis`` is an inference."""
    return f"{INFERRED} {text}" if is_inferred(basis) else text


def basis_text(basis: object, lang: str) -> str:
    """The basis as shown in a table or a download: ``≈ suy luận: why`` for an inference."""
    return mark(basis_label(basis, lang), basis)


def urls_of(documents: pd.DataFrame) -> set[str]:
    return {u for u in documents["url"].dropna() if u}
