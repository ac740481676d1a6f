"""Streamlit's own widget texts in the reader's language.

Streamlit 1.67 writes a few texts of its widgets in English only, with no parameter and no locale
setting to change them: the file uploader's "Upload" button and its "<size> per file • <types>" line,
and "No results" in a selectbox or multiselect whose typed search matches nothing (issues
streamlit/streamlit#4750, #13500; PR #10042 proposing the parameters was closed). For a Vietnamese
reader each is covered by a stylesheet: the English text is hidden (``visibility: hidden``, which
also takes it out of what a screen reader reads in Chromium) and the page's own text is drawn in its
place (``::after``). The rules hang on Streamlit's public ``data-testid`` names and the listbox's
``role=option``; tests/browser/test_widget_texts.py fails if a Streamlit upgrade moves them. In
English nothing is replaced.
"""
from __future__ import annotations

import json

import streamlit as st

from pages.common import lang, t

_HIDE = "visibility: hidden; font-size: 0 !important"
_SHOW = "visibility: visible; font-size: 0.875rem"
# element -> label of the text drawn in its place
_RULES = {
    "[data-testid=stFileUploaderDropzone] button [data-testid=stMarkdownContainer] p": "widget.upload",
    "[data-testid=stFileUploaderDropzoneInstructions] span": "widget.upload_limit",
    # the empty list of a selectbox / multiselect: its only option, a bare span
    "[data-testid=stSelectboxVirtualDropdown] [role=option] > span:only-child,"
    " [data-testid=stMultiSelectDropdown] [role=option] > span:only-child": "widget.no_results",
}


def stylesheet(language: str) -> str:
    """The rules for ``language`` ('' in English, whose texts Streamlit already shows)."""
    if language == "en":
        return ""
    limit = st.get_option("server.maxUploadSize")
    rules = []
    for selector, label in _RULES.items():
        text = json.dumps(t(label, mb=limit), ensure_ascii=False)   # a CSS string: quoted, escaped
        after = ", ".join(f"{s.strip()}::after" for s in selector.split(","))
        rules.append(f"{selector} {{{_HIDE}}} {after} {{{_SHOW}; content: {text}}}")
    return "<style>" + "\n".join(rules) + "</style>"


def localise() -> None:
    """Draw the stylesheet for the current language (once a run, from app.py)."""
    css = stylesheet(lang())
    if css:
        st.html(css)
