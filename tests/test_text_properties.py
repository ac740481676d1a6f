"""Properties of the text normaliser, for any input."""
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from loaders.legacy import convert, detect
from loaders.text import clean, fold, fold_many, key

VIETNAMESE = st.text(alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệ"
                              "ìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵĐƯƠĂÂÊÔÁÀẢÃẠ"
                              "0123456789 .,;:-_/()&'\"\u00a0\u200b\n\t\u0301\u0300\u0323")
TEXT = st.one_of(st.text(), VIETNAMESE)
ANY = st.one_of(TEXT, st.none(), st.integers(), st.floats())


@settings(max_examples=300)
@given(ANY)
def test_clean_never_raises_is_nfc_and_idempotent(value):
    out = clean(value)
    assert unicodedata.is_normalized("NFC", out)
    assert clean(out) == out
    assert out == out.strip() and "  " not in out and "\n" not in out and "\u200b" not in out


@settings(max_examples=300)
@given(TEXT)
def test_fold_is_idempotent_and_accent_free(value):
    out = fold(value)
    assert fold(out) == out
    assert out == out.lower() and "đ" not in out
    assert not any(unicodedata.combining(c) for c in unicodedata.normalize("NFD", out))


@given(VIETNAMESE)
def test_key_equals_for_case_and_nfd_variants(value):
    assert key(value.upper()) == key(value.lower()) == key(unicodedata.normalize("NFD", value))


@given(st.lists(TEXT, max_size=5))
def test_legacy_detection_never_raises_and_leaves_unicode_alone(values):
    encoding = detect(values)
    if encoding:
        assert all(isinstance(convert(v, encoding), str) for v in values)
    if any("ơ" in v or "ư" in v or "đ" in v for v in values):
        assert encoding is None



@settings(max_examples=300)
@given(st.lists(ANY, max_size=8))
def test_fold_many_equals_fold_of_each(values):
    assert fold_many(values) == [fold(v) for v in values]


def test_fold_many_on_a_column_with_letters_beyond_ascii_and_the_separator():
    values = ["Hệ thống Hoá đơn", "Ørsted ĐIỆN", "a\x00b", "", None, 1.0]
    assert fold_many(values) == [fold(v) for v in values]
    assert fold_many(["Thuỷ lợi", "Thủy LỢI"]) == ["thuy loi", "thuy loi"]

