"""Validating the term base: clear errors with file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT
from trilingual.errors import TranslationError
from trilingual.glossary import load_glossary
from trilingual.references import load_references

LANGS = ("zh", "ja", "en")
ENTRY = "  - id: {id}\n    category: institution\n    zh: {zh}\n    ja: 機関\n    en: office\n"


def error(tmp_path: Path, text: str) -> TranslationError:
    path = tmp_path / "glossary.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(TranslationError) as caught:
        load_glossary(path, LANGS)
    assert str(path) in str(caught.value)
    return caught.value


def test_the_real_glossary_is_valid_and_covers_the_plan() -> None:
    glossary = load_glossary(ROOT / "translations" / "glossary.yml", LANGS)
    assert len(glossary) >= 80
    source = (ROOT / "translations" / "cnipa-2021-work-plan" / "source.zh.md").read_text(encoding="utf-8")
    flat = source.replace(" ", "").replace("\n", "")
    missing = [t.terms["zh"] for t in glossary if t.terms["zh"] not in flat]
    assert missing == []
    assert all(t.notes.get(lang) for t in glossary for lang in LANGS)
    assert all(t.kana for t in glossary)


def test_the_real_references_are_valid() -> None:
    references = load_references(ROOT / "translations" / "references.yml", LANGS)
    assert {"hague-agreement", "rcep-agreement", "patent-examination-guidelines"} <= {
        r.id for r in references
    }


def test_duplicate_term(tmp_path: Path) -> None:
    found = error(tmp_path, "terms:\n" + ENTRY.format(id="a", zh="总局") + ENTRY.format(id="b", zh="总局"))
    assert found.line == 7 and "'总局' of 'b' is already used by 'a' (line 2)" in str(found)


def test_duplicate_id(tmp_path: Path) -> None:
    found = error(tmp_path, "terms:\n" + ENTRY.format(id="a", zh="甲") + ENTRY.format(id="a", zh="乙"))
    assert found.line == 7 and "id 'a'" in str(found)


def test_a_term_that_is_a_variant_of_another_entry(tmp_path: Path) -> None:
    text = (
        "terms:\n"
        + ENTRY.format(id="a", zh="甲")
        + "    variants:\n      zh: [乙]\n"
        + ENTRY.format(id="b", zh="乙")
    )
    found = error(tmp_path, text)
    assert found.line == 2 and "variant '乙' of 'a' is the term of another entry, 'b'" in str(found)


def test_missing_language(tmp_path: Path) -> None:
    found = error(tmp_path, "terms:\n  - id: a\n    category: institution\n    zh: 甲\n    ja: 甲\n")
    assert found.line == 2 and "no 'en' form" in str(found)


def test_empty_field(tmp_path: Path) -> None:
    found = error(tmp_path, "terms:\n" + ENTRY.format(id="a", zh="甲").replace("en: office", 'en: ""'))
    assert found.line == 6 and "terms.0.en" in str(found)


def test_unknown_category(tmp_path: Path) -> None:
    found = error(tmp_path, "terms:\n" + ENTRY.format(id="a", zh="甲").replace("institution", "thing"))
    assert found.line == 3 and "'thing' is not one of" in str(found)
