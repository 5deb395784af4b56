"""Writers of translators' files lock, re-read, re-check and write atomically.

Every command that rewrites ``<lang>.yml`` (``draft``, ``import``, ``realign``) goes through
:func:`update_file` or :func:`locked`: it takes a lock (``filelock``, an OS-level ``flock``
that the kernel releases when a process dies, so a killed command never blocks the next
one), re-reads the file, applies only the updates whose entry is still what the command saw
when it started (never over an entry that became draft or reviewed meanwhile; each skipped
one is reported), removes temporary files a killed writer left behind, and replaces the file
atomically.
"""

from __future__ import annotations

import hashlib
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from filelock import FileLock, Timeout

from .errors import UserError
from .files import atomic_write
from .model import Document
from .translations import Translation, TranslationFile, load_translation_file, write_updates

LOCK_TIMEOUT = 60.0
"""Seconds to wait for another writer of the same file before giving up."""


def lock_path(path: Path) -> Path:
    """The lock of a translation file, outside the working tree (nothing for git to see)."""
    key = hashlib.sha256(str(path.resolve()).encode("utf-8")).hexdigest()[:24]
    folder = Path(tempfile.gettempdir()) / "trilingual-locks"
    folder.mkdir(mode=0o1777, exist_ok=True)
    return folder / f"{key}.lock"


@contextmanager
def locked(path: Path, timeout: float = LOCK_TIMEOUT) -> Iterator[None]:
    """Hold the lock of ``path`` and clear temporary files that a killed writer left behind."""
    lock = FileLock(lock_path(path), timeout=timeout, mode=0o666)
    try:
        lock.acquire()
    except Timeout:
        raise UserError(
            path,
            f"another trilingual command has been writing this file for over {timeout:.0f} s",
            hint="wait for it to finish and run this command again",
        ) from None
    try:
        for leftover in path.parent.glob(f".{path.name}.*.tmp"):
            leftover.unlink(missing_ok=True)
        yield
    finally:
        lock.release()


def _same(a: Translation | None, b: Translation | None) -> bool:
    if a is None or b is None:
        return a is b
    return a.fields() == b.fields()


@dataclass
class WriteReport:
    path: Path
    applied: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    """(segment id, why): updates not applied because the entry changed meanwhile."""
    written: bool = False


def update_file(
    path: Path,
    language: str,
    document: Document,
    updates: dict[str, dict[str, str]],
    snapshot: TranslationFile,
    *,
    dry_run: bool = False,
) -> WriteReport:
    """Apply ``updates`` computed from ``snapshot`` to the file as it is now, under its lock.

    An update is applied only when its entry is still exactly what the snapshot held; an
    entry that changed in between (a translator saved, another import ran) is left alone.
    """
    report = WriteReport(path)
    with locked(path):
        now = load_translation_file(path, language)
        allowed = {}
        for segment_id, fields in updates.items():
            current = now.entries.get(segment_id)
            if _same(snapshot.entries.get(segment_id), current):
                allowed[segment_id] = fields
                report.applied.append(segment_id)
            else:
                state = current.status.value if current else "removed"
                report.skipped.append(
                    (
                        segment_id,
                        f"changed in {path.name} since this command read it (now {state}); kept as is",
                    )
                )
        if allowed and not dry_run:
            atomic_write(path, write_updates(path, language, document, allowed))
            report.written = True
    return report
