import unicodedata

import pytest

from loaders.text import clean, fold, key


@pytest.mark.parametrize("a, b", [
    ("Hóa", "Hoá"),                              # new vs old tone-mark placement
    ("Thủy", "Thuỷ"),
    ("Ủy ban Dân tộc", "Uỷ ban Dân tộc"),
    ("Đường", "duong"),                          # đ = d, case, diacritics
    ("BỘ TÀI CHÍNH", "bo tai chinh"),
    ("Bộ  Tài\u00a0chính", "Bộ Tài chính"),       # double and non-breaking spaces
    ("Bộ Tài\nchính", "Bộ Tài chính"),           # line break inside a cell
    ("Bộ Tài\u200bchính", "Bộ Tàichính"),         # zero-width space removed
    ("Nền tảng \u202eABC\u202c số", "Nền tảng ABC số"),   # a bidi override (shown reversed) removed
    ("\u2067Cổng\u2069 \u200fdịch vụ\u200e", "Cổng dịch vụ"),   # isolates and direction marks removed
    ("A\U000e0041\U000e0042B\u2061\u180e\ufff9", "AB"),   # tag characters and other format characters removed
])
def test_fold_treats_variants_as_equal(a, b):
    assert fold(a) == fold(b)


def test_key_ignores_spacing_and_punctuation():
    assert key("Bộ TT&TT") == key("bo tt tt") == "botttt"


def test_clean_stores_nfc_and_trims():
    decomposed = unicodedata.normalize("NFD", " Cổng  Dịch vụ công\u00a0")
    out = clean(decomposed)
    assert out == "Cổng Dịch vụ công"
    assert unicodedata.is_normalized("NFC", out)


@pytest.mark.parametrize("value, expected", [(None, ""), (1.0, "1"), (2.5, "2.5"), (float("nan"), ""), (7, "7")])
def test_clean_excel_numbers(value, expected):
    assert clean(value) == expected
