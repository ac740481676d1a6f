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

The page's language itself (``<html lang>``, which Streamlit leaves at "en": a screen reader then
reads Vietnamese with an English voice, WCAG 3.1.1) and two texts a stylesheet cannot reach are set
by a short script in the same element (``chrome_script``): the skip link Streamlit puts first in the
Tab order ("Skip to main content") and the accessible names of the "?" help icons ("Help for
<label>"). It watches the page for what Streamlit draws later, and is fixed text: nothing a reader
or a file sends is written into it.
"""
from __future__ import annotations

import json

import streamlit as st

from i18n.catalogue import tr
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


_CHROME = """<script>(() => {
  const w = window, d = document;
  w.ndpChrome = %s;
  const apply = () => {
    const c = w.ndpChrome;
    if (d.documentElement.lang !== c.lang) d.documentElement.lang = c.lang;
    const skip = d.querySelector("[data-testid=stSkipToContent]");
    if (skip && skip.textContent !== c.skip) skip.textContent = c.skip;
    d.querySelectorAll("[aria-label]").forEach(e => {
      const name = e.getAttribute("aria-label");
      for (const [other, mine] of [[c.others.help_for, c.help_for], [c.others.help, c.help]]) {
        if (other === mine) continue;
        if (name === other.trim()) { e.setAttribute("aria-label", mine.trim()); break; }
        if (other.endsWith(" ") && name.startsWith(other)) { e.setAttribute("aria-label", mine + name.slice(other.length)); break; }
      }
    });
  };
  apply();
  if (!w.ndpChromeWatch) {
    let queued = false;
    w.ndpChromeWatch = new MutationObserver(() => {
      if (!queued) { queued = true; requestAnimationFrame(() => { queued = false; w.ndpChrome && w.ndpChrome.apply(); }); }
    });
    w.ndpChromeWatch.observe(d.body, {childList: true, subtree: true});
  }
  w.ndpChrome.apply = apply;
})();</script>"""


def chrome_script(language: str) -> str:
    """The script setting the page's language and Streamlit's skip link and help-icon names in
    ``language`` (any other language's forms are turned into it: a switch back to English undoes
    the Vietnamese). Its words come from the label catalogue; nothing else is written into it."""
    other = "en" if language != "en" else "vi"
    words = lambda code: {"skip": tr("chrome.skip", code), "help": tr("chrome.help", code),   # noqa: E731
                          "help_for": tr("chrome.help_for", code)}
    data = {"lang": language, **words(language), "others": words(other)}
    return _CHROME % json.dumps(data, ensure_ascii=False).replace("<", "\\u003c")


_SHEETS: dict[tuple[str, str], str] = {}   # (language, the app's own rules) -> the stylesheet


def localise(extra: str = "") -> None:
    """Draw the stylesheet for the current language with ``extra`` (the app's own rules) in the
    same element: once a run, from app.py; built once per language (one element, not two)."""
    key = (lang(), extra)
    sheet = _SHEETS.get(key)
    if sheet is None:
        if len(_SHEETS) > 8:
            _SHEETS.clear()
        sheet = _SHEETS[key] = (stylesheet().replace("</style>", "\n" + extra + "</style>", 1)
                                + chrome_script(lang()))
    st.html(sheet, unsafe_allow_javascript=True)
