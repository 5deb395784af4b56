"""Quality checks on translations, as translators know them from Xbench and Weblate.

Every check reads the parallel text (:class:`~trilingual.publication.Publication`) and the
glossary; none parses rendered pages. Findings point at ``file:line`` of the translation
entry (or of the source sentence, for a missing translation).
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from .align import Kind, diff_marked
from .glossary import Glossary
from .model import Segment
from .publication import Publication
from .segment import HAN_RE
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

    def __str__(self) -> str:
        location = f"{self.path}:{self.line}" if self.line else str(self.path)
        return f"{location}: {self.severity}: {self.segment_id}: {self.message} [{self.check}]"

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "path": str(self.path), "severity": str(self.severity)}


CHECKS = (
    "realign", "orphan", "missing", "empty", "stale", "identical", "number", "term-missing", "term-forbidden",
    "inconsistent", "han-in-latin", "brackets", "sentences",
)  # fmt: skip

_NUMBER_RE = re.compile(r"\d+(?:[.,]\d+)*")
_PAIRS = [(pair[0], pair[1]) for pair in ("()", "（）", "[]", "「」", "『』", "“”", "《》", "【】", "〈〉")]
_SENTENCE_BREAK = {
    "ja": re.compile(r"[。！？](?=.)"),
    "en": re.compile(r"(?<![A-Z])[.!?](?=\s+[A-Z“\"(])"),
}
LATIN_LANGUAGES = {"en", "fr", "de", "es", "pt", "it"}


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
    if glossary is not None:
        yield from _terminology(segment, target, language, glossary)


def _terminology(
    segment: Segment, target: str, language: str, glossary: Glossary
) -> Iterator[tuple[Severity, str, str]]:
    terms = {term.id: term for term in glossary}
    ignore_case = language in LATIN_LANGUAGES
    found = find_terms(segment.text, ((form, term.id) for term in glossary for form in term.forms("zh")))
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
