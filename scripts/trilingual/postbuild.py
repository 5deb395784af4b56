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
from .pdf import write_pdfs
from .render import Renderer
from .site import Library


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


def write_downloads(site: Path, library: Library, site_url: str, pdf_cache: Path | None) -> None:
    """Data, citations and, with a cache folder, PDFs of every publication (once per build)."""
    languages, renderer = library.languages, Renderer(library)
    files = glossary_files(library.glossary, languages.all, languages.source)
    for publication in library.publications:
        files.update(publication_files(publication, renderer, site_url))
    write_files(site, files)
    if pdf_cache is not None:
        for publication in library.publications:
            write_pdfs(publication, renderer, site, pdf_cache, site_url=site_url)
