"""The views' one way to the vi/en words: every module in views/ takes ``tr`` and ``coded`` from
here. They live in ``pages/labels.py`` today (plain data, no Streamlit); when the catalogue moves
into views/, this is the one import to point at it."""
from __future__ import annotations

from pages.labels import coded, tr

__all__ = ["coded", "tr"]
