"""Damaged and oddly encoded files: each is a message in the user's language, never an exception
the page would show as "unexpected failure", and a damaged workbook's technical detail says what
kind of damage it is (the exception's type, not only calamine's one-word message)."""
from __future__ import annotations

import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from loaders import read
from loaders.messages import LoaderError
from tests.hostile.hostile import LIST_ROWS, sheet_xml, xlsx

_SHEET = sheet_xml(LIST_ROWS)


def _outcome(data: bytes):
    try:
        return read.read_sheets(io.BytesIO(data))
    except LoaderError as exc:
        return exc.message


def test_a_sheet_cut_inside_a_text_names_the_xml_error():
    """Cut right after ``<t>BCA``: calamine's XmlError says only "t"."""
    cut = _SHEET[: _SHEET.index("BCA") + 3]
    message = _outcome(xlsx(cut))
    assert message.code == "corrupt_workbook"
    assert message.params["detail"].startswith("XmlError"), message.params
    assert "XmlError" in message.text("vi") and "Tệp Excel bị hỏng" in message.text("vi")


@settings(max_examples=25, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(min_value=1, max_value=len(_SHEET) - 1))
def test_a_sheet_cut_anywhere_reads_or_says_what_broke(cut):
    outcome = _outcome(xlsx(_SHEET[:cut]))
    if isinstance(outcome, list):
        return                                  # cut where the XML still ends well enough
    assert outcome.code == "corrupt_workbook", outcome
    kind, _, text = outcome.params["detail"].partition(": ")
    assert kind.endswith("Error") and kind.isidentifier(), outcome.params


def test_a_zip_that_is_not_one_names_its_error_too():
    message = _outcome(b"PK\x03\x04" + b"garbage" * 50)
    assert message.code == "corrupt_workbook" and message.params["detail"].startswith("BadZipFile"), message.params


@pytest.mark.parametrize("data", [
    b"\xff\xfe" + b"\x00\xd8" * 10 + b"a\x00",                              # a lone surrogate
    "STT\tTên nền tảng\tCơ quan chủ quản\n1\tA\tBCA\n".encode("utf-16")[:-1],   # an odd byte count
    b"\xfe\xff" + b"\xdc\x00" * 8,                                          # big-endian, low surrogate first
], ids=["surrogate", "odd-length", "be-surrogate"])
def test_broken_utf16_text_is_a_message(data):
    outcome = _outcome(data)
    assert not isinstance(outcome, list) or outcome   # no exception escaped; a message or sheets
    if not isinstance(outcome, list):
        assert outcome.code in ("not_spreadsheet", "empty_file"), outcome


def test_utf32_text_reads_as_what_it_says():
    text = "STT,Tên nền tảng,Cơ quan chủ quản\n1,Nền tảng A,Bộ Tài chính\n"
    sheets = _outcome(text.encode("utf-32"))
    assert isinstance(sheets, list), sheets
    assert sheets[0].rows[1] == ["1", "Nền tảng A", "Bộ Tài chính"]


def test_a_nul_byte_anywhere_in_text_is_not_a_spreadsheet():
    """A NUL after the first 4 KB was taken into a platform's name and stored."""
    text = "STT,Tên nền tảng,Cơ quan chủ quản\n" + "1,Nền tảng A,Bộ Tài chính\n" * 400 + "2,N\x00B,BCA\n"
    outcome = _outcome(text.encode())
    assert not isinstance(outcome, list) and outcome.code == "not_spreadsheet", outcome
