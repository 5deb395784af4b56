"""Cross-references computed from the original texts: where each term occurs, and what ties sections.

Occurrences are found in the source language (the text every translation aligns to), so the
concordance, key terms and related sections are the same in every language edition.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from .entries import Entry
from .model import Section
from .publication import Publication
from .terms import TermMatcher


@dataclass(frozen=True)
class Occurrence:
    publication: str
    section: str
    paragraph: str
    """The id of the paragraph (or of the section title) the entry occurs in."""
    count: int


@dataclass(frozen=True)
class CrossReferences:
    occurrences: dict[str, list[Occurrence]]
    """Per entry id, every paragraph where it occurs, in reading order."""
    section_entries: dict[tuple[str, str], Counter[str]]
    """Per (publication, section), how often each entry occurs."""

    @cached_property
    def _section_frequency(self) -> dict[str, tuple[int, Counter[str]]]:
        """Per publication: its number of sections, and in how many of them each entry occurs."""
        frequency: dict[str, tuple[int, Counter[str]]] = {}
        for (publication, _), counts in self.section_entries.items():
            total, containing = frequency.get(publication, (0, Counter()))
            containing.update(counts.keys())
            frequency[publication] = (total + 1, containing)
        return frequency

    def weight(self, publication: str, entry: str) -> float:
        """How distinctive an entry is within a publication (inverse section frequency):
        知识产权, in every section, weighs nothing; 海牙协定, in one, weighs most."""
        total, containing = self._section_frequency.get(publication, (0, Counter()))
        return math.log((1 + total) / (1 + containing[entry])) if containing[entry] else 0.0

    def key_entries(self, publication: str, section: str, limit: int = 8) -> list[str]:
        """The entries that characterise a section: frequent here, rare elsewhere (tf-idf),
        ties broken by first occurrence."""
        counts = self.section_entries.get((publication, section), Counter())
        order = list(counts)
        score = {e: counts[e] * self.weight(publication, e) for e in order}
        return [e for e in sorted(order, key=lambda e: (-score[e], order.index(e))) if score[e] > 0][:limit]

    def related_sections(self, publication: Publication, section: Section, limit: int = 3) -> list[Section]:
        """Other sections of the same publication sharing the most distinctive entries with this one."""
        mine = set(self.section_entries.get((publication.id, section.id), Counter()))
        scored = []
        for other in publication.sections():
            if other.id == section.id:
                continue
            theirs = set(self.section_entries.get((publication.id, other.id), Counter()))
            shared = sum(self.weight(publication.id, e) for e in mine & theirs)
            if shared > 0:
                scored.append((-shared, other.number, other))
        return [other for _, _, other in sorted(scored, key=lambda s: (s[0], s[1]))[:limit]]


def cross_references(publications: Iterable[Publication], entries: Iterable[Entry]) -> CrossReferences:
    occurrences: dict[str, list[Occurrence]] = defaultdict(list)
    section_entries: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    entry_list = list(entries)
    for publication in publications:
        source = publication.config.source_language.split("-")[0]
        matcher = TermMatcher(
            (form, entry.id) for entry in entry_list for form in entry.forms.get(source, ())
        )
        for section in publication.sections():
            units = [(section.title.id, section.title.text)] if section.title else []
            units += [(p.id, p.text) for p in section.paragraphs]
            for unit_id, text in units:
                found = Counter(match.key for match in matcher.find(text))
                for entry_id, count in found.items():
                    occurrences[entry_id].append(Occurrence(publication.id, section.id, unit_id, count))
                section_entries[(publication.id, section.id)].update(found)
    return CrossReferences(dict(occurrences), dict(section_entries))
