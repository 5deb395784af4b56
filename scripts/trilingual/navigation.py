"""The site's navigation, from the library: what the plugin hands MkDocs as ``nav`` when
``mkdocs.yml`` has none, and each publication's section titled in the language being built."""

from __future__ import annotations

import html
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.structure.nav import Section

from .config import DOWNLOADS, FULL_TEXT_PAGE, GLOSSARY_PAGE, REFERENCES_PAGE, SiteLanguages
from .render import Renderer

if TYPE_CHECKING:
    from mkdocs.structure import StructureItem

    from .library import Library


def navigation(library: Library, languages: SiteLanguages, docs_dir: Path) -> list[Any]:
    """Home first, then each publication (its landing page, then its sections, the full text and
    the downloads), the glossary and the references when the library has them, then the other
    hand-written pages of ``docs_dir`` by name (as ``mkdocs.yml``'s ``nav`` would list them)."""
    generated = {p.id for p in library.publications}
    pages = sorted(
        {strip_locale(path.name, languages) for path in docs_dir.glob("*.md")},
        key=lambda name: (name != "index.md", name),
    )
    nav: list[Any] = [name for name in pages if name == "index.md"]
    for publication in library.publications:
        title = publication.document.metadata.title.text
        children = [f"{publication.id}/index.md"] + [
            f"{publication.id}/{s.id}.md" for s in publication.sections()
        ]
        children += [f"{publication.id}/{FULL_TEXT_PAGE}.md", f"{publication.id}/{DOWNLOADS}.md"]
        nav.append({title: children})
    if len(library.glossary):
        nav.append(f"{GLOSSARY_PAGE}/index.md")
    if library.references:
        nav.append(f"{REFERENCES_PAGE}/index.md")
    nav += [name for name in pages if name != "index.md" and name.removesuffix(".md") not in generated]
    return nav


def strip_locale(name: str, languages: SiteLanguages) -> str:
    """A page's file name without its locale suffix (``about.ja.md`` → ``about.md``); a name
    whose suffix is no site language is kept."""
    stem, _, _ = name.rpartition(".md")
    base, dot, suffix = stem.rpartition(".")
    return f"{base}.md" if dot and suffix in languages.all else name


def title_sections(items: Iterable[StructureItem], library: Library, lang: str) -> None:
    """Title each publication's section (the one whose first page is under the publication's
    folder) with its document title in ``lang``, escaped as MkDocs' titles are."""
    renderer = Renderer(library)
    for item in items:
        if isinstance(item, Section) and item.children:
            first = item.children[0]
            url_path = getattr(getattr(first, "file", None), "src_uri", "")
            for publication in library.publications:
                if url_path.startswith(f"{publication.id}/"):
                    item.title = html.escape(renderer.document_title(publication, lang))
