"""The house style that ``trilingual check`` enforces (the style sheet, ``docs/style.*.md``, says why).

Each rule is a small function of one translation's text and the source it translates that
yields :class:`Issue` s: a severity, what is wrong and how to put it right. Rules are grouped
per target language in :data:`RULES`; :func:`check_style` runs them over a publication's
translation file and reports each issue as a QA finding at the entry's ``file:line``.

Errors are what the style sheet forbids outright and a machine can tell for certain
(straight quotes in English, half-width brackets in Japanese); warnings are what needs a
human look (full-width digits, a reordered country grouping, stray spaces).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .config import LATIN_LANGUAGES
from .qa import Finding, Severity

if TYPE_CHECKING:
    from .publication import Publication


@dataclass(frozen=True)
class Issue:
    severity: Severity
    rule: str
    problem: str
    remedy: str

    def message(self) -> str:
        return f"{self.problem} — {self.remedy}"


Rule = Callable[[str, str], Iterator[Issue]]
"""A rule: (translation text, source text) → issues."""

_CONTEXT = 12


def _around(text: str, start: int, end: int | None = None) -> str:
    """A short excerpt of ``text`` around a position, for messages."""
    end = start + 1 if end is None else end
    before = text[max(0, start - _CONTEXT) : start]
    after = text[end : end + _CONTEXT]
    return f"…{before}{text[start:end]}{after}…"


# English ---------------------------------------------------------------------------------

_OPENS_AFTER = set(" \t\n([{“‘—–/")


def curly(text: str) -> str:
    """Straight quotes and apostrophes made typographic: "a" → “a”, it's → it’s, 'a' → ‘a’."""
    out = []
    for index, char in enumerate(text):
        previous = text[index - 1] if index else " "
        if char == '"':
            out.append("“" if previous in _OPENS_AFTER else "”")
        elif char == "'":
            out.append("‘" if previous in _OPENS_AFTER else "’")
        else:
            out.append(char)
    return "".join(out)


def straight_quotes(text: str, source: str) -> Iterator[Issue]:
    """English uses typographic quotes and apostrophes: “ ” ‘ ’, never " or '."""
    positions = [i for i, char in enumerate(text) if char in "\"'"]
    if positions:
        first = positions[0]
        yield Issue(
            Severity.ERROR,
            "quotes",
            f"{len(positions)} straight quote(s) or apostrophe(s), first at {_around(text, first)!s}",
            f"write “ ” ‘ ’ and the apostrophe ’: {_around(curly(text), first)}",
        )


_FULL_WIDTH_EXTRA = {
    "、": ",",
    "。": ".",
    "「": "“",
    "」": "”",
    "『": "",
    "』": "",
    "《": "",
    "》": "",
    "・": "",
}


def full_width_in_latin(text: str) -> Iterator[Issue]:
    """Full-width punctuation, digits and letters (and CJK punctuation) have no place in English."""
    found = [
        (i, char)
        for i, char in enumerate(text)
        if "\uff01" <= char <= "\uff5e" or char == "\u3000" or char in _FULL_WIDTH_EXTRA
    ]
    if found:
        index, char = found[0]
        ascii_form = _FULL_WIDTH_EXTRA.get(char, unicodedata.normalize("NFKC", char))
        chars = "".join(dict.fromkeys(c for _, c in found))
        yield Issue(
            Severity.ERROR,
            "full-width",
            f"full-width or CJK character(s) {chars} in English text, first at {_around(text, index)}",
            f"write the ASCII form ({char} → {ascii_form})"
            if ascii_form
            else "write titles without marks and quotations in “ ”; join names with a space, hyphen or dash",
        )


def _full_width_in_latin(text: str, source: str) -> Iterator[Issue]:
    return full_width_in_latin(text)


_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_MONTH_FIRST = re.compile(rf"\b({_MONTHS}) (\d{{1,2}}), (\d{{4}})\b")


def date_order(text: str, source: str) -> Iterator[Issue]:
    """Dates are written day month year: 19 May 2021."""
    for match in _MONTH_FIRST.finditer(text):
        month, day, year = match.groups()
        yield Issue(
            Severity.WARNING,
            "date",
            f"month-first date {match.group(0)!r}",
            f"write day month year: {day} {month} {year}",
        )


_SPACE_BEFORE = re.compile(r"(?<=\S) +([,.;:!?])")


def space_before_punctuation(text: str, source: str) -> Iterator[Issue]:
    """No space before , . ; : ! ? in English."""
    match = _SPACE_BEFORE.search(text)
    if match:
        yield Issue(
            Severity.WARNING,
            "spaces",
            f"space before {match.group(1)!r} at {_around(text, match.start())}",
            "delete the space",
        )


# Japanese --------------------------------------------------------------------------------

_HALF_TO_FULL = {"(": "（", ")": "）", ",": "、", ";": "；", ":": "：", "!": "！", "?": "？", "~": "～"}
_HALF_WIDTH = re.compile(
    r"[();!?~]"  # always full-width in Japanese text
    r"|(?<!\d),|,(?!\d)"  # a comma, except the thousands separator of 1,000
    r"|(?<!\d):(?!//)|:(?!\d|//)"  # a colon, except in 12:30 and https://
)


def half_width_punctuation(text: str, source: str) -> Iterator[Issue]:
    """Japanese text takes full-width brackets and punctuation: （）、；：！？～."""
    found = list(_HALF_WIDTH.finditer(text))
    if found:
        first = found[0]
        chars = "".join(dict.fromkeys(m.group(0) for m in found))
        fixes = ", ".join(f"{c} → {_HALF_TO_FULL[c]}" for c in chars)
        yield Issue(
            Severity.ERROR,
            "half-width",
            f"half-width {chars} in Japanese text, first at {_around(text, first.start())}",
            f"write the full-width form ({fixes}); digits and Latin letters stay half-width",
        )


_FULL_WIDTH_ALNUM = re.compile(r"[０-９Ａ-Ｚａ-ｚ]+")


def full_width_alphanumerics(text: str, source: str) -> Iterator[Issue]:
    """Digits and Latin letters are half-width in Japanese too: 2021年, TM5."""
    found = _FULL_WIDTH_ALNUM.findall(text)
    if found:
        yield Issue(
            Severity.WARNING,
            "digits",
            f"full-width digits or letters {', '.join(dict.fromkeys(found))}",
            "write them half-width: "
            + ", ".join(unicodedata.normalize("NFKC", f) for f in dict.fromkeys(found)),
        )


_JA_MARKS = {
    "“": ("「", Severity.WARNING),
    "”": ("」", Severity.WARNING),
    '"': ("「」", Severity.WARNING),
    "《": ("『", Severity.ERROR),
    "》": ("』", Severity.ERROR),
    "，": ("、", Severity.WARNING),
    "．": ("。", Severity.WARNING),
}


def japanese_marks(text: str, source: str) -> Iterator[Issue]:
    """Quotations in 「」, titles in 『』 (never 《》 or “”), and the comma and stop 、。."""
    for mark, (replacement, severity) in _JA_MARKS.items():
        index = text.find(mark)
        if index >= 0:
            yield Issue(
                severity,
                "marks",
                f"{mark} in Japanese text at {_around(text, index)}",
                f"write {replacement}",
            )


_CJK = r"[\u3000-\u30ff\u3400-\u9fff\uff00-\uffef]"
_SPACE_IN_JAPANESE = re.compile(rf"(?<={_CJK}) +(?={_CJK})|\u3000")


def spaces_in_japanese(text: str, source: str) -> Iterator[Issue]:
    """No spaces between Japanese characters (a PDF or editor artefact), no ideographic space."""
    match = _SPACE_IN_JAPANESE.search(text)
    if match:
        yield Issue(
            Severity.WARNING,
            "spaces",
            f"space between Japanese characters at {_around(text, match.start(), match.end())}",
            "delete it",
        )


# All languages ---------------------------------------------------------------------------


def stray_spaces(text: str, source: str) -> Iterator[Issue]:
    """No double spaces, and no space at either end of a segment."""
    index = text.find("  ")
    if index >= 0:
        yield Issue(
            Severity.WARNING,
            "spaces",
            f"double space at {_around(text, index, index + 2)}",
            "write one space",
        )
    if text != text.strip():
        yield Issue(Severity.WARNING, "spaces", "space at the start or end of the text", "delete it")


# Country groupings keep the source's order ----------------------------------------------

_COUNTRY_FORMS: dict[str, dict[str, str]] = {
    "zh": {
        "中国": "CN", "美国": "US", "欧盟": "EU", "欧洲": "EU", "日本": "JP", "韩国": "KR",
        "俄罗斯": "RU", "蒙古": "MN", "非洲": "AF", "东盟": "ASEAN",
        "中": "CN", "美": "US", "欧": "EU", "日": "JP", "韩": "KR", "俄": "RU", "蒙": "MN", "非": "AF",
    },
    "ja": {
        "中国": "CN", "米国": "US", "アメリカ": "US", "欧州": "EU", "EU": "EU", "日本": "JP",
        "韓国": "KR", "ロシア": "RU", "モンゴル": "MN", "アフリカ": "AF", "ASEAN": "ASEAN",
        "中": "CN", "米": "US", "欧": "EU", "日": "JP", "韓": "KR", "露": "RU", "蒙": "MN",
    },
    "en": {
        "China": "CN", "United States": "US", "US": "US", "U.S.": "US", "USA": "US",
        "European Union": "EU", "EU": "EU", "Europe": "EU", "Japan": "JP", "Republic of Korea": "KR",
        "Korea": "KR", "ROK": "KR", "Russia": "RU", "Mongolia": "MN", "Africa": "AF", "ASEAN": "ASEAN",
    },
}  # fmt: skip
_GAPS = {
    "zh": re.compile(r"[—－\-・、]?"),
    "ja": re.compile(r"[・、－—\-]?"),
    "en": re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+|[–—/-])\s*(?:the\s+)?"),
}


def _forms_pattern(language: str) -> re.Pattern[str]:
    forms = sorted(_COUNTRY_FORMS[language], key=len, reverse=True)
    alternatives = "|".join(re.escape(form) for form in forms)
    if language == "en":
        return re.compile(rf"(?<![A-Za-z])(?:{alternatives})(?![A-Za-z])")
    return re.compile(alternatives)


_FORMS = {language: _forms_pattern(language) for language in _COUNTRY_FORMS}


@dataclass(frozen=True)
class Grouping:
    codes: tuple[str, ...]
    text: str


def groupings(text: str, language: str) -> list[Grouping]:
    """Runs of two or more countries named together (中美欧日韩, 日中韓, China–Japan–Korea),
    each as its country codes in order. A country named twice starts a new run."""
    forms, gap = _COUNTRY_FORMS[language], _GAPS[language]
    runs: list[list[re.Match[str]]] = []
    for match in _FORMS[language].finditer(text):
        run = runs[-1] if runs else None
        joined = run is not None and gap.fullmatch(text, run[-1].end(), match.start()) is not None
        if run is not None and joined and forms[match.group(0)] not in {forms[m.group(0)] for m in run}:
            run.append(match)
        else:
            runs.append([match])
    return [
        Grouping(tuple(forms[m.group(0)] for m in run), text[run[0].start() : run[-1].end()])
        for run in runs
        if len(run) > 1
    ]


def country_order(language: str) -> Rule:
    """Countries and offices named together keep the source's order (中美欧日韩 → 中・米・欧・日・韓),
    never the order another office uses for itself (日米欧中韓)."""

    def rule(text: str, source: str) -> Iterator[Issue]:
        expected = groupings(source, "zh")
        for found in groupings(text, language):
            for wanted in expected:
                if set(found.codes) == set(wanted.codes) and found.codes != wanted.codes:
                    yield Issue(
                        Severity.WARNING,
                        "country-order",
                        f"{found.text!r} orders the countries differently from the source's {wanted.text!r}",
                        "keep the source's order (see the style sheet: order of country and office names)",
                    )
                    break

    return rule


RULES: dict[str, tuple[Rule, ...]] = {
    "en": (straight_quotes, _full_width_in_latin, date_order, space_before_punctuation, stray_spaces,
           country_order("en")),
    "ja": (half_width_punctuation, full_width_alphanumerics, japanese_marks, spaces_in_japanese, stray_spaces,
           country_order("ja")),
}  # fmt: skip
"""The rules per target language; other Latin-script languages get the English typography rules
but no country-order rule (it needs the language's country names)."""


def rules_for(language: str) -> tuple[Rule, ...]:
    if language in RULES:
        return RULES[language]
    if language in LATIN_LANGUAGES:
        return (_full_width_in_latin, space_before_punctuation, stray_spaces)
    return (stray_spaces,)


def check_text(text: str, source: str, language: str) -> list[Issue]:
    """Every style issue of one translation."""
    return [issue for rule in rules_for(language) for issue in rule(text, source)]


def check_style(publication: Publication, language: str) -> list[Finding]:
    """The style findings of a publication's translations into one language, at file:line."""
    file = publication.translations[language]
    sentences = publication.document.segment_map()
    findings = []
    for entry in file.entries.values():
        if not entry.text:
            continue
        current = sentences.get(entry.segment_id)
        source = entry.source or (current.text if current else "")
        for issue in check_text(entry.text, source, language):
            findings.append(
                Finding(
                    issue.severity,
                    f"style-{issue.rule}",
                    file.path,
                    entry.line,
                    publication.id,
                    language,
                    entry.segment_id,
                    issue.message(),
                )
            )
    return findings
