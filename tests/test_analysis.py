"""Figures the dashboard shows, computed from the built database."""
from datetime import date

import pytest

from analysis.counts import per_body, reconcile, rollup
from analysis.lineage import successor_map, with_predecessors
from analysis.publication import publication_table, status_summary
from analysis.search import search


@pytest.fixture(scope="module")
def snap(built_snap):
    return built_snap


def counts_of(df):
    return dict(zip(df["body_code"], df["count"]))


def test_national_2024_published_figures(snap):
    df = per_body(snap.platform_current, snap.published_count, "national-2024")
    c = counts_of(df)
    assert {k: c[k] for k in ("MOF", "MPS", "MOC", "MOHA", "MOJ", "MOT", "MPI", "MOET")} == {
        "MOF": 31, "MPS": 11, "MOC": 10, "MOHA": 9, "MOJ": 9, "MOT": 8, "MPI": 7, "MOET": 7}
    assert df["count"].sum() == 103
    assert set(df["basis"]) == {"published"}  # no item-level list of the 103 is public


def test_shared_2025_items_where_named_published_where_not(snap):
    df = per_body(snap.platform_current, snap.published_count, "shared-2025")
    c = counts_of(df)
    assert (c["MPS"], c["MOF"], df["count"].sum()) == (13, 10, 55)
    basis = dict(zip(df["body_code"], df["basis"]))
    assert basis["MPS"] == "items" and basis["MOH"] == "inferred"


def test_lineage_rollup_maps_2024_bodies_to_2025(snap):
    df = per_body(snap.platform_current, snap.published_count, "national-2024")
    rolled = counts_of(rollup(df, successor_map(snap.body, date(2025, 11, 9))))
    assert rolled["MOF"] == 31 + 7          # MPI merged into MOF
    assert rolled["MOC"] == 10 + 8          # MOT merged into MOC
    assert "MPI" not in rolled and "MOT" not in rolled
    assert sum(rolled.values()) == 103


def test_successor_map_respects_the_date(snap):
    assert successor_map(snap.body, date(2024, 7, 15))["MIC"] == "MIC"
    assert successor_map(snap.body, date(2025, 3, 1))["MIC"] == "MOST"
    assert with_predecessors(snap.body, ["MAE"]) == {"MAE", "MARD", "MONRE"}


def test_reconcile_reports_differences():
    import pandas as pd
    counts = pd.DataFrame({"body_code": ["MOF", "MPS", "MOH"], "items": pd.array([30, 13, pd.NA], "Int64"),
                           "published": pd.array([31, 13, 1], "Int64")})
    rec = reconcile(counts).set_index("body_code")
    assert rec.loc["MOF", "status"] == "differs" and rec.loc["MOF", "note"] == "file: MOF 30; published: 31"
    assert rec.loc["MPS", "status"] == "match" and rec.loc["MOH", "status"] == "published_only"


def test_publication_status_never_guesses(snap):
    counts = per_body(snap.platform_current, snap.published_count, "national-2024")
    table = publication_table(snap.body, snap.publication_status, counts, "national-2024", date(2024, 7, 15))
    status = dict(zip(table["body_code"], table["status"]))
    assert status["MOF"] == "published" and status["MOIT"] == "not_published" and status["MOH"] == "not_published"
    assert status["MOFA"] == "unknown"      # not named by any source
    assert "MAE" not in status              # did not exist in July 2024
    assert "MIC" not in status              # the issuer: not among the 29 the source counts (inferred)
    assert status_summary(table) == {"published": 14, "not_published": 6, "unknown": 9}


@pytest.mark.parametrize("query", ["cong dich vu", "CỔNG DỊCH VỤ", "cổng  dịch vụ công", "Cong Dich Vu Cong"])
def test_search_ignores_case_diacritics_spacing(snap, query):
    found = search(snap.platform_current, query, ["name", "name_en"])
    assert "Cổng Dịch vụ công quốc gia" in set(found["name"])


def test_search_d_matches_dj(snap):
    found = search(snap.platform_current, "dinh danh", ["name"])
    assert list(found["name"]) == ["Nền tảng định danh và xác thực điện tử"]
