"""What the theme's templates get beside MkDocs' own context: hreflang alternates, the search
dialog's settings, the interface strings in the language being built, and, for the 404 page,
each edition's home. The plugin adds them to every page's context (and the 404 page's)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin

from mkdocs.utils import normalize_url

from .config import SiteLanguages
from .search_index import SEARCH_META, dialog_strings

if TYPE_CHECKING:
    from mkdocs.structure.pages import Page

    from .library import Library


def alternates(
    links: Iterable[Mapping[str, Any]], source: str, site_url: str | None, page: Page | None
) -> list[tuple[str, str]]:
    """hreflang alternates for a page's head: the same page in each language (``links``, as
    mkdocs-static-i18n sets ``extra.alternate``), the original (``source``) also as x-default.

    Absolute when ``site_url`` is set (as search engines require), else relative to the page.
    """
    found = []
    for alternate in links:
        link = str(alternate["link"])
        href = urljoin(site_url, link) if site_url else normalize_url(link, page)
        found.append((str(alternate["lang"]), href))
        if alternate["lang"] == source:
            found.append(("x-default", href))
    return found


def search_settings(
    lang: str, languages: SiteLanguages, library: Library | None, page: Page | None
) -> dict[str, Any]:
    """The search dialog's settings in ``lang``: the edition's index (relative to the page;
    without one, to the site's root), the languages' names, the dialog's strings."""
    prefix = "" if lang == languages.source else f"{lang}/"
    return {
        "index": normalize_url(f"{prefix}{SEARCH_META}", page),
        "languages": dict(languages.names),
        "strings": dialog_strings(lang, library),
    }


def reader_context(library: Library, languages: SiteLanguages, lang: str) -> dict[str, Any]:
    """Interface strings for the theme (footer, reader script) in the language being built."""
    about = "about/" if lang == languages.source else f"{lang}/about/"
    return {
        "tl_ui": library.ui[lang],
        "tl_languages": dict(languages.names),
        "tl_about": about,
    }


def editions(library: Library, languages: SiteLanguages, base: str) -> list[dict[str, Any]]:
    """Each edition's home under the site's path ``base`` (no trailing slash) and its interface
    strings: the 404 page's language switcher, which must not depend on the edition built."""
    return [
        {
            "lang": code,
            "home": f"{base}/" + ("" if code == languages.source else f"{code}/"),
            "ui": library.ui[code],
        }
        for code in languages.all
    ]


def not_found_context(library: Library, languages: SiteLanguages, lang: str, base: str) -> dict[str, Any]:
    """The 404 page's additions (it is a template without a page, served at any missing address
    under the site's path ``base``): what a page's context has but the alternates (search, the
    reader's strings), with the search index's URL absolute, and each edition's home."""
    search = search_settings(lang, languages, library, None)
    search["index"] = f"{base}/{search['index']}"
    return {
        "tl_search": search,
        **reader_context(library, languages, lang),
        "tl_editions": editions(library, languages, base),
    }
