"""What the progress page (and the reports) show about how sure each step is: stage counts with
"of which confirmed", a platform's timeline with each step's source and quote, the platforms with
no public evidence and when that was searched, and whether any ministry update has come in.

Uncertain steps never count in a figure (``analysis.progress.COUNTED``); they are listed only
when asked. Dates are dd/mm/yyyy (mm/yyyy when the evidence gives only the month).
"""
from __future__ import annotations

import re
from datetime import date
from urllib.parse import quote as url_quote

import pandas as pd

from analysis.counts import per_body
from analysis.progress import CONFIRMED, COUNTED, stage_counts, status_at, timeline, unnamed
from store.snapshot import Snapshot
from views.memo import derived
from views.words import tr

ALL = ("confirmed", "likely", "uncertain")
_URL = re.compile(r"https?://[^\s;,]+")


def listed_on(snap: Snapshot, list_id: str) -> date | None:
    meta = snap.platform_list.set_index("list_id").loc[list_id]
    return pd.Timestamp(meta["issued_on"]).date() if pd.notna(meta["issued_on"]) else None


def progress_figures(snap: Snapshot, list_id: str, on: date, codes: set[str] | None) -> dict:
    """Status (confirmed + likely), status on confirmed steps only, unnamed platforms, and the stage
    counts with their ``confirmed`` column, for the ministries ``codes`` (None: all)."""
    def compute() -> dict:
        status = status_at(snap.platform_event, snap.stage, snap.platform_current, list_id, on, COUNTED)
        sure = status_at(snap.platform_event, snap.stage, snap.platform_current, list_id, on, CONFIRMED)
        counts = derived(snap, ("per_body", list_id),   # the same memo as views.tables.list_counts
                              lambda: per_body(snap.platform_current, snap.published_count, list_id))
        gap = unnamed(counts, listed_on(snap, list_id), on)
        if codes is not None:
            status, sure = status[status["ministry_code"].isin(codes)], sure[sure["ministry_code"].isin(codes)]
            gap = gap[gap["body_code"].isin(codes)]
        n_unnamed = int(gap["count"].sum())
        return {"status": status, "sure": sure, "gap": gap, "unnamed": n_unnamed,
                "stages": stage_counts(status, snap.stage, n_unnamed, sure)}
    return derived(snap, ("progress_figures", list_id, on, tuple(sorted(codes)) if codes else None), compute)


def has_ministry_update(snap: Snapshot, list_id: str) -> bool:
    """Whether any progress file from a ministry (not the shipped evidence) has been imported."""
    ev = snap.platform_event
    return bool(((ev["list_id"] == list_id) & (ev["origin"] == "progress_file")).any()) or bool(
        ((snap.stage_target["list_id"] == list_id)).any())


def searched_on(snap: Snapshot, list_id: str) -> date | None:
    """When the public evidence of this list was last searched."""
    days = snap.evidence_search.loc[snap.evidence_search["list_id"] == list_id, "searched_on"]
    return pd.Timestamp(days.max()).date() if len(days) else None


def confidence_label(confidence, lang: str) -> str:
    """How sure, in words; an uncertain step is marked as not counted."""
    if not isinstance(confidence, str):
        return ""
    return tr("evidence.uncertain_marked" if confidence == "uncertain" else f"evidence.{confidence}", lang)


def day_text(d) -> str:
    return "" if d is None or pd.isna(d) else pd.Timestamp(d).strftime("%d/%m/%Y")


def stated_text(stated: str | None, basis: str | None, day, lang: str) -> str:
    """A step's date as the evidence gives it: dd/mm/yyyy, mm/yyyy, or "by <date>"."""
    if basis == "month" and isinstance(stated, str) and stated:
        year, month = stated.split("-")[:2]
        return f"{month}/{year}"
    if basis == "by_source":
        return tr("evidence.by_source", lang, date=day_text(day))
    if basis == "by_search":
        return tr("evidence.by_search", lang, date=day_text(day))
    return day_text(day)


def partial_text(text: str | None) -> str:
    """``2025-09`` -> ``09/2025``; ``2025-09-12`` -> ``12/09/2025``."""
    if not text or (isinstance(text, float) and pd.isna(text)):
        return ""
    parts = str(text).split("-")
    return "/".join(reversed(parts))


def safe_url(url) -> str | None:
    """An http(s) URL fit for a link (anything else: no link)."""
    if not isinstance(url, str) or not url.lower().startswith(("http://", "https://")):
        return None
    return url_quote(url.strip(), safe=":/?&=#%~+,;@!$'*-._").replace("(", "%28").replace(")", "%29")


def list_source_url(snap: Snapshot, list_id: str) -> str | None:
    """The first link among the list's sources (where the listing decision can be read)."""
    text = snap.platform_list.set_index("list_id").at[list_id, "source"]
    found = _URL.findall(str(text or ""))
    return found[-1] if found else None


def steps(snap: Snapshot, list_id: str, platform_key: str, on: date, lang: str, show_uncertain: bool) -> pd.DataFrame:
    """One platform's steps and targets, raw codes plus the display texts: ``when``, ``source_label``,
    ``link``, ``quote_text``."""
    rows = timeline(snap.platform_event, snap.stage_target, snap.stage, list_id, platform_key, on,
                    ALL if show_uncertain else COUNTED)
    decision_url = list_source_url(snap, list_id)
    when, label, link, note = [], [], [], []
    for r in rows.itertuples():
        if r.kind == "target":
            when.append(day_text(r.date))
            label.append(r.document_no if isinstance(r.document_no, str) else "")
            link.append(None)
            note.append(r.note if isinstance(r.note, str) else "")
            continue
        when.append(stated_text(r.stated_date, r.date_basis, r.date, lang))
        if r.origin == "public_evidence":
            label.append(f"{r.source_publisher or ''} {partial_text(r.source_date)}".strip())
            link.append(safe_url(r.source_url))
        elif r.origin == "decision":
            label.append(r.document_no if isinstance(r.document_no, str) else tr("evidence.origin.decision", lang))
            link.append(safe_url(decision_url))
        else:
            label.append(tr("evidence.file_row", lang, file=r.source))
            link.append(None)
        note.append(tr("evidence.listed_note", lang) if r.origin == "decision" else (r.note if isinstance(r.note, str) else ""))
    return rows.assign(when=when, source_label=label, link=pd.Series(link, index=rows.index, dtype=object), note_text=note,
                       quote_text=rows["quote"].fillna("") if "quote" in rows else "")


def steps_table(snap: Snapshot, rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The timeline as a table (download): every column in ``lang``."""
    stage_name = dict(zip(snap.stage["stage_id"], snap.stage["name_en" if lang == "en" else "name_vi"]))
    conf = rows["confidence"].map(lambda c: confidence_label(c, lang))
    origin = rows["origin"].map(lambda o: tr(f"evidence.origin.{o}", lang) if isinstance(o, str) else "")
    return pd.DataFrame({
        tr("col.kind", lang): rows["kind"].map(lambda k: tr(f"kind.{k}", lang)),
        tr("col.stage", lang): rows["stage_id"].map(stage_name), tr("col.date", lang): rows["when"],
        tr("evidence.confidence", lang): conf, tr("evidence.origin", lang): origin,
        tr("col.source", lang): rows["source_label"], tr("evidence.link", lang): rows["link"].fillna(""),
        tr("evidence.quote", lang): rows["quote_text"], tr("evidence.research_note", lang): rows["note_text"],
        tr("col.overdue", lang): rows["overdue"].map(lambda o: tr("common.yes", lang) if o else "")})


def no_evidence(snap: Snapshot, list_id: str, codes: set[str] | None, lang: str) -> pd.DataFrame:
    """Listed platforms with no public evidence found, and the day that was searched."""
    s = snap.evidence_search
    owners = snap.platform_current[snap.platform_current["list_id"] == list_id].set_index("name_key")["ministry_code"]
    s = s[(s["list_id"] == list_id) & ~s["found"] & s["platform_key"].isin(owners.index)]   # still listed
    s = s.assign(owner=s["platform_key"].map(owners))
    if codes is not None:
        s = s[s["owner"].isin(codes)]
    names = dict(zip(snap.body["code"], snap.body["name_en" if lang == "en" else "name_vi"]))
    return pd.DataFrame({tr("col.name", lang): s["platform_name"], tr("col.body", lang): s["owner"].map(names),
                         tr("evidence.none_found_title", lang): [tr("evidence.none_found", lang, date=day_text(d))
                                                                 for d in s["searched_on"]]}).reset_index(drop=True)


def evidence_table(snap: Snapshot, list_id: str, codes: set[str] | None, lang: str, show_uncertain: bool) -> pd.DataFrame:
    """Every piece of public evidence in force (uncertain only when asked), with its source."""
    ev = snap.platform_event
    ev = ev[(ev["list_id"] == list_id) & (ev["origin"] == "public_evidence")]
    if not show_uncertain:
        ev = ev[ev["confidence"].isin(COUNTED)]
    owners = snap.platform_current[snap.platform_current["list_id"] == list_id].set_index("name_key")["ministry_code"]
    ev = ev[ev["platform_key"].isin(owners.index)].assign(owner=ev["platform_key"].map(owners))   # still listed
    if codes is not None:
        ev = ev[ev["owner"].isin(codes)]
    stage_name = dict(zip(snap.stage["stage_id"], snap.stage["name_en" if lang == "en" else "name_vi"]))
    return pd.DataFrame({
        tr("col.name", lang): ev["platform_name"], tr("col.stage", lang): ev["stage_id"].map(stage_name),
        tr("col.date", lang): [stated_text(s, b, d, lang) for s, b, d in zip(ev["stated_date"], ev["date_basis"],
                                                                             ev["event_date"])],
        tr("evidence.confidence", lang): ev["confidence"].map(lambda c: confidence_label(c, lang)),
        tr("evidence.publisher", lang): ev["source_publisher"],
        tr("evidence.source_date", lang): ev["source_date"].map(partial_text),
        tr("evidence.link", lang): ev["source_url"], tr("evidence.quote", lang): ev["quote"],
        tr("evidence.research_note", lang): ev["note"]}).reset_index(drop=True)


def review_choices(snap: Snapshot, list_id: str, platform_keys, stage_name: dict[str, str], lang: str) -> dict[str, str]:
    """The public evidence of ``list_id``'s platforms ``platform_keys`` an editor may confirm or
    withdraw: evidence key -> "platform — stage — publisher (confidence)"."""
    ev = snap.platform_event
    ev = ev[(ev["list_id"] == list_id) & (ev["origin"] == "public_evidence") & ev["platform_key"].isin(platform_keys)]
    return {k: f"{n} — {stage_name.get(s, s)} — {p or ''} ({tr('evidence.' + c, lang)})"
            for k, n, s, p, c in zip(ev["evidence_key"], ev["platform_name"], ev["stage_id"],
                                     ev["source_publisher"], ev["confidence"])}
