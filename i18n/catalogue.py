"""Every text the product shows, in Vietnamese and English: ``catalogue.toml`` (one ``["key"]``
with ``vi`` and ``en`` each), read once. Labels of the pages and reports (``"col.name"``,
``"nav.overview"`` ...) and the messages of the loader and the actions (``"msg.<code>"``, rendered
by ``loaders.messages.Message``) are in the one file. No Streamlit and no database here: every
floor may use it."""
from __future__ import annotations

import tomllib
from pathlib import Path

PATH = Path(__file__).with_name("catalogue.toml")


def load(path: Path = PATH) -> dict[str, tuple[str, str]]:
    """key -> (Vietnamese, English). A key declared twice is an error of the TOML reader."""
    with path.open("rb") as fh:
        data = tomllib.load(fh)
    return {key: (entry["vi"], entry["en"]) for key, entry in data.items()}


TEXTS: dict[str, tuple[str, str]] = load()


def has(key: str) -> bool:
    return key in TEXTS


def tr(key: str, lang: str = "vi", **params) -> str:
    """``key`` in ``lang`` ('vi' or 'en'), formatted with ``params``."""
    vi, en = TEXTS[key]
    text = en if lang == "en" else vi
    return text.format(**params) if params else text


def coded(values, prefix: str, lang: str = "vi"):
    """Translate coded values of a pandas Series (``published`` -> ``Đã công bố``) through the
    catalogue (``<prefix>.<value>``); a value with no entry is shown as it is."""
    return values.map(lambda v: tr(f"{prefix}.{v}", lang) if f"{prefix}.{v}" in TEXTS else v)
