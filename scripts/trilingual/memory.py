"""Translation memory: what the library already translated, offered to the next publication.

Every translated sentence of every publication is a memory :class:`Unit` (its source, its
translation, the neighbouring sentences' hashes as context). A sentence finds its matches by
exact source first (*in context* when the sentences before and after match too), then by
rapidfuzz's Indel similarity (``fuzz.ratio``, character by character, which suits Chinese: no
word segmentation is needed). :func:`classify` puts each sentence of a publication in the
band a translator's quote uses; ``leverage`` fills missing sentences from it and ``analyse``
counts it, so both always agree.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from rapidfuzz import fuzz, process

from .chinese import HAN_RE
from .model import Segment, text_hash
from .publication import Publication
from .translations import STATUS_RANK, State, Status, Translation

DEFAULT_MIN = 75
"""Least match percentage ``leverage`` fills from (a fuzzy match below needs more editing than it saves)."""
ANALYSIS_MIN = 50
"""Least match percentage the analysis looks for (below: new)."""


class Band(StrEnum):
    """Match bands as CAT tools quote them (best first)."""

    REPETITION = "repetition"
    """The same source earlier in the same document: translated once, propagated."""
    CONTEXT = "in-context"
    """Same source, and the sentences before and after match too."""
    EXACT = "100%"
    HIGH = "95-99%"
    MID = "85-94%"
    LOW = "75-84%"
    POOR = "50-74%"
    NEW = "new"


def band_of(percent: int, in_context: bool = False) -> Band:
    if percent >= 100:
        return Band.CONTEXT if in_context else Band.EXACT
    for floor, band in ((95, Band.HIGH), (85, Band.MID), (75, Band.LOW), (50, Band.POOR)):
        if percent >= floor:
            return band
    return Band.NEW


@dataclass(frozen=True)
class Unit:
    """One translated sentence of the library."""

    publication: str
    segment_id: str
    source: str
    text: str
    status: Status
    before: str = ""
    """Hash of the previous sentence's source ("" when unknown: start of the text, a stale entry)."""
    after: str = ""

    @property
    def origin(self) -> str:
        return f"memory:{self.publication}/{self.segment_id}"


@dataclass(frozen=True)
class Match:
    unit: Unit
    percent: int
    in_context: bool = False

    @property
    def exact(self) -> bool:
        return self.percent >= 100

    @property
    def band(self) -> Band:
        return band_of(self.percent, self.in_context)

    @property
    def label(self) -> str:
        """As written in ``match:``: ``100% in context``, ``100%``, ``87%``."""
        return f"{self.percent}%" + (" in context" if self.in_context else "")


class Memory:
    """The library's translations into one language, indexed by source."""

    def __init__(self, units: Iterable[Unit]) -> None:
        self.units = list(units)
        self.by_source: dict[str, list[Unit]] = {}
        for unit in self.units:
            self.by_source.setdefault(unit.source, []).append(unit)
        for same in self.by_source.values():
            same.sort(key=lambda u: -STATUS_RANK[u.status])
        self.sources = list(self.by_source)

    def __len__(self) -> int:
        return len(self.units)

    def matches(
        self,
        text: str,
        *,
        before: str = "",
        after: str = "",
        exclude: tuple[str, str] | None = None,
        limit: int = 3,
        minimum: int = ANALYSIS_MIN,
    ) -> list[Match]:
        """The best matches for a source sentence, best first (one per memory source).

        ``exclude`` (publication, segment id) leaves out the sentence's own translation.
        """
        found: list[Match] = []
        candidates = process.extract(
            text, self.sources, scorer=fuzz.ratio, score_cutoff=minimum, limit=limit + 4
        )
        for source, score, _ in candidates:
            units = [u for u in self.by_source[source] if (u.publication, u.segment_id) != exclude]
            if not units:
                continue
            if source == text:
                in_context = [u for u in units if before and u.before == before and u.after == after]
                unit = in_context[0] if in_context else units[0]
                found.append(Match(unit, 100, bool(in_context)))
            else:
                # Never round a fuzzy match up to 100 %: only the same text is exact.
                found.append(Match(units[0], min(int(score), 99)))
        found.sort(key=lambda m: (not m.in_context, -m.percent, -STATUS_RANK[m.unit.status]))
        return found[:limit]


def units_of(publication: Publication, language: str, statuses: frozenset[Status]) -> Iterable[Unit]:
    """A publication's translations as memory units: current ones with context, stale ones and
    orphans with the source they were made from."""
    segments = list(publication.document.segments())
    for index, segment in enumerate(segments):
        translation = publication.translation(language, segment)
        if translation is None or not translation.text or translation.status not in statuses:
            continue
        if publication.state(language, segment) is State.STALE:
            if translation.source:
                yield _unit(publication.id, segment.id, translation.source, translation)
            continue
        before = segments[index - 1].hash if index > 0 else ""
        after = segments[index + 1].hash if index + 1 < len(segments) else ""
        yield _unit(publication.id, segment.id, segment.text, translation, before, after)
    for orphan in publication.translations[language].orphans:
        if orphan.source and orphan.text and orphan.status in statuses:
            yield _unit(publication.id, f"orphan.{orphan.segment_id}", orphan.source, orphan)


def _unit(
    publication: str,
    segment_id: str,
    source: str,
    translation: Translation,
    before: str = "",
    after: str = "",
) -> Unit:
    return Unit(publication, segment_id, source, translation.text, translation.status, before, after)


def statuses(include_draft: bool = False, include_machine: bool = False) -> frozenset[Status]:
    """Which translations the memory offers: reviewed ones, and on request drafts and machine ones."""
    chosen = {Status.REVIEWED}
    if include_draft:
        chosen.add(Status.DRAFT)
    if include_machine:
        chosen.add(Status.MACHINE)
    return frozenset(chosen)


def library_memory(
    publications: Sequence[Publication],
    language: str,
    chosen: frozenset[Status] = frozenset({Status.REVIEWED}),
) -> Memory:
    return Memory(
        unit for p in publications if language in p.translations for unit in units_of(p, language, chosen)
    )


class Progress(Protocol):
    def update(self, n: int = 1) -> object: ...


@dataclass(frozen=True)
class Classified:
    """Where one sentence stands: its band, its best match and its state in the language."""

    segment: Segment
    band: Band
    match: Match | None
    state: State

    @property
    def characters(self) -> int:
        """Chinese characters: the unit translators quote by."""
        return han_count(self.segment.text)


def han_count(text: str) -> int:
    return sum(len(run) for run in HAN_RE.findall(text))


def classify(
    publication: Publication, language: str, memory: Memory, progress: Progress | None = None
) -> list[Classified]:
    """Every sentence of a publication with its band and best memory match, in reading order.

    A later occurrence of a sentence already seen in the document is a repetition and takes
    its first occurrence's match; the sentence's own translation is never its own match.
    """
    segments = list(publication.document.segments())
    first: dict[str, Match | None] = {}
    out: list[Classified] = []
    for index, segment in enumerate(segments):
        state = publication.state(language, segment)
        if segment.text in first:
            out.append(Classified(segment, Band.REPETITION, first[segment.text], state))
        else:
            before = segments[index - 1].hash if index > 0 else ""
            after = segments[index + 1].hash if index + 1 < len(segments) else ""
            found = memory.matches(
                segment.text, before=before, after=after, exclude=(publication.id, segment.id), limit=1
            )
            match = found[0] if found else None
            first[segment.text] = match
            out.append(Classified(segment, match.band if match else Band.NEW, match, state))
        if progress is not None:
            progress.update(1)
    return out


def fill(item: Classified, minimum: int = DEFAULT_MIN) -> dict[str, str] | None:
    """The entry ``leverage`` writes for a missing sentence, or None when no match is good enough.

    Exact matches become ``draft`` (a translator checks them), fuzzy ones ``machine`` (they
    need editing); both record the memory unit, the match and the source matched against.
    """
    match = item.match
    if item.state is not State.MISSING or match is None or match.percent < minimum:
        return None
    return {
        "source": item.segment.text,
        "text": match.unit.text,
        "status": (Status.DRAFT if match.exact else Status.MACHINE).value,
        "origin": match.unit.origin,
        "match": match.label,
        "match_source": match.unit.source,
        "source_hash": text_hash(item.segment.text),
    }
