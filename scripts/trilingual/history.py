"""When translations changed: git's record of each translation file (its modification time
outside a clone). Read on the loading side (:class:`~trilingual.library.Library`), so that
rendering reads no files."""

from __future__ import annotations

import datetime as dt
import subprocess
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .publication import Publication


@dataclass(frozen=True)
class Change:
    """A change to a publication's translations, as its commit records it."""

    date: str
    language: str
    summary: str


def changes(publication: Publication, limit: int = 10) -> list[Change]:
    """The latest commits that changed the publication's translation files, newest first
    (empty without git history, e.g. outside a clone)."""
    found = []
    for lang in publication.languages:
        path = publication.config.folder / f"{lang}.yml"
        try:
            log = subprocess.run(
                ["git", "log", f"-{limit}", "--format=%cs%x09%s", "--", path.name],
                cwd=path.parent,
                capture_output=True,
                text=True,
                timeout=10,
                check=False,
            ).stdout
        except (OSError, subprocess.SubprocessError):
            continue
        for line in log.splitlines():
            date, _, summary = line.partition("\t")
            if date and summary:
                found.append(Change(date, lang, summary))
    return sorted(found, key=lambda c: c.date, reverse=True)[:limit]


def translation_date(publication: Publication, lang: str) -> dt.date | None:
    """When a translation was last changed: its file's last commit, else its modification time."""
    path = publication.config.folder / f"{lang}.yml"
    if not path.exists():
        return None
    return _changed_on(path, path.stat().st_mtime_ns)


@cache
def _changed_on(path: Path, mtime_ns: int) -> dt.date:
    try:
        result = subprocess.run(
            ["git", "log", "-1", "--format=%cs", "--", path.name],
            cwd=path.parent,
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
        if result.returncode == 0 and result.stdout.strip():
            dirty = subprocess.run(
                ["git", "status", "--porcelain", "--", path.name],
                cwd=path.parent,
                capture_output=True,
                text=True,
                timeout=10,
                check=False,
            )
            if not dirty.stdout.strip():
                return dt.date.fromisoformat(result.stdout.strip())
    except (OSError, subprocess.SubprocessError, ValueError):
        pass
    return dt.datetime.fromtimestamp(mtime_ns / 1e9, tz=dt.UTC).date()
