"""A platform's timeline as Markdown: one line per step, drawn by how sure it is (confirmed bold
with a solid badge, likely italic and grey, uncertain struck through), its date as the evidence
gives it, and its source as a link whose hover shows the quote. Data text is escaped (``plain``)."""
from __future__ import annotations

import pandas as pd

from views.cites import plain
from views.words import tr

BADGE = {"confirmed": "blue", "likely": "gray", "uncertain": "orange"}
STYLE = {"confirmed": "**{}**", "likely": "*{}*", "uncertain": "~~{}~~"}


def _title(text: str) -> str:
    """Text for a Markdown link title (shown on hover)."""
    return " ".join(str(text).split()).replace("\\", "\\\\").replace('"', '\\"')[:600]


def timeline_markdown(rows: pd.DataFrame, stage_name: dict[str, str], lang: str) -> str:
    lines = []
    for r in rows.itertuples():
        stage = plain(stage_name.get(r.stage_id, r.stage_id))
        if r.kind == "target":
            overdue = " :red-badge[" + tr("col.overdue", lang) + "]" if r.overdue else ""
            lines.append(f"- {plain(r.when)} — {stage} :violet-badge[{tr('kind.target', lang)}]{overdue} "
                         f"{plain(r.source_label)}")
            continue
        conf = r.confidence if r.confidence in BADGE else "confirmed"
        badge = f":{BADGE[conf]}-badge[{tr('evidence.' + conf, lang)}]"
        source = plain(r.source_label) or plain(tr(f"evidence.origin.{r.origin}", lang))
        if isinstance(r.link, str) and r.link.startswith(("http://", "https://")):   # NaN in a str column is no link
            quote = f' "{_title(r.quote_text)}"' if r.quote_text else ""
            source = f"[{source}]({r.link}{quote})"
        lines.append(f"- {plain(r.when)} — {STYLE[conf].format(stage)} {badge} · {source}")
    return "\n".join(lines)
