"""Edits that ``mkdocs serve --dirty`` must follow as a full build would (attack cases).

Each test starts its own dirty server on a two-publication library, makes one kind of edit,
waits for the rebuild, and compares every file a full build of the same inputs writes with
what the server serves (see ``test_serve_dirty``).
"""

from __future__ import annotations

import shutil
import time
import urllib.error
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from test_serve import wait_for
from test_serve_dirty import STATUS_PAGE, Server, assert_serves_a_full_build, edit, replace_in

from conftest import FIXTURES, make_project, two_plans


@pytest.fixture
def project(tmp_path: Path) -> Path:
    translations = two_plans(tmp_path / "translations")
    project = make_project(tmp_path / "project", translations, home_only=True)
    for lang, title in (("zh", "进度"), ("ja", "進捗"), ("en", "Progress")):
        (project / "docs" / f"progress.{lang}.md").write_text(
            STATUS_PAGE.format(title=title), encoding="utf-8"
        )
    return project


def start(project: Path, log: Path) -> Server:
    server = Server(project, log)
    assert wait_for(lambda: server.builds() >= 1 or server.process.poll() is not None, timeout=120)
    assert server.builds() == 1, server.text()
    return server


@pytest.fixture
def server(project: Path, tmp_path: Path) -> Iterator[Server]:
    running = start(project, tmp_path / "serve.log")
    try:
        yield running
    finally:
        running.stop()


def status(server: Server, path: str) -> int:
    try:
        server.fetch(path)
    except urllib.error.HTTPError as error:
        return error.code
    return 200


def noticed(server: Server, change: Callable[[], None], timeout: float = 15) -> bool:
    """Make a change; whether the server rebuilt within ``timeout`` (then wait for it to settle)."""
    before = server.reloads()
    time.sleep(1.1)
    change()
    if not wait_for(lambda: server.reloads() > before, timeout=timeout):
        return False
    settled = -1
    while server.reloads() != settled:
        settled = server.reloads()
        time.sleep(2)
    return True


def write(path: Path, text: str) -> Callable[[], None]:
    def change() -> None:
        path.write_text(text, encoding="utf-8")

    return change


def test_deleting_a_publication(server: Server, project: Path, tmp_path: Path) -> None:
    edit(server, lambda: shutil.rmtree(project / "translations" / "third-plan"))
    assert_serves_a_full_build(server, project, tmp_path)
    for path in ("third-plan/", "ja/third-plan/s1/", "en/third-plan/full/"):
        assert status(server, path) == 404, path


def test_adding_a_publication(server: Server, project: Path, tmp_path: Path) -> None:
    def add() -> None:
        folder = project / "translations" / "fourth-plan"
        shutil.copytree(FIXTURES / "second-plan", folder)
        config = folder / "publication.yml"
        config.write_text(config.read_text(encoding="utf-8") + "order: 3\n", encoding="utf-8")

    log = edit(server, add)
    assert "ERROR" not in log, log
    assert_serves_a_full_build(server, project, tmp_path)


def test_renaming_a_section_in_the_source(server: Server, project: Path, tmp_path: Path) -> None:
    edit(
        server,
        replace_in(
            project / "translations/second-plan/source.zh.md",
            "**一、加强知识产权保护。**",
            "**一、全面加强保护。**",
        ),
    )
    assert_serves_a_full_build(server, project, tmp_path)


def test_editing_mkdocs_yml(server: Server, project: Path, tmp_path: Path) -> None:
    edit(server, replace_in(project / "mkdocs.yml", "site_description: ", "site_description: 改订 "))
    assert_serves_a_full_build(server, project, tmp_path)


def test_editing_a_stylesheet_in_overrides(server: Server, project: Path, tmp_path: Path) -> None:
    css = project / "overrides/assets/trilingual.css"
    rebuilt = noticed(server, write(css, css.read_text() + "\n/* edited */\n"))
    assert_serves_a_full_build(server, project, tmp_path)
    assert rebuilt, "the server did not notice an edit under overrides/"


def test_editing_main_html_in_overrides(server: Server, project: Path, tmp_path: Path) -> None:
    main = project / "overrides/main.html"
    edited = '<meta charset="utf-8"><meta name="edited" content="1">'
    rebuilt = noticed(server, replace_in(main, '<meta charset="utf-8">', edited))
    assert_serves_a_full_build(server, project, tmp_path / "first")
    assert rebuilt, "the server did not notice an edit under overrides/"


def test_an_overrides_edit_is_served_after_the_next_rebuild(
    server: Server, project: Path, tmp_path: Path
) -> None:
    """Whether serve notices overrides/ or not, the next rebuild must serve them."""
    main = project / "overrides/main.html"
    css = project / "overrides/assets/trilingual.css"
    replace_in(main, '<meta charset="utf-8">', '<meta charset="utf-8"><meta name="edited" content="1">')()
    css.write_text(css.read_text() + "\n/* edited */\n")
    edit(
        server,
        replace_in(
            project / "translations/second-plan/ja.yml", "status: draft", "status: draft\n    note: x"
        ),
    )
    assert_serves_a_full_build(server, project, tmp_path)


def test_editing_ui_strings(server: Server, project: Path, tmp_path: Path) -> None:
    edit(server, replace_in(project / "translations/ui.yml", "missing: 尚未翻译", "missing: 未翻译"))
    assert_serves_a_full_build(server, project, tmp_path)


def test_swapping_the_order_of_publications(server: Server, project: Path, tmp_path: Path) -> None:
    def swap() -> None:
        replace_in(project / "translations/second-plan/publication.yml", "order: 1", "order: 3")()

    edit(server, swap)
    assert_serves_a_full_build(server, project, tmp_path)


def test_deleting_a_hand_written_page(server: Server, project: Path, tmp_path: Path) -> None:
    def delete() -> None:
        for lang in ("zh", "ja", "en"):
            (project / "docs" / f"progress.{lang}.md").unlink()

    edit(server, delete)
    assert_serves_a_full_build(server, project, tmp_path)
    assert status(server, "ja/progress/") == 404


def test_removing_a_glossary_term(server: Server, project: Path, tmp_path: Path) -> None:
    glossary = project / "translations/glossary.yml"
    text = glossary.read_text(encoding="utf-8")
    edit(server, write(glossary, text[: text.index("  - id: service")]))
    assert_serves_a_full_build(server, project, tmp_path)


LINKS_PAGE = "---\ntitle: {title}\n---\n\n# {title}\n\n[S1](second-plan/s1.md#s1.p1)\n"


def test_a_hand_written_page_linking_to_an_anchor(server: Server, project: Path, tmp_path: Path) -> None:
    def add() -> None:
        for lang in ("zh", "ja", "en"):
            (project / "docs" / f"links.{lang}.md").write_text(
                LINKS_PAGE.format(title="Links"), encoding="utf-8"
            )

    log = edit(server, add)
    assert "WARNING" not in log and "ERROR" not in log, log
    assert_serves_a_full_build(server, project, tmp_path)
    log = edit(server, replace_in(project / "docs/links.ja.md", "# Links", "# Links 2"))
    assert "WARNING" not in log and "ERROR" not in log, log
    assert_serves_a_full_build(server, project, tmp_path)


def test_a_file_saved_twice_quickly(server: Server, project: Path, tmp_path: Path) -> None:
    ja = project / "translations/second-plan/ja.yml"

    def twice() -> None:
        replace_in(ja, "江南省知識産権局2022年活動要点", "江南省知識産権局2022年活動要点A")()
        time.sleep(1.5)  # the first rebuild is running
        replace_in(ja, "活動要点A", "活動要点B")()

    edit(server, twice)
    time.sleep(3)
    assert_serves_a_full_build(server, project, tmp_path)


NEW_TERM = """\
  - id: transfer
    category: ip-concept
    zh: 专利转化
    ja: 特許の実用化
    en: patent commercialization
"""


def test_a_new_glossary_term_found_on_pages(server: Server, project: Path, tmp_path: Path) -> None:
    glossary = project / "translations/glossary.yml"
    edit(server, write(glossary, glossary.read_text(encoding="utf-8") + NEW_TERM))
    assert_serves_a_full_build(server, project, tmp_path)


REFERENCES = """\
references:
  - id: pct
    kind: treaty
    zh: 专利合作条约
    ja: 特許協力条約
    en: Patent Cooperation Treaty
"""


def test_adding_a_reference(server: Server, project: Path, tmp_path: Path) -> None:
    references = project / "translations/references.yml"
    log = edit(server, write(references, REFERENCES))
    assert "ERROR" not in log, log
    assert_serves_a_full_build(server, project, tmp_path)


def test_an_invalid_edit_then_its_fix(server: Server, project: Path, tmp_path: Path) -> None:
    ja = project / "translations/second-plan/ja.yml"
    before = server.text()
    time.sleep(1.1)
    replace_in(ja, "status: draft", "status: bogus")()
    assert wait_for(lambda: len(server.text()) > len(before) and "Error" in server.text()[len(before) :], 60)
    time.sleep(3)
    edit(server, replace_in(ja, "status: bogus", "status: draft\n    note: 修正"))
    assert_serves_a_full_build(server, project, tmp_path)


def test_a_reviewed_segment_made_stale(project: Path, tmp_path: Path) -> None:
    ja = project / "translations/second-plan/ja.yml"
    ja.write_text(
        ja.read_text(encoding="utf-8").replace("status: draft", "status: reviewed"), encoding="utf-8"
    )
    server = start(project, tmp_path / "serve.log")
    try:
        edit(
            server,
            replace_in(
                project / "translations/second-plan/source.zh.md", "2022 年工作要点", "2022 年工作重点"
            ),
        )
        assert_serves_a_full_build(server, project, tmp_path)
    finally:
        server.stop()
