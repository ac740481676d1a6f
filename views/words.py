"""The views' one way to the vi/en words: every module in views/ takes ``tr`` and ``coded`` from
here, and they come from the one catalogue (i18n/catalogue.toml, looked up by i18n/catalogue.py),
which every floor may use."""
from __future__ import annotations

from i18n.catalogue import coded, tr

__all__ = ["coded", "tr"]
