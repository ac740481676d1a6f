"""Step 5: the portal feed is a valid Frictionless Data Package with stable ids and sources."""
from __future__ import annotations

import csv
import json

from frictionless import validate

from actions.recognition import record_outcome
from actions.recognition_records import Outcome
from reports.__main__ import main
from tests.test_recognition import ASSESSOR, NAME, TODAY, walk_to_assessment


def test_portal_feed_validates_and_cites_its_sources(db, tmp_path, capsys):
    recognised = walk_to_assessment(db, 70.0)
    record_outcome(db, Outcome(recognised, "recognised", "2026-10-20", "999/QĐ-BKHCN"), ASSESSOR, TODAY)
    out = tmp_path / "feed"
    assert main(["portal", "--out", str(out), "--db", str(db)]) == 0
    report = validate(str(out / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    rows = list(csv.DictReader((out / "platforms.csv").open(encoding="utf-8")))
    assert [r["id"] for r in rows] == [f"ndp-rec-{recognised}"]
    row = rows[0]
    assert row["platform_name"] == NAME and row["status"] == "recognised" and row["decided_on"] == "2026-10-20"
    assert row["current_stage"] == "listed" and row["list_import_id"].isdigit()
    assert "cv-2291-2024" in row["status_source"] and "qd-1230-2023" in row["criteria_source"]
    for field, value in row.items():   # every value has a source column filled beside it
        if field.endswith("_source"):
            assert value, field
    assert json.loads((out / "platforms.json").read_text(encoding="utf-8"))[0]["id"] == row["id"]
    capsys.readouterr()
    # the same id on a second run
    assert main(["portal", "--out", str(out), "--db", str(db)]) == 0
    assert next(csv.DictReader((out / "platforms.csv").open(encoding="utf-8")))["id"] == row["id"]


def test_empty_feed_is_still_a_valid_package(built_db, tmp_path):
    assert main(["portal", "--out", str(tmp_path / "f"), "--db", str(built_db)]) == 0
    assert validate(str(tmp_path / "f" / "datapackage.json")).valid


def test_portal_refuses_a_file_as_out_dir(built_db, tmp_path, capsys):
    target = tmp_path / "file.txt"
    target.write_text("x")
    assert main(["portal", "--out", str(target), "--db", str(built_db)]) == 2
    assert capsys.readouterr().err.startswith("error:")
