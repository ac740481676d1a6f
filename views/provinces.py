"""The provinces page: a province's lists and published figures, its platforms matched against
the central ones (the review queue among them), and the adoption matrix; once per data version,
province, filter, language and day (the map changed on 01/07/2025)."""
from __future__ import annotations

from datetime import date

import pandas as pd

from analysis import overlap as matching
from analysis import provinces
from analysis.figures import figure, headlines
from store.snapshot import Snapshot
from views import cites, memo
from views.charts import adoption_heatmap, shown
from views.scope import scope_codes
from views.tables import adoption_display, adoption_rows, list_title, overlap_display, province_overlap
from views.words import tr

FLAGGED_COLUMNS = [0, 1, 2, 7, 8, 3]   # name, match, central platform, its ministry, score, review
QUEUE_COLUMNS = [0, 4, 1, 2, 8]        # name, status, match, central platform, score


def province_choices(snap: Snapshot, lang: str, today: date) -> dict:
    """``codes`` of the provinces on ``today``'s map, their ``names`` in ``lang``, and
    ``with_lists`` (those that have a list: the default choice)."""
    def compute() -> dict:
        current = provinces.provinces_on(snap.province_2024, snap.province_2025, today)
        codes = list(current["code"])
        return {"codes": codes, "names": dict(zip(codes, current["name_en" if lang == "en" else "name_vi"])),
                "with_lists": [c for c in codes if provinces.lists_of(snap.platform_list, snap.province_merger, c)]}
    return memo.view(snap, "province_choices", compute, lang, today)


def view_provinces(snap: Snapshot, province: str, ministries: list[str], lang: str, today: date) -> dict:
    """Everything the page shows of ``province``; ``queue`` holds the raw rows of the review
    queue (the page's review form decides on them) and ``queue_table`` their display."""
    return memo.view(snap, "provinces", lambda: _compute(snap, province, list(ministries), lang, today),
                     province, lang, today, ministries)


def _compute(snap: Snapshot, province: str, ministries: list[str], lang: str, today: date) -> dict:
    t = lambda label, **p: tr(label, lang, **p)  # noqa: E731
    docs = snap.document
    choices = province_choices(snap, lang, today)
    name = choices["names"][province]
    former = provinces.former_names(snap.province_merger, province)
    codes = scope_codes(snap, ministries)
    list_ids = provinces.lists_of(snap.platform_list, snap.province_merger, province)
    rows = province_overlap(snap, province, codes)
    out = {"name": name, "list_ids": list_ids,
           "map_note": t("provinces.map_note") + (" " + t("provinces.former", names=", ".join(former)) if former else ""),
           "adoption": _adoption(snap, province, name, codes, lang, today)}
    if not list_ids:
        return out
    heads = headlines(snap.published_figure, snap.platform_list)
    published = []
    for list_id in list_ids:
        in_use, proposed = figure(heads, list_id, "platforms_in_use"), figure(heads, list_id, "platforms_proposed")
        if in_use and proposed:
            row = snap.platform_list.set_index("list_id").loc[list_id]
            published.append((t("provinces.published", in_use=int(in_use["value"]), proposed=int(proposed["value"]),
                                named=int((snap.platform_current["list_id"] == list_id).sum())),
                              [cites.caption(docs, in_use["source"], lang, in_use.get("basis")),
                               cites.caption(docs, row["source"], lang, row["basis"])]))   # the list's date: inferred
    figs = provinces.figures(rows)
    flagged = rows[(rows["status"] == "proposed") & rows["classification"].isin(["uses_central", "possible_duplicate"])]
    queue = provinces.review_queue(rows)
    return {**out,
            "lists": t("provinces.lists", titles="; ".join(cites.plain(list_title(snap, i, lang)) for i in list_ids)),
            "published": published,
            "metrics": [(t("provinces.platforms"), figs["platforms"]), (t("provinces.central_in_use"), figs["central_in_use"]),
                        (t("provinces.awaiting"), figs["awaiting_review"]),
                        (t("provinces.proposed_overlap"), figs["proposed_overlap"])],
            "flagged": overlap_display(snap, flagged, lang).iloc[:, FLAGGED_COLUMNS] if len(flagged) else None,
            "flagged_alert": t("provinces.proposed_alert", n=len(flagged)),
            "lists_cite": cites.footnote(docs, snap.platform_list.loc[snap.platform_list["list_id"].isin(list_ids),
                                                                       "source"], lang),
            "match_note": t("provinces.match_note", uses=matching.USES_CENTRAL, possible=matching.POSSIBLE),
            "overlap": overlap_display(snap, rows, lang),
            "queue": queue, "queue_table": overlap_display(snap, queue, lang).iloc[:, QUEUE_COLUMNS]}


def _adoption(snap: Snapshot, province: str, name: str, codes: set[str] | None, lang: str, today: date) -> dict:
    """The adoption matrix (a chart with its table) and the province's own rows; the template's
    list and platform names."""
    key = tuple(sorted(codes)) if codes is not None else None
    adoption = memo.derived(snap, ("adoption_rows", key), lambda: adoption_rows(snap, codes))
    shared = list(snap.platform_list.loc[snap.platform_list["kind"] == "shared", "list_id"])
    template = shared[-1] if shared else None
    out = {"template_list": template, "template_title": list_title(snap, template, "vi") if template else "",
           "template_platforms": snap.platform_current.loc[snap.platform_current["list_id"] == template, "name"].tolist(),
           "template_provinces": list(provinces.provinces_on(snap.province_2024, snap.province_2025, today)["name_vi"]),
           "empty": adoption.empty}
    if adoption.empty:
        return out
    choices = province_choices(snap, lang, today)
    current = pd.DataFrame({"code": choices["codes"], "name_vi": [choices["names"][c] for c in choices["codes"]]})
    levels = [tr(f"adoption.{s}", lang) for s in provinces.ADOPTION_LEVEL]
    matrix = memo.derived(snap, ("adoption_matrix", key, lang, today.isoformat()),
                          lambda: provinces.adoption_matrix(adoption, current))
    by_province = memo.derived(snap, ("adoption_by_province", key), lambda: dict(list(
        adoption.groupby("current_province_code"))))
    data = matrix.map(lambda v: "" if pd.isna(v) else levels[int(v)]).rename_axis(
        tr("provinces.province", lang)).reset_index()
    return {**out, "demo": bool(adoption["is_demo"].any()),
            "chart": shown(adoption_heatmap(matrix, title=tr("provinces.adoption", lang), level_names=levels,
                                            highlight=name), data, lang),
            "rows_title": tr("provinces.adoption_rows", lang, name=name),
            "rows": adoption_display(snap, by_province.get(province, adoption.iloc[0:0]), lang)}
