"""Minimal reproduction, for mkdocs-static-i18n: a dirty rebuild of a large suffix-structured
site spends most of its time re-sorting every file into each language.

A site of N pages in three languages (``docs/p<i>/s<j>.<lang>.md``, nothing else: no theme
options, no other plugin) is built with ``mkdocs serve --dirty``'s settings; one page is edited
and the site rebuilt. Prints the rebuild's time and the part of it spent in the plugin's
``reconfigure_files`` and ``reconfigure_files_alternates``, with and without the plugin.

    python tools/upstream/static_i18n_rebuild.py [pages per language, default 600]
"""

from __future__ import annotations

import collections
import functools
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import mkdocs_static_i18n.reconfigure as reconfigure
from mkdocs.commands.build import build
from mkdocs.config import load_config

I18N = """site_name: repro
plugins:
  - i18n:
      docs_structure: suffix
      languages:
        - {locale: zh, default: true, name: 中文, build: true}
        - {locale: ja, name: 日本語, build: true}
        - {locale: en, name: English, build: true}
"""
SPENT: collections.defaultdict[str, float] = collections.defaultdict(float)


def _timed(name: str) -> None:
    method = getattr(reconfigure.ExtendedPlugin, name)

    @functools.wraps(method)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return method(*args, **kwargs)
        finally:
            SPENT[name] += time.perf_counter() - start

    setattr(reconfigure.ExtendedPlugin, name, wrapper)


def rebuild_after_one_edit(project: Path, config_text: str) -> float:
    (project / "mkdocs.yml").write_text(config_text, encoding="utf-8")
    site = project / "site"

    def config() -> Any:
        return load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site))

    first = config()
    first.plugins.on_startup(command="serve", dirty=True)
    build(first, dirty=True)
    page = next((project / "docs").glob("p1/s1.ja.md"))
    page.write_text(page.read_text(encoding="utf-8") + "more\n", encoding="utf-8")
    SPENT.clear()
    start = time.perf_counter()
    build(config(), dirty=True)
    return time.perf_counter() - start


def main() -> None:
    pages = int(sys.argv[1]) if len(sys.argv) > 1 else 600
    sys.argv[1:] = ["--dirty"]  # the plugin reads the dirty flag from the command line
    for name in ("reconfigure_files", "reconfigure_files_alternates"):
        _timed(name)
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp)
        for number in range(pages):
            for lang in ("zh", "ja", "en"):
                path = project / "docs" / f"p{number // 12}" / f"s{number % 12}.{lang}.md"
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(f"# {number} {lang}\n\ntext\n", encoding="utf-8")
        with_plugin = rebuild_after_one_edit(project, I18N)
        spent = dict(SPENT)
        without = rebuild_after_one_edit(project, "site_name: repro\n")
    print(f"{pages * 3} pages, one edited; dirty rebuild of the three languages: {with_plugin:.2f} s")
    for name, seconds in spent.items():
        print(f"  in static-i18n's {name}: {seconds:.2f} s")
    print(f"the same pages without the plugin (one language, all files): {without:.2f} s")


if __name__ == "__main__":
    main()
