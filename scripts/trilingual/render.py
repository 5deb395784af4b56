"""Render publications into Markdown pages for MkDocs (one per section per site language).

Pages are Markdown files whose body is HTML built from escaped text, so that nothing in a
source or a translation can inject markup or spill out of its paragraph. Templates live in
``templates/``; this module only prepares what they show.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from .config import FULL_TEXT_PAGE, SiteLanguages
from .model import Section, Segment, paragraph_number
from .pagetext import environment, fill
from .publication import PUBLICATION_FILE, Publication
from .status import Coverage, coverage
from .translations import State
from .yamlfile import read


@dataclass(frozen=True)
class Link:
    """A link in a generated page: ``href`` is relative to the page (directory URLs)."""

    label: str
    href: str
    lang: str = ""


class SectionLinks:
    """What ties a section to the rest of the site; the default has nothing (no glossary)."""

    def key_terms(self, publication: Publication, section: Section, lang: str) -> list[Link]:
        return []

    def related(self, publication: Publication, section: Section) -> list[Section]:
        return []


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
    """Turns publications into ``{relative path: Markdown}`` for the site's ``docs/``."""

    def __init__(self, languages: SiteLanguages, ui: dict[str, dict[str, str]]) -> None:
        self.languages = languages
        self.ui = ui
        self.env = environment()

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

    def render_publication(
        self, publication: Publication, crossrefs: SectionLinks | None = None
    ) -> dict[str, str]:
        """All pages of one publication, keyed by path relative to ``docs/``."""
        pages: dict[str, str] = {}
        links = crossrefs or SectionLinks()
        for lang in self.languages.all:
            context = self._context(publication, lang)
            cards = [
                {**card, "key_terms": links.key_terms(publication, section, lang)}
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
                    key_terms=links.key_terms(publication, section, lang),
                    related=[
                        Link(self.section_title(publication, other, lang), f"../{other.id}/")
                        for other in links.related(publication, section)
                    ],
                )
            pages[f"{publication.id}/{FULL_TEXT_PAGE}.{lang}.md"] = self.render_full_text(
                publication, lang, context
            )
        return pages

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

    def render_catalogue(self, publications: list[Publication], lang: str) -> str:
        """The list of publications shown on the home page."""
        return self.env.get_template("catalogue.md.j2").render(
            publications=[self._context(p, lang) for p in publications], ui=self.ui[lang], lang=lang
        )

    def _context(self, publication: Publication, lang: str) -> dict[str, Any]:
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
            "coverage": {} if lang == self.languages.source else _whole(coverage(publication, [lang])),
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
        translated = None if lang == self.languages.source else translation_date(publication, lang)
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
        short = nav_titles(publication.config.folder / PUBLICATION_FILE).get(section.id, {}).get(lang)
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


def _whole(rows: list[Coverage]) -> dict[str, int]:
    """The counts for the whole publication (the row ``status`` reports as section ``all``)."""
    return next(row.counts for row in rows if row.section == "all")


@cache
def nav_titles(path: Path) -> dict[str, dict[str, str]]:
    """``nav_titles`` of a publication.yml: a short navigation label per section and language."""
    data = read(path) or {}
    return {
        str(k): {str(lang): str(text) for lang, text in v.items()}
        for k, v in (data.get("nav_titles") or {}).items()
    }


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
