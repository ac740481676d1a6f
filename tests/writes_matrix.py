"""The write matrix's shared parts (tests/test_writes*.py): the users, the lists by kind, the
template database (the built one plus a loaded national list) copied for each case, and
reading what was written."""
from __future__ import annotations

from datetime import date

from access.roles import User
from store.db import reading, rows
from tests.files import csv_bytes

MOF_EDITOR = User("ke.toan@mof.gov.vn", "ministry_editor", body_code="MOF")
REVIEWER_40 = User("ra.soat@nghean.gov.vn", "province_reviewer", province_code="40")
LISTS = {"national_deployed": "national-2024", "shared": "shared-2025", "provincial": "province-40-2025"}
REGISTER_KIND = {"national_deployed": "national", "shared": "shared", "provincial": "provincial"}
TODAY = date(2026, 1, 15)
PASSWORD = "mật khẩu đủ dài 2026"

# The national list ships empty (its items were never published): the template loads this one.
NATIONAL_BASE = csv_bytes([
    ["STT", "Tên nền tảng", "Tên tiếng Anh", "Cơ quan chủ quản"],
    [1, "Hệ thống khai thuế thử nghiệm", "Trial tax filing system", "Bộ Tài chính"],
    [2, "Nền tảng kho bạc thử nghiệm", "Trial treasury platform", "Bộ Tài chính"],
    [3, "Hệ thống hải quan thử nghiệm", "Trial customs system", "Bộ Tài chính"],
    [4, "Nền tảng định danh thử nghiệm", "Trial identity platform", "Bộ Công an"],
    [5, "Cơ sở dữ liệu hộ tịch thử nghiệm", "Trial civil status database", "Bộ Tư pháp"]])


def q(db, sql: str, params: list | None = None) -> list[tuple]:
    with reading(db) as con:
        return rows(con, sql, params or [])


def data_tables(db) -> dict:
    """Everything users read (not the audit trail)."""
    tables = ("import_log", "platform", "rejected_row", "platform_event", "stage_target", "overlap_decision",
              "platform_list", "adoption", "app_user")
    with reading(db) as con:
        return {t: sorted(rows(con, f"SELECT * FROM {t}"), key=repr) for t in tables}  # noqa: S608 (fixed names)


def current(db, list_id: str) -> list[tuple]:
    return q(db, "SELECT name, ministry_code FROM platform_current WHERE list_id = ? ORDER BY name", [list_id])


def audit_tail(db, n: int = 1) -> list[tuple]:
    return q(db, "SELECT actor, action, result FROM audit_log ORDER BY audit_id DESC LIMIT ?", [n])[::-1]


def body_cell(code: str | None) -> str:
    return {"MOF": "Bộ Tài chính", "MPS": "Bộ Công an", "MOJ": "Bộ Tư pháp", None: ""}.get(code, code)


def existing(db, list_id: str, body: str | None = "any", n: int = 2) -> list[tuple]:
    """``n`` current platforms of the list (of ``body`` unless 'any'; '!MOF': of another body)."""
    found = q(db, "SELECT name, ministry_code FROM platform_current WHERE list_id = ? ORDER BY row_no", [list_id])
    return [r for r in found if body == "any" or r[1] == body or (body.startswith("!") and r[1] != body[1:])][:n]
