"""``mkdocs serve --dirty`` rebuilds only what an edit touches, and serves what a full build would.

After each kind of edit (a translation, a document title, a glossary term, a source sentence,
a hand-written page), every file the full build of the same inputs writes is fetched from the
server and compared byte for byte, search index included.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from test_serve import free_port, wait_for

from conftest import build, make_project, two_plans
from trilingual.ingest import ingest
from trilingual.translations import write_updates

STATUS_PAGE = "---\ntitle: {title}\n---\n\n# {title}\n\n<!-- trilingual:status -->\n"

# What the server adds to every HTML page it serves, and the plugin in serve only.
SERVE_ONLY = re.compile(rb'\n?\s*<script src="[./]*assets/trilingual-livereload\.js"></script>')
LIVERELOAD = re.compile(rb"<script>\s*var livereload = .*?</script>(?=</body>)", re.DOTALL)


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two publications, a glossary whose terms occur in both, a status page."""
    translations = two_plans(tmp_path_factory.mktemp("translations"))
    project = make_project(tmp_path_factory.mktemp("project"), translations, home_only=True)
    for lang, title in (("zh", "进度"), ("ja", "進捗"), ("en", "Progress")):
        (project / "docs" / f"progress.{lang}.md").write_text(
            STATUS_PAGE.format(title=title), encoding="utf-8"
        )
    return project


class Server:
    """``mkdocs serve --dirty`` on a free port, with its log."""

    def __init__(self, project: Path, log: Path) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}/"
        self.log_path = log
        self.log = log.open("w")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dirty", "-a", f"127.0.0.1:{self.port}"],
            cwd=project,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )

    def text(self) -> str:
        return self.log_path.read_text(encoding="utf-8")

    def builds(self) -> int:
        return self.text().count("Documentation built in")

    def reloads(self) -> int:
        """Rebuilds that ended: the server's own line after each (MkDocs' "Documentation built"
        line was once missing from the log of a rebuild that had ended, with mkdocs-static-i18n)."""
        return self.text().count("Reloading browsers")

    def fetch(self, path: str) -> bytes:
        """A served file, without what only ``mkdocs serve`` adds (live reload)."""
        with urllib.request.urlopen(self.base + path, timeout=10) as response:
            return SERVE_ONLY.sub(b"", LIVERELOAD.sub(b"", response.read()))

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=20)
        self.log.close()


@pytest.fixture(scope="module")
def server(library: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    running = Server(library, tmp_path_factory.mktemp("log") / "serve.log")
    try:
        assert wait_for(lambda: running.builds() >= 1 or running.process.poll() is not None, timeout=120)
        assert running.builds() == 1, running.text()
        yield running
    finally:
        running.stop()


def edit(server: Server, change: Callable[[], None]) -> str:
    """Make a change, wait for the rebuild it sets off to end, and return its log (that a save
    sets off one rebuild only is test_serve's)."""
    before = server.reloads()
    seen = len(server.text())
    time.sleep(1.1)  # a new modification time, whatever the file system's resolution
    change()
    assert wait_for(lambda: server.reloads() > before, timeout=120), server.text()
    settled = server.reloads()
    while time.sleep(2) or server.reloads() != settled:
        settled = server.reloads()
    return server.text()[seen:]


def assert_serves_a_full_build(server: Server, project: Path, tmp_path: Path) -> None:
    """Every file of a full build of the same inputs is served, byte for byte."""
    site = build(project, site=tmp_path / "full", env={"SITE_URL": server.base})
    differing = []
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        relative = path.relative_to(site).as_posix()
        if relative.endswith("sitemap.xml.gz"):
            continue  # gzip's header holds the time it was written
        try:
            served = server.fetch(relative)
        except urllib.error.HTTPError as error:  # not served at all: listed with the others
            served = f"HTTP {error.code}".encode()
        if served != path.read_bytes():
            differing.append(relative)
            copy = tmp_path / "served" / relative
            copy.parent.mkdir(parents=True, exist_ok=True)
            copy.write_bytes(served)
    assert not differing, f"served stale: {differing[:20]}"


def replace_in(path: Path, old: str, new: str) -> Callable[[], None]:
    def change() -> None:
        text = path.read_text(encoding="utf-8")
        assert old in text, (path, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return change


@pytest.mark.parametrize(
    ("what", "file", "old", "new"),
    [
        (
            "a translation",
            "translations/second-plan/ja.yml",
            "江南省知識産権局2022年活動要点",
            "江南省知識産権局の2022年の重点",
        ),
        ("a glossary term", "translations/glossary.yml", "ja: 公共サービス", "ja: 公共役務"),
        (
            "a source sentence",
            "translations/third-plan/source.zh.md",
            "新建 3 家保护中心",
            "新建 4 家保护中心",
        ),
        ("a hand-written page", "docs/progress.en.md", "# Progress", "# Progress of the translations"),
        ("a hand-written page's body", "docs/index.ja.md", "\n", "\n\n"),
    ],
)
def test_a_dirty_rebuild_serves_what_a_full_build_writes(
    server: Server, library: Path, tmp_path: Path, what: str, file: str, old: str, new: str
) -> None:
    log = edit(server, replace_in(library / file, old, new))
    assert "ERROR" not in log and "WARNING" not in log, log
    assert_serves_a_full_build(server, library, tmp_path)


def rebuilt_counts(log: str) -> list[tuple[int, int, str]]:
    """The save's rebuild, per edition (on a loaded machine the watcher may add an idle one after it)."""
    found = re.findall(r"Rebuilt (\d+) of the (\d+) pages of the (\w+) edition", log)[:3]
    assert [lang for _, _, lang in found] == ["zh", "ja", "en"], log
    return [(int(count), int(total), lang) for count, total, lang in found]


def test_a_translation_edit_rebuilds_only_the_pages_that_show_it(server: Server, library: Path) -> None:
    folder = library / "translations" / "second-plan"
    document = ingest(folder / "source.zh.md", "second-plan")
    sentence = next(segment for segment in document.segments() if ".p" in segment.id)

    def translate() -> None:
        entry = {"text": "新しい訳文。", "status": "draft", "source_hash": sentence.hash}
        update = {sentence.id: entry}
        text = write_updates(folder / "ja.yml", "ja", document, update)
        (folder / "ja.yml").write_text(text, encoding="utf-8")

    log = edit(server, translate)
    assert "Rebuilding the" not in log, log  # no whole edition
    for count, total, _ in rebuilt_counts(log):
        assert 0 < count < total / 2, log


def test_an_edit_no_page_shows_rebuilds_no_page(server: Server, library: Path) -> None:
    """A translator's note is in the file, not on the pages (nor in the catalogue or status)."""
    log = edit(
        server,
        replace_in(
            library / "translations/second-plan/ja.yml", "status: draft", "status: draft\n    note: 確認中"
        ),
    )
    assert [count for count, _, _ in rebuilt_counts(log)] == [0, 0, 0], log


@pytest.mark.browser
def test_the_page_reloads_itself_after_an_edit_under_the_policy(server: Server, library: Path, page) -> None:
    """MkDocs' inline live-reload script is blocked by the Content-Security-Policy; the plugin's
    own script polls instead, so the open page shows the edit without the reader reloading it."""
    page.goto(server.base + "ja/second-plan/")
    marker = page.evaluate("() => (window.__marker = 'before the edit')")
    assert marker == "before the edit"
    edit(
        server, replace_in(library / "translations/second-plan/ja.yml", "text: 江南省", "text: 改訂　江南省")
    )
    page.wait_for_function("() => window.__marker === undefined", timeout=30_000)  # reloaded
    assert "改訂" in page.title()
