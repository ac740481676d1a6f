"""What the Recognition page shows beside the tables of reports/recognition.py: the funnel's three
charts (each drawn above its table, which holds its figures) and a platform's dossier header."""
from __future__ import annotations

import pandas as pd

from analysis.recognition import FUNNEL, open_flags
from views.charts import Shown, shown, stacked_bars, stage_bars, step_lines
from views.cites import plain
from views.words import tr


def step_names(lang: str) -> dict[str, str]:
    return {s: tr(f"rstep.{s}", lang) for s in (*FUNNEL, "withdrawn", "none")}


def funnel_chart(which: str, table: pd.DataFrame, lang: str) -> Shown:
    """The chart of one of the funnel's tables (``funnel``: step, count; ``by_body``: body, step,
    count; ``over_time``: date, step, count), its figures being that table (drawn under it)."""
    t = lambda label: tr(label, lang)  # noqa: E731
    c, order = table.columns, [step_names(lang)[s] for s in FUNNEL]
    if which == "funnel":
        fig = stage_bars(list(table.iloc[:, 0]), list(table.iloc[:, 1]), t("rec.funnel"), t("rec.col_count"))
    elif which == "by_body":
        fig = stacked_bars(table, label_col=c[0], value_col=c[2], stack_col=c[1], stack_order=order, title=t("rec.by_body"),
                           value_label=t("rec.col_count"), legend_title=t("col.stage"))
    else:
        fig = step_lines(table, x_col=c[0], y_col=c[2], line_col=c[1], line_order=order, title=t("rec.over_time"),
                         value_label=t("rec.col_count"), legend_title=t("col.stage"))
    return shown(fig, None, lang)


def proposal_labels(props: pd.DataFrame) -> dict[str, str]:
    """proposal id (as text, the URL's form) -> "#id platform name"."""
    return {str(int(i)): f"#{i} {n}" for i, n in zip(props["proposal_id"], props["platform_name"])}


def dossier(props: pd.DataFrame, records, pid: int, lang: str) -> dict:
    """The header of proposal ``pid``'s dossier: its four ``metrics``, the ``heading`` (name and
    purpose), the ``owner`` line (or None), its ``open_flags`` count and ``body``."""
    p = props.set_index("proposal_id").loc[pid]
    t = lambda label: tr(label, lang)  # noqa: E731
    flags = open_flags(records)
    mine = flags[(flags["target_kind"] == "proposal") & (flags["target_ref"] == str(pid))]
    return {"metrics": [(t("col.stage"), step_names(lang).get(p["step"], p["step"])), (t("col.body"), p["body_code"]),
                        (t("rec.ownership"), t(f"rown.{p['ownership']}")), (t("rec.list"), p["list_id"])],
            "heading": f"**{plain(p['platform_name'])}** — {plain(p['purpose'] or '')}",
            "owner": f"{t('rec.owner')}: {plain(p['owner_enterprise'])}" if isinstance(p["owner_enterprise"], str) else None,
            "open_flags": len(mine), "body": p["body_code"]}
