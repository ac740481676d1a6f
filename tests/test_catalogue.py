"""The one vi/en catalogue (i18n/catalogue.toml): every key has both languages with the same
placeholders, no key is declared twice, and every key the code names exists. The last test follows
CONTRIBUTING.md's "Add a label" recipe."""
from __future__ import annotations

import re
import string
import tomllib
import unicodedata
from pathlib import Path

import pytest

from i18n import catalogue
from i18n.catalogue import TEXTS, load, tr

ROOT = Path(__file__).resolve().parents[1]
HEADER = re.compile(r'^\["([^"]+)"\]\s*$', re.M)


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def problems(path: Path) -> list[str]:
    """What is wrong with a catalogue file: a key declared twice, a language missing or empty,
    text not NFC, the two languages asking for different placeholders."""
    raw = path.read_text(encoding="utf-8")
    headers = HEADER.findall(raw)
    found = [f"{k}: declared {headers.count(k)} times" for k in sorted(set(headers)) if headers.count(k) > 1]
    if found:
        return found   # the TOML reader refuses the file anyway
    for key, entry in tomllib.loads(raw).items():
        if set(entry) != {"vi", "en"} or not all(isinstance(v, str) and v.strip() for v in entry.values()):
            found.append(f"{key}: needs a non-empty 'vi' and 'en' (has {sorted(entry)})")
            continue
        if any(unicodedata.normalize("NFC", v) != v for v in entry.values()):
            found.append(f"{key}: not NFC")
        if placeholders(entry["vi"]) != placeholders(entry["en"]):
            found.append(f"{key}: placeholders differ ({placeholders(entry['vi'])} vs {placeholders(entry['en'])})")
    return found


def test_every_key_has_both_languages_and_no_key_is_declared_twice():
    assert problems(catalogue.PATH) == []
    assert len(HEADER.findall(catalogue.PATH.read_text(encoding="utf-8"))) == len(TEXTS) > 700


def test_the_check_finds_what_it_forbids(tmp_path):
    text = catalogue.PATH.read_text(encoding="utf-8")
    doubled = tmp_path / "doubled.toml"
    doubled.write_text(text + '["nav.overview"]\nvi = "Tổng quan"\nen = "Overview"\n', encoding="utf-8")
    assert problems(doubled) == ["nav.overview: declared 2 times"]
    with pytest.raises(tomllib.TOMLDecodeError):
        load(doubled)
    bad = tmp_path / "bad.toml"
    bad.write_text('["a.one"]\nvi = "Một {n}"\n["a.two"]\nvi = "Hai {n}"\nen = "Two {count}"\n', encoding="utf-8")
    assert problems(bad) == ["a.one: needs a non-empty 'vi' and 'en' (has ['vi'])",
                             "a.two: placeholders differ ({'n'} vs {'count'})"]


KEY_CALL = re.compile(r"""\b(?:t|tr)\(\s*["']([a-z0-9_]+(?:\.[a-z0-9_\-]+)+)["']""")


def test_every_key_the_code_names_is_in_the_catalogue():
    """A literal key in a ``t("...")``/``tr("...")`` call that the catalogue lacks would raise on screen."""
    missing, named = [], 0
    for folder in ("pages", "views", "reports", "analysis", "actions", "access", "store", "loaders"):
        for path in (ROOT / folder).rglob("*.py"):
            for key in KEY_CALL.findall(path.read_text(encoding="utf-8")):
                named += 1
                if key not in TEXTS:
                    missing.append(f"{path.relative_to(ROOT)}: {key}")
    missing += [f"app.py: {k}" for k in KEY_CALL.findall((ROOT / "app.py").read_text(encoding="utf-8"))
                if k not in TEXTS]
    assert not missing, missing
    assert named > 400   # the pattern does find the calls


def test_labels_and_messages_are_one_catalogue():
    from loaders.messages import FIELD_KEYS, LoaderError
    assert tr("nav.overview", "en") == "Overview" and tr("nav.overview") == "Tổng quan"
    err = LoaderError("empty_file")
    assert err.text("vi") == tr("msg.empty_file", "vi") and str(err) == tr("msg.empty_file", "en")
    assert all(k in TEXTS for k in FIELD_KEYS.values())
    # a record field in a message is named as the pages label it
    assert tr(FIELD_KEYS["platform_name"], "en") == tr("col.name", "en")


def test_a_label_added_by_the_recipe_is_found_in_both_languages(tmp_path):
    """CONTRIBUTING.md "Add a label": a block in i18n/catalogue.toml, then ``t("key")`` on a page
    or ``tr("key", lang)`` anywhere."""
    added = tmp_path / "catalogue.toml"
    added.write_text(catalogue.PATH.read_text(encoding="utf-8") + (
        '# --- a worked example ---\n["example.greeting"]\nvi = "Xin chào {name}"\nen = "Hello {name}"\n'),
        encoding="utf-8")
    assert problems(added) == []
    texts = load(added)
    assert texts["example.greeting"] == ("Xin chào {name}", "Hello {name}")
    assert len(texts) == len(TEXTS) + 1


# --- no stray literal text: what a page or a command line says comes from the catalogue -----------
def test_the_register_form_names_a_former_province_in_the_readers_language(app):
    from tests.files import ADMIN
    for lang, mark, other in (("en", "(before 1 July 2025)", "trước"), ("vi", "(trước 01/07/2025)", "before")):
        at = app("pages/imports.py", user=ADMIN, lang=lang)
        options = at.selectbox(key="reg_province").options
        former = [o for o in options if mark in o]
        assert former and not [o for o in options if other in o], options[:5]


def test_the_report_command_line_speaks_ndp_lang(built_db, tmp_path, monkeypatch):
    import subprocess
    import sys
    out = tmp_path / "r.xlsx"
    args = [sys.executable, "-m", "reports", "build", "--list", "nope", "--format", "xlsx", "--out", str(out),
            "--db", str(built_db)]
    for lang, needle in (("vi", "Không có danh sách 'nope'"), ("en", "unknown list 'nope'")):
        monkeypatch.setenv("NDP_LANG", lang)
        done = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=120)
        assert done.returncode == 2 and needle in done.stderr and "Traceback" not in done.stderr, done.stderr
    assert not out.exists()
