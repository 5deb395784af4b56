"""The whole site: publications, glossary, references and what ties them together.

:class:`Library` is what the MkDocs plugin holds between events: it renders every generated
page and annotates pages with glossary terms and references.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from typing import Any

from .annotate import Annotator
from .collation import index_letter, pinyin, pinyin_with_tones, sort_key
from .config import DOWNLOADS, GLOSSARY_PAGE, REFERENCES_PAGE, UI_FILE, SiteLanguages, load_ui, reserved_names
from .crossref import CrossReferences, Occurrence, cross_references
from .downloads import render_page as render_downloads
from .entries import Entry
from .errors import TranslationError
from .glossary import GLOSSARY_FILE, Glossary, Term, load_glossary
from .model import Section
from .publication import Publication, load_library
from .references import REFERENCES_FILE, Reference, load_references
from .render import Link, Renderer, SectionLinks
from .search import Segmenter


@dataclass
class Library(SectionLinks):
    """Every publication of the site with its glossary and references, ready to render."""

    publications: tuple[Publication, ...]
    renderer: Renderer
    glossary: Glossary
    references: tuple[Reference, ...] = ()
    _annotators: dict[tuple[str, str], Annotator] = field(default_factory=dict, repr=False)

    @property
    def languages(self) -> SiteLanguages:
        return self.renderer.languages

    @cached_property
    def term_entries(self) -> tuple[Entry, ...]:
        return tuple(term.entry() for term in self.glossary)

    @cached_property
    def reference_entries(self) -> tuple[Entry, ...]:
        return tuple(reference.entry() for reference in self.references)

    @cached_property
    def segmenter(self) -> Segmenter:
        """Search segmentation that keeps the glossary's terms and the references' titles whole."""
        pairs = frozenset(
            (lang, form)
            for entry in self.term_entries + self.reference_entries
            for lang, forms in entry.forms.items()
            for form in forms
        )
        return _segmenter(pairs)

    @cached_property
    def concept_names(self) -> dict[str, list[tuple[str, str]]]:
        """Every name of every term and reference, per language, by annotation key."""
        return {
            entry.key: [(lang, form) for lang, forms in entry.forms.items() for form in forms]
            for entry in self.term_entries + self.reference_entries
        }

    @cached_property
    def term_refs(self) -> CrossReferences:
        return cross_references(self.publications, self.term_entries)

    @cached_property
    def reference_refs(self) -> CrossReferences:
        return cross_references(self.publications, self.reference_entries)

    # -- SectionLinks ---------------------------------------------------------------------

    def key_terms(self, publication: Publication, section: Section, lang: str) -> list[Link]:
        terms = {term.id: term for term in self.glossary}
        return [
            Link(terms[term_id].terms[lang], f"../../{GLOSSARY_PAGE}/#{term_id}", lang)
            for term_id in self.term_refs.key_entries(publication.id, section.id)
        ]

    def related(self, publication: Publication, section: Section) -> list[Section]:
        return self.term_refs.related_sections(publication, section)

    # -- pages ----------------------------------------------------------------------------

    def pages(self, *, pdfs: bool = True) -> dict[str, str]:
        """Every generated page, keyed by path relative to ``docs/`` (``pdfs``: whether the
        downloads pages list PDFs, which only ``mkdocs build`` makes)."""
        pages: dict[str, str] = {}
        for publication in self.publications:
            pages.update(self.renderer.render_publication(publication, self))
            for lang in self.languages.all:
                pages[f"{publication.id}/{DOWNLOADS}.{lang}.md"] = render_downloads(
                    publication, self.renderer, lang, with_pdfs=pdfs
                )
        if len(self.glossary):
            for lang in self.languages.all:
                pages[f"{GLOSSARY_PAGE}/index.{lang}.md"] = self.render_glossary(lang)
        if self.references:
            for lang in self.languages.all:
                pages[f"{REFERENCES_PAGE}/index.{lang}.md"] = self.render_references(lang)
        return pages

    def _occurrences(self, refs: CrossReferences, entry_id: str, lang: str) -> list[tuple[str, str]]:
        sections = {(p.id, s.id): (p, s) for p in self.publications for s in p.sections()}
        links = []
        for occurrence in refs.occurrences.get(entry_id, []):
            publication, section = sections[(occurrence.publication, occurrence.section)]
            links.append((self._occurrence_label(publication, section, occurrence, lang), _href(occurrence)))
        return links

    def _occurrence_label(
        self, publication: Publication, section: Section, occurrence: Occurrence, lang: str
    ) -> str:
        heading = self.renderer.section_title(publication, section, lang)
        short = heading.split("，")[0].split(",")[0]
        if occurrence.paragraph.endswith(".title"):
            return short
        number = occurrence.paragraph.rsplit(".p", 1)[1]
        label = f"{short} ¶{number}"
        return (
            label
            if len(self.publications) == 1
            else f"{self.renderer.document_title(publication, lang)}: {label}"
        )

    def _forms(
        self, names: dict[str, str], lang: str, readings: dict[str, str]
    ) -> list[tuple[str, str, str, str]]:
        tags = {self.languages.source: self._source_tag()}
        return [
            (self.languages.name(code), tags.get(code, code), names[code], readings.get(code, ""))
            for code in self.languages.all
            if code != lang and code in names
        ]

    def _source_tag(self) -> str:
        return self.publications[0].config.source_language if self.publications else self.languages.source

    def render_glossary(self, lang: str) -> str:
        ui = self.renderer.ui[lang]
        tag = self._source_tag() if lang == self.languages.source else lang
        groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for term in sorted(self.glossary, key=lambda t: sort_key(lang, t.terms[lang], _reading(t, lang))):
            readings = {"zh": term.pinyin or pinyin_with_tones(term.terms["zh"]), "ja": term.kana}
            note_lang = lang if term.notes.get(lang) else self.languages.source
            letter = index_letter(lang, term.terms[lang], _reading(term, lang))
            groups[letter].append(
                {
                    "id": term.id,
                    "name": term.terms[lang],
                    "lang": tag,
                    "reading": readings.get(lang, ""),
                    "forms": self._forms(term.terms, lang, readings),
                    "variants": [
                        (code, v) for code in self.languages.all for v in term.variants.get(code, ())
                    ],
                    "forbidden": [
                        (code, v) for code in self.languages.all for v in term.forbidden.get(code, ())
                    ],
                    "category": ui.get(f"cat_{term.category.replace('-', '_')}", term.category),
                    "note": term.notes.get(lang) or term.notes.get(self.languages.source, ""),
                    "note_lang": tag if note_lang == lang else self._source_tag(),
                    "occurrences": self._occurrences(self.term_refs, term.id, lang),
                    **{"issuer": "", "year": "", "url": ""},
                }
            )
        view = [
            {"letter": k, "anchor": f"index-{i}", "entries": v} for i, (k, v) in enumerate(groups.items())
        ]
        return self.renderer.env.get_template("glossary.md.j2").render(ui=ui, lang=lang, groups=view)

    def render_references(self, lang: str) -> str:
        ui = self.renderer.ui[lang]
        tag = self._source_tag() if lang == self.languages.source else lang
        groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for reference in sorted(self.references, key=lambda r: sort_key(lang, r.titles[lang])):
            groups[reference.kind].append(
                {
                    "id": reference.id,
                    "name": reference.titles[lang],
                    "lang": tag,
                    **{"reading": "", "variants": [], "forbidden": [], "category": ""},
                    "forms": self._forms(reference.titles, lang, {}),
                    "issuer": reference.issuer.get(lang, ""),
                    "year": reference.year or "",
                    "url": reference.url,
                    "note": reference.notes.get(lang) or reference.notes.get(self.languages.source, ""),
                    "note_lang": tag if reference.notes.get(lang) else self._source_tag(),
                    "occurrences": self._occurrences(self.reference_refs, reference.id, lang),
                }
            )
        view = [
            {"label": ui.get(f"kind_{kind.replace('-', '_')}", kind), "anchor": kind, "entries": entries}
            for kind, entries in groups.items()
        ]
        return self.renderer.env.get_template("references.md.j2").render(ui=ui, lang=lang, groups=view)

    def render_status(self, lang: str) -> str:
        """Coverage per publication and language, as ``trilingual status`` reports it."""
        from .status import coverage

        publications = []
        for publication in self.publications:
            rows = [
                {"name": self.languages.name(row.language), "counts": row.counts, "total": row.total}
                for row in coverage(publication)
                if row.section == "all"
            ]
            publications.append({"title": self.renderer.document_title(publication, lang), "rows": rows})
        return self.renderer.env.get_template("status.md.j2").render(
            publications=publications, ui=self.renderer.ui[lang]
        )

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
def _segmenter(pairs: frozenset[tuple[str, str]]) -> Segmenter:
    """One segmenter per set of terms, kept across rebuilds in `mkdocs serve` (loading jieba's
    dictionary takes longer than indexing a publication)."""
    terms: dict[str, set[str]] = {}
    for lang, form in pairs:
        terms.setdefault(lang, set()).add(form)
    return Segmenter(terms)


def _reading(term: Term, lang: str) -> str:
    if lang == "zh":
        return term.pinyin or pinyin(term.terms["zh"])
    return term.kana if lang == "ja" else ""


def _href(occurrence: Occurrence) -> str:
    return f"../{occurrence.publication}/{occurrence.section}/#{occurrence.paragraph}"


def load(translations_dir: Path, languages: SiteLanguages, docs_dir: Path | None = None) -> Library:
    """Ingest every publication and read translations, glossary, references and interface strings.

    With ``docs_dir``, a publication may not take the name of a hand-written page there.
    """
    ui = load_ui(translations_dir / UI_FILE, languages)
    publications = load_library(translations_dir, list(languages.targets))
    reserved = reserved_names(languages, docs_dir)
    for publication in publications:
        if publication.id in reserved:
            raise TranslationError(
                publication.config.folder,
                f"{publication.id!r} is the name of a page or folder the site already has",
                hint="rename the publication's folder (its name becomes the URL)",
            )
    glossary = load_glossary(translations_dir / GLOSSARY_FILE, languages.all)
    references = load_references(translations_dir / REFERENCES_FILE, languages.all)
    return Library(tuple(publications), Renderer(languages, ui), glossary, references)
