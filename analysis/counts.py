"""Platforms per managing body: from loaded items where a list has them, from published
counts where only figures exist, and the reconciliation of the two."""
from __future__ import annotations

import pandas as pd

COLUMNS = ["body_code", "items", "published", "count", "basis"]


def per_body(platforms: pd.DataFrame, published: pd.DataFrame, list_id: str) -> pd.DataFrame:
    """One row per body with ``items`` (rows in the latest import), ``published`` (the
    published figure), and ``count`` with its ``basis``: ``items`` where the body has loaded
    items, else ``published`` or ``inferred`` (the published count's own basis; an inferred
    published count keeps ``inferred`` even with items)."""
    items = (platforms[(platforms["list_id"] == list_id) & platforms["ministry_code"].notna()]
             .groupby("ministry_code").size().rename("items"))
    pub = published[(published["list_id"] == list_id) & published["body_code"].notna()]
    pub_counts = pub.set_index("body_code")["count"].rename("published")
    pub_basis = pub.set_index("body_code")["basis"].map(lambda b: "inferred" if str(b).startswith("inferred")
                                                         else "published")
    df = pd.concat([items, pub_counts], axis=1)
    if df.empty:
        return pd.DataFrame(columns=COLUMNS)
    df.index.name = "body_code"
    df = df.reset_index()
    has_items = df["items"].notna() & (df["items"] > 0)
    df["count"] = df["items"].where(has_items, df["published"]).astype("Int64")
    df["basis"] = pub_basis.reindex(df["body_code"]).fillna("published").to_numpy()
    # loaded items count as such, unless the published count is an inference (the owner of the
    # items itself inferred, e.g. MAE for the source's MARD): then the row stays ``inferred``
    df.loc[has_items & (df["basis"] != "inferred"), "basis"] = "items"
    df[["items", "published"]] = df[["items", "published"]].astype("Int64")
    return df[COLUMNS].sort_values(["count", "body_code"], ascending=[False, True]).reset_index(drop=True)


def rollup(counts: pd.DataFrame, mapping: dict[str, str]) -> pd.DataFrame:
    """Sum ``per_body`` rows into the bodies ``mapping`` sends them to (lineage)."""
    if counts.empty:
        return counts
    df = counts.assign(merged_from=counts["body_code"], body_code=counts["body_code"].map(mapping))
    out = df.groupby("body_code", as_index=False).agg(
        items=("items", lambda s: s.sum(min_count=1)), published=("published", lambda s: s.sum(min_count=1)),
        count=("count", "sum"), basis=("basis", lambda s: "+".join(sorted(set(s)))),
        merged_from=("merged_from", lambda s: ", ".join(sorted(c for c in s))))
    out[["items", "published", "count"]] = out[["items", "published", "count"]].astype("Int64")
    return out.sort_values(["count", "body_code"], ascending=[False, True]).reset_index(drop=True)


def reconcile(counts: pd.DataFrame) -> pd.DataFrame:
    """Loaded items against published figures: ``match``, ``differs``, ``items_only``,
    ``published_only``, with a note such as ``file: MOF 30; published: 31``."""
    df = counts[["body_code", "items", "published"]].copy()

    def status(r) -> str:
        if pd.isna(r["items"]) or r["items"] == 0:
            return "published_only"
        if pd.isna(r["published"]):
            return "items_only"
        return "match" if r["items"] == r["published"] else "differs"

    df["status"] = df.apply(status, axis=1) if len(df) else pd.Series(dtype=str)
    df["difference"] = (df["items"].fillna(0) - df["published"].fillna(0)).astype("Int64")
    df["note"] = [f"file: {b} {'-' if pd.isna(i) else i}; published: {'-' if pd.isna(p) else p}"
                  for b, i, p in zip(df["body_code"], df["items"], df["published"])]
    return df.reset_index(drop=True)
