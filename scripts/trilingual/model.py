"""The document model: what ingestion produces and everything downstream reads.

A :class:`Document` is a tree of sections, paragraphs and sentences. Every translatable
unit is a :class:`Segment` with a stable, position-based id (``s3.p2.s1``, ``s3.title``,
``title``) and a hash of its text, so that a translation can record which version of the
source it translates and be marked stale when the source changes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field


def paragraph_number(unit_id: str) -> str:
    """A paragraph's number as readers cite it: ``s3.p2`` → ``3.2`` (``""`` for titles)."""
    match = re.fullmatch(r"s(\d+)\.p(\d+)(?:\.s\d+)?", unit_id)
    return f"{match.group(1)}.{match.group(2)}" if match else ""


def text_hash(text: str) -> str:
    """A short, stable fingerprint of a segment's source text."""
    return hashlib.blake2b(text.encode("utf-8"), digest_size=6).hexdigest()


@dataclass(frozen=True)
class Segment:
    """One translatable unit of the source: a sentence, a section title or the document title."""

    id: str
    text: str
    line: int = 0
    """Line in the source file where the segment starts (1-based; 0 when unknown)."""

    @property
    def hash(self) -> str:
        return text_hash(self.text)


@dataclass(frozen=True)
class Paragraph:
    id: str
    sentences: tuple[Segment, ...]
    line: int = 0

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.sentences)


@dataclass(frozen=True)
class Section:
    """A numbered section (``number`` ≥ 1) or the unnumbered preamble (``number`` 0)."""

    number: int
    label: str
    """The numeral as written in the source (``一``, ``十一``); empty for the preamble."""
    title: Segment | None
    paragraphs: tuple[Paragraph, ...]
    line: int = 0

    @property
    def id(self) -> str:
        return f"s{self.number}"

    def segments(self) -> Iterator[Segment]:
        if self.title is not None:
            yield self.title
        for paragraph in self.paragraphs:
            yield from paragraph.sentences


@dataclass(frozen=True)
class Metadata:
    title: Segment
    date: dt.date | None = None
    issuer: str | None = None
    source_note: str | None = None
    source_url: str | None = None


@dataclass(frozen=True)
class Document:
    """A publication's original text, cleaned and structured."""

    publication: str
    language: str
    """BCP 47 tag of the original, e.g. ``zh-Hans``."""
    metadata: Metadata
    sections: tuple[Section, ...]
    source_path: str = ""
    cleaned_text: str = field(default="", repr=False)
    """The repaired, normalised body text the segments were cut from."""

    def segments(self) -> Iterator[Segment]:
        """Every translatable segment, in reading order."""
        yield self.metadata.title
        for section in self.sections:
            yield from section.segments()

    def segment_map(self) -> dict[str, Segment]:
        return {segment.id: segment for segment in self.segments()}

    def section(self, section_id: str) -> Section:
        for section in self.sections:
            if section.id == section_id:
                return section
        raise KeyError(section_id)
