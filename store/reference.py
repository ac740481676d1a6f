"""Reference CSVs in ``data/reference`` -> their tables. Text is stored NFC."""
from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd

from loaders.text import clean

from .dates import as_dates
from .documents import unresolved

# table -> (CSV file, date columns). Identifiers come from this allow-list only.
TABLES: dict[str, tuple[str, tuple[str, ...]]] = {
    "body": ("bodies.csv", ("valid_from", "valid_to")),
    "body_lineage": ("body_lineage.csv", ()),
    "function_transfer": ("function_transfers.csv", ("effective",)),
    "platform_list": ("lists.csv", ("issued_on", "as_of")),
    "published_count": ("published_counts.csv", ()),
    "published_figure": ("published_figures.csv", ("as_of",)),
    "publication_status": ("publication_status.csv", ()),
    "criteria_1230": ("criteria_1230.csv", ()),
    "addressee_2291": ("addressees_2291.csv", ()),
    "stage": ("stages.csv", ()),
    "province_2024": ("provinces_2024.csv", ()),
    "province_2025": ("provinces_2025.csv", ()),
    "province_merger": ("province_merger_2025.csv", ()),
    "department": ("departments.csv", ()),
    "document": ("documents.csv", ()),
    "guidance_item": ("guidance_2291.csv", ()),
    "known_item": ("known_items.csv", ()),
    "reference_check": ("checked.csv", ("checked_on",)),
}


def read_reference_csv(path: Path, date_columns: tuple[str, ...] = ()) -> pd.DataFrame:
    df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    df = df.apply(lambda col: col.map(clean)).replace("", None)
    for col in date_columns:
        df[col] = as_dates(df[col], format="%Y-%m-%d")
    return df


def load_reference(con: duckdb.DuckDBPyConnection, ref_dir: Path) -> None:
    for table, (file_name, dates) in TABLES.items():
        df = read_reference_csv(ref_dir / file_name, dates)
        columns = con.table(table).columns
        con.from_df(df.reindex(columns=columns)).insert_into(table)
    bad = unresolved(con)
    if bad:   # shipped data: a developer's mistake, said plainly
        raise ValueError("reference sources that name no document of documents.csv: "
                         + "; ".join(f"{t}: {s!r}" for t, s in bad[:10]))
