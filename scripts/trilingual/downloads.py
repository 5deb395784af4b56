"""Open data and citations of each publication, written beside the site's pages.

For every publication, under ``downloads/<publication>/`` in the built site:

* the aligned text as CSV and JSON (segment id, section, paragraph number, source and its
  hash, and each language's text, state and origin) and as TMX (reviewed and draft work);
* its citation as BibTeX, RIS and CSL-JSON, for the original and for each translation;

and under ``downloads/`` the glossary as TBX and as OmegaT's TSV per target language.
Every file names its licence. Nothing here parses a page: it all reads the
:class:`~trilingual.publication.Publication` the pages are made from.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .config import DOWNLOADS
from .exchange import bcp47, export_glossary_tsv, export_tbx, export_tmx
from .files import write_if_changed
from .glossary import Glossary
from .model import Segment, paragraph_number
from .publication import Publication
from .translations import State

if TYPE_CHECKING:
    from .render import Renderer

LICENCE = (
    "Translations, glossary and references: CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/). "
    "The original is an official document of a state organ, outside copyright under Article 5 of the "
    "Copyright Law of the PRC; the translations are unofficial."
)


@dataclass(frozen=True)
class Files:
    """What one publication offers for download, as paths relative to the site's root."""

    publication: str

    @property
    def folder(self) -> str:
        return f"{DOWNLOADS}/{self.publication}"

    def data(self, fmt: str) -> str:
        return f"{self.folder}/{self.publication}.{fmt}"

    def citation(self, lang: str, fmt: str) -> str:
        return f"{self.folder}/{self.publication}.{lang}.{fmt}"

    def pdf(self, langs: tuple[str, ...]) -> str:
        return f"{self.folder}/{self.publication}.{'-'.join(langs)}.pdf"


def variants(renderer: Renderer) -> list[tuple[str, ...]]:
    """Which PDFs a publication has: the original, the original with each translation, all."""
    source, targets = renderer.languages.source, renderer.languages.targets
    return [(source,), *((source, target) for target in targets), (source, *targets)]


def _sentences(publication: Publication) -> list[tuple[str, str, Segment]]:
    """Every segment with its section id and paragraph number, in reading order."""
    out = [("", "", publication.document.metadata.title)]
    for section in publication.sections():
        if section.title is not None:
            out.append((section.id, "", section.title))
        for paragraph in section.paragraphs:
            out += [(section.id, paragraph_number(paragraph.id), s) for s in paragraph.sentences]
    return out


def aligned_rows(publication: Publication) -> list[dict[str, str]]:
    """One row per segment: its source and, per language, the current translation's text,
    state and origin (a stale or missing translation leaves the text empty)."""
    rows = []
    for section, number, segment in _sentences(publication):
        row = {
            "id": segment.id,
            "section": section,
            "paragraph": number,
            "source_hash": segment.hash,
            publication.config.source_language: segment.text,
        }
        for lang in publication.languages:
            state = publication.state(lang, segment)
            translation = publication.translation(lang, segment)
            current = translation is not None and state not in (State.MISSING, State.STALE)
            row[lang] = translation.text if current and translation else ""
            row[f"{lang}_status"] = state.value
            row[f"{lang}_origin"] = translation.origin if current and translation else ""
        rows.append(row)
    return rows


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: str) -> str:
    """A cell a spreadsheet will not run: text starting like a formula gets a leading ``'``
    (OWASP's advice against CSV injection)."""
    return f"'{value}" if value.startswith(_FORMULA_START) else value


def aligned_csv(publication: Publication) -> str:
    """The aligned text as CSV; the licence is a first ``#`` line, which also keeps the file
    from ever being valid JavaScript (it is served from the site's own origin)."""
    rows = aligned_rows(publication)
    buffer = io.StringIO()
    buffer.write(f"# {LICENCE}\n")
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows({key: spreadsheet_safe(value) for key, value in row.items()} for row in rows)
    return buffer.getvalue()


def aligned_json(publication: Publication, site_url: str = "") -> str:
    metadata = publication.document.metadata
    data = {
        "publication": publication.id,
        "title": metadata.title.text,
        "issuer": metadata.issuer or "",
        "date": metadata.date.isoformat() if metadata.date else "",
        "source_url": metadata.source_url or "",
        "site_url": f"{site_url}{publication.id}/" if site_url else "",
        "source_language": publication.config.source_language,
        "languages": publication.languages,
        "licence": LICENCE,
        "segments": aligned_rows(publication),
    }
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


# -- citations ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Citation:
    """What a citation of one edition of a publication says."""

    key: str
    title: str
    original_title: str
    issuer: str
    date: str
    url: str
    language: str
    note: str


def citation(publication: Publication, renderer: Renderer, lang: str, site_url: str = "") -> Citation:
    metadata = publication.document.metadata
    ui = renderer.ui[lang]
    is_source = lang == renderer.languages.source
    prefix = "" if is_source else f"{lang}/"
    return Citation(
        key=re.sub(r"[^a-z0-9]", "", publication.id) + ("" if is_source else f"{lang}"),
        title=renderer.document_title(publication, lang),
        original_title=metadata.title.text,
        issuer=publication.config.issuer.get(lang) or metadata.issuer or "",
        date=metadata.date.isoformat() if metadata.date else "",
        url=f"{site_url}{prefix}{publication.id}/" if site_url else "",
        language=renderer.lang_tag(publication, lang),
        note="" if is_source else ui.get("unofficial", ""),
    )


_BIBTEX_SPECIAL = re.compile(r"([\\{}%&$#_~^])")
_BIBTEX_NAMED = {"\\": "\\textbackslash{}", "{": "\\textbraceleft{}", "}": "\\textbraceright{}"}
_BIBTEX_NAMED |= {"~": "\\textasciitilde{}", "^": "\\textasciicircum{}"}


def _bibtex_text(text: str) -> str:
    """A field value BibTeX reads as text: braces (which BibTeX counts even after a backslash)
    and LaTeX's special characters written as commands, so no value can close its field."""
    return _BIBTEX_SPECIAL.sub(
        lambda m: _BIBTEX_NAMED.get(m.group(), "\\" + m.group()), " ".join(text.split())
    )


def bibtex(c: Citation) -> str:
    fields = [("title", c.title), ("author", "{" + _bibtex_text(c.issuer) + "}" if c.issuer else "")]
    if c.date:
        fields += [("year", c.date[:4]), ("date", c.date)]
    if c.title != c.original_title:
        fields.append(("origtitle", c.original_title))
    fields += [("language", c.language), ("url", c.url), ("note", c.note)]
    body = ",\n".join(f"  {name} = {{{_bibtex_value(name, value)}}}" for name, value in fields if value)
    return f"@misc{{{c.key},\n{body}\n}}\n"


def _bibtex_value(name: str, value: str) -> str:
    """The author is already escaped (and braced, so BibTeX reads it as one corporate name)."""
    return value if name == "author" else _url(value) if name == "url" else _bibtex_text(value)


def _url(url: str) -> str:
    """A URL in a BibTeX field: braces and spaces percent-encoded, nothing else touched."""
    return url.replace("{", "%7B").replace("}", "%7D").replace(" ", "%20")


def ris(c: Citation) -> str:
    """RIS: one ``TAG  - value`` per line (values on one line), ending with ``ER``."""
    fields = [("TY", "GOVDOC"), ("TI", c.title)]
    if c.title != c.original_title:
        fields.append(("OP", c.original_title))
    fields.append(("AU", c.issuer))
    if c.date:
        fields += [("PY", c.date[:4]), ("DA", c.date.replace("-", "/"))]
    fields += [("LA", c.language), ("UR", c.url), ("N1", c.note)]
    lines = [f"{tag}  - {' '.join(value.split())}" for tag, value in fields if value]
    return "\n".join([*lines, "ER  - "]) + "\n"


def csl_json(c: Citation) -> str:
    item: dict[str, Any] = {"id": c.key, "type": "document", "title": c.title, "language": c.language}
    if c.title != c.original_title:
        item["original-title"] = c.original_title
    if c.issuer:
        item["author"] = [{"literal": c.issuer}]
    if c.date:
        item["issued"] = {"date-parts": [[int(part) for part in c.date.split("-")]]}
    if c.url:
        item["URL"] = c.url
    if c.note:
        item["note"] = c.note
    return json.dumps([item], ensure_ascii=False, indent=1) + "\n"


CITATION_FORMATS = {"bib": bibtex, "ris": ris, "json": csl_json}


# -- writing ------------------------------------------------------------------------------


def publication_files(
    publication: Publication, renderer: Renderer, site_url: str = ""
) -> dict[str, str | bytes]:
    """Every download of one publication, keyed by path relative to the site's root."""
    files = Files(publication.id)
    out: dict[str, str | bytes] = {
        files.data("csv"): aligned_csv(publication),
        files.data("json"): aligned_json(publication, site_url),
        files.data("tmx"): export_tmx(publication, dated=False),
    }
    for lang in renderer.languages.all:
        cite = citation(publication, renderer, lang, site_url)
        for fmt, write in CITATION_FORMATS.items():
            out[files.citation(lang, f"cite.{fmt}")] = write(cite)
    return out


def glossary_files(glossary: Glossary, languages: tuple[str, ...], source: str) -> dict[str, str | bytes]:
    """The term base as TBX and as OmegaT's TSV per target language. The TSV starts with a
    ``#`` comment (OmegaT skips it) so that it is never valid JavaScript, and its cells are
    spreadsheet-safe."""
    out: dict[str, str | bytes] = {f"{DOWNLOADS}/glossary.tbx": export_tbx(glossary, languages)}
    for target in languages:
        if target != source:
            lines = export_glossary_tsv(glossary, source, target).splitlines()
            safe = ["\t".join(spreadsheet_safe(cell) for cell in line.split("\t")) for line in lines]
            out[f"{DOWNLOADS}/glossary.{bcp47(source)}-{bcp47(target)}.tsv"] = (
                "\n".join([f"# {LICENCE}", *safe]) + "\n"
            )
    return out


def write_files(site_dir: Path, files: dict[str, str | bytes]) -> None:
    for relative, content in files.items():
        path = site_dir / relative
        if isinstance(content, bytes):
            path.parent.mkdir(parents=True, exist_ok=True)
            if not path.exists() or path.read_bytes() != content:
                path.write_bytes(content)
        else:
            write_if_changed(path, content)
