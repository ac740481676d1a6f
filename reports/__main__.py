"""python -m reports build --list LIST_ID --format xlsx|csv|pdf --out FILE [--db PATH]
                          [--ministry CODE ...] [--province CODE] [--as-of YYYY-MM-DD] [--lang vi|en]
python -m reports portal --out DIR [--db PATH]

``build`` writes the same files as the dashboard's downloads, for a scheduled job. ``portal`` writes
the recognised platforms as a feed for ndp.dx.gov.vn (platforms.csv, platforms.json and a
Frictionless datapackage.json; reports/portal.py).

Errors: one ``error:`` line on
stderr in the language of ``NDP_LANG`` (English unless it starts with ``vi``), exit 2 (3 unexpected),
never a traceback.
"""
from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from actions.recognition import read_records
from loaders.messages import LoaderError, Message, cli_lang
from loaders.paths import default_db
from store.catalog import parse_date
from store.db import read_only
from store.snapshot import read_snapshot
from views.scope import Scope
from views.tables import platforms_table

from .files import csv_bytes
from .pdf import brief
from .portal import write_portal
from .workbook import full_report


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m reports", description="NDP Tracker reports")
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="write a report file")
    b.add_argument("--list", dest="list_id", required=True)
    b.add_argument("--format", choices=["xlsx", "csv", "pdf"], required=True)
    b.add_argument("--out", type=Path, required=True)
    b.add_argument("--db", type=Path, default=None)
    b.add_argument("--ministry", action="append", default=[], help="body code (repeat for several)")
    b.add_argument("--province", default=None, help="GSO province code (provincial lists)")
    b.add_argument("--as-of", default=None, help="date for progress figures (default: today)")
    b.add_argument("--lang", choices=["vi", "en"], default="vi")
    p = sub.add_parser("portal", help="write the recognised platforms as a portal feed (Data Package)")
    p.add_argument("--out", type=Path, required=True, help="directory to write into")
    p.add_argument("--db", type=Path, default=None)
    return parser


def build_portal(args) -> list[Path]:
    db = args.db or default_db()
    if not Path(db).exists():
        raise LoaderError("report_no_db", db=str(db))
    if args.out.exists() and not args.out.is_dir():
        raise LoaderError("report_out_not_dir")
    con = read_only(db)
    try:
        return write_portal(con, args.out)
    finally:
        con.close()


def build_report(args) -> bytes:
    db = args.db or default_db()
    if not Path(db).exists():
        raise LoaderError("report_no_db", db=str(db))
    con = read_only(db)
    try:
        snap = read_snapshot(con)
        recognition = read_records(con)
        provinces = {r[0]: r[1] for r in con.execute(
            "SELECT code, name_vi FROM province_2025 UNION ALL SELECT code, name_vi FROM province_2024").fetchall()}
    finally:
        con.close()
    lists = snap.platform_list.set_index("list_id")
    if args.list_id not in lists.index:
        raise LoaderError("report_unknown_list", list_id=args.list_id, known=", ".join(lists.index))
    unknown = [m for m in args.ministry if m not in set(snap.body["code"])]
    if unknown:
        raise LoaderError("report_unknown_ministry", codes=", ".join(unknown))
    province = None
    if args.province:
        if args.province not in provinces:
            raise LoaderError("report_unknown_province", province=args.province)
        issuer = lists.at[args.list_id, "province_code"]
        if lists.at[args.list_id, "kind"] == "provincial" and issuer != args.province:
            raise LoaderError("report_other_province", list_id=args.list_id, issuer=issuer, province=args.province)
        province = f"{provinces[args.province]} ({args.province})"
    scope = Scope(args.list_id, args.lang, list(args.ministry), parse_date(args.as_of) or date.today())
    if args.format == "csv":
        return csv_bytes(platforms_table(snap, scope, args.lang, list_id=args.list_id))
    if args.format == "pdf":
        return brief(snap, scope, recognition)
    return full_report(snap, scope, province, recognition)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    lang = cli_lang()
    try:
        if args.command == "portal":
            written = build_portal(args)
            print("wrote " + ", ".join(str(p) for p in written))
            return 0
        data = build_report(args)
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_bytes(data)
    except LoaderError as exc:
        print(f"error: {args.out}: {exc.text(lang)}", file=sys.stderr)
        return 2
    except Exception as exc:  # one line, never a traceback
        unexpected = Message("report_unexpected", {"kind": type(exc).__name__, "detail": str(exc)[:200]})
        print(f"error: {args.out}: {unexpected.text(lang)}", file=sys.stderr)
        return 3
    print(f"wrote {args.out} ({len(data):,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
