"""The MkDocs side: a thin plugin that hands each build event to the package.

* before the build, :mod:`trilingual.generate` writes the pages into folders under ``docs/``
  (mkdocs-static-i18n only handles files there), each ignoring itself in git; a file is
  written only when its content changed, so ``mkdocs serve`` settles after one rebuild;
* for each page, :mod:`trilingual.annotate` links glossary terms and references, and
  :mod:`trilingual.search` collects its paragraphs; after each language's build the edition's
  search index, its 404 page and ``robots.txt`` are written;
* the navigation (:mod:`trilingual.navigation`), what the theme's templates get
  (:mod:`trilingual.pagecontext`: hreflang alternates, search, interface strings) and two
  placeholders of hand-written pages (the list of publications, the translation status) are
  filled in for the language being built.
"""

from __future__ import annotations

import copy
import html
import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File

from . import pagebody
from .bytecode import CompiledTemplates
from .config import UI_FILE, SiteLanguages, site_languages
from .csp import add_policy
from .errors import UserError
from .generate import Generation, hand_written_folders, input_fingerprint, regenerate
from .heap import IdleCollector
from .incremental import DirtyWarningFilter, Memory, inputs_key
from .library import Library
from .markup import anchors
from .navigation import navigation, title_sections
from .pagecontext import alternates, not_found_context, reader_context, search_settings
from .pagetext import print_margins
from .postbuild import DownloadsMemory, keep_404_pages, write_downloads, write_feed, write_robots
from .render import Renderer
from .search import records_of
from .search_index import write_search_index

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page
    from mkdocs.utils.templates import TemplateContext

log = logging.getLogger("mkdocs.plugins.trilingual")

CATALOGUE_PLACEHOLDER = "<!-- trilingual:publications -->"
LIVERELOAD = "assets/trilingual-livereload.js"
STATUS_PLACEHOLDER = "<!-- trilingual:status -->"


@dataclass
class _Kept:
    """Everything the plugin keeps across builds in one process (whether MkDocs keeps the plugin
    object between rebuilds of ``mkdocs serve`` or makes a new one):

    * ``generations``: the last rendering of each ``translations/`` (library and pages), so that
      the per-language builds that mkdocs-static-i18n runs, and rebuilds with unchanged inputs,
      do not repeat the work, and a rebuild after an edit redoes only what it changed;
    * ``downloads``: each publication's downloads, made again only when it changed;
    * ``memories``: per site folder, what a dirty rebuild needs of the last build (see
      :mod:`trilingual.incremental`);
    * ``templates``: the theme's compiled Jinja templates (see :mod:`trilingual.bytecode`);
    * ``heap``: in ``mkdocs serve``, the garbage collector's run between rebuilds (see
      :mod:`trilingual.heap`), one per process so that a new build always cancels a pending one.
    """

    generations: dict[str, Generation] = field(default_factory=dict)
    downloads: DownloadsMemory = field(default_factory=dict)
    memories: dict[str, Memory] = field(default_factory=dict)
    templates: CompiledTemplates = field(default_factory=CompiledTemplates)
    heap: IdleCollector = field(default_factory=IdleCollector)


_kept = _Kept()


# mkdocs-static-i18n runs some events at priority 50 (first) and some at -100 (last); ours
# depend on that order, so it is written here rather than left to the order in mkdocs.yml.
AFTER_I18N = 0
"""Our priority for events that need static-i18n's (priority 50) to have run."""
BEFORE_I18N = 0
"""Our priority for events that must run before static-i18n's (priority -100)."""
AFTER_I18N_LAST = -110
"""Our priority for events that must run after static-i18n's priority -100 ones."""


class TrilingualConfig(Config):
    translations_dir = c.Type(str, default="translations")
    pdf = c.Type(bool, default=True)
    """Build each publication's PDFs in ``mkdocs build`` (never in ``mkdocs serve``)."""
    only = c.Type(str, default="")
    """Publication ids, separated by commas: build these and no other (to serve one publication
    of a large library quickly: ``TRILINGUAL_ONLY=plan-2022 mkdocs serve --dirty``)."""


class TrilingualPlugin(BasePlugin[TrilingualConfig]):
    def __init__(self) -> None:
        self.languages: SiteLanguages | None = None
        self.library: Library | None = None
        self.auto_nav = False
        self.root_404: bytes | None = None
        self.memory = Memory(keep_content=False)
        self.command = "build"
        self.dirty = False
        self.pages_read = 0
        self._filled: tuple[Library | None, dict[str, dict[str, str]]] = (None, {})
        """What the placeholders show, per language, for the library they were rendered from."""
        self.generated: Mapping[str, str] = {}
        """The generated pages, by path under ``docs/`` (MkDocs' ``src_uri``)."""
        self.bodies: dict[str, str] = {}
        """The HTML bodies of the pages being built, by ``src_uri``, while Markdown converts the rest."""
        self.inputs = ""
        """What every page depends on (see :func:`trilingual.incremental.inputs_key`), this rebuild."""

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if self.command == "serve":
            _kept.heap.build_started()
        self.languages = _site_languages(config)
        if self.dirty:
            self.memory = _kept.memories.setdefault(str(Path(config.site_dir).resolve()), Memory())
        else:
            self.memory = Memory(keep_content=False)
        if not config.use_directory_urls:
            raise PluginError(
                "trilingual: generated pages link with directory URLs; set use_directory_urls: true"
            )
        if config.nav is None or self.auto_nav:
            self.auto_nav = True
            self._generate(config)
            assert self.library is not None
            config.nav = navigation(self.library, self._languages, Path(config.docs_dir))
        return config

    def on_pre_build(self, config: MkDocsConfig) -> None:
        self._generate(config)

    @event_priority(AFTER_I18N_LAST)  # static-i18n cannot sort a generated file into editions
    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        """In ``mkdocs serve``, the script that makes live reload work under the policy (see
        ``assets/livereload.js``): MkDocs' own inline one is blocked by it."""
        if self.command == "serve":
            if LIVERELOAD not in config.extra_javascript:
                config.extra_javascript.append(LIVERELOAD)
            if files.get_file_from_path(LIVERELOAD) is None:
                script = (Path(__file__).parent / "assets" / "livereload.js").read_text(encoding="utf-8")
                files.append(File.generated(config, LIVERELOAD, content=script))
        return files

    @event_priority(BEFORE_I18N)  # before static-i18n's, which starts the next edition's build
    def on_post_build(self, config: MkDocsConfig) -> None:
        """Beside each edition's pages: its 404 page, search index and feed; once, the
        downloads (PDFs only in ``mkdocs build``); robots.txt."""
        site, site_url = Path(config.site_dir), config.site_url or ""
        lang = _current_language(config, self._languages)
        self.root_404 = keep_404_pages(site, lang, self._languages, self.root_404)
        records = self.memory.records(lang)
        if self.dirty:
            total = len(self.memory.editions[lang].order)
            log.info("Rebuilt %d of the %d pages of the %s edition", self.pages_read, total, lang)
        index = self.memory.editions[lang].index if lang in self.memory.editions else None
        write_search_index(site, lang, records, self.library, self._languages, index)
        if self.library is not None:
            if lang == self._languages.source:
                cache = Path(config.config_file_path or ".").parent / ".cache" / "pdf"
                memory = _kept.downloads if self.dirty else None
                write_downloads(site, self.library, site_url, cache if self._pdfs else None, memory)
            write_feed(site, lang, self.library, site_url, config.site_name)
        write_robots(site, site_url)
        if self.command == "serve":
            _kept.heap.build_ended()

    def on_build_error(self, *, error: Exception) -> None:
        if self.command == "serve":
            _kept.heap.build_ended()

    def on_shutdown(self) -> None:
        _kept.heap.stop()

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command, self.dirty = command, dirty
        if dirty:  # the memory makes the navigation of a dirty build accurate (see incremental)
            build_log = logging.getLogger("mkdocs.commands.build")
            if not any(isinstance(f, DirtyWarningFilter) for f in build_log.filters):
                build_log.addFilter(DirtyWarningFilter())

    def on_serve(self, server: LiveReloadServer, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        """Watch the translators' files and the theme's overrides; watch docs/ for hand-written
        pages only, since the pages generated into it on each build would set off a second build."""
        server.watch(str(self._translations_dir(config)))
        if config.theme.custom_dir:  # the overrides (templates, styles, scripts) show on every page
            server.watch(config.theme.custom_dir)
        server.unwatch(config.docs_dir)
        server.watch(config.docs_dir, recursive=False)
        for folder in hand_written_folders(Path(config.docs_dir)):
            server.watch(str(folder))
        return server

    @event_priority(BEFORE_I18N)  # before static-i18n rewrites the navigation for the edition
    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
        """Title each publication's navigation section in the language being built."""
        assert self.library is not None
        lang = _current_language(config, self._languages)
        title_sections(nav.items, self.library, lang)
        if self.dirty:
            self._plan_rebuild(lang, files, nav, config)
        self.pages_read = 0
        return nav

    def _plan_rebuild(self, lang: str, files: Files, nav: Navigation, config: MkDocsConfig) -> None:
        """In a dirty build, delete the HTML of the pages that must be rebuilt although their
        Markdown did not change (see :mod:`trilingual.incremental`)."""
        assert self.library is not None
        if lang == self._languages.source or not self.inputs:  # once per rebuild: the original's comes first
            theme_dir = config.theme.custom_dir
            self.inputs = inputs_key(
                Path(config.config_file_path) if config.config_file_path else None,
                [Path(theme_dir)] if theme_dir else [],
                self._translations_dir(config) / UI_FILE,
                Path(config.docs_dir),
            )
        inputs = self.inputs
        plan = self.memory.plan(
            lang,
            files,
            nav,
            inputs=inputs,
            entries=self.library.reference_entries + self.library.term_entries,
            library=self.library,
            fills=lambda: self._fills(lang).values(),
            placeholders=(CATALOGUE_PLACEHOLDER, STATUS_PLACEHOLDER),
        )
        for path in [Path(file.abs_dest_path) for file in plan.stale] + plan.removed:
            path.unlink(missing_ok=True)
        if plan.stale and plan.reason:
            log.info("Rebuilding the %s edition: %s changed", lang, plan.reason)
        elif plan.stale:
            log.info("Rebuilding %d page(s) of the %s edition that show what changed", len(plan.stale), lang)

    def on_env(self, env: Any, /, *, config: MkDocsConfig, files: Files) -> Any:
        """Every page is read: remember their titles, and give back those of pages a dirty build skipped.
        The theme's templates are compiled once, not once per edition and rebuild."""
        self.memory.remember_titles(_current_language(config, self._languages), files)
        env.bytecode_cache = _kept.templates
        return env

    def on_page_content(self, content: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """The page's HTML body is put back (see :meth:`on_page_markdown`); glossary terms and
        references become links with a tooltip; the page feeds the search index."""
        body = self.bodies.pop(page.file.src_uri, None)
        if body is not None:
            try:
                content = pagebody.join(content, body)
            except ValueError as error:  # another plugin took the marker out of the page
                raise PluginError(f"trilingual: {page.file.src_uri}: {error}") from None
        if self.library is None:
            return content
        lang = _current_language(config, self._languages)
        pieces = list(self.library.annotator(lang, page.url).annotated(content, lang))
        if body is not None:  # MkDocs checks links against the anchors it saw: the body's too
            page.present_anchor_ids = (page.present_anchor_ids or set()) | anchors(pieces)
        annotated = "".join(piece.raw for piece in pieces)
        records = records_of(pieces, page.url, html.unescape(page.title or ""), lang)
        self.memory.remember(lang, page.file.src_uri, content, records)
        self.pages_read += 1
        return annotated

    @event_priority(BEFORE_I18N)  # the policy hashes the page's scripts as they are written
    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        """Every page carries a Content-Security-Policy (see :mod:`trilingual.csp`)."""
        return add_policy(output)

    def on_post_template(self, output_content: str, /, *, template_name: str, config: MkDocsConfig) -> str:
        """So do pages made from a template alone (the 404 page)."""
        return add_policy(output_content) if template_name.endswith(".html") else output_content

    @event_priority(AFTER_I18N)  # after static-i18n has set the alternates in config.extra
    def on_page_context(
        self, context: TemplateContext, /, *, page: Page | None, config: MkDocsConfig, nav: Navigation | None
    ) -> TemplateContext:
        """The page's head and the theme get hreflang alternates, the search dialog's settings,
        the interface strings and the printed margins (see :mod:`trilingual.pagecontext`)."""
        assert self.library is not None
        lang, languages = _current_language(config, self._languages), self._languages
        links = getattr(config.extra, "alternate", None) or []
        ours = {
            "tl_alternates": alternates(links, languages.source, config.site_url, page),
            "tl_search": search_settings(lang, languages, self.library, page),
            **reader_context(self.library, languages, lang),
        }
        context.update(ours)  # type: ignore[typeddict-item]
        if page is not None:  # the 404 page calls this without one
            url = page.canonical_url or f"/{page.url}"
            context["tl_print"] = print_margins(page.title or "", url)  # type: ignore[typeddict-unknown-key]
        return context

    @event_priority(AFTER_I18N)  # after static-i18n: our 404 switcher replaces its links
    def on_template_context(
        self, context: TemplateContext, /, *, template_name: str, config: MkDocsConfig
    ) -> TemplateContext:
        """The 404 page (a template without a page): the switcher points at each edition's home
        (MkDocs builds it before the pages, so it would keep another build's links), search works,
        and every URL starts at the site's path, since it is served at any missing address."""
        if template_name != "404.html" or self.library is None:
            return context
        i18n = config.plugins.get("i18n")
        roots = getattr(i18n, "extra_alternate", None)
        if roots:  # as the i18n plugin sets it (an attribute, which the theme reads)
            config.extra.alternate = copy.deepcopy(roots)  # type: ignore[attr-defined]
        base = urlsplit(config.site_url or "/").path.rstrip("/")
        context["base_url"] = base or "/"
        lang = _current_language(config, self._languages)
        context.update(not_found_context(self.library, self._languages, lang, base))  # type: ignore[typeddict-item]
        return context

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        """A generated page's HTML body goes past Markdown (see :mod:`trilingual.pagebody`).
        Hand-written pages can show the list of publications and the translation status."""
        if page.file.src_uri in self.generated:
            markdown, body = pagebody.split(markdown)
            if body is not None:
                self.bodies[page.file.src_uri] = body
        if self.library is None:
            return markdown
        lang = _current_language(config, self._languages)
        if CATALOGUE_PLACEHOLDER in markdown or STATUS_PLACEHOLDER in markdown:
            for placeholder, text in self._fills(lang).items():
                markdown = markdown.replace(placeholder, text)
        return markdown

    def _fills(self, lang: str) -> dict[str, str]:
        """What the placeholders of hand-written pages show in ``lang`` (rendered once per library)."""
        assert self.library is not None
        if self._filled[0] is not self.library:  # MkDocs keeps the plugin across serve's rebuilds
            self._filled = (self.library, {})
        filled = self._filled[1]
        if lang not in filled:
            renderer = Renderer(self.library)
            filled[lang] = {
                CATALOGUE_PLACEHOLDER: renderer.render_catalogue(lang),
                STATUS_PLACEHOLDER: renderer.render_status(lang),
            }
        return filled[lang]

    # -- helpers -------------------------------------------------------------------------

    @property
    def _pdfs(self) -> bool:
        """PDFs are made by ``mkdocs build`` (never by ``serve``, where they would slow every reload)."""
        return bool(self.config.pdf) and self.command != "serve"

    @property
    def _languages(self) -> SiteLanguages:
        assert self.languages is not None
        return self.languages

    def _translations_dir(self, config: MkDocsConfig) -> Path:
        return Path(config.config_file_path or ".").parent / self.config.translations_dir

    def _generate(self, config: MkDocsConfig) -> None:
        """The pages under ``docs/`` from ``translations/``: again only when an input changed,
        and then only what it changed (see :func:`trilingual.generate.regenerate`)."""
        translations_dir = self._translations_dir(config)
        only = frozenset(name.strip() for name in self.config.only.split(",") if name.strip())
        key = f"{translations_dir.resolve()}|{config.docs_dir}|{self._languages}|{self._pdfs}|{sorted(only)}"
        previous = _kept.generations.get(key)
        if previous is not None and previous.fingerprint == input_fingerprint(translations_dir):
            self.library, self.generated = previous.library, previous.pages
            return
        try:
            generation, changed = regenerate(
                translations_dir,
                Path(config.docs_dir),
                self._languages,
                pdfs=self._pdfs,
                previous=previous,
                only=only,
            )
        except UserError as error:
            raise PluginError(str(error)) from None
        for path in changed:
            log.debug("Generated %s", path)
        if changed:
            log.info("Generated %d page(s) from %s", len(changed), translations_dir)
        _kept.generations[key] = generation
        self.library, self.generated = generation.library, generation.pages


def _site_languages(config: MkDocsConfig) -> SiteLanguages:
    """The site's languages, as configured for mkdocs-static-i18n (the default one is the original's)."""
    i18n = config.plugins.get("i18n")
    if i18n is None:
        raise PluginError("trilingual needs the i18n plugin (mkdocs-static-i18n) configured in mkdocs.yml")
    try:
        return site_languages(list(i18n.config.languages))
    except ValueError as error:
        raise PluginError(str(error)) from None


def _current_language(config: MkDocsConfig, languages: SiteLanguages) -> str:
    i18n = config.plugins.get("i18n")
    return str(getattr(i18n, "current_language", None) or languages.source)
