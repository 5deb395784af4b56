"""From ``translations/`` to Markdown pages under ``docs/``: the whole pipeline, without MkDocs."""

from __future__ import annotations

from pathlib import Path

from .files import sync_generated
from .render import SiteLanguages
from .site import Library, load


def generate(
    translations_dir: Path, docs_dir: Path, languages: SiteLanguages, *, pdfs: bool = True
) -> tuple[Library, list[Path]]:
    """Render every publication into ``docs_dir``; return the library and the files that changed.

    Everything is read and rendered before anything is written, so a bad input leaves the
    previous pages as they were. ``pdfs``: whether the build makes PDFs (the downloads pages
    list them only then).
    """
    library = load(translations_dir, languages, docs_dir)
    changed = sync_generated(docs_dir, library.pages(pdfs=pdfs))
    return library, changed


def input_fingerprint(translations_dir: Path) -> tuple[tuple[str, int, int], ...]:
    """What the generated pages depend on, cheaply: every input file's path, size and mtime."""
    entries = []
    for path in sorted(translations_dir.rglob("*")):
        if path.is_file():
            stat = path.stat()
            entries.append((str(path), stat.st_size, stat.st_mtime_ns))
    return tuple(entries)
