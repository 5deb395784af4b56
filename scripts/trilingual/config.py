"""The site's configuration, which the pages, the plugin and the command line all read.

* :class:`SiteLanguages`: the original's locale (served at ``/``) and the translations'
  (``/<lang>/``), as mkdocs-static-i18n is configured in ``mkdocs.yml``. The library's
  originals are Chinese: source-language rules (segmentation, the glossary's ``zh`` forms,
  pinyin) assume it; the target languages are whatever ``mkdocs.yml`` lists.
* the names of the site's own pages and folders, which a publication may not take;
* the interface strings of ``translations/ui.yml``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import TranslationError
from .files import is_generated
from .pagetext import placeholders
from .schema import SCHEMA_DIR, validate
from .yamlfile import line_of, read

GLOSSARY_PAGE = "glossary"
REFERENCES_PAGE = "references"
FULL_TEXT_PAGE = "full"
"""A publication's whole text: ``<publication>/full/``."""
DOWNLOADS = "downloads"
"""A publication's downloads page (``<publication>/downloads/``) and the site's folder of files."""
UI_FILE = "ui.yml"
RESERVED = {
    GLOSSARY_PAGE,
    REFERENCES_PAGE,
    DOWNLOADS,
    "assets",
    "search",
    "404",
    "index",
    "sitemap",
    "robots",
}
HEADING_PLACEHOLDERS = {"label", "number", "title"}
SOURCE_LANGUAGE = "zh"
"""The originals' language: segmentation, the glossary's source forms and pinyin assume Chinese."""
LATIN_LANGUAGES = frozenset({"en", "fr", "de", "es", "pt", "it"})
"""Target languages written in Latin script: words are separated by spaces and matched whole,
case-insensitively; sentences are joined with a space."""


@dataclass(frozen=True)
class SiteLanguages:
    """The site's locales: the original's (served at ``/``) and the translations' (``/<lang>/``)."""

    source: str
    targets: tuple[str, ...]
    names: tuple[tuple[str, str], ...] = ()
    """Each locale's name in its own language (中文, 日本語, English), as the switcher shows it."""

    @property
    def all(self) -> tuple[str, ...]:
        return (self.source, *self.targets)

    def name(self, lang: str) -> str:
        return dict(self.names).get(lang, lang)


def site_languages(i18n_languages: list[Any]) -> SiteLanguages:
    """The languages mkdocs-static-i18n builds; its ``default`` one is the original's.

    Raises ``ValueError`` with the remedy when none or several are the default.
    """
    languages = [lang for lang in i18n_languages if lang.build]
    default = [lang.locale for lang in languages if lang.default]
    if len(default) != 1:
        raise ValueError("mkdocs.yml: exactly one i18n language must be 'default: true' (the original's)")
    if default[0] != SOURCE_LANGUAGE:
        raise ValueError(
            f"mkdocs.yml: the default i18n language is {default[0]!r}, but the library's originals are "
            f"Chinese; make '{SOURCE_LANGUAGE}' the default (the translations' languages can be any)"
        )
    names = tuple((lang.locale, lang.name or lang.locale) for lang in languages)
    return SiteLanguages(default[0], tuple(lang.locale for lang in languages if not lang.default), names)


def reserved_names(languages: SiteLanguages, docs_dir: Path | None = None) -> set[str]:
    """Names a publication id may not take: the site's own folders, its languages, and every
    hand-written page and folder of ``docs/`` (``about``, ``translate`` …), which it would replace."""
    names = RESERVED | set(languages.all)
    if docs_dir is not None and docs_dir.is_dir():
        for path in docs_dir.iterdir():
            if path.is_dir() and not is_generated(path):
                names.add(path.name)
            elif path.suffix == ".md":
                base, dot, suffix = path.stem.rpartition(".")
                names.add(base if dot and suffix in languages.all else path.stem)
    return names


def load_ui(path: Path, languages: SiteLanguages) -> dict[str, dict[str, str]]:
    """Interface strings per site language; every language must have the source language's keys."""
    data = read(path) or {}
    validate(data, SCHEMA_DIR, "ui.schema.json", path)
    ui: dict[str, dict[str, str]] = {}
    for lang in languages.all:
        if not isinstance(data.get(lang), dict):
            raise TranslationError(path, f"no interface strings for {lang!r}", hint=f"add a '{lang}:' block")
    keys = list(data[languages.source])
    for lang in languages.all:
        strings = data[lang]
        missing = [key for key in keys if key not in strings]
        if missing:
            raise TranslationError(
                path,
                f"{lang!r} lacks {', '.join(missing)}",
                line=line_of(data, lang),
                hint=f"translate them from the '{languages.source}:' block",
            )
        ui[lang] = {key: "" if strings[key] is None else str(strings[key]) for key in keys}
        if (
            "month_name" in placeholders(ui[lang].get("date_format", ""))
            and len(ui[lang].get("month_names", "").split()) != 12
        ):
            raise TranslationError(
                path,
                f"{lang}.date_format names the month, but {lang}.month_names does not list twelve",
                line=line_of(strings, "month_names") or line_of(strings, "date_format"),
                hint="write the twelve month names, separated by spaces",
            )
        unknown = placeholders(ui[lang].get("section_heading", "")) - HEADING_PLACEHOLDERS
        if unknown:
            raise TranslationError(
                path,
                f"unknown placeholder {{{sorted(unknown)[0]}}} in {lang}.section_heading",
                line=line_of(strings, "section_heading"),
                hint="use {label}, {number} and {title} only",
            )
    return ui
