"""Translation coverage per publication, language and section."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .publication import Publication
from .translations import State


@dataclass
class Coverage:
    publication: str
    language: str
    section: str
    counts: dict[str, int] = field(default_factory=lambda: {state.value: 0 for state in State})
    misplaced: int = 0
    """Entries filed under an id that is not their sentence's (``trilingual realign`` fixes it)."""
    orphans: int = 0

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def translated(self) -> int:
        """Segments with a current translation, whatever its status."""
        return self.total - self.counts[State.MISSING] - self.counts[State.STALE]

    def as_dict(self) -> dict[str, Any]:
        return {
            "publication": self.publication,
            "language": self.language,
            "section": self.section,
            "total": self.total,
            "translated": self.translated,
            **self.counts,
            "misplaced": self.misplaced,
            "orphans": self.orphans,
        }


def coverage(publication: Publication, languages: list[str] | None = None) -> list[Coverage]:
    """One row per language and section, then a row per language for the whole publication."""
    rows: list[Coverage] = []
    for language in languages or publication.languages:
        whole = Coverage(publication.id, language, "all")
        title = publication.document.metadata.title
        whole.counts[publication.state(language, title)] += 1
        for section in publication.sections():
            row = Coverage(publication.id, language, section.id)
            for segment in section.segments():
                state = publication.state(language, segment)
                row.counts[state] += 1
                whole.counts[state] += 1
            rows.append(row)
        alignment = publication.alignments[language]
        whole.misplaced = len(alignment.homeless) + sum(
            len(p.entries) for p in alignment.placed.values() if p.misplaced
        )
        whole.orphans = len(publication.translations[language].orphans)
        rows.append(whole)
    return rows


def table(rows: list[Coverage]) -> str:
    """A plain-text table for the terminal."""
    header = (
        "publication",
        "lang",
        "section",
        "total",
        "translated",
        "reviewed",
        "draft",
        "machine",
        "stale",
        "missing",
    )
    states = ("reviewed", "draft", "machine", "stale", "missing")
    body = [
        (
            r.publication,
            r.language,
            r.section,
            str(r.total),
            str(r.translated),
            *(str(r.counts[s]) for s in states),
        )
        for r in rows
    ]
    widths = [max(len(line[i]) for line in [header, *body]) for i in range(len(header))]
    lines = [
        "  ".join(
            cell.ljust(w) if i < 3 else cell.rjust(w)
            for i, (cell, w) in enumerate(zip(line, widths, strict=True))
        )
        for line in [header, *body]
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    for r in rows:
        if r.misplaced:
            lines.append(
                f"{r.publication} {r.language}: {r.misplaced} translation(s) filed under ids that are not "
                f"their sentence's: run `trilingual realign --publication {r.publication}`"
            )
        if r.orphans:
            lines.append(
                f"{r.publication} {r.language}: {r.orphans} orphan(s) kept in the file (see `check`)"
            )
    return "\n".join(lines)
