"""From ``translations/`` to Markdown pages under ``docs/``: the whole pipeline, without MkDocs."""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from .config import UI_FILE, SiteLanguages
from .files import is_generated, sync_generated
from .glossary import GLOSSARY_FILE
from .library import Library, load
from .publication import Publication
from .references import REFERENCES_FILE
from .render import Renderer

Fingerprint = dict[Path, tuple[int, int]]
"""Every input file with its size and modification time."""


@dataclass
class Generation:
    """One rendering of ``translations/``: what it read, the library and every page, kept by
    ``mkdocs serve`` so that the next rendering redoes only what an edit changed."""

    fingerprint: Fingerprint
    library: Library
    publication_pages: dict[str, tuple[Any, dict[str, str]]]
    """Per publication, what its pages show of the rest of the library, and the pages."""
    shared_pages: tuple[Any, dict[str, str]]
    """What the glossary and references pages show, and the pages."""
    pdfs: bool
    shared_files: tuple[bytes | None, ...] = ()
    """The interface strings, glossary and references files as read (``None``: absent)."""

    @cached_property
    def pages(self) -> dict[str, str]:
        """Every page, keyed by path relative to ``docs/`` (a generation is never changed)."""
        pages = {path: page for _, own in self.publication_pages.values() for path, page in own.items()}
        return pages | self.shared_pages[1]


def generate(
    translations_dir: Path, docs_dir: Path, languages: SiteLanguages, *, pdfs: bool = True
) -> tuple[Library, list[Path]]:
    """Render every publication into ``docs_dir``; return the library and the files that changed.

    Everything is read and rendered before anything is written, so a bad input leaves the
    previous pages as they were. ``pdfs``: whether the build makes PDFs (the downloads pages
    list them only then).
    """
    generation, changed = regenerate(translations_dir, docs_dir, languages, pdfs=pdfs)
    return generation.library, changed


def regenerate(
    translations_dir: Path,
    docs_dir: Path,
    languages: SiteLanguages,
    *,
    pdfs: bool = True,
    previous: Generation | None = None,
    only: frozenset[str] = frozenset(),
) -> tuple[Generation, list[Path]]:
    """:func:`generate`, redoing only what changed since ``previous``: publications whose files
    did not change are not read again, and pages whose inputs are the same are not rendered
    again. The pages are those a full rendering writes (``tests/test_generate.py`` compares).
    ``only``: render these publications and no other (serving one of a large library)."""
    fingerprint = input_fingerprint(translations_dir)
    loaded = _unchanged_publications(previous, fingerprint)
    shared_files = _shared_files(translations_dir)
    same_shared = previous.library if previous and previous.shared_files == shared_files else None
    library = load(translations_dir, languages, docs_dir, loaded, only, same_shared)
    if previous is not None:
        library.inherit(previous.library)
    renderer = Renderer(library)
    before = (
        previous if previous and previous.pdfs == pdfs and _same_site(previous.library, library) else None
    )
    publication_pages = {}
    names = _term_names(library)
    for publication in library.publications:
        inputs = (publication, _links(renderer, publication, names))
        kept = before.publication_pages.get(publication.id) if before else None
        if kept is not None and kept[0][0] is publication and kept[0][1] == inputs[1]:
            publication_pages[publication.id] = kept
        else:
            publication_pages[publication.id] = (inputs, renderer.publication_pages(publication, pdfs=pdfs))
    shared = _shared(renderer)
    if before is not None and before.shared_pages[0] == shared:
        shared_pages = before.shared_pages
    else:
        shared_pages = (shared, renderer.shared_pages())
    generation = Generation(fingerprint, library, publication_pages, shared_pages, pdfs, shared_files)
    changed = sync_generated(docs_dir, generation.pages, previous.pages if previous else None)
    return generation, changed


def _unchanged_publications(previous: Generation | None, fingerprint: Fingerprint) -> dict[Path, Publication]:
    """The publications of ``previous`` none of whose files changed since, by folder."""
    if previous is None:
        return {}
    kept = {}
    for publication in previous.library.publications:
        folder = publication.config.folder
        if not publication.config.source.is_relative_to(folder):
            continue  # a source kept elsewhere is read again, to be safe
        if _under(previous.fingerprint, folder) == _under(fingerprint, folder):
            kept[folder] = publication
    return kept


def _shared_files(translations_dir: Path) -> tuple[bytes | None, ...]:
    """The interface strings, glossary and references files, compared by content: reading them
    is cheap, parsing and checking them is not (an edit that keeps a file's size and time is
    still seen)."""
    paths = [translations_dir / name for name in (UI_FILE, GLOSSARY_FILE, REFERENCES_FILE)]
    return tuple(path.read_bytes() if path.is_file() else None for path in paths)


def _under(fingerprint: Fingerprint, folder: Path) -> Fingerprint:
    """The files of ``fingerprint`` inside ``folder`` (both absolute and resolved)."""
    prefix = os.path.join(folder, "")
    return {path: stat for path, stat in fingerprint.items() if str(path).startswith(prefix)}


def _same_site(before: Library, after: Library) -> bool:
    """Whether what every page shows is the same: the languages and the interface strings."""
    return before.languages == after.languages and before.ui == after.ui


def _links(
    renderer: Renderer, publication: Publication, names: dict[str, tuple[tuple[str, str], ...]]
) -> tuple[Any, ...]:
    """What a publication's pages show that the rest of the library decides: its sections' key
    terms (with their names) and related sections, and whether it is the library's only
    publication. A glossary note or a reference changes none of it. Derived from the
    publication's own text (a section's key terms are weighed within its publication), so kept
    while it is unchanged."""
    library = renderer.library
    single = len(library.publications) == 1
    return library.derived(
        publication, ("links", single), lambda: _new_links(library, publication, names, single)
    )


def _new_links(
    library: Library, publication: Publication, names: dict[str, tuple[tuple[str, str], ...]], single: bool
) -> tuple[Any, ...]:
    refs = library.term_refs
    return (
        single,
        tuple(
            (
                tuple((key, names.get(key)) for key in refs.key_entries(publication.id, section.id)),
                tuple(other.id for other in refs.related_sections(publication, section)),
            )
            for section in publication.sections()
        ),
    )


def _term_names(library: Library) -> dict[str, tuple[tuple[str, str], ...]]:
    """Each glossary term's names, by id (what a key term shows)."""
    return {term.id: tuple(sorted(term.terms.items())) for term in library.glossary}


def _shared(renderer: Renderer) -> tuple[Any, ...]:
    """What the glossary and references pages show: the entries, where each occurs, and the
    titles those places are labelled with, in every language."""
    library = renderer.library
    return (
        library.glossary,
        library.references,
        library.term_refs.occurrences,
        library.reference_refs.occurrences,
        tuple(_titles(renderer, publication) for publication in library.publications),
    )


def _titles(renderer: Renderer, publication: Publication) -> tuple[str, ...]:
    return renderer.library.derived(publication, ("titles",), lambda: _new_titles(renderer, publication))


def _new_titles(renderer: Renderer, publication: Publication) -> tuple[str, ...]:
    languages = renderer.library.languages.all
    return (
        publication.id,
        publication.config.source_language,
        *(renderer.document_title(publication, lang) for lang in languages),
        *(renderer.section_title(publication, s, lang) for s in publication.sections() for lang in languages),
    )


def input_fingerprint(translations_dir: Path) -> Fingerprint:
    """What the generated pages depend on, cheaply: every input file's size and mtime."""
    fingerprint = {}
    for folder, _, names in os.walk(translations_dir.resolve(), followlinks=True):
        for name in names:
            path = Path(folder, name)
            stat = path.stat()
            fingerprint[path.resolve() if path.is_symlink() else path] = (stat.st_size, stat.st_mtime_ns)
    return fingerprint


def hand_written_folders(docs_dir: Path) -> list[Path]:
    """The folders of ``docs/`` that people edit (not the generated ones), for ``mkdocs serve``
    to watch: watching the generated pages would rebuild once more after every build."""
    return (
        sorted(p for p in docs_dir.iterdir() if p.is_dir() and not is_generated(p))
        if docs_dir.is_dir()
        else []
    )
