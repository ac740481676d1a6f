"""python -m actions build [--db PATH]
python -m actions ingest FILE --list LIST_ID [--as-of YYYY-MM-DD] [--db PATH] [--strict]
python -m actions ingest-progress FILE --list LIST_ID [--db PATH] [--strict]
python -m actions ingest-adoption FILE --list LIST_ID [--db PATH] [--strict]
python -m actions ingest-recognition FILE --kind proposal|criteria|assessment [--db PATH]
python -m actions users add EMAIL --role viewer|ministry_editor|province_reviewer|assessor|admin [--body CODE | --province CODE]
                        [--password-stdin | --no-password] [--db PATH]
python -m actions users list|disable EMAIL|enable EMAIL|password EMAIL [--password-stdin] [--db PATH]
python -m actions template [--out PATH] [--on YYYY-MM-DD]
python -m actions register LIST_ID --kind national|shared|provincial --title TEXT --date YYYY-MM-DD
                           [--province CODE] [--issuer TEXT] [--document-no TEXT] [--title-en TEXT] [--db PATH]

Every write is made as the operating-system user (recorded in import_log and audit_log) with the
admin role. Messages are in English; set NDP_LANG=vi for Vietnamese. Errors: one ``error:`` line on stderr,
exit 2 (3 for an unexpected failure), never a traceback.
"""
from __future__ import annotations

import argparse
import getpass
import json
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path

from access.roles import cli_user
from access.users import NewUser, add_user, list_users, set_active, set_password
from loaders.messages import LoaderError, Message, cli_lang
from loaders.paths import DATA_DIR, default_db
from loaders.template import build_template
from store.catalog import parse_date
from store.db import reading
from store.reference import read_reference_csv

from . import pipeline, recognition_import
from .build import build, ensure_built
from .commits import register_list, removes_missing
from .ingest import preview
from .register import Registration

TEMPLATE_PATH = DATA_DIR / "mau-danh-sach-nen-tang.xlsx"


def _import_parser(sub, name: str, what: str, list_help: str, strict_help: str) -> argparse.ArgumentParser:
    """A file import's command: the file, ``--list``, ``--db`` and ``--strict`` (each kind adds its own)."""
    p = sub.add_parser(name, help=what)
    p.add_argument("file", type=Path)
    p.add_argument("--list", dest="list_id", required=True, help=list_help)
    p.add_argument("--db", type=Path, default=None, help="database file (default: data/ndp.duckdb)")
    p.add_argument("--strict", action="store_true", help=strict_help)
    return p


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m actions", description="NDP Tracker data loader")
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="(re)build the database from data/")
    b.add_argument("--db", type=Path, default=None, help="database file (default: data/ndp.duckdb)")
    i = _import_parser(sub, "ingest", "import a platform list file (.xlsx, .xls, .ods, .csv, .tsv)",
                       "registered list id, e.g. shared-2025", "fail the whole import if any row is rejected")
    i.add_argument("--as-of", default=None, help="date the list is valid for (default: the list's date)")
    i.add_argument("--keep-missing", action="store_true",
                   help="keep the current platforms the file does not contain (default: the file is the whole new list)")
    i.add_argument("--dry-run", action="store_true",
                   help="only show what the file would add, change and remove; write nothing")
    _import_parser(sub, "ingest-progress", "import dated progress updates for a list's platforms",
                   "registered list id, e.g. shared-2025",
                   "fail the whole import if any row is rejected or only nearly matches a platform")
    _import_parser(sub, "ingest-adoption", "import which provinces use which platforms of a central list",
                   "the central list the file reports on, e.g. shared-2025", "fail the whole import if any row is rejected")
    g = sub.add_parser("ingest-recognition", help="import recognition records (dispatch 2291): proposals, criteria "
                       "or assessments; each record is stored or refused on its own")
    g.add_argument("file", type=Path)
    g.add_argument("--kind", required=True, choices=list(recognition_import.KINDS))
    g.add_argument("--db", type=Path, default=None, help="database file (default: data/ndp.duckdb)")
    t = sub.add_parser("template", help="write the Excel template ministries fill in")
    t.add_argument("--out", type=Path, default=TEMPLATE_PATH, help="output file (default: data/" + TEMPLATE_PATH.name + ")")
    t.add_argument("--on", default=None, help="roster of bodies on this date (default: today)")
    r = sub.add_parser("register", help="register a new list (then ingest its file with --list LIST_ID)")
    r.add_argument("list_id", help="a new id: lower-case letters, digits, hyphens (e.g. province-40-2026)")
    r.add_argument("--kind", required=True, choices=["national", "shared", "provincial"])
    r.add_argument("--title", required=True, help="the list's title as in its document (Vietnamese)")
    r.add_argument("--title-en", default=None)
    r.add_argument("--date", required=True, help="date of the document (YYYY-MM-DD)")
    r.add_argument("--province", default=None, help="GSO code of the province (provincial lists)")
    r.add_argument("--issuer", default=None, help="issuing body: a code (MOST) or a name (UBND tỉnh Nghệ An)")
    r.add_argument("--document-no", default=None, help="number of the document, e.g. 123/QĐ-UBND")
    r.add_argument("--db", type=Path, default=None, help="database file (default: data/ndp.duckdb)")
    u = sub.add_parser("users", help="manage the people who may sign in to the dashboard")
    usub = u.add_subparsers(dest="users_command", required=True)
    ua = usub.add_parser("add", help="create a user (asks for the password twice unless told otherwise)")
    ua.add_argument("email")
    ua.add_argument("--role", required=True, choices=["viewer", "ministry_editor", "province_reviewer", "assessor", "admin"])
    ua.add_argument("--body", default=None, help="the body a ministry_editor works for (code, e.g. MOF)")
    ua.add_argument("--province", default=None, help="the province a province_reviewer works for (GSO code, e.g. 40)")
    how = ua.add_mutually_exclusive_group()
    how.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    how.add_argument("--no-password", action="store_true", help="signs in through the identity provider only")
    for name, helptext in (("list", "list the users"), ("disable", "stop a user signing in"),
                           ("enable", "let a disabled user sign in again"), ("password", "set a new password")):
        one = usub.add_parser(name, help=helptext)
        if name != "list":
            one.add_argument("email")
        if name == "password":
            one.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
        one.add_argument("--db", type=Path, default=None, help="database file (default: data/ndp.duckdb)")
    ua.add_argument("--db", type=Path, default=None, help="database file (default: data/ndp.duckdb)")
    return parser


def _register(args, lang: str) -> int:
    db = args.db or default_db()
    ensure_built(db)
    row = register_list(db, Registration(
        args.list_id, args.kind, args.title, parse_date(args.date), args.title_en, args.province, args.issuer,
        args.document_no), user=cli_user())
    print(f"registered {row['list_id']} ({row['kind']}); now: python -m actions ingest FILE --list {row['list_id']}")
    return 0


def _build(args, lang: str) -> int:
    db = args.db or default_db()
    for o in build(db):
        print(f"{o.list_id}: import #{o.import_id}, {o.rows_loaded} row(s) loaded, {o.rows_rejected} rejected")
    print(f"built {db}")
    return 0


def _run_ingest(args, lang: str, kind: str, **choices) -> int:
    """The one runner for every import kind: open the file, ``pipeline.ingest`` it as the
    operating-system user, print warnings (stderr) and the JSON line."""
    if not args.file.is_file():
        raise LoaderError("file_not_found")
    with args.file.open("rb") as fh:
        outcome = pipeline.ingest(pipeline.KINDS[kind], fh, args.file.name, args.db or default_db(), args.list_id,
                                  user=cli_user(), strict=args.strict, as_of=parse_date(getattr(args, "as_of", None)),
                                  **choices)
    for w in outcome.warnings:
        print(f"warning: {w.text(lang)}", file=sys.stderr)
    if outcome.changes is not None and not outcome.duplicate:
        print(f"changes: {outcome.changes.summary().text(lang)}", file=sys.stderr)
    print(outcome.to_json(lang))
    return 0


def _ingest_recognition(args, lang: str) -> int:
    """Recognition records as the Recognition page imports them: each record (a row, or the rows of
    one assessment) stored in a transaction of its own; a refused row on stderr with its reason."""
    if not args.file.is_file():
        raise LoaderError("file_not_found")
    db = args.db or default_db()
    ensure_built(db)
    with args.file.open("rb") as fh:
        report = recognition_import.import_file(db, fh, args.kind, cli_user())
    for row_no, message in report.messages:
        print(f"rejected: row {row_no}: {message.text(lang)}", file=sys.stderr)
    print(json.dumps({"kind": args.kind, "records_loaded": len(report.loaded),
                      "rows_loaded": sum(len(rows) for rows, _ in report.loaded), "rows_rejected": len(report.messages),
                      "record_ids": [record for _, record in report.loaded]}, ensure_ascii=False))
    return 0


def _ingest(args, lang: str) -> int:
    remove = False if args.keep_missing else None
    if args.dry_run:
        return _preview_list(args, lang, remove)
    return _run_ingest(args, lang, "list", remove_missing=remove)


def _preview_list(args, lang: str, remove: bool | None) -> int:
    """``ingest --dry-run``: the rows to load, the rejected and what the file changes in the list."""
    if not args.file.is_file():
        raise LoaderError("file_not_found")
    db = args.db or default_db()
    ensure_built(db)
    user = cli_user()
    with args.file.open("rb") as fh:
        parsed, meta = preview(fh, db, args.list_id, parse_date(args.as_of), user=user)
    changes = replace(meta["changes"], remove_missing=removes_missing(user, remove))
    print(f"{args.list_id} as of {meta['as_of']}: {parsed.row_count} row(s) to load, {len(parsed.rejected)} rejected "
          "(nothing written)")
    for _row_no, message in parsed.rejected:
        print(f"  rejected: {message.text(lang)}")   # the message names the row (and sheet)
    for warning in parsed.warnings:   # what the import does with rows it loads (e.g. an earlier name)
        print(f"  warning: {warning.text(lang)}")
    for title, items in (("added", changes.added), ("changed", changes.changed),
                         ("removed" if changes.remove_missing else "kept (not in the file)", changes.missing)):
        print(f"{title}: {len(items)}")
        for item in items:
            fields = "; ".join(f"{f}: {old!r} -> {new!r}" for f, (old, new) in item.get("fields", {}).items())
            print(f"  {item['name']} ({item['ministry_code'] or '-'}){' — ' + fields if fields else ''}")
    print(changes.summary().text(lang))
    return 0


def _template(args, lang: str) -> int:
    bodies = read_reference_csv(DATA_DIR / "reference" / "bodies.csv", ("valid_from", "valid_to"))
    args.out.write_bytes(build_template(bodies.to_dict("records"), parse_date(args.on) or date.today()))
    print(f"wrote {args.out}")
    return 0


def _password(args) -> str:
    if getattr(args, "password_stdin", False):
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass("password: ")
    if getpass.getpass("again: ") != first:
        raise LoaderError("passwords_differ")
    return first


def _users(args, lang: str) -> int:
    db = args.db or default_db()
    ensure_built(db)
    command = args.users_command
    if command == "list":
        with reading(db) as con:
            print(list_users(con, db).to_string(index=False))
    elif command == "add":
        password = None if args.no_password else _password(args)
        user = add_user(db, NewUser(args.email, args.role, args.body, args.province), password, cli_user())
        bound = user.body_code or user.province_code
        print(f"added {user.email} ({user.role}{', ' + bound if bound else ''})")
    elif command in ("disable", "enable"):
        set_active(db, args.email, command == "enable", cli_user())
        print(f"{command}d {args.email.strip().lower()}")
    else:
        set_password(db, args.email, _password(args), cli_user())
        print(f"password set for {args.email.strip().lower()}")
    return 0


COMMANDS = {"build": _build, "ingest": _ingest, "template": _template, "register": _register, "users": _users,
            "ingest-progress": lambda args, lang: _run_ingest(args, lang, "progress"),
            "ingest-adoption": lambda args, lang: _run_ingest(args, lang, "adoption"),
            "ingest-recognition": _ingest_recognition}


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    lang = cli_lang()
    subject = str(getattr(args, "file", None) or getattr(args, "email", None) or getattr(args, "db", None)
                  or getattr(args, "out", None) or default_db())
    try:
        return COMMANDS[args.command](args, lang)
    except LoaderError as exc:
        print(f"error: {subject}: {exc.text(lang)}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"error: {subject}: {Message('cli_interrupted').text(lang)}", file=sys.stderr)
        return 130
    except Exception as exc:  # the last line of defence: one line, never a traceback
        unexpected = Message("cli_unexpected", {"kind": type(exc).__name__, "detail": str(exc)[:200]})
        print(f"error: {subject}: {unexpected.text(lang)}", file=sys.stderr)
        return 3


if __name__ == "__main__":
    sys.exit(main())
