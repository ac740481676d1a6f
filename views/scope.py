"""What the reader is looking at: a list, the language, the ministries chosen in the filter, a
date, and whether a past list is mapped to the latest structure; and the filter in words."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from analysis.lineage import with_predecessors
from store.snapshot import Snapshot
from views.memo import choice, derived
from views.words import tr


@dataclass
class Scope:
    list_id: str
    lang: str = "vi"
    ministries: list[str] = field(default_factory=list)   # chosen body codes; empty = all
    on: date = field(default_factory=date.today)
    lineage: bool = False                                   # map a past list to the latest structure

    def codes(self, snap: Snapshot) -> set[str] | None:
        return with_predecessors(snap.body, self.ministries) if self.ministries else None

    @property
    def key(self) -> tuple:
        """Everything the scope is, hashable and bounded: for memoising what it shows."""
        return self.list_id, self.lang, choice(self.ministries), choice(self.on), self.lineage


def body_names(snap: Snapshot, lang: str) -> dict[str, str]:
    return derived(snap, ("body_names", lang),
                   lambda: dict(zip(snap.body["code"], snap.body["name_en" if lang == "en" else "name_vi"])))


def scope_codes(snap: Snapshot, chosen: list[str]) -> set[str] | None:
    """The body codes a filter of ``chosen`` admits (with predecessors), or None for all."""
    return with_predecessors(snap.body, chosen) if chosen else None


def describe(snap: Snapshot, chosen: list[str], lang: str) -> str:
    """The filter in words: which ministries it admits, their predecessors, and for a former body
    that its platforms moved to its successor's name. Empty without a filter."""
    if not chosen:
        return ""
    def compute() -> str:
        names = body_names(snap, lang)
        name = lambda c: names.get(c, str(c))  # noqa: E731
        extra = sorted((scope_codes(snap, chosen) or set()) - set(chosen))
        text = tr("filter.active", lang, names=", ".join(name(c) for c in chosen))
        if extra:
            text += " — " + tr("filter.predecessors", lang, names=", ".join(name(c) for c in extra))
        rows = snap.body.set_index("code")
        for code in chosen:   # a former body: its platforms moved to the successor's name in later lists
            if code in rows.index and pd.notna(rows.at[code, "valid_to"]) and isinstance(rows.at[code, "successor_code"], str):
                text += "\n\n" + tr("filter.former", lang, name=name(code),
                                    date=pd.Timestamp(rows.at[code, "valid_to"]).strftime("%d/%m/%Y"),
                                    successor=name(rows.at[code, "successor_code"]))
        return text
    return derived(snap, ("filter_text", lang, choice(chosen)), compute)


def default_list(snap: Snapshot, options: list[str]) -> str | None:
    """The one rule for which list a chooser opens on: the most recent (as-of date) of ``options``
    that has platforms, else the first option (a list registered but not loaded yet)."""
    def compute() -> str | None:
        loaded = set(snap.platform_current["list_id"])
        dated = snap.platform_list.set_index("list_id")["as_of"]
        with_items = sorted((o for o in options if o in loaded), key=lambda o: (pd.Timestamp(dated.get(o)), o),
                            reverse=True)
        return with_items[0] if with_items else (options[0] if options else None)
    return derived(snap, ("default_list", *options), compute)   # options: the lists registered (bounded)
