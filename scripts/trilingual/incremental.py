"""What ``mkdocs serve --dirty`` must rebuild so that it serves what a full build would.

MkDocs' dirty build reads and renders only the pages whose Markdown is newer than their HTML.
That is not enough here: a page also shows other pages' titles (navigation, previous/next),
glossary and reference links (annotation), and hand-written pages show the library's catalogue
and status. :class:`Memory` remembers, per edition, what the last build saw of every page, and
:meth:`Memory.plan` names the pages to rebuild although their Markdown did not change: the plugin
deletes their HTML, which is MkDocs' own rule for "build this page" in a dirty build.

* the whole edition, when what every page shows may have changed: the configuration, the
  theme's overrides, the interface strings, the set of pages, the navigation's structure, or a
  page's front matter or first heading (its title in the navigation of every page);
* pages that contain a name of a glossary term or reference that was added, removed or changed
  (their annotation changes), found in the HTML the last build annotated;
* hand-written pages with a placeholder filled from the library, when what fills it changed.

For pages it does not read, the build gets back their title and front matter (which the
navigation of the pages it renders shows) and their search records from the memory.
"""

from __future__ import annotations

import hashlib
import html
import logging
import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.structure.nav import Link as NavLink
from mkdocs.structure.nav import Section
from mkdocs.utils import meta as front_matter

from .entries import Entry
from .search import Record
from .search_index import IndexMemory

if TYPE_CHECKING:
    from mkdocs.structure.files import File, Files
    from mkdocs.structure.nav import Navigation

DIRTY_WARNING = "A 'dirty' build is being performed"
"""MkDocs' warning on every dirty build, which ``strict`` turns into an abort; the memory is
what makes the navigation accurate, so the plugin filters exactly this warning out."""

MAX_CHANGED_NAMES = 200
"""Past this many changed names (a glossary rewritten), every page is rebuilt."""


@dataclass
class PageMemory:
    """What the last build saw of one page."""

    signature: str
    """Its front matter and first heading: what it shows in other pages' navigation."""
    placeholder: bool
    """Whether it shows something filled from the library (catalogue, status)."""
    title: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    content: str = ""
    """Its HTML before annotation, lower-cased, to find the names it contains."""
    records: list[Record] = field(default_factory=list)


@dataclass
class EditionMemory:
    """What the last build of one edition saw."""

    inputs: str = ""
    entries: dict[str, Entry] | None = None
    library: object = None
    fills: str = ""
    """A digest of what the placeholders of hand-written pages were filled with."""
    navigation: str = ""
    pages: dict[str, PageMemory] = field(default_factory=dict)
    """By the page's ``src_uri``."""
    order: list[str] = field(default_factory=list)
    """The edition's pages in the order MkDocs reads them (the order of search records)."""
    dests: set[str] = field(default_factory=set)
    """The pages' output files (``abs_dest_path``)."""
    index: IndexMemory = field(default_factory=IndexMemory)
    """What the edition's search index can reuse of its last build."""


@dataclass
class Plan:
    """The pages of one edition to rebuild although their Markdown did not change, and why."""

    stale: list[File]
    removed: list[Path]
    reason: str


class Memory:
    """What a ``mkdocs serve --dirty`` process remembers between rebuilds, per edition."""

    def __init__(self, *, keep_content: bool = True) -> None:
        self.editions: dict[str, EditionMemory] = {}
        self.keep_content = keep_content
        """Whether to keep each page's HTML (only a dirty rebuild needs it)."""

    def plan(
        self,
        lang: str,
        files: Files,
        nav: Navigation,
        *,
        inputs: str,
        entries: Iterable[Entry],
        library: object,
        fills: Callable[[], Iterable[str]],
        placeholders: tuple[str, ...],
    ) -> Plan:
        """Remember what the build of ``lang`` about to start sees, and say what it must rebuild."""
        edition = self.editions.setdefault(lang, EditionMemory())
        pages = list(files.documentation_pages())
        dests = {file.abs_dest_path for file in pages}
        removed = sorted(Path(dest) for dest in edition.dests - dests)
        modified = {file.src_uri for file in pages if file.is_modified()}

        reasons = []
        if inputs != edition.inputs:
            reasons.append("the configuration, theme, interface strings or set of pages")
        navigation = _navigation_signature(nav)
        if navigation != edition.navigation:
            reasons.append("the navigation")
        known = edition.pages
        for file in pages:
            if file.src_uri in modified or file.src_uri not in known:
                signature, placeholder = _page_signature(file, placeholders)
                previous = known.get(file.src_uri)
                if previous is not None and previous.signature != signature:
                    reasons.append(f"the title of {file.src_uri}")
                known[file.src_uri] = PageMemory(signature, placeholder)
        for gone in set(known) - {file.src_uri for file in pages}:
            del known[gone]

        current = {entry.key: entry for entry in entries}
        names = _changed_names(edition.entries, current)
        if names is None:
            reasons.append("the glossary and references")

        filled = False
        if library is not edition.library:  # what fills the placeholders: rendered only then
            digest = hashlib.sha256("\0".join(fills()).encode("utf-8")).hexdigest()
            filled, edition.fills = digest != edition.fills, digest

        stale: list[File] = []
        if reasons:
            stale = [file for file in pages if file.src_uri not in modified]
        else:
            pattern = _names_pattern(names or set())
            for file in pages:
                memory = known[file.src_uri]
                if file.src_uri in modified:
                    continue
                if (memory.placeholder and filled) or (
                    pattern is not None and pattern.search(memory.content)
                ):
                    stale.append(file)
        edition.inputs, edition.entries, edition.library = inputs, current, library
        edition.navigation, edition.dests = navigation, dests
        return Plan(stale, removed, "; ".join(reasons))

    def remember(self, lang: str, src_uri: str, content: str, records: list[Record]) -> None:
        """A page the build read: the HTML it annotates and its search records."""
        pages = self.editions.setdefault(lang, EditionMemory()).pages
        page = pages.setdefault(src_uri, PageMemory("", placeholder=False))
        page.content = content.lower() if self.keep_content else ""
        page.records = records

    def remember_titles(self, lang: str, files: Files) -> None:
        """Once the pages are read: keep the title and front matter of those read, and give
        back those of the others (the navigation of the pages about to be rendered shows them)."""
        edition = self.editions.setdefault(lang, EditionMemory())
        edition.order = []
        for file in files.documentation_pages():
            page, memory = file.page, edition.pages.get(file.src_uri)
            if page is None or memory is None:
                continue
            edition.order.append(file.src_uri)
            if page.markdown is None:
                page.meta = dict(memory.meta)
                page.title = memory.title
            else:
                memory.title, memory.meta = page.title, dict(page.meta)

    def records(self, lang: str) -> list[Record]:
        """The edition's search records, page by page in reading order, as a full build collects them."""
        edition = self.editions.get(lang)
        if edition is None:
            return []
        return [record for src_uri in edition.order for record in edition.pages[src_uri].records]


def inputs_key(config_file: Path | None, theme_dirs: Iterable[Path], ui_file: Path, docs_dir: Path) -> str:
    """What every page of an edition depends on: the configuration, the theme's overrides, the
    interface strings and the set of pages (names, sizes and times; contents for the small files)."""
    digest = hashlib.sha256()
    for path in (config_file, ui_file):
        if path is not None and path.is_file():
            digest.update(path.read_bytes())
    for folder in theme_dirs:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                stat = path.stat()
                digest.update(f"{path}|{stat.st_size}|{stat.st_mtime_ns}\n".encode())
    for root, folders, names in sorted(os.walk(docs_dir)):
        folders.sort()
        for name in sorted(names):
            digest.update(f"{root}/{name}\n".encode())
    return digest.hexdigest()


def _navigation_signature(nav: Navigation) -> str:
    """The navigation's structure and section titles (the pages' own titles are in their signatures)."""

    def walk(items: Iterable[Any]) -> Iterable[str]:
        for item in items:
            if isinstance(item, Section):
                yield f"section:{item.title}"
                yield from walk(item.children)
                yield "end"
            elif isinstance(item, NavLink):
                yield f"link:{item.title}:{item.url}"
            else:
                yield f"page:{item.file.src_uri}"

    return "\n".join(walk(nav.items))


_FIRST_HEADING = re.compile(r"^#[ \t]+.*$|^[^\n]+\n=+[ \t]*$", re.MULTILINE)


def _page_signature(file: File, placeholders: tuple[str, ...]) -> tuple[str, bool]:
    """A page's front matter and first heading (its title), and whether it shows a placeholder."""
    source = Path(file.abs_src_path or "").read_text(encoding="utf-8-sig", errors="replace")
    markdown, meta = front_matter.get_data(source)
    heading = _FIRST_HEADING.search(markdown)
    signature = repr(sorted(meta.items(), key=lambda item: str(item[0]))) + (
        heading.group(0) if heading else ""
    )
    return signature, any(placeholder in source for placeholder in placeholders)


def _changed_names(before: dict[str, Entry] | None, after: dict[str, Entry]) -> set[str] | None:
    """Every name (lower-cased, raw and escaped) of the entries added, removed or changed;
    ``None`` when there is no earlier build to compare with or too much changed."""
    if before is None:
        return None
    keys = [key for key in before.keys() | after.keys() if before.get(key) != after.get(key)]
    changed = [entry for key in keys for entry in (before.get(key), after.get(key)) if entry is not None]
    names = {
        variant
        for entry in changed
        for forms in entry.forms.values()
        for form in forms
        for variant in (form.lower(), html.escape(form).lower())
    }
    return None if len(names) > MAX_CHANGED_NAMES else names


def _names_pattern(names: set[str]) -> re.Pattern[str] | None:
    if not names:
        return None
    return re.compile("|".join(re.escape(name) for name in sorted(names, key=len, reverse=True)))


class DirtyWarningFilter(logging.Filter):
    """Drops MkDocs' warning on a dirty build (see :data:`DIRTY_WARNING`)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith(DIRTY_WARNING)
