"""From ``translations/`` to Markdown pages under ``docs/``: the whole pipeline, without MkDocs."""

from __future__ import annotations

from pathlib import Path

from .config import SiteLanguages
from .files import is_generated, sync_generated
from .render import Renderer
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
    changed = sync_generated(docs_dir, Renderer(library).pages(pdfs=pdfs))
    return library, changed


def input_fingerprint(translations_dir: Path) -> tuple[tuple[str, int, int], ...]:
    """What the generated pages depend on, cheaply: every input file's path, size and mtime."""
    entries = []
    for path in sorted(translations_dir.rglob("*")):
        if path.is_file():
            stat = path.stat()
            entries.append((str(path), stat.st_size, stat.st_mtime_ns))
    return tuple(entries)


def hand_written_folders(docs_dir: Path) -> list[Path]:
    """The folders of ``docs/`` that people edit (not the generated ones), for ``mkdocs serve``
    to watch: watching the generated pages would rebuild once more after every build."""
    return (
        sorted(p for p in docs_dir.iterdir() if p.is_dir() and not is_generated(p))
        if docs_dir.is_dir()
        else []
    )
