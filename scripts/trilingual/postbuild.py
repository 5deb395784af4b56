"""What the plugin writes beside an edition's pages once MkDocs has built them.

mkdocs-static-i18n builds every edition into the same folder, one after the other, the
original's first; each function here handles one file or set of files of one edition.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import urljoin

from .config import SiteLanguages
from .downloads import glossary_files, publication_files, write_files
from .feed import FEED, atom
from .files import write_if_changed
from .library import Library
from .pdf import write_pdfs
from .render import Renderer


def edition_dir(site: Path, lang: str, languages: SiteLanguages) -> Path:
    return site if lang == languages.source else site / lang


def keep_404_pages(site: Path, lang: str, languages: SiteLanguages, root_404: bytes | None) -> bytes | None:
    """Each edition's build writes ``404.html`` at the root: a translation's is moved to
    ``<lang>/404.html`` and the original's put back. Returns the original's, to keep."""
    page = site / "404.html"
    if lang == languages.source:
        return page.read_bytes() if page.exists() else None
    if page.exists():
        (site / lang).mkdir(parents=True, exist_ok=True)
        shutil.copyfile(page, site / lang / "404.html")
        if root_404 is not None:
            page.write_bytes(root_404)
    return root_404


def write_robots(site: Path, site_url: str) -> None:
    """``robots.txt``, naming the sitemap when the site's URL is known."""
    robots = "User-agent: *\nAllow: /\n"
    if site_url:
        robots += f"Sitemap: {urljoin(site_url, 'sitemap.xml')}\n"
    write_if_changed(site / "robots.txt", robots)


def write_feed(site: Path, lang: str, library: Library, site_url: str, site_name: str) -> None:
    feed = atom(list(library.publications), Renderer(library), lang, site_url, site_name)
    write_if_changed(edition_dir(site, lang, library.languages) / FEED, feed)


DownloadsMemory = dict[str, tuple[tuple[object, ...], dict[str, str | bytes]]]
"""Per publication, what its downloads were made from and the files (see :func:`write_downloads`)."""


def write_downloads(
    site: Path, library: Library, site_url: str, pdf_cache: Path | None, memory: DownloadsMemory | None = None
) -> None:
    """Data, citations and, with a cache folder, PDFs of every publication (once per build).

    With ``memory`` (``mkdocs serve``), the files of a publication that was not read again
    since the last build, with the same interface strings and site URL, are not made again.
    """
    languages, renderer = library.languages, Renderer(library)
    memory = {} if memory is None else memory
    files = glossary_files(library.glossary, languages.all, languages.source)
    for publication in library.publications:
        made_from = (publication, library.ui, site_url)
        kept = memory.get(publication.id)
        if kept is None or kept[0][0] is not publication or kept[0][1:] != made_from[1:]:
            kept = memory[publication.id] = (made_from, publication_files(publication, renderer, site_url))
        files.update(kept[1])
    write_files(site, files)
    if pdf_cache is not None:
        for publication in library.publications:
            write_pdfs(publication, renderer, site, pdf_cache, site_url=site_url)
