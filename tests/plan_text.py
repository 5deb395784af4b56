"""What the real plan's pages say, read from its data files when the tests run.

The browser tests drive the real site by its controls' names and expect its text; they take
both from here (ui.yml, glossary.yml, the plan's publication.yml and translations), so that a
translator's rewording changes what they look for, not whether they pass.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from functools import cache
from typing import Any

from conftest import ROOT
from trilingual.collation import pinyin_with_tones
from trilingual.glossary import load_glossary
from trilingual.pagetext import fill
from trilingual.references import load_references
from trilingual.yamlfile import read

PUB = "cnipa-2021-work-plan"
LANGUAGES = ("zh", "ja", "en")
TRANSLATIONS = ROOT / "translations"
UI: dict[str, dict[str, str]] = read(TRANSLATIONS / "ui.yml")
CONFIG: dict[str, Any] = read(TRANSLATIONS / PUB / "publication.yml")
DATE = date(2021, 5, 19)  # the plan's date, from its original (source.zh.md)
ORIGINAL_TITLE = "国家知识产权局2021年工作要点"  # the original's title, as the source gives it


@cache
def translation(lang: str, segment_id: str) -> str:
    """The text of one segment in the plan's ``lang`` translation."""
    return str(read(TRANSLATIONS / PUB / f"{lang}.yml")["segments"][segment_id]["text"])


@cache
def term_names(term_id: str) -> dict[str, str]:
    """A glossary term's name in each language."""
    return next(t for t in load_glossary(TRANSLATIONS / "glossary.yml", LANGUAGES) if t.id == term_id).terms


def date_text(lang: str, when: date = DATE) -> str:
    """A date as the ``lang`` edition writes it (ui.yml: ``date_format``, ``month_names``)."""
    months = UI[lang].get("month_names", "").split()
    name = months[when.month - 1] if len(months) == 12 else str(when.month)
    return fill(UI[lang]["date_format"], year=when.year, month=when.month, day=when.day, month_name=name)


def date_pattern(lang: str) -> str:
    """A regular expression for any date as the ``lang`` edition writes it."""
    months = UI[lang].get("month_names", "").split() or ["\\d{1,2}"]
    names = "(?:" + "|".join(months) + ")"
    return pattern(UI[lang]["date_format"], year=r"\d{4}", month=r"\d{1,2}", day=r"\d{1,2}", month_name=names)


def pattern(template: str, **values: str) -> str:
    """A regular expression for an interface string with its placeholders filled by ``values``
    (themselves regular expressions); an unnamed placeholder matches anything."""
    parts = re.split(r"\{(\w+)\}", template)
    return "".join(re.escape(part) if n % 2 == 0 else values.get(part, ".+?") for n, part in enumerate(parts))


def section_heading(lang: str, number: int, title: str) -> str:
    """A section's heading (ui.yml: ``section_heading``) as the ``lang`` edition writes it."""
    return fill(UI[lang]["section_heading"], number=number, label=number, title=title)


@cache
def glossary_term(term_id: str) -> Any:
    """A glossary entry, as the site reads it."""
    return next(t for t in load_glossary(TRANSLATIONS / "glossary.yml", LANGUAGES) if t.id == term_id)


@cache
def reference(reference_id: str) -> Any:
    """A references.yml entry, as the site reads it."""
    return next(
        r for r in load_references(TRANSLATIONS / "references.yml", LANGUAGES) if r.id == reference_id
    )


def pinyin_query(term_id: str) -> str:
    """A glossary term's pinyin as a reader types it: no tones, no spaces (专利 → zhuanli)."""
    entry = glossary_term(term_id)
    reading = unicodedata.normalize("NFD", entry.pinyin or pinyin_with_tones(entry.terms["zh"]))
    return "".join(c for c in reading if c.isalpha() and c.isascii()).lower()


def typo(word: str) -> str:
    """A close spelling: two letters of the word swapped (Hague → Hauge)."""
    return word[:2] + word[3] + word[2] + word[4:]
