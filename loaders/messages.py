"""The messages a user can see from the loader, the store and the actions. Their words, in
Vietnamese and English, are the catalogue's ``msg.<code>`` entries (i18n/catalogue.toml).

A ``Message`` is a code plus parameters; it is rendered in the user's language at the edge
(CLI, page). ``LoaderError`` carries one and is the only exception the edges expect.
"""
from __future__ import annotations

import csv
import json
import os
from dataclasses import dataclass, field
from functools import lru_cache

from i18n.catalogue import has, tr

from .paths import DATA_DIR

# Parameters that carry a body's code, shown as the body's name (the code means nothing to a reader).
BODY_PARAMS = {"not_your_body": ("body", "own")}


@lru_cache(maxsize=1)
def _body_names() -> dict[str, tuple[str, str]]:
    with (DATA_DIR / "reference" / "bodies.csv").open(encoding="utf-8") as fh:
        return {r["code"]: (r["name_vi"], r["name_en"]) for r in csv.DictReader(fh)}


def body_name(code: str, lang: str = "vi") -> str:
    """A body's name in ``lang`` for its code (the code itself if unknown)."""
    names = _body_names().get(code)
    return (names[0] if lang == "vi" else names[1]) if names else code


# Record fields named in messages (``field=``) -> the catalogue's name for them.
FIELD_KEYS = {
    "platform_name": "col.name",
    "body_code": "msg.field.body_code",
    "ownership": "rec.ownership",
    "owner_enterprise": "rfield.owner_enterprise",
    "purpose": "rfield.purpose",
    "list_id": "imports.list",
    "proposed_on": "msg.field.proposed_on",
    "document_no": "imports.reg_document",
    "document_url": "rfield.document_url",
    "issued_on": "rfield.issued_on",
    "group": "msg.field.group",
    "text": "msg.field.text",
    "measure": "rec.measure",
    "assessment_due": "msg.field.assessment_due",
    "assessor_kind": "rec.assessor_kind",
    "assessed_on": "msg.field.assessed_on",
    "result": "col.result",
    "evidence": "rec.evidence",
    "market_share": "msg.field.market_share",
    "outcome": "msg.field.outcome",
    "decision_no": "rec.decision",
    "decided_on": "rec.decided_on",
    "note": "col.note",
    "link": "rfield.url",
    "reason": "col.reason",
    "target_kind": "rec.flag_kind",
    "proposal_id": "msg.field.proposal_id",
    "criterion_no": "msg.field.criterion_no",
    "popular_user": "msg.field.popular_user",
}


@dataclass(frozen=True)
class Message:
    code: str
    params: dict = field(default_factory=dict)

    def text(self, lang: str = "en") -> str:
        """The message in ``lang``: ``msg.<code>`` of the catalogue with its parameters (record
        fields, actions and bodies named in words of that language too)."""
        params = {"sheet_note": "", **self.params}
        if params.get("field") in FIELD_KEYS:
            params["field"] = tr(FIELD_KEYS[params["field"]], lang)
        for name in BODY_PARAMS.get(self.code, ()):
            if params.get(name):
                params[name] = body_name(params[name], lang)
        if isinstance(params.get("action"), str) and has(f"msg.action.{params['action']}"):
            params["action"] = tr(f"msg.action.{params['action']}", lang)
        if "suggestions" in params:
            names = params["suggestions"]
            params["hint"] = tr("msg.hint", lang, names=", ".join(names)) if names else ""
        return tr(f"msg.{self.code}", lang, **params)


class LoaderError(Exception):
    """A file or request the loader refuses; ``message`` says what is wrong and what to do."""

    def __init__(self, code: str, **params):
        self.message = Message(code, params)
        super().__init__(self.message.text("en"))

    def text(self, lang: str = "en") -> str:
        return self.message.text(lang)


def stored(messages) -> str | None:
    """Messages as a log column keeps them (``import_log.message``): JSON, each a ``[code, params]``
    pair (a plain text note as it is), so that every reader gets them in their own language
    (``stored_text``)."""
    items = [m if isinstance(m, str) else [m.code, m.params] for m in messages if m]
    return json.dumps(items, ensure_ascii=False, default=str) if items else None


def stored_text(value: object, lang: str) -> str:
    """A log column's messages in ``lang``, joined by "; ". Text kept before messages were stored as
    codes (or anything not written by ``stored``) is shown as it is."""
    if not isinstance(value, str) or not value:
        return ""
    try:
        items = json.loads(value) if value.startswith("[") else None
    except ValueError:
        items = None
    if not isinstance(items, list):
        return value
    texts = []
    for item in items:
        if isinstance(item, list) and len(item) == 2 and isinstance(item[0], str) and has(f"msg.{item[0]}"):
            texts.append(Message(item[0], dict(item[1] or {})).text(lang))
        else:
            texts.append(str(item))
    return "; ".join(texts)


def cli_lang() -> str:
    """The language of the command lines' messages: ``NDP_LANG`` starting with ``vi``, else English."""
    return "vi" if os.environ.get("NDP_LANG", "").startswith("vi") else "en"


def span(rows: list[int], limit: int = 10) -> str:
    """Row numbers for a message: the first ``limit``, then how many more."""
    shown = ", ".join(str(r) for r in rows[:limit])
    return shown + (f" (+{len(rows) - limit})" if len(rows) > limit else "")
