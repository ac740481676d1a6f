"""Step 5 of dispatch 2291: the recognised platforms (and the potential ones under Decision
1864/QĐ-BTTTT) with their current status, as a feed for the national portal ndp.dx.gov.vn:
``platforms.csv`` and ``platforms.json`` (the same rows) described by a Frictionless
``datapackage.json``. Ids are stable (``ndp-rec-<proposal>``); every value has the document it
comes from in a ``*_source`` column."""
from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import pandas as pd

from actions.recognition import read_records
from actions.recognition_list import list_version
from analysis.recognition import DOC_CRITERIA, DOC_GUIDANCE, DOC_POTENTIAL, current_proposals
from store.db import Connection

# column -> (Table Schema type, description); the order is the files' column order
FIELDS = {
    "id": ("string", "stable id of the recognition record (ndp-rec-<proposal number>)"),
    "platform_name": ("string", "platform name as proposed"),
    "platform_name_source": ("string", "document of the proposal that names the platform"),
    "body_code": ("string", "proposing (managing) body, NDP Tracker body code"),
    "body_name_vi": ("string", "proposing body, Vietnamese name"),
    "ownership": ("string", "enterprise or state"),
    "owner_enterprise": ("string", "the enterprise that owns the platform, if any"),
    "ownership_source": ("string", "document of the proposal stating the ownership"),
    "status": ("string", "recognised, or potential (Decision 1864/QĐ-BTTTT)"),
    "decision_no": ("string", "number of the decision recognising the platform"),
    "decided_on": ("date", "date of that decision"),
    "status_source": ("string", "the decision (and the register document of the rule applied)"),
    "criteria_document_no": ("string", "the criteria set the platform was assessed against"),
    "criteria_issued_on": ("date", "date the criteria set was issued"),
    "criteria_source": ("string", "the criteria set's document and its base framework"),
    "assessed_on": ("date", "date of the latest assessment"),
    "assessor_kind": ("string", "council, expert_group or competent_unit"),
    "assessment_source": ("string", "document recording the assessment (or who recorded it)"),
    "list_id": ("string", "the NDP Tracker list the platform joined"),
    "list_import_id": ("integer", "the list version (import) that added the platform"),
    "current_stage": ("string", "latest stage of deployment reached (shared lists), if any"),
    "stage_date": ("date", "date that stage was reached"),
    "stage_source": ("string", "document or file row of that stage"),
}


def feed(con: Connection) -> pd.DataFrame:
    """The feed's rows: recognised and potential platforms, latest records first by id."""
    rec = read_records(con)
    props = current_proposals(rec)
    props = props[props["outcome"].isin(["recognised", "potential"])].sort_values("proposal_id")
    names = dict(con.execute("SELECT code, name_vi FROM body").fetchall())
    stages = con.execute("SELECT s.list_id, p.name_key, s.stage_id, s.stage_date, e.document_no, e.source "
                         "FROM platform_status_current s JOIN platform_current p ON p.list_id = s.list_id AND p.name = s.name "
                         "LEFT JOIN platform_event e ON e.list_id = s.list_id AND e.platform_key = p.name_key "
                         "AND e.stage_id = s.stage_id AND e.event_date = s.stage_date "
                         "QUALIFY row_number() OVER (PARTITION BY s.list_id, p.name_key ORDER BY e.event_id DESC) = 1"
                         ).df().set_index(["list_id", "name_key"])
    assess = rec.assessment.sort_values(["assessed_on", "assessment_id"]).groupby("proposal_id").tail(1).set_index("proposal_id")
    sets = rec.criteria_set.set_index("set_id")
    versions = {pid: list_version(con, pid) for pid in props["proposal_id"]}
    rows = []
    for p in props.itertuples():
        proposal_doc = _first(p.document_no, f"proposal {p.proposal_id} recorded by {p.recorded_by} on {p.recorded_at:%Y-%m-%d}")
        a = assess.loc[p.proposal_id] if p.proposal_id in assess.index else None
        crit = sets.loc[int(p.set_id)] if pd.notna(p.set_id) else None
        stage = stages.loc[(p.list_id, p.platform_key)] if (p.list_id, p.platform_key) in stages.index else None
        rule = DOC_GUIDANCE if p.outcome == "recognised" else DOC_POTENTIAL
        rows.append({
            "id": f"ndp-rec-{p.proposal_id}", "platform_name": p.platform_name, "platform_name_source": proposal_doc,
            "body_code": p.body_code, "body_name_vi": names.get(p.body_code), "ownership": p.ownership,
            "owner_enterprise": p.owner_enterprise, "ownership_source": proposal_doc, "status": p.outcome,
            "decision_no": p.decision_no, "decided_on": p.decided_on, "status_source": f"{p.decision_no} ({rule})",
            "criteria_document_no": None if crit is None else crit["document_no"],
            "criteria_issued_on": None if crit is None else crit["issued_on"],
            "criteria_source": None if crit is None else f"{crit['document_no']} ({DOC_CRITERIA}, Annex 1)",
            "assessed_on": None if a is None else a["assessed_on"], "assessor_kind": None if a is None else a["assessor_kind"],
            "assessment_source": None if a is None else _first(
                a["document_no"], f"assessment #{a['assessment_id']} recorded by {a['recorded_by']}"),
            "list_id": p.list_id,
            "list_import_id": versions.get(p.proposal_id),
            "current_stage": None if stage is None else stage["stage_id"],
            "stage_date": None if stage is None else pd.Timestamp(stage["stage_date"]).date(),
            "stage_source": None if stage is None else _first(stage["document_no"], stage["source"]),
        })
    return pd.DataFrame(rows, columns=list(FIELDS))


def _first(*values):
    return next((v for v in values if isinstance(v, str) and v), None)


def package(generated: datetime) -> dict:
    """The Frictionless Data Package descriptor of the two files."""
    schema = {"fields": [{"name": n, "type": t, "description": d} for n, (t, d) in FIELDS.items()],
              "primaryKey": ["id"], "missingValues": [""]}
    common = {"schema": schema, "encoding": "utf-8"}
    return {
        "name": "ndp-tracker-recognised-platforms",
        "title": "Recognised national digital platforms (NDP Tracker feed for ndp.dx.gov.vn)",
        "description": "Platforms recognised under dispatch 2291/BTTTT-KTS&XHS, or potential under Decision "
                       "1864/QĐ-BTTTT, with their current status; every value names its source document.",
        "created": generated.isoformat(timespec="seconds"),
        "sources": [{"title": f"Document register id {d}"} for d in (DOC_GUIDANCE, DOC_CRITERIA, DOC_POTENTIAL)],
        "resources": [
            {"name": "platforms", "path": "platforms.csv", "format": "csv", "mediatype": "text/csv", **common},
            {"name": "platforms-json", "path": "platforms.json", "format": "json", "mediatype": "application/json",
             **common},
        ],
    }


def _json_value(v):
    if v is None or (isinstance(v, float) and pd.isna(v)) or v is pd.NaT:
        return None
    if isinstance(v, (date, datetime)):
        return v.isoformat()[:10]
    return v.item() if hasattr(v, "item") else v


def write_portal(con: Connection, out_dir: Path, generated: datetime | None = None) -> list[Path]:
    """Write the feed to ``out_dir``; returns the files written."""
    df = feed(con)
    out_dir.mkdir(parents=True, exist_ok=True)
    csv_path, json_path, pkg_path = out_dir / "platforms.csv", out_dir / "platforms.json", out_dir / "datapackage.json"
    records = [{k: _json_value(v) for k, v in row.items()} for row in df.to_dict("records")]
    text = pd.DataFrame(records, columns=list(FIELDS)).astype(object).where(lambda d: d.notna(), None)
    csv_path.write_text(text.to_csv(index=False, lineterminator="\n"), encoding="utf-8")
    json_path.write_text(json.dumps(records, ensure_ascii=False, indent=1), encoding="utf-8")
    pkg_path.write_text(json.dumps(package(generated or datetime.now()), ensure_ascii=False, indent=1), encoding="utf-8")
    return [csv_path, json_path, pkg_path]
