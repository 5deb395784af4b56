"""The analysis a translator sends with a quote: segments and Chinese characters per match band
(what the library's memory covers) and per status (where the translation stands)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from .memory import Band, Classified
from .translations import State


@dataclass
class Count:
    segments: int = 0
    characters: int = 0

    def add(self, item: Classified) -> None:
        self.segments += 1
        self.characters += item.characters


@dataclass
class Analysis:
    publication: str
    language: str
    bands: dict[Band, Count] = field(default_factory=lambda: {band: Count() for band in Band})
    states: dict[State, Count] = field(
        default_factory=lambda: {state: Count() for state in (State.MISSING, State.MACHINE, State.DRAFT,
                                                              State.STALE, State.REVIEWED)}
    )  # fmt: skip
    items: list[Classified] = field(default_factory=list)

    @property
    def total(self) -> Count:
        return Count(
            sum(c.segments for c in self.bands.values()), sum(c.characters for c in self.bands.values())
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "publication": self.publication,
            "language": self.language,
            "total": vars(self.total),
            "bands": {band.value: vars(count) for band, count in self.bands.items()},
            "statuses": {state.value: vars(count) for state, count in self.states.items()},
            "segments": [
                {
                    "id": item.segment.id,
                    "band": item.band.value,
                    "state": item.state.value,
                    "characters": item.characters,
                    "match": item.match.label if item.match else None,
                    "origin": item.match.unit.origin if item.match else None,
                }
                for item in self.items
            ],
        }


def analyse(publication: str, language: str, items: Sequence[Classified]) -> Analysis:
    result = Analysis(publication, language, items=list(items))
    for item in items:
        result.bands[item.band].add(item)
        result.states[item.state].add(item)
    return result


def table(analysis: Analysis) -> str:
    """Two small tables for the terminal (or a quote): per band, then per status."""
    total = analysis.total
    lines = [f"{analysis.publication} → {analysis.language}: {total.segments} segments, "
             f"{total.characters} Chinese characters"]  # fmt: skip
    for title, rows in (("match band", analysis.bands), ("status", analysis.states)):
        lines.append(f"  {title:<12} {'segments':>8} {'characters':>10} {'share':>6}")
        for key, count in rows.items():
            share = count.characters / total.characters if total.characters else 0.0
            lines.append(f"  {key.value:<12} {count.segments:>8} {count.characters:>10} {share:>6.0%}")
    return "\n".join(lines)
