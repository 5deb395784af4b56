"""Translation files: ``translations/<publication>/<lang>.yml``, keyed by segment id.

Each entry holds the translated text, a status (``machine`` → ``draft`` → ``reviewed``),
who produced it (``human`` or ``machine:<engine>``), the source text it was made from
(``source``) with its hash (``source_hash``), and an optional note. A translation belongs to
that source, not to its id: :mod:`trilingual.align` finds the sentence it translates when the
source is revised or re-segmented, and ``trilingual realign`` moves entries there. Entries
that no sentence takes any more are kept in the file's ``orphans:`` list.

Files are read with line numbers so that errors name the line, and rewritten with
ruamel.yaml so that a translator's comments and key order survive.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap

from .errors import TranslationError
from .model import Document, Segment, text_hash
from .schema import SCHEMA_DIR, validate
from .yamlfile import item_line, line_of, load_round_trip, read, round_trip

SCHEMA_COMMENT = "# yaml-language-server: $schema=../../scripts/trilingual/schemas/translation.schema.json"
FIELDS = (
    "source", "text", "status", "origin", "match", "match_source", "source_hash", "reviewed_by", "note",
    "accept",
)  # fmt: skip
"""Entry fields in the order tools write them: the source first, as in a bilingual file."""


class Status(StrEnum):
    MACHINE = "machine"
    DRAFT = "draft"
    REVIEWED = "reviewed"


STATUS_RANK = {Status.MACHINE: 0, Status.DRAFT: 1, Status.REVIEWED: 2}


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
    """The id the entry is filed under (for an orphan: the id it had)."""
    text: str
    status: Status
    source_hash: str
    origin: str = "human"
    note: str = ""
    line: int = 0
    source: str = ""
    """The source text this translates; empty in files written before it was recorded."""
    reviewed_by: str = ""
    match: str = ""
    """For a translation leveraged from the memory: how close its match was (``100%``, ``87%``)."""
    match_source: str = ""
    """For a leveraged translation: the source text of the memory unit it was taken from."""
    accepted: tuple[tuple[str, str], ...] = ()
    """Warnings a translator accepted for this entry: (check, reason), from ``accept:``."""

    def fields(self) -> dict[str, str]:
        """The entry as written to YAML (empty optional fields left out; ``accept:`` is kept as is)."""
        values = {
            "source": self.source,
            "text": self.text,
            "status": self.status.value,
            "origin": self.origin,
            "match": self.match,
            "match_source": self.match_source,
            "source_hash": self.source_hash,
            "reviewed_by": self.reviewed_by,
            "note": self.note,
        }
        return {key: value for key, value in values.items() if value or key in ("text", "status")}


@dataclass
class TranslationFile:
    """One language's translations of one publication."""

    path: Path
    language: str
    entries: dict[str, Translation] = field(default_factory=dict)
    orphans: list[Translation] = field(default_factory=list)
    """Translations whose sentence left the source (kept with their old source, never dropped)."""

    def get(self, segment_id: str) -> Translation | None:
        return self.entries.get(segment_id)


def load_translation_file(path: Path, language: str, known_ids: set[str] | None = None) -> TranslationFile:
    """Read and validate one translation file (an absent file is an empty translation).

    With ``known_ids``, an entry filed under another id is an error; without, such entries are
    loaded and left to alignment (``trilingual realign`` files them where they belong).
    """
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
    orphans = data.get("orphans") or []
    for index, entry in enumerate(orphans):
        line = item_line(orphans, index) or 0
        result.orphans.append(_entry(path, str(entry["id"]), entry, line))
    return result


def _entry(path: Path, segment_id: str, entry: Any, line: int) -> Translation:
    """One entry, already checked against the schema."""
    source = str(entry.get("source") or "")
    source_hash = str(entry["source_hash"])
    line = line_of(entry, "text") or line_of(entry) or line
    if source and text_hash(source) != source_hash:
        raise TranslationError(
            path,
            f"{segment_id}: source_hash {source_hash} is not the hash of its source ({text_hash(source)})",
            line=line_of(entry, "source_hash") or line,
            hint="the two must name the same source text: restore the source you translated, "
            "or confirm the translation through `trilingual import`, which updates both",
        )
    return Translation(
        segment_id=segment_id,
        text=str(entry["text"]).strip(),
        status=Status(str(entry["status"])),
        source_hash=source_hash,
        origin=str(entry.get("origin", "human")),
        note=str(entry.get("note") or ""),
        line=line,
        source=source,
        reviewed_by=str(entry.get("reviewed_by") or ""),
        match=str(entry.get("match") or ""),
        match_source=str(entry.get("match_source") or ""),
        accepted=tuple((str(k), str(v)) for k, v in (entry.get("accept") or {}).items()),
    )


def state_of(segment: Segment, translation: Translation | None) -> State:
    """A translation is stale when the source it was made from has changed since."""
    if translation is None or not translation.text:
        return State.MISSING
    if translation.source_hash != segment.hash:
        return State.STALE
    return State(translation.status.value)


def load_translations(folder: Path, document: Document, languages: list[str]) -> dict[str, TranslationFile]:
    """All target languages' translations of a document (entries are placed by alignment)."""
    return {lang: load_translation_file(folder / f"{lang}.yml", lang) for lang in languages}


def header_comment(language: str, title: str) -> str:
    return (
        f"{SCHEMA_COMMENT}\n"
        f"# Translation into {language!r} of {title}\n"
        "# One entry per segment id (see `trilingual status`): source (the text translated), text,\n"
        "# status (machine | draft | reviewed), origin (human | machine:<engine>), source_hash and an\n"
        "# optional note. Tools add and update entries but keep your comments, and never touch draft\n"
        "# or reviewed entries unless you ask them to (import). `orphans:` keeps translations whose\n"
        "# sentence left the source.\n"
    )


def load_for_rewrite(path: Path, language: str, document: Document) -> CommentedMap:
    """A translation file as ruamel data (comments kept), or a new one with its header."""
    data = load_round_trip(path) if path.exists() else None
    if not isinstance(data, CommentedMap):
        data = round_trip().load(
            header_comment(language, document.metadata.title.text) + f"language: {language}\n"
        )
    segments = data.get("segments")
    if not isinstance(segments, CommentedMap):
        data["segments"] = CommentedMap()
    return data


def set_fields(entry: CommentedMap, fields: dict[str, str]) -> None:
    """Update an entry in place; a new field goes where :data:`FIELDS` puts it; empty removes."""
    for key, value in fields.items():
        if not value and key not in ("text", "status"):
            entry.pop(key, None)
        elif key in entry:
            entry[key] = value
        else:
            rank = FIELDS.index(key) if key in FIELDS else len(FIELDS)
            position = sum(1 for k in entry if (FIELDS.index(k) if k in FIELDS else len(FIELDS)) < rank)
            entry.insert(position, key, value)


def insert_entry(segments: CommentedMap, document: Document, segment_id: str, fields: dict[str, str]) -> None:
    """Add or update an entry; a new one is inserted in the document's reading order."""
    existing = segments.get(segment_id)
    if isinstance(existing, CommentedMap):
        set_fields(existing, fields)
        return
    order = {sid: index for index, sid in enumerate(document.segment_map())}
    entry = CommentedMap()
    for key in FIELDS:
        if fields.get(key):
            entry[key] = fields[key]
    position = sum(
        1 for other in segments if order.get(other, len(order)) < order.get(segment_id, len(order))
    )
    segments.insert(position, segment_id, entry)


def with_source(document: Document, segment_id: str, fields: dict[str, str]) -> dict[str, str]:
    """Record the source text with its hash when the hash is that of the segment's current text."""
    segment = document.segment_map().get(segment_id)
    if (
        "source" not in fields
        and "source_hash" in fields
        and segment
        and fields["source_hash"] == segment.hash
    ):
        return {"source": segment.text, **fields}
    return fields


def write_updates(
    path: Path,
    language: str,
    document: Document,
    updates: dict[str, dict[str, str]],
) -> str:
    """Apply field updates to a translation file and return its new text (not yet written).

    Existing entries are updated in place, so comments and key order survive; new entries
    are inserted in the document's reading order, with the source they translate. The caller
    writes the text (see :func:`trilingual.writer.update_file`, which locks and re-checks).
    """
    data = load_for_rewrite(path, language, document)
    order = {segment_id: index for index, segment_id in enumerate(document.segment_map())}
    for segment_id, fields in sorted(updates.items(), key=lambda item: order.get(item[0], len(order))):
        insert_entry(data["segments"], document, segment_id, with_source(document, segment_id, fields))
    return dump(data)


def dump(data: Any) -> str:
    buffer = io.StringIO()
    round_trip().dump(data, buffer)
    return buffer.getvalue()
