"""The whole site as data: publications, glossary, references, interface strings and what ties
them together (cross references, search tokenization, annotation).

:class:`Library` is what the MkDocs plugin holds between events; :class:`~trilingual.render.Renderer`
makes every generated page from it. Rendering reads no files: whatever a page shows that is not
in a publication (interface strings, translation dates, change history) the library reads.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass, field
from functools import cache, cached_property, partial
from pathlib import Path
from typing import Any, TypeVar

from .annotate import Annotator
from .config import GLOSSARY_PAGE, REFERENCES_PAGE, UI_FILE, SiteLanguages, load_ui, reserved_names
from .crossref import CrossReferences, Occurrence, cross_references
from .entries import Entry
from .errors import TranslationError
from .glossary import GLOSSARY_FILE, Glossary, load_glossary
from .history import Change, changes, translation_date
from .publication import Publication, load_publications
from .references import REFERENCES_FILE, Reference, load_references
from .search import Tokenizer
from .status import Coverage, coverage

T = TypeVar("T")


@dataclass
class Library:
    """Every publication of the site with its glossary, references and interface strings."""

    publications: tuple[Publication, ...]
    languages: SiteLanguages
    ui: dict[str, dict[str, str]]
    """Interface strings per site language (``translations/ui.yml``)."""
    glossary: Glossary
    references: tuple[Reference, ...] = ()
    _annotators: dict[tuple[str, str], Annotator] = field(default_factory=dict, repr=False)
    _derived: dict[str, tuple[Publication, dict[Hashable, Any]]] = field(
        default_factory=dict, repr=False, compare=False
    )
    """Per publication id: the publication, and what was derived from it (see :meth:`derived`)."""

    def derived(self, publication: Publication, key: Hashable, compute: Callable[[], T]) -> T:
        """What ``compute`` derives from ``publication`` with the library's languages, interface
        strings, glossary and references, and nothing else of the library: computed once, and
        kept by the next library when those are the same (see :meth:`inherit`)."""
        kept = self._derived.get(publication.id)
        if kept is None or kept[0] is not publication:
            kept = self._derived[publication.id] = (publication, {})
        if key not in kept[1]:
            kept[1][key] = compute()
        value: T = kept[1][key]
        return value

    def inherit(self, previous: Library) -> None:
        """Keep what ``previous`` derived from the publications this library has unchanged (the
        same objects), when the languages, interface strings, glossary and references are the
        same: after one translation's edit, only its publication is looked at again."""
        if (previous.languages, previous.ui, previous.glossary, previous.references) != (
            self.languages,
            self.ui,
            self.glossary,
            self.references,
        ):
            return
        mine = {publication.id: publication for publication in self.publications}
        for publication_id, (publication, facts) in previous._derived.items():
            if mine.get(publication_id) is publication:
                self._derived[publication_id] = (publication, facts)

    @cached_property
    def term_entries(self) -> tuple[Entry, ...]:
        return tuple(term.entry() for term in self.glossary)

    @cached_property
    def reference_entries(self) -> tuple[Entry, ...]:
        return tuple(reference.entry() for reference in self.references)

    @cached_property
    def tokenizer(self) -> Tokenizer:
        """Search tokenization that keeps the glossary's terms and the references' titles whole."""
        pairs = frozenset(
            (lang, form)
            for entry in self.term_entries + self.reference_entries
            for lang, forms in entry.forms.items()
            for form in forms
        )
        return _tokenizer(pairs)

    @cached_property
    def concept_names(self) -> dict[str, list[tuple[str, str]]]:
        """Every name of every term and reference, per language, by annotation key."""
        return {
            entry.key: [(lang, form) for lang, forms in entry.forms.items() for form in forms]
            for entry in self.term_entries + self.reference_entries
        }

    @cached_property
    def term_refs(self) -> CrossReferences:
        return self._cross_references("terms", self.term_entries)

    @cached_property
    def reference_refs(self) -> CrossReferences:
        return self._cross_references("references", self.reference_entries)

    def _cross_references(self, kind: str, entries: tuple[Entry, ...]) -> CrossReferences:
        """Where ``entries`` occur, found publication by publication (each publication's own
        occurrences depend on its text alone), in the order of the publications."""
        occurrences: dict[str, list[Occurrence]] = {}
        section_entries: dict[tuple[str, str], Counter[str]] = {}
        for publication in self.publications:
            own = self.derived(publication, ("refs", kind), partial(cross_references, [publication], entries))
            for entry_id, found in own.occurrences.items():
                occurrences.setdefault(entry_id, []).extend(found)
            section_entries.update(own.section_entries)
        return CrossReferences(occurrences, section_entries)

    # -- what pages show beyond the text: counted or read (from git) when a page asks -----

    def coverage(self, publication: Publication, languages: list[str] | None = None) -> list[Coverage]:
        """How much of each translation (or those of ``languages``) there is, for the whole
        publication: the rows ``trilingual status`` reports as section ``all`` (counted once:
        the catalogue, the status page and each page of the publication ask)."""
        key = ("coverage", tuple(languages) if languages is not None else None)
        return self.derived(
            publication,
            key,
            lambda: [row for row in coverage(publication, languages) if row.section == "all"],
        )

    def translated(self, publication: Publication, lang: str) -> dt.date | None:
        """When the translation into ``lang`` last changed."""
        return translation_date(publication, lang)

    def changes(self, publication: Publication) -> list[Change]:
        """The latest changes to the publication's translations, newest first."""
        return changes(publication)

    # -- annotation -----------------------------------------------------------------------

    def annotator(self, lang: str, page_url: str) -> Annotator:
        """An annotator whose links are relative to ``page_url`` (a directory URL of the current language)."""
        depth = page_url.strip("/").count("/") + 1 if page_url.strip("/") else 0
        prefix_depth = 0 if lang == self.languages.source else 1
        up = "../" * (depth - prefix_depth)
        if (lang, up) in self._annotators:
            return self._annotators[(lang, up)]
        pages = {"term": GLOSSARY_PAGE, "reference": REFERENCES_PAGE}
        # References first: a named document links to the references page even when the
        # glossary also lists it; longer forms still win over shorter ones.
        entries = self.reference_entries + self.term_entries
        annotator = Annotator(
            entries, lambda entry: f"{up}{pages[entry.kind]}/#{entry.id}", self.languages.all
        )
        self._annotators[(lang, up)] = annotator
        return annotator


@cache
def _tokenizer(pairs: frozenset[tuple[str, str]]) -> Tokenizer:
    """One tokenizer per set of terms, kept across rebuilds in `mkdocs serve` (loading jieba's
    dictionary takes longer than indexing a publication)."""
    terms: dict[str, set[str]] = {}
    for lang, form in pairs:
        terms.setdefault(lang, set()).add(form)
    return Tokenizer(terms)


def load(
    translations_dir: Path,
    languages: SiteLanguages,
    docs_dir: Path | None = None,
    loaded: Mapping[Path, Publication] | None = None,
    only: frozenset[str] = frozenset(),
    shared: Library | None = None,
) -> Library:
    """Ingest every publication and read translations, glossary, references and interface strings.

    With ``docs_dir``, a publication may not take the name of a hand-written page there;
    ``loaded``: publications already read from folders that did not change since, by folder;
    ``only``: the publications to read (all when empty); ``shared``: a library of the same
    languages whose interface strings, glossary and references are taken as they are (their
    files did not change since).
    """
    shared = shared if shared is not None and shared.languages == languages else None
    ui = shared.ui if shared else load_ui(translations_dir / UI_FILE, languages)
    publications = load_publications(translations_dir, list(languages.targets), loaded, only)
    reserved = reserved_names(languages, docs_dir)
    for publication in publications:
        if publication.id in reserved:
            raise TranslationError(
                publication.config.folder,
                f"{publication.id!r} is the name of a page or folder the site already has",
                hint="rename the publication's folder (its name becomes the URL)",
            )
    if shared:
        glossary, references = shared.glossary, shared.references
    else:
        glossary = load_glossary(translations_dir / GLOSSARY_FILE, languages.all)
        references = load_references(translations_dir / REFERENCES_FILE, languages.all)
    return Library(tuple(publications), languages, ui, glossary, references)
