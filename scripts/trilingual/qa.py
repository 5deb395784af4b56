"""Quality checks on translations, as translators know them from Xbench and Weblate.

Every check reads the parallel text (:class:`~trilingual.publication.Publication`) and the
glossary; none parses rendered pages. Findings point at ``file:line`` of the translation
entry (or of the source sentence, for a missing translation).
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, replace
from enum import StrEnum
from pathlib import Path
from typing import Any

from .align import Kind, diff_marked
from .chinese import DIGITS, HAN_RE
from .config import LATIN_LANGUAGES, SOURCE_LANGUAGE
from .glossary import Glossary
from .model import Segment
from .publication import Publication
from .terms import find_terms
from .translations import State, Translation


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Finding:
    severity: Severity
    check: str
    path: Path
    line: int
    publication: str
    language: str
    segment_id: str
    message: str
    accepted: str = ""
    """For a warning a translator accepted (``accept:`` in the entry): the reason given."""

    def __str__(self) -> str:
        location = f"{self.path}:{self.line}" if self.line else str(self.path)
        severity = "accepted" if self.accepted else str(self.severity)
        reason = f" — {self.accepted}" if self.accepted else ""
        return f"{location}: {severity}: {self.segment_id}: {self.message} [{self.check}]{reason}"

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "path": str(self.path), "severity": str(self.severity)}


_NUMBER_RE = re.compile(r"\d+(?:[.,]\d+)*")
_PAIRS = [(pair[0], pair[1]) for pair in ("()", "（）", "[]", "「」", "『』", "“”", "《》", "【】", "〈〉")]
_SENTENCE_BREAK = {
    "ja": re.compile(r"[。！？](?=.)"),
    "en": re.compile(r"(?<![A-Z])[.!?](?=\s+[A-Z“\"(])"),
}


def numbers(text: str) -> list[str]:
    """Arabic numbers in a text, full-width digits folded, thousands separators dropped."""
    folded = unicodedata.normalize("NFKC", text)
    return [n.replace(",", "") for n in _NUMBER_RE.findall(folded)]


def check_segment(
    segment: Segment,
    translation: Translation | None,
    state: State,
    language: str,
    glossary: Glossary | None,
) -> Iterator[tuple[Severity, str, str]]:
    """The findings for one segment in one language, as (severity, check, message)."""
    if translation is None:
        yield Severity.WARNING, "missing", f"no translation yet (its source_hash is {segment.hash})"
        return
    target = translation.text
    if not target.strip():
        yield Severity.ERROR, "empty", "the translation is empty"
        return
    if state is State.STALE:
        change = f": {diff_marked(translation.source, segment.text)}" if translation.source else ""
        yield (
            Severity.WARNING,
            "stale",
            f"the source has changed since this was translated{change} — revise the translation and "
            "confirm it through `trilingual import`, or set source and source_hash to the new source",
        )
    if target == segment.text:
        yield Severity.WARNING, "identical", "the translation is identical to the source"
    target_numbers = numbers(target)
    for number in dict.fromkeys(numbers(segment.text)):
        if number not in target_numbers:
            yield Severity.ERROR, "number", f"the source's number {number} is missing from the translation"
    if language in LATIN_LANGUAGES and HAN_RE.search(target):
        han = "".join(HAN_RE.findall(target))[:10]
        yield Severity.ERROR, "han-in-latin", f"Chinese characters left in the translation: {han}"
    for opening, closing in _PAIRS:
        if target.count(opening) != target.count(closing):
            yield Severity.ERROR, "brackets", f"unbalanced {opening}{closing}"
    breaks = _SENTENCE_BREAK.get(language)
    if breaks and breaks.search(target.rstrip()):
        yield Severity.WARNING, "sentences", "the translation has more sentences than its source segment"
    if "\n" in target.strip():
        yield (
            Severity.WARNING,
            "sentences",
            "the translation contains a line break; a segment is one sentence",
        )
    yield from _numerals(segment.text, target)
    yield from _typography(segment.text, target, language, heading=segment.id.endswith("title"))
    if glossary is not None:
        yield from _terminology(segment, target, language, glossary)


# -- what Xbench and Verifika catch -----------------------------------------------------------

_DIGITS = DIGITS  # a Chinese digit's value (两 and 〇 too)
_UNITS = {"十": 10, "百": 100, "千": 1000}
_BIG = {"万": 10_000, "亿": 100_000_000}
_NUMERAL_RE = re.compile("[零〇一二两三四五六七八九十百千万亿]{2,}")
_PLAN_RE = re.compile("^十([一二三四五六七八九])五$")
"""``十四五``: the 14th Five-Year Plan (十 + the plan's number + 五 for five-year)."""
_PERCENT_RE = re.compile(r"百分之([零〇一二两三四五六七八九十百点]+|\d+(?:\.\d+)?)")
_PERCENT_MARKS = ("%", "％", "percent", "per cent", "パーセント")


def chinese_number(numeral: str) -> int | None:
    """The value of a Chinese numeral (``二十五`` → 25, ``一百零八`` → 108); None if it is not one."""
    if len(numeral) >= 4 and all(c in _DIGITS for c in numeral) and ("〇" in numeral or "零" in numeral):
        return int("".join(str(_DIGITS[c]) for c in numeral))  # a year: 二〇二一
    total = section = digit = 0
    pending = False
    for char in numeral:
        if char in "零〇" and not pending:
            continue  # 一百零八: the zero only marks a gap
        if char in _DIGITS:
            if pending:
                return None  # two digits in a row (三五): not a number
            digit, pending = _DIGITS[char], True
        elif char in _UNITS:
            section += (digit if pending else 1) * _UNITS[char]
            digit, pending = 0, False
        elif char in _BIG:
            total = (total + section + (digit if pending else 0)) * _BIG[char]
            section = digit = 0
            pending = False
        else:
            return None
    return total + section + (digit if pending else 0)


def chinese_numbers(text: str) -> list[tuple[str, int]]:
    """Chinese numerals of 10 and more in a text, with their value (``十四五`` → 14: the plan).

    Single characters are left out: 一、四 in 四个意识 or 十分 are words, not figures.
    """
    found = []
    for match in _NUMERAL_RE.finditer(text):
        numeral = match.group(0)
        plan = _PLAN_RE.match(numeral)
        value = 10 + _DIGITS[plan.group(1)] if plan else chinese_number(numeral)
        if value is not None and value >= 10:
            found.append((numeral, value))
    return found


def _numerals(source: str, target: str) -> Iterator[tuple[Severity, str, str]]:
    target_numbers = set(numbers(target))
    for numeral, value in dict.fromkeys(chinese_numbers(source)):
        if str(value) not in target_numbers:
            yield (
                Severity.WARNING,
                "numeral",
                f"the source's {numeral} ({value}) is not in the translation as {value}",
            )
    for match in _PERCENT_RE.finditer(source):
        percent = _percent_value(match.group(1))
        folded = unicodedata.normalize("NFKC", target)
        if percent not in numbers(folded) or not any(mark in folded for mark in _PERCENT_MARKS):
            yield (
                Severity.WARNING,
                "numeral",
                f"the source's {match.group(0)} is not in the translation as {percent}%",
            )


def _percent_value(figure: str) -> str:
    """``3.5``, ``二十`` → ``20``, ``三点五`` → ``3.5``."""
    if figure[0].isdigit():
        return figure
    whole, _, decimals = figure.partition("点")
    value = str(chinese_number(whole) if len(whole) > 1 else _DIGITS.get(whole, whole))
    return value + ("." + "".join(str(_DIGITS.get(c, c)) for c in decimals) if decimals else "")


_FINAL = "。！？；：!?;:."
_CLOSERS = "”’」』）)]】》〉\"'"
_JAPANESE = "\u3040-\u30ff\u3400-\u9fff"
_HALF_WIDTH_JA = re.compile(f"(?<=[{_JAPANESE}])[,.!?;:()]|[,.!?;:()](?=[{_JAPANESE}])")
_REPEATED = {
    # kanji, and longer katakana: ますます, いろいろ, ウィンウィン are words
    "ja": re.compile("([\u3400-\u9fff]{2,}|[\u30a0-\u30ff]{4,})\\1"),
    "latin": re.compile(r"\b(\w+)\s+\1\b", re.IGNORECASE),
}


def _typography(
    source: str, target: str, language: str, *, heading: bool = False
) -> Iterator[tuple[Severity, str, str]]:
    """Final punctuation kept, no double spaces, no word twice, full-width punctuation in Japanese.

    A heading in English (or another Latin-script language) takes no full stop.
    """
    if source.rstrip(_CLOSERS)[-1:] in _FINAL and not (heading and language in LATIN_LANGUAGES):
        end = target.rstrip().rstrip(_CLOSERS)[-1:]
        if not end or not unicodedata.category(end).startswith("P"):
            yield (
                Severity.WARNING,
                "final-punctuation",
                f"the source ends with {source.rstrip(_CLOSERS)[-1]} but the translation has no final "
                "punctuation",
            )
    double = re.search("[ \u3000]{2,}", target)
    if double:
        yield (
            Severity.WARNING,
            "double-space",
            f"two spaces in a row at …{target[max(0, double.start() - 8) : double.end() + 8]}…",
        )
    repeated = _REPEATED["latin" if language in LATIN_LANGUAGES else "ja"].search(target)
    if repeated and language in (*LATIN_LANGUAGES, "ja"):
        yield Severity.WARNING, "repeated-word", f"{repeated.group(0)!r}: the same word twice in a row"
    if language == "ja":
        half = _HALF_WIDTH_JA.search(target)
        if half:
            around = target[max(0, half.start() - 6) : half.end() + 6]
            yield (
                Severity.WARNING,
                "half-width",
                f"half-width {half.group(0)!r} in Japanese text at …{around}…",
            )


def _terminology(
    segment: Segment, target: str, language: str, glossary: Glossary
) -> Iterator[tuple[Severity, str, str]]:
    terms = {term.id: term for term in glossary}
    ignore_case = language in LATIN_LANGUAGES
    source_forms = ((form, term.id) for term in glossary for form in term.forms(SOURCE_LANGUAGE))
    found = find_terms(segment.text, source_forms)
    for term_id in dict.fromkeys(match.key for match in found):
        term = terms[term_id]
        forms = term.forms(language)
        if forms and not find_terms(target, ((f, term.id) for f in forms), ignore_case=ignore_case):
            yield (
                Severity.WARNING,
                "term-missing",
                f"glossary term {term.terms['zh']} → {term.terms.get(language)!r} not used",
            )
    # A forbidden form counts only where no longer approved form covers it
    # (知識産権 is forbidden in Japanese, but not inside 国家知識産権局).
    forms = [(form, f"ok:{term.id}") for term in glossary for form in term.forms(language)]
    forms += [(form, f"no:{term.id}") for term in glossary for form in term.forbidden.get(language, ())]
    for hit in find_terms(target, forms, ignore_case=ignore_case):
        if hit.key.startswith("no:"):
            approved = terms[hit.key[3:]].terms.get(language)
            yield Severity.ERROR, "term-forbidden", f"{hit.text!r} is not to be used; write {approved!r}"


def check_publication(
    publication: Publication, glossary: Glossary | None = None, languages: list[str] | None = None
) -> list[Finding]:
    """Every finding for a publication, in reading order per language."""
    from .style import check_style  # the house style (style.py imports this module)

    findings: list[Finding] = []
    source_path = Path(publication.document.source_path)
    for language in languages or publication.languages:
        file = publication.translations[language]
        findings.extend(_placement(publication, language))
        renderings: dict[str, dict[str, list[Translation]]] = defaultdict(lambda: defaultdict(list))
        for segment in publication.document.segments():
            translation = publication.translation(language, segment)
            state = publication.state(language, segment)
            if translation is not None and translation.text and state is not State.STALE:
                renderings[segment.text][translation.text].append(translation)
            for severity, check, message in check_segment(segment, translation, state, language, glossary):
                path, line = (file.path, translation.line) if translation else (source_path, segment.line)
                findings.append(
                    Finding(severity, check, path, line, publication.id, language, segment.id, message)
                )
        for source_text, variants in renderings.items():
            first, *others = variants
            for text in others:
                for translation in variants[text]:
                    findings.append(
                        Finding(
                            Severity.WARNING,
                            "inconsistent",
                            file.path,
                            translation.line,
                            publication.id,
                            language,
                            translation.segment_id,
                            f"{source_text[:20]}… is elsewhere translated as {first[:40]!r}",
                        )
                    )
        findings.extend(check_style(publication, language))
    return findings


def _placement(publication: Publication, language: str) -> Iterator[Finding]:
    """Entries filed under an id that is not their sentence's, and orphans kept in the file."""
    file = publication.translations[language]
    alignment = publication.alignments[language]
    hint = f"run `trilingual realign --publication {publication.id}` (it drops nothing)"

    def finding(severity: Severity, check: str, entry: Translation, message: str) -> Finding:
        return Finding(
            severity, check, file.path, entry.line, publication.id, language, entry.segment_id, message
        )

    for placement in alignment.placed.values():
        if not placement.misplaced:
            continue
        what = {
            Kind.MOVED: "translates",
            Kind.EDITED: "translates an earlier version of",
            Kind.SPLIT: "translates a sentence now split; its first part is",
            Kind.MERGED: "is part of a sentence now merged into",
        }[placement.kind]
        for entry in placement.entries:
            if entry.segment_id != placement.segment.id or placement.kind is not Kind.MOVED:
                yield finding(Severity.ERROR, "realign", entry, f"{what} {placement.segment.id}; {hint}")
    for entry in alignment.homeless:
        source = f" ({entry.source[:30]}…)" if entry.source else " (its source is not recorded)"
        yield finding(
            Severity.ERROR,
            "realign",
            entry,
            f"translates a sentence no longer in the source{source}; {hint} to keep it under orphans:",
        )
    for orphan in file.orphans:
        yield finding(
            Severity.WARNING,
            "orphan",
            orphan,
            f"kept translation of a sentence no longer in the source ({orphan.source[:30]}…): "
            "reuse it where the sentence went, or delete it",
        )


# -- the library: consistency across publications, accepted warnings ------------------------

SUPERSEDED = {"double-space": "style-spaces", "half-width": "style-half-width"}
"""Checks of ours that a house-style rule (``style-…``) also makes: reported once."""


def check_publications(
    publications: Sequence[Publication],
    glossary: Glossary | None = None,
    languages: list[str] | None = None,
    only: str | None = None,
) -> list[Finding]:
    """Every finding for the library's publications (or ``only`` one), with warnings a translator
    accepted (``accept:`` in the entry) set aside, and the same source translated differently in
    two publications reported."""
    chosen = [p for p in publications if only is None or p.id == only]
    findings = [f for p in chosen for f in check_publication(p, glossary, languages)]
    findings += _across_library(publications, chosen, languages)
    covered = {(f.publication, f.language, f.segment_id, f.check) for f in findings}
    findings = [
        f
        for f in findings
        if f.check not in SUPERSEDED
        or (f.publication, f.language, f.segment_id, SUPERSEDED[f.check]) not in covered
    ]
    return _accepted(chosen, findings, languages)


def _across_library(
    publications: Sequence[Publication], chosen: Sequence[Publication], languages: list[str] | None
) -> list[Finding]:
    """An entry whose source another publication translates otherwise (the first rendering in
    library order counts as the reference; within one publication, ``inconsistent`` says it)."""
    findings = []
    ids = {p.id for p in chosen}
    for language in languages or (chosen[0].languages if chosen else []):
        first: dict[str, tuple[str, str, str]] = {}
        for publication in publications:
            if language not in publication.translations:
                continue
            file = publication.translations[language]
            for segment in publication.document.segments():
                translation = publication.translation(language, segment)
                if translation is None or not translation.text:
                    continue
                if publication.state(language, segment) is State.STALE:
                    continue
                seen = first.setdefault(segment.text, (publication.id, segment.id, translation.text))
                if seen[0] == publication.id or seen[2] == translation.text or publication.id not in ids:
                    continue
                findings.append(
                    Finding(
                        Severity.WARNING,
                        "inconsistent-library",
                        file.path,
                        translation.line,
                        publication.id,
                        language,
                        segment.id,
                        f"{seen[0]}/{seen[1]} translates the same source as {seen[2][:50]!r}",
                    )
                )
    return findings


def _accepted(
    publications: Sequence[Publication], findings: list[Finding], languages: list[str] | None
) -> list[Finding]:
    """Mark warnings accepted in the entry; report acceptances no warning needs any more."""
    by_id = {p.id: p for p in publications}
    out: list[Finding] = []
    used: set[tuple[str, str, str, str]] = set()
    for finding in findings:
        publication = by_id.get(finding.publication)
        entry = publication.translations[finding.language].get(finding.segment_id) if publication else None
        reasons = dict(entry.accepted) if entry is not None else {}
        if finding.check in reasons:
            used.add((finding.publication, finding.language, finding.segment_id, finding.check))
            if finding.severity is Severity.WARNING:
                finding = replace(finding, accepted=reasons[finding.check])
        out.append(finding)
    for publication in publications:
        for language, file in publication.translations.items():
            if languages is not None and language not in languages:
                continue
            for entry in file.entries.values():
                for check, _ in entry.accepted:
                    if (publication.id, language, entry.segment_id, check) not in used:
                        out.append(
                            Finding(
                                Severity.WARNING,
                                "accept-unused",
                                file.path,
                                entry.line,
                                publication.id,
                                language,
                                entry.segment_id,
                                f"accept: {check} — no such warning any more; remove the acceptance",
                            )
                        )
    return out
