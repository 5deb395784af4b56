"""Which sentence a translation translates: alignment of translations with a revised source.

A translation records the source it was made from (``source``, ``source_hash``). When the
source is revised or re-segmented, ids (positions) shift; this module finds, for every
current segment, the translation that belongs to it:

1. **anchors**: entries whose source hash is a current segment's hash, matched in reading
   order (difflib over the sequences of hashes), then anywhere (a moved sentence);
2. **gaps** between anchors: a small dynamic programme over the old sources and the new
   sentences with rapidfuzz's Indel similarity, allowing one-to-one (an edited sentence),
   one-to-two (a split: the translation goes to the first part), two-to-one (a merge:
   the translations are joined) and two-to-two (merged and cut again elsewhere: joined, on
   the first part); a pairing counts only from :data:`THRESHOLD` up;
3. what is left over has no home (an orphan, kept by ``realign`` in the file).

An entry written before sources were recorded (no ``source``) can only be placed by its hash.
"""

from __future__ import annotations

import difflib
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path

from rapidfuzz.distance import Indel
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from .config import LATIN_LANGUAGES
from .files import atomic_write
from .lock import locked
from .model import Document, Segment, text_hash
from .translations import (
    STATUS_RANK,
    Translation,
    TranslationFile,
    dump,
    load_for_rewrite,
    load_translation_file,
    set_fields,
)

THRESHOLD = 0.7
"""Least similarity (0–1) for an old source to count as an earlier version of a sentence.

The most similar distinct sentences of the 2021 plan score 0.66."""
MOVED_THRESHOLD = 0.9
"""Least similarity for an edited sentence found outside its own stretch of text."""


class Kind(StrEnum):
    KEPT = "kept"
    """Same id, same source."""
    MOVED = "moved"
    """Same source, another id."""
    EDITED = "edited"
    """An earlier version of this sentence: shown as stale."""
    SPLIT = "split"
    """The sentence is the first part of the one translated: stale."""
    MERGED = "merged"
    """The sentence joins several translated ones: their translations joined, stale."""


@dataclass(frozen=True)
class Placement:
    segment: Segment
    kind: Kind
    entries: tuple[Translation, ...]
    translation: Translation
    """What the segment shows: the entry (or the joined entries), filed under the segment's id."""

    @property
    def misplaced(self) -> bool:
        """Whether ``realign`` would file the entry elsewhere (a stale entry in place is not)."""
        return self.kind is Kind.MERGED or any(e.segment_id != self.segment.id for e in self.entries)


@dataclass
class Alignment:
    placed: dict[str, Placement] = field(default_factory=dict)
    homeless: list[Translation] = field(default_factory=list)
    """Entries no current sentence takes (``realign`` moves them to ``orphans:``)."""

    @property
    def needs_realign(self) -> bool:
        return bool(self.homeless) or any(p.misplaced for p in self.placed.values())

    def translation(self, segment_id: str) -> Translation | None:
        placement = self.placed.get(segment_id)
        return placement.translation if placement else None


def similarity(a: str, b: str) -> float:
    """Indel similarity (0–1): the share of characters the two texts have in common, in order."""
    return float(Indel.normalized_similarity(a, b))


_ID_RE = re.compile(r"\d+")


def id_order(segment_id: str) -> tuple[int, ...]:
    """Reading order of an id: ``title`` < ``s1.title`` < ``s1.p1.s1`` < ``s1.p1.s2`` < ``s2.title``."""
    if segment_id == "title":
        return (-1,)
    numbers = [int(n) for n in _ID_RE.findall(segment_id)]
    return (numbers[0], *(numbers[1:] or [-1]))


def joined(texts: Sequence[str], language: str) -> str:
    separator = " " if language in LATIN_LANGUAGES else ""
    return separator.join(text.strip() for text in texts if text.strip())


def merge(entries: Sequence[Translation], segment_id: str, language: str) -> Translation:
    """One translation for a merged sentence: texts, sources and notes joined; lowest status."""
    source = "".join(entry.source for entry in entries)
    status = min((entry.status for entry in entries), key=STATUS_RANK.__getitem__)
    machine = [entry.origin for entry in entries if entry.origin != "human"]
    return Translation(
        segment_id=segment_id,
        text=joined([entry.text for entry in entries], language),
        status=status,
        source_hash=text_hash(source),
        origin=machine[0] if machine else "human",
        note=" / ".join(entry.note for entry in entries if entry.note),
        line=entries[0].line,
        source=source,
    )


def _gap(
    old: list[Translation], new: list[Segment], language: str
) -> tuple[list[tuple[Kind, list[Translation], Segment]], list[Translation]]:
    """Align a stretch of old entries with a stretch of new sentences (dynamic programme)."""
    m, n = len(old), len(new)
    best = [[0.0] * (n + 1) for _ in range(m + 1)]
    move: list[list[tuple[int, int, Kind | None]]] = [[(0, 0, None)] * (n + 1) for _ in range(m + 1)]

    def score(source: str, target: str) -> float:
        return similarity(source, target) * (len(source) + len(target)) / 2 if source and target else 0.0

    for i in range(m, -1, -1):
        for j in range(n, -1, -1):
            options: list[tuple[float, int, int, Kind | None]] = []
            if i < m:
                options.append((best[i + 1][j], 1, 0, None))
            if j < n:
                options.append((best[i][j + 1], 0, 1, None))
            if i < m and j < n and old[i].source:
                single = similarity(old[i].source, new[j].text)
                if single >= THRESHOLD:
                    options.append(
                        (best[i + 1][j + 1] + score(old[i].source, new[j].text), 1, 1, Kind.EDITED)
                    )
                if j + 1 < n:
                    both = new[j].text + new[j + 1].text
                    if similarity(old[i].source, both) >= max(THRESHOLD, single + 0.05):
                        options.append((best[i + 1][j + 2] + score(old[i].source, both), 1, 2, Kind.SPLIT))
                if i + 1 < m and old[i + 1].source:
                    both = old[i].source + old[i + 1].source
                    if similarity(both, new[j].text) >= max(THRESHOLD, single + 0.05):
                        options.append((best[i + 2][j + 1] + score(both, new[j].text), 2, 1, Kind.MERGED))
                    if j + 1 < n:
                        # Merged and cut again elsewhere: the joined translations go to the first
                        # part, as a split's do, so that the next alignment finds them in place.
                        texts = new[j].text + new[j + 1].text
                        least = max(
                            THRESHOLD,
                            single + 0.05,
                            similarity(old[i + 1].source, new[j + 1].text) + 0.05,
                            similarity(both, new[j].text) + 0.05,
                        )
                        if similarity(both, texts) >= least:
                            options.append((best[i + 2][j + 2] + score(both, texts), 2, 2, Kind.MERGED))
            if options:
                value, di, dj, kind = max(options, key=lambda option: option[0])
                best[i][j], move[i][j] = value, (di, dj, kind)
    pairs: list[tuple[Kind, list[Translation], Segment]] = []
    homeless: list[Translation] = []
    i = j = 0
    while i < m or j < n:
        di, dj, kind = move[i][j]
        if kind is None:
            homeless.extend(old[i : i + di])
        else:
            pairs.append((kind, old[i : i + di], new[j]))
        i, j = i + di, j + dj
    return pairs, homeless


def align(document: Document, file: TranslationFile) -> Alignment:
    """Place every entry of a translation file on the current sentence it translates."""
    segments = list(document.segments())
    entries = sorted(file.entries.values(), key=lambda entry: id_order(entry.segment_id))
    result = Alignment()
    taken: set[int] = set()
    used: set[int] = set()

    def place(kind: Kind, old: list[Translation], segment: Segment) -> None:
        if kind is Kind.MERGED:
            shown = merge(old, segment.id, file.language)
        else:
            shown = replace(old[0], segment_id=segment.id)
            if kind is Kind.MOVED and old[0].segment_id == segment.id:
                kind = Kind.KEPT
            if kind is Kind.KEPT and not old[0].source:
                shown = replace(shown, source=segment.text)
        result.placed[segment.id] = Placement(segment, kind, tuple(old), shown)

    # 1. anchors: same source, in reading order ...
    matcher = difflib.SequenceMatcher(
        None, [e.source_hash for e in entries], [s.hash for s in segments], autojunk=False
    )
    bounds = [(-1, -1)]
    for block in matcher.get_matching_blocks():
        for k in range(block.size):
            place(Kind.MOVED, [entries[block.a + k]], segments[block.b + k])
            used.add(block.a + k)
            taken.add(block.b + k)
            bounds.append((block.a + k, block.b + k))
    bounds.append((len(entries), len(segments)))
    # ... and anywhere else (a sentence moved to another paragraph or section).
    free_by_hash: dict[str, list[int]] = {}
    for index, segment in enumerate(segments):
        if index not in taken:
            free_by_hash.setdefault(segment.hash, []).append(index)
    for index, entry in enumerate(entries):
        if index not in used and free_by_hash.get(entry.source_hash):
            target = free_by_hash[entry.source_hash].pop(0)
            place(Kind.MOVED, [entry], segments[target])
            used.add(index)
            taken.add(target)
    # 2. the stretches between anchors.
    homeless: list[Translation] = []
    for (a0, b0), (a1, b1) in itertools.pairwise(bounds):
        old = [entries[a] for a in range(a0 + 1, a1) if a not in used]
        new = [segments[b] for b in range(b0 + 1, b1) if b not in taken]
        pairs, left = _gap(old, new, file.language)
        for kind, old_entries, segment in pairs:
            place(kind, old_entries, segment)
        taken.update(index for index, s in enumerate(segments) if s.id in result.placed)
        homeless.extend(left)
    # 3. an edited sentence that also moved.
    free = [s for s in segments if s.id not in result.placed]
    for entry in list(homeless):
        if not entry.source or not free:
            continue
        value, segment = max(((similarity(entry.source, s.text), s) for s in free), key=lambda x: x[0])
        if value >= MOVED_THRESHOLD:
            place(Kind.EDITED, [entry], segment)
            free.remove(segment)
            homeless.remove(entry)
    result.homeless = homeless
    return result


def diff_marked(old: str, new: str) -> str:
    """The new text with what changed marked: ``[-removed-]`` and ``{+added+}``."""
    pieces = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag == "equal":
            pieces.append(new[j1:j2])
            continue
        if i2 > i1:
            pieces.append(f"[-{old[i1:i2]}-]")
        if j2 > j1:
            pieces.append(f"{{+{new[j1:j2]}+}}")
    return "".join(pieces)


@dataclass
class RealignReport:
    path: Path
    kept: int = 0
    moved: list[tuple[str, str]] = field(default_factory=list)
    edited: list[tuple[str, str]] = field(default_factory=list)
    split: list[tuple[str, str]] = field(default_factory=list)
    merged: list[tuple[tuple[str, ...], str]] = field(default_factory=list)
    orphaned: list[str] = field(default_factory=list)
    sources_recorded: int = 0
    changed: bool = False
    written: bool = False

    def lines(self) -> list[str]:
        """What moved, one line per kind of change."""
        out = [f"{self.path}: {self.kept} kept"]
        if self.moved:
            out.append("  moved (unchanged): " + ", ".join(f"{a} → {b}" for a, b in self.moved))
        if self.edited:
            out.append("  stale (source edited): " + ", ".join(f"{a} → {b}" for a, b in self.edited))
        if self.split:
            out.append(
                "  stale (split, kept on the first part): " + ", ".join(f"{a} → {b}" for a, b in self.split)
            )
        if self.merged:
            out.append("  stale (merged): " + ", ".join(f"{' + '.join(a)} → {b}" for a, b in self.merged))
        if self.orphaned:
            out.append("  orphaned (kept under orphans:): " + ", ".join(self.orphaned))
        if self.sources_recorded:
            out.append(f"  source text recorded for {self.sources_recorded} entries")
        return out


def realign_file(path: Path, language: str, document: Document, *, dry_run: bool = False) -> RealignReport:
    """Rewrite a translation file so that ids match the current segmentation; drop nothing.

    Runs under the file's lock on the file as it is now. Unchanged sentences keep their
    entry as it was (their source recorded if it was not); the others are filed under their
    new ids; translations with no home go to ``orphans:`` with their old source and id.
    """
    report = RealignReport(path)
    with locked(path):
        file = load_translation_file(path, language)
        if not file.entries:
            return report
        alignment = align(document, file)
        data = load_for_rewrite(path, language, document)
        old: CommentedMap = data["segments"]
        new = CommentedMap()
        for segment in document.segments():
            placement = alignment.placed.get(segment.id)
            if placement is None:
                continue
            first = placement.entries[0]
            if placement.kind is Kind.MERGED:
                # The first entry's map keeps its comments; the fields become the joined ones.
                entry = old[first.segment_id]
                set_fields(entry, {key: "" for key in entry if key not in placement.translation.fields()})
                set_fields(entry, placement.translation.fields())
                report.merged.append((tuple(e.segment_id for e in placement.entries), segment.id))
            else:
                entry = old[first.segment_id]
                if placement.kind is Kind.KEPT:
                    report.kept += 1
                    if not first.source:
                        set_fields(entry, {"source": segment.text})
                        report.sources_recorded += 1
                elif placement.kind is Kind.MOVED:
                    report.moved.append((first.segment_id, segment.id))
                    if not first.source:
                        set_fields(entry, {"source": segment.text})
                elif placement.kind is Kind.EDITED:
                    report.edited.append((first.segment_id, segment.id))
                else:
                    report.split.append((first.segment_id, segment.id))
            new[segment.id] = entry
        orphans = data.get("orphans")
        if not isinstance(orphans, CommentedSeq):
            orphans = CommentedSeq()
        for lost in alignment.homeless:
            kept = old.get(lost.segment_id)
            if isinstance(kept, CommentedMap):  # its comments travel with it
                kept.insert(0, "id", lost.segment_id)
            else:
                kept = CommentedMap({"id": lost.segment_id, **lost.fields()})
            orphans.append(kept)
            report.orphaned.append(lost.segment_id)
        if any(p.misplaced for p in alignment.placed.values()) or alignment.homeless:
            for key in list(old):  # refill in place: comments on the map itself stay
                del old[key]
            for key, value in new.items():
                old[key] = value
        if orphans:
            data["orphans"] = orphans
        text = dump(data)
        report.changed = text != path.read_text(encoding="utf-8-sig")
        if report.changed and not dry_run:
            atomic_write(path, text)
            report.written = True
    return report
