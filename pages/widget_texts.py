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

Report downloads (PDF, Excel, CSV) are built when clicked (``download_button(data=callable)``):
while a file is built Streamlit turns the button's icon into a spinner and disables it; the
stylesheet adds, in either language, "preparing…" to the disabled button's label, and replaces
Streamlit's English "Failed to generate file for download" with a message of the page's own.
"""
from __future__ import annotations

import json

import streamlit as st

from pages.language import lang, t

_HIDE = "visibility: hidden; font-size: 0 !important"
_SHOW = "visibility: visible; font-size: 0.875rem"
# element -> label of the text drawn in its place
_RULES = {
    "[data-testid=stFileUploaderDropzone] button [data-testid=stMarkdownContainer] p": "widget.upload",
    "[data-testid=stFileUploaderDropzoneInstructions] span": "widget.upload_limit",
    # the empty list of a selectbox / multiselect: a bare span in a box-less option (a real option is
    # a drawn row; hiding those hid every option's name)
    "[data-testid=stSelectboxVirtualDropdown] [role=option][style*=contents] > span:only-child,"
    " [data-testid=stMultiSelectDropdown] [role=option][style*=contents] > span:only-child": "widget.no_results",
}
_DOWNLOAD_BUTTON = "[data-testid=stDownloadButton] button"
_DOWNLOAD_ERROR = "[data-testid=stDownloadButtonError]"


def _text(label: str) -> str:
    return json.dumps(t(label, mb=st.get_option("server.maxUploadSize")), ensure_ascii=False)   # a CSS string


def stylesheet() -> str:
    """The rules in the reader's language; in English Streamlit's own texts stay."""
    rules = [  # a report being built: the disabled button says so; a failed build says what to do
        f"{_DOWNLOAD_BUTTON}:disabled [data-testid=stMarkdownContainer] p::after {{content: {_text('widget.preparing')}}}",
        f"{_DOWNLOAD_ERROR} {{{_HIDE}}} {_DOWNLOAD_ERROR}::after {{{_SHOW}; content: {_text('widget.download_failed')}}}"]
    if lang() != "en":
        for selector, label in _RULES.items():
            after = ", ".join(f"{s.strip()}::after" for s in selector.split(","))
            rules.append(f"{selector} {{{_HIDE}}} {after} {{{_SHOW}; content: {_text(label)}}}")
    return "<style>" + "\n".join(rules) + "</style>"


_SHEETS: dict[tuple[str, str], str] = {}   # (language, the app's own rules) -> the stylesheet


def localise(extra: str = "") -> None:
    """Draw the stylesheet for the current language with ``extra`` (the app's own rules) in the
    same element: once a run, from app.py; built once per language (one element, not two)."""
    key = (lang(), extra)
    sheet = _SHEETS.get(key)
    if sheet is None:
        if len(_SHEETS) > 8:
            _SHEETS.clear()
        sheet = _SHEETS[key] = stylesheet().replace("</style>", "\n" + extra + "</style>", 1)
    st.html(sheet)
