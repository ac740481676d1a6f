"""The headline figures, declared once: which published figure of which list each is, and its
label. The overview's metrics and the reports' cover (PDF, Excel) both take them from here, so a
new list or a renamed figure is one edit."""
from __future__ import annotations

from dataclasses import dataclass

from analysis.figures import figure, headlines
from store.snapshot import Snapshot
from views.words import tr

NATIONAL, SHARED, PROVINCE = "national-2024", "shared-2025", "province-40-2025"
CHART_LISTS = (NATIONAL, SHARED)      # the two lists the overview's chart compares


@dataclass(frozen=True)
class Headline:
    key: str                     # national, shared, province
    label: str                   # in the reader's language
    value: int | str | None      # None when the figure is not in the register
    source: dict | None          # the published figure it cites (its row: value, source, basis)


def headline_figures(snap: Snapshot, lang: str) -> list[Headline]:
    heads = headlines(snap.published_figure, snap.platform_list)

    def val(list_id: str, key: str) -> int | None:
        row = figure(heads, list_id, key)
        return None if row is None else int(row["value"])

    in_use, proposed = val(PROVINCE, "platforms_in_use"), val(PROVINCE, "platforms_proposed")
    return [
        Headline("national", tr("overview.national", lang, bodies=val(NATIONAL, "bodies_published"),
                                expected=val(NATIONAL, "bodies_expected")),
                 val(NATIONAL, "platforms_bodies"), figure(heads, NATIONAL, "platforms_bodies")),
        Headline("shared", tr("overview.shared", lang), val(SHARED, "platforms_listed"),
                 figure(heads, SHARED, "platforms_listed")),
        Headline("province", tr("overview.province", lang),
                 None if in_use is None or proposed is None else f"{in_use} + {proposed}",
                 figure(heads, PROVINCE, "platforms_in_use")),
    ]


def figure_value(snap: Snapshot, list_id: str, key: str) -> int | None:
    """One published figure's value (e.g. a list's ``platforms_all``), or None."""
    row = figure(headlines(snap.published_figure, snap.platform_list), list_id, key)
    return None if row is None else int(row["value"])
