"""PDFs of each publication: the original alone and its parallel texts, built with the site.

WeasyPrint turns a print-only HTML document (``templates/pdf.html.j2``) into PDF with CSS
paged media: a title page (title, issuer, date, source, translation status, the notice that
translations are unofficial, the build date), running headers with the document's and the
section's title, page numbers, paragraph numbers in the margin, and Noto CJK (Debian's
``fonts-noto-cjk``) embedded as subsets so Chinese and Japanese are drawn with their own
glyphs. Text is real text in reading order: a row is read original first, then each
translation. A PDF is rebuilt only when its HTML changed (a cache keyed by its hash).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import shutil
from dataclasses import dataclass
from pathlib import Path

from .downloads import Files, variants
from .model import Segment, paragraph_number
from .publication import Publication
from .render import Renderer
from .status import coverage
from .translations import State

log = logging.getLogger("mkdocs.plugins.trilingual")


@dataclass(frozen=True)
class Cell:
    lang: str
    sentences: tuple[tuple[str, State], ...]
    separator: str


@dataclass(frozen=True)
class Row:
    number: str
    kind: str
    cells: tuple[Cell, ...]


def interface_language(renderer: Renderer, langs: tuple[str, ...]) -> str:
    """The language a PDF's title page speaks: its one translation's, else the original's."""
    return langs[1] if len(langs) == 2 else renderer.languages.source


def pdf_html(
    publication: Publication,
    renderer: Renderer,
    langs: tuple[str, ...],
    *,
    site_url: str = "",
    built: dt.date | None = None,
) -> str:
    """The print document of one PDF."""
    ui_lang = interface_language(renderer, langs)
    ui = renderer.ui[ui_lang]

    def cell(lang: str, segments: tuple[Segment, ...]) -> Cell:
        return Cell(
            renderer.lang_tag(publication, lang),
            tuple(renderer.text_of(publication, lang, s) for s in segments),
            renderer.ui[lang]["sentence_separator"],
        )

    sections = []
    for section in publication.sections():
        rows = []
        if section.title is not None and len(langs) > 1:  # alone, the title is the heading
            rows.append(Row("", "title", tuple(cell(lang, (section.title,)) for lang in langs)))
        rows += [
            Row(paragraph_number(p.id), "paragraph", tuple(cell(lang, p.sentences) for lang in langs))
            for p in section.paragraphs
        ]
        sections.append(
            {"id": section.id, "heading": renderer.section_title(publication, section, ui_lang), "rows": rows}
        )
    status = [
        {
            "name": renderer.languages.name(row.language),
            "reviewed": row.counts["reviewed"],
            "total": row.total,
        }
        for row in coverage(publication, [lang for lang in langs[1:]])
        if row.section == "all"
    ]
    metadata = publication.document.metadata
    return renderer.env.get_template("pdf.html.j2").render(
        lang=renderer.lang_tag(publication, ui_lang),
        ui=ui,
        title=renderer.document_title(publication, ui_lang),
        original_title=metadata.title.text,
        issuer=publication.config.issuer.get(ui_lang) or metadata.issuer or "",
        date=metadata.date.isoformat() if metadata.date else "",
        source_url=metadata.source_url or "",
        site_url=f"{site_url}{'' if ui_lang == renderer.languages.source else ui_lang + '/'}{publication.id}/"
        if site_url
        else "",
        notices=[
            (code, renderer.ui[code]["unofficial"])
            for code in langs[1:]
            if renderer.ui[code].get("unofficial")
        ],
        status=status,
        built=(built or dt.date.today()).isoformat(),
        columns=[(renderer.lang_tag(publication, code), renderer.languages.name(code)) for code in langs],
        sections=sections,
    )


def write_pdfs(
    publication: Publication, renderer: Renderer, site_dir: Path, cache_dir: Path, *, site_url: str = ""
) -> list[Path]:
    """Every PDF of a publication into the site (from the cache when its HTML is unchanged)."""
    from weasyprint import HTML

    written = []
    files = Files(publication.id)
    for langs in variants(renderer):
        document = pdf_html(publication, renderer, langs, site_url=site_url)
        key = hashlib.sha256(document.encode("utf-8")).hexdigest()[:20]
        cached = cache_dir / f"{key}.pdf"
        if not cached.exists():
            cache_dir.mkdir(parents=True, exist_ok=True)
            tmp = cached.with_suffix(".tmp")
            HTML(string=document).write_pdf(tmp, pdf_variant=None, uncompressed_pdf=False)
            tmp.replace(cached)
            log.info("Built %s", files.pdf(langs))
        target = site_dir / files.pdf(langs)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(cached, target)
        written.append(target)
    return written
