"""Render the library into Markdown pages for MkDocs: every generated page of the site.

Pages are Markdown files whose body is HTML built from escaped text, so that nothing in a
source or a translation can inject markup or spill out of its paragraph. Templates live in
``templates/``; this module only prepares what they show, from the
:class:`~trilingual.library.Library` it is given (it reads no files).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from jinja2 import Environment

from .collation import index_letter, pinyin, pinyin_with_tones, sort_key
from .config import DOWNLOADS, FULL_TEXT_PAGE, GLOSSARY_PAGE, REFERENCES_PAGE
from .crossref import CrossReferences, Occurrence
from .downloads import Files, variants
from .glossary import Term
from .model import Section, Segment, paragraph_number
from .pagetext import environment, fill
from .publication import Publication
from .translations import State

if TYPE_CHECKING:
    from .library import Library


@dataclass(frozen=True)
class Link:
    """A link in a generated page: ``href`` is relative to the page (directory URLs)."""

    label: str
    href: str
    lang: str = ""


@dataclass(frozen=True)
class Cell:
    """One language's text of a row: sentence spans (each with its segment id and state)."""

    lang: str
    role: str  # "source" or "target"
    sentences: tuple[tuple[Segment, str, State], ...]
    separator: str = ""
    """What stands between two sentences: nothing in Chinese and Japanese, a space in English."""


@dataclass(frozen=True)
class Row:
    id: str
    kind: str  # "title" or "paragraph"
    cells: tuple[Cell, ...]

    @property
    def number(self) -> str:
        """The paragraph's number as readers cite it (``3.2``); empty for a title."""
        return paragraph_number(self.id)


class Renderer:
    """Turns the library into ``{relative path: Markdown}`` for the site's ``docs/``: the pages
    of each publication (:meth:`publication_pages`), the pages the publications share
    (:meth:`shared_pages`), and what hand-written pages include (catalogue, status)."""

    def __init__(self, library: Library) -> None:
        self.library = library
        self.languages = library.languages
        self.ui = library.ui
        self.env = _environment()

    def lang_tag(self, publication: Publication, lang: str) -> str:
        return publication.config.source_language if lang == self.languages.source else lang

    # -- what pages show -------------------------------------------------------------------

    def text_of(self, publication: Publication, lang: str, segment: Segment) -> tuple[str, State]:
        """A segment's text in ``lang``, falling back to the original when there is none."""
        if lang == self.languages.source:
            return segment.text, State.REVIEWED
        state = publication.state(lang, segment)
        translation = publication.translation(lang, segment)
        if state is State.MISSING or translation is None:
            return segment.text, state
        return translation.text, state

    def section_title(self, publication: Publication, section: Section, lang: str) -> str:
        if section.title is None:
            return publication.config.preamble_title.get(lang) or self.ui[lang]["preamble"]
        text, state = self.text_of(publication, lang, section.title)
        if state is State.MISSING:
            text = section.title.text
        title = text.rstrip("。.．")
        return fill(self.ui[lang]["section_heading"], label=section.label, number=section.number, title=title)

    def document_title(self, publication: Publication, lang: str) -> str:
        text, _ = self.text_of(publication, lang, publication.document.metadata.title)
        return text

    def rows(self, publication: Publication, section: Section, lang: str) -> list[Row]:
        """The section's rows: the original, the page's translation and the other translations
        (shown by the views that ask for them, and left out of the search index). The original's
        edition has the original and every translation as "other"."""
        if lang == self.languages.source:
            langs = [self.languages.source, *self.languages.targets]
        else:
            langs = [
                self.languages.source,
                lang,
                *(other for other in self.languages.targets if other != lang),
            ]
        units: list[tuple[str, str, tuple[Segment, ...]]] = []
        if section.title is not None:
            units.append((section.title.id, "title", (section.title,)))
        units += [(p.id, "paragraph", p.sentences) for p in section.paragraphs]
        rows = []
        for unit_id, kind, segments in units:
            cells = []
            for cell_lang in langs:
                role = (
                    "source"
                    if cell_lang == self.languages.source
                    else "target"
                    if cell_lang == lang
                    else "other"
                )
                sentences = tuple((s, *self.text_of(publication, cell_lang, s)) for s in segments)
                separator = self.ui[cell_lang]["sentence_separator"]
                cells.append(Cell(self.lang_tag(publication, cell_lang), role, sentences, separator))
            rows.append(Row(unit_id, kind, tuple(cells)))
        return rows

    # -- pages -------------------------------------------------------------------------------

    def pages(self, *, pdfs: bool = True) -> dict[str, str]:
        """Every generated page, keyed by path relative to ``docs/`` (``pdfs``: whether the
        downloads pages list PDFs, which only ``mkdocs build`` makes)."""
        pages: dict[str, str] = {}
        for publication in self.library.publications:
            pages.update(self.publication_pages(publication, pdfs=pdfs))
        pages.update(self.shared_pages())
        return pages

    def publication_pages(self, publication: Publication, *, pdfs: bool = True) -> dict[str, str]:
        """One publication's pages in every language: its landing page, sections, full text
        and downloads page, keyed by path relative to ``docs/``."""
        pages: dict[str, str] = {}
        for lang in self.languages.all:
            context = self._context(publication, lang)
            cards = [
                {**card, "key_terms": self.key_terms(publication, section, lang)}
                for card, section in zip(context["sections"], publication.sections(), strict=True)
            ]
            pages[f"{publication.id}/index.{lang}.md"] = self.env.get_template("publication.md.j2").render(
                **{**context, "sections": cards}
            )
            for section in publication.sections():
                rows = self.rows(publication, section, lang)
                pages[f"{publication.id}/{section.id}.{lang}.md"] = self.env.get_template(
                    "section.md.j2"
                ).render(
                    **context,
                    section=section,
                    section_id=section.id,
                    heading=self.section_title(publication, section, lang),
                    rows=rows,
                    legend=legend(rows),
                    unreviewed=lang != self.languages.source
                    and any(
                        publication.state(lang, segment) in (State.DRAFT, State.MACHINE)
                        for segment in section.segments()
                    ),
                    key_terms=self.key_terms(publication, section, lang),
                    related=[
                        Link(self.section_title(publication, other, lang), f"../{other.id}/")
                        for other in self.library.term_refs.related_sections(publication, section)
                    ],
                )
            pages[f"{publication.id}/{FULL_TEXT_PAGE}.{lang}.md"] = self.render_full_text(
                publication, lang, context
            )
        for lang in self.languages.all:
            pages[f"{publication.id}/{DOWNLOADS}.{lang}.md"] = self.render_downloads(
                publication, lang, with_pdfs=pdfs
            )
        return pages

    def shared_pages(self) -> dict[str, str]:
        """The pages every publication links to: the glossary and the references, in every
        language (none when the library has no terms or no references)."""
        pages: dict[str, str] = {}
        if len(self.library.glossary):
            for lang in self.languages.all:
                pages[f"{GLOSSARY_PAGE}/index.{lang}.md"] = self.render_glossary(lang)
        if self.library.references:
            for lang in self.languages.all:
                pages[f"{REFERENCES_PAGE}/index.{lang}.md"] = self.render_references(lang)
        return pages

    def key_terms(self, publication: Publication, section: Section, lang: str) -> list[Link]:
        """The glossary terms that mark a section out, linked to the glossary."""
        terms = {term.id: term for term in self.library.glossary}
        return [
            Link(terms[term_id].terms[lang], f"../../{GLOSSARY_PAGE}/#{term_id}", lang)
            for term_id in self.library.term_refs.key_entries(publication.id, section.id)
        ]

    def render_full_text(self, publication: Publication, lang: str, context: dict[str, Any]) -> str:
        """Every section's rows on one page: the section titles are the rows that head them."""
        rows = [row for section in publication.sections() for row in self.rows(publication, section, lang)]
        return self.env.get_template("fulltext.md.j2").render(
            **context,
            section_id=FULL_TEXT_PAGE,
            heading=self.document_title(publication, lang),
            rows=rows,
            legend=legend(rows),
        )

    def render_catalogue(self, lang: str) -> str:
        """The list of publications shown on the home page."""
        return self.env.get_template("catalogue.md.j2").render(
            publications=[self._context(p, lang) for p in self.library.publications],
            ui=self.ui[lang],
            lang=lang,
        )

    def render_status(self, lang: str) -> str:
        """Coverage per publication and language, as ``trilingual status`` reports it."""
        publications = []
        for publication in self.library.publications:
            rows = [
                {"name": self.languages.name(row.language), "counts": row.counts, "total": row.total}
                for row in self.library.coverage(publication)
            ]
            publications.append({"title": self.document_title(publication, lang), "rows": rows})
        return self.env.get_template("status.md.j2").render(publications=publications, ui=self.ui[lang])

    def render_downloads(self, publication: Publication, lang: str, *, with_pdfs: bool = True) -> str:
        """The publication's downloads page in ``lang`` (``<publication>/downloads/``)."""
        files = Files(publication.id)
        up = "../" * (2 if lang == self.languages.source else 3)
        separator = "｜" if lang != "en" else " | "
        pdfs = [
            (separator.join(self.languages.name(code) for code in langs), up + files.pdf(langs))
            for langs in variants(self)
        ]
        data = [
            ("CSV", up + files.data("csv")),
            ("JSON", up + files.data("json")),
            ("TMX 1.4b", up + files.data("tmx")),
            (f"{self.ui[lang]['dl_glossary']} (TBX)", f"{up}{DOWNLOADS}/glossary.tbx"),
        ]
        citations = [
            (name, up + files.citation(lang, f"cite.{fmt}"))
            for name, fmt in (("BibTeX", "bib"), ("RIS", "ris"), ("CSL-JSON", "json"))
        ]
        return self.env.get_template("downloads.md.j2").render(
            ui=self.ui[lang],
            title=self.document_title(publication, lang),
            lang_tag=self.lang_tag(publication, lang),
            pdfs=pdfs if with_pdfs else [],
            data=data,
            citations=citations,
            history=[
                (c.date, self.languages.name(c.language), c.summary)
                for c in self.library.changes(publication)
            ],
        )

    # -- the glossary and the references ------------------------------------------------------

    def render_glossary(self, lang: str) -> str:
        ui = self.ui[lang]
        tag = self._source_tag() if lang == self.languages.source else lang
        groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for term in sorted(
            self.library.glossary, key=lambda t: sort_key(lang, t.terms[lang], _reading(t, lang))
        ):
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
                    "occurrences": self._occurrences(self.library.term_refs, term.id, lang),
                    **{"issuer": "", "year": "", "url": ""},
                }
            )
        view = [
            {"letter": k, "anchor": f"index-{i}", "entries": v} for i, (k, v) in enumerate(groups.items())
        ]
        return self.env.get_template("glossary.md.j2").render(ui=ui, lang=lang, groups=view)

    def render_references(self, lang: str) -> str:
        ui = self.ui[lang]
        tag = self._source_tag() if lang == self.languages.source else lang
        groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for reference in sorted(self.library.references, key=lambda r: sort_key(lang, r.titles[lang])):
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
                    "occurrences": self._occurrences(self.library.reference_refs, reference.id, lang),
                }
            )
        view = [
            {"label": ui.get(f"kind_{kind.replace('-', '_')}", kind), "anchor": kind, "entries": entries}
            for kind, entries in groups.items()
        ]
        return self.env.get_template("references.md.j2").render(ui=ui, lang=lang, groups=view)

    def _occurrences(self, refs: CrossReferences, entry_id: str, lang: str) -> list[tuple[str, str]]:
        sections = {(p.id, s.id): (p, s) for p in self.library.publications for s in p.sections()}
        links = []
        for occurrence in refs.occurrences.get(entry_id, []):
            publication, section = sections[(occurrence.publication, occurrence.section)]
            links.append((self._occurrence_label(publication, section, occurrence, lang), _href(occurrence)))
        return links

    def _occurrence_label(
        self, publication: Publication, section: Section, occurrence: Occurrence, lang: str
    ) -> str:
        heading = self.section_title(publication, section, lang)
        short = heading.split("，")[0].split(",")[0]
        if occurrence.paragraph.endswith(".title"):
            return short
        number = occurrence.paragraph.rsplit(".p", 1)[1]
        label = f"{short} ¶{number}"
        return (
            label
            if len(self.library.publications) == 1
            else f"{self.document_title(publication, lang)}: {label}"
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
        publications = self.library.publications
        return publications[0].config.source_language if publications else self.languages.source

    # -- what every page of a publication shows ------------------------------------------------

    def _context(self, publication: Publication, lang: str) -> dict[str, Any]:
        """What every page of a publication shows in ``lang`` (and the catalogue of it), made once
        per publication: kept from one rebuild to the next while the publication is unchanged
        (see :meth:`~trilingual.library.Library.derived`). Never modified by those it is given to."""
        return self.library.derived(
            publication, ("context", lang), lambda: self._new_context(publication, lang)
        )

    def _new_context(self, publication: Publication, lang: str) -> dict[str, Any]:
        metadata = publication.document.metadata
        return {
            "publication": publication,
            "lang": lang,
            "is_source": lang == self.languages.source,
            "source_tag": publication.config.source_language,
            "ui": self.ui[lang],
            "title": self.document_title(publication, lang),
            "original_title": metadata.title.text,
            "issuer": publication.config.issuer.get(lang) or metadata.issuer or "",
            "citation_title": self.document_title(publication, lang),
            "date": metadata.date.isoformat() if metadata.date else "",
            "source_url": metadata.source_url or "",
            "source_note": metadata.source_note or "",
            "sections": [
                {
                    "id": s.id,
                    "title": self.section_title(publication, s, lang),
                    "summary": publication.config.summaries.get(s.id, {}).get(lang, ""),
                }
                for s in publication.sections()
            ],
            "targets": [
                {"figure": t.figure, "label": t.label.get(lang, ""), "href": f"{t.section}/#{t.paragraph}"}
                for t in publication.config.targets
            ],
            "coverage": {}
            if lang == self.languages.source
            else self.library.coverage(publication, [lang])[0].counts,
            "language_names": {
                self.lang_tag(publication, code): self.languages.name(code) for code in self.languages.all
            },
            "views": {"label": self.ui[lang]["views"], "modes": list(self.views(lang).items())},
            "cite_template": fill(
                self.ui[lang]["citation"],
                issuer=publication.config.issuer.get(lang) or metadata.issuer or "",
                title=self.document_title(publication, lang),
                original_title=metadata.title.text,
                date=self.format_date(metadata.date, lang) if metadata.date else "",
            ),
            **self._reader_context(publication, lang),
        }

    def views(self, lang: str) -> dict[str, str]:
        """The view modes an edition offers, by name, with their labels. A translation's edition
        shows it beside, between, instead of or without the original, or all three languages;
        the original's shows it alone, beside each translation, or with all of them."""
        ui = self.ui[lang]
        if lang != self.languages.source:
            modes = ("side", "interleaved", "translation", "original", "compare")
            return {mode: ui[f"view_{mode}"] for mode in modes}
        pairs = {
            f"side-{target}": ui.get(f"view_side_{target}") or self.languages.name(target)
            for target in self.languages.targets
        }
        return {"original": ui["view_original"], **pairs, "compare": ui["view_compare"]}

    # -- what the reading page adds (dates, review status, navigation labels) ----------------

    def _reader_context(self, publication: Publication, lang: str) -> dict[str, Any]:
        metadata = publication.document.metadata
        translated = None if lang == self.languages.source else self.library.translated(publication, lang)
        return {
            "date_text": self.format_date(metadata.date, lang) if metadata.date else "",
            "translated": translated.isoformat() if translated else "",
            "translated_text": self.format_date(translated, lang) if translated else "",
            "review": [self.review(publication, target, lang) for target in self.review_languages(lang)],
            "nav_titles": {s.id: self.nav_title(publication, s, lang) for s in publication.sections()},
            "titles": [
                (self.lang_tag(publication, code), self.document_title(publication, code))
                for code in self.languages.all
            ],
        }

    def review_languages(self, lang: str) -> list[str]:
        """Whose review status a page shows: its own translation's, or every one's on the original's."""
        return list(self.languages.targets) if lang == self.languages.source else [lang]

    def format_date(self, date: dt.date, lang: str) -> str:
        """A date as the edition writes it (2021年5月19日, 19 May 2021); ISO without a format."""
        ui = self.ui[lang]
        months = ui.get("month_names", "").split()
        if not ui.get("date_format"):
            return date.isoformat()
        month_name = months[date.month - 1] if len(months) == 12 else str(date.month)
        return fill(ui["date_format"], year=date.year, month=date.month, day=date.day, month_name=month_name)

    def nav_title(self, publication: Publication, section: Section, lang: str) -> str:
        """The short label of a section for the navigation (``nav_titles`` in publication.yml)."""
        short = publication.config.nav_titles.get(section.id, {}).get(lang)
        if not short:
            return self.section_title(publication, section, lang)
        if section.title is None:
            return short
        return fill(self.ui[lang]["section_heading"], label=section.label, number=section.number, title=short)

    def review(self, publication: Publication, lang: str, page_lang: str) -> dict[str, Any]:
        """How much of a translation is reviewed, and which sentences are not (with links)."""
        ui = self.ui[page_lang]
        pending: list[dict[str, str]] = []
        total = reviewed = 0
        title = publication.document.metadata.title
        units = [(None, title)] + [(s, seg) for s in publication.sections() for seg in s.segments()]
        for section, segment in units:
            state = publication.state(lang, segment)
            total += 1
            if state is State.REVIEWED:
                reviewed += 1
                continue
            if section is None:
                label, href = ui.get("document_title", segment.id), "./"
            else:
                where = segment.id.split(".")[1:]
                name = self.nav_title(publication, section, page_lang)
                if where == ["title"]:
                    place = ui.get("title_ref", "")
                    href = f"{section.id}/#{segment.id}"
                else:
                    paragraph, sentence = (part[1:] for part in where)
                    place = fill(
                        ui.get("sentence_ref", "{paragraph}.{sentence}"),
                        paragraph=paragraph,
                        sentence=sentence,
                    )
                    href = f"{section.id}/#{section.id}.p{paragraph}"
                label = f"{name}: {place}" if place else name
            mark = ui.get(f"mark_{state.value}") or ui[state.value]
            pending.append({"label": label, "href": href, "state": state.value, "mark": mark})
        line = fill(ui.get("status_line", "{reviewed} / {total}"), reviewed=reviewed, total=total)
        return {
            "lang": lang,
            "name": ui.get(f"lang_{lang}", self.languages.name(lang)),
            "reviewed": reviewed,
            "total": total,
            "line": line,
            "pending": pending,
        }


def legend(rows: list[Row]) -> list[tuple[str, str]]:
    """The marks a section's translation columns carry: (state, the roles of the columns that
    have it), in the order of :class:`State`, so that the legend names what is visible."""
    found: dict[str, set[str]] = {}
    for row in rows:
        for cell in row.cells:
            if cell.role == "source":
                continue
            for _, _, state in cell.sentences:
                if state is not State.REVIEWED:
                    found.setdefault(state.value, set()).add(cell.role)
    return [(state.value, " ".join(sorted(found[state.value]))) for state in State if state.value in found]


@cache
def _environment() -> Environment:
    """One Jinja environment (and its compiled templates) for every renderer of the process."""
    return environment()


def _reading(term: Term, lang: str) -> str:
    if lang == "zh":
        return term.pinyin or pinyin(term.terms["zh"])
    return term.kana if lang == "ja" else ""


def _href(occurrence: Occurrence) -> str:
    return f"../{occurrence.publication}/{occurrence.section}/#{occurrence.paragraph}"
