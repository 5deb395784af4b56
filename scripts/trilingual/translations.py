"""Translation files: ``translations/<publication>/<lang>.yml``, keyed by segment id.

Each entry holds the translated text, a status (``machine`` → ``draft`` → ``reviewed``),
who produced it (``human`` or ``machine:<engine>``), the hash of the source text it
translates and an optional note. Files are read with ruamel.yaml so that errors can name
the line, and so that tools that rewrite them keep a translator's comments and key order.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap

from .errors import TranslationError
from .model import Document, Segment
from .schema import SCHEMA_DIR, validate
from .yamlfile import line_of, load_round_trip, read, round_trip

SCHEMA_COMMENT = "# yaml-language-server: $schema=../../scripts/trilingual/schemas/translation.schema.json"


class Status(StrEnum):
    MACHINE = "machine"
    DRAFT = "draft"
    REVIEWED = "reviewed"


class State(StrEnum):
    """Where a segment stands in one language, as readers and the status report see it."""

    MISSING = "missing"
    STALE = "stale"
    MACHINE = "machine"
    DRAFT = "draft"
    REVIEWED = "reviewed"


@dataclass(frozen=True)
class Translation:
    segment_id: str
    text: str
    status: Status
    source_hash: str
    origin: str = "human"
    note: str = ""
    line: int = 0


@dataclass
class TranslationFile:
    """One language's translations of one publication."""

    path: Path
    language: str
    entries: dict[str, Translation] = field(default_factory=dict)

    def get(self, segment_id: str) -> Translation | None:
        return self.entries.get(segment_id)


def load_translation_file(path: Path, language: str, known_ids: set[str] | None = None) -> TranslationFile:
    """Read and validate one translation file (an absent file is an empty translation)."""
    result = TranslationFile(path, language)
    if not path.exists():
        return result
    data = read(path)
    if data is None:
        return result
    validate(data, SCHEMA_DIR, "translation.schema.json", path)
    declared = data.get("language")
    if declared is not None and declared != language:
        raise TranslationError(
            path,
            f"the file says language {declared!r} but is named for {language!r}",
            line=line_of(data, "language"),
            hint="rename the file or fix the 'language:' field",
        )
    segments = data.get("segments") or {}
    for segment_id, entry in segments.items():
        line = line_of(segments, segment_id)
        if known_ids is not None and segment_id not in known_ids:
            raise TranslationError(
                path,
                f"unknown segment id {segment_id!r}",
                line=line,
                hint="segment ids come from the source (see the status report); fix or remove this entry",
            )
        result.entries[str(segment_id)] = _entry(path, str(segment_id), entry, line)
    return result


def _entry(path: Path, segment_id: str, entry: Any, line: int) -> Translation:
    """One entry, already checked against the schema."""
    return Translation(
        segment_id=segment_id,
        text=str(entry["text"]).strip(),
        status=Status(str(entry["status"])),
        source_hash=str(entry["source_hash"]),
        origin=str(entry.get("origin", "human")),
        note=str(entry.get("note") or ""),
        line=line_of(entry) or line,
    )


def state_of(segment: Segment, translation: Translation | None) -> State:
    """A translation is stale when the source it was made from has changed since."""
    if translation is None or not translation.text:
        return State.MISSING
    if translation.source_hash != segment.hash:
        return State.STALE
    return State(translation.status.value)


def load_translations(folder: Path, document: Document, languages: list[str]) -> dict[str, TranslationFile]:
    """All target languages' translations of a document, validated against its segment ids."""
    known = set(document.segment_map())
    return {lang: load_translation_file(folder / f"{lang}.yml", lang, known) for lang in languages}


def header_comment(language: str, title: str) -> str:
    return (
        f"{SCHEMA_COMMENT}\n"
        f"# Translation into {language!r} of {title}\n"
        "# One entry per segment id (see `trilingual status`): text, status (machine | draft | reviewed),\n"
        "# origin (human | machine:<engine>), source_hash (of the source translated) and an optional note.\n"
        "# Tools add and update entries but keep your comments, and never touch draft or reviewed\n"
        "# entries unless you ask them to (import).\n"
    )


def write_updates(
    path: Path,
    language: str,
    document: Document,
    updates: dict[str, dict[str, str]],
) -> str:
    """Apply field updates to a translation file and return its new text (not yet written).

    Existing entries are updated in place, so comments and key order survive; new entries
    are inserted in the document's reading order. The caller writes the text atomically.
    """
    order = {segment_id: index for index, segment_id in enumerate(document.segment_map())}
    yaml = round_trip()
    if path.exists():
        data = load_round_trip(path)
    else:
        data = yaml.load(header_comment(language, document.metadata.title.text) + f"language: {language}\n")
    if not isinstance(data, CommentedMap):
        data = CommentedMap(language=language)
    segments = data.get("segments")
    if not isinstance(segments, CommentedMap):
        segments = CommentedMap()
        data["segments"] = segments
    for segment_id, fields in sorted(updates.items(), key=lambda item: order.get(item[0], len(order))):
        entry = segments.get(segment_id)
        if isinstance(entry, CommentedMap):
            for key, value in fields.items():
                entry[key] = value
            continue
        entry = CommentedMap()
        for key in ("text", "status", "origin", "source_hash", "note"):
            if fields.get(key):
                entry[key] = fields[key]
        position = sum(1 for existing in segments if order.get(existing, len(order)) < order[segment_id])
        segments.insert(position, segment_id, entry)
    buffer = io.StringIO()
    yaml.dump(data, buffer)
    return buffer.getvalue()
