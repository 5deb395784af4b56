"""Untrusted text — translations, glossary notes, reference titles — is shown as text and never runs."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from conftest import build, make_project, serve_directory
from trilingual.ingest import ingest
from trilingual.translations import write_updates
from trilingual.yamlfile import round_trip

PUB = "cnipa-2021-work-plan"
SCRIPT = "<script>window.__pwned = 'script'</script>"
IMAGE = "<img src=x onerror=\"window.__pwned='img'\">"
LINK = "<a href=\"javascript:window.__pwned='link'\">click</a>"
BROKEN = "**unclosed | stray | [link]( `code"


def edit_yaml(path: Path, change) -> None:
    yaml = round_trip()
    data = yaml.load(path.read_text(encoding="utf-8"))
    change(data)
    buffer = io.StringIO()
    yaml.dump(data, buffer)
    path.write_text(buffer.getvalue(), encoding="utf-8")


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory):
    project = make_project(tmp_path_factory.mktemp("project"))
    translations = project / "translations"
    folder = translations / PUB
    document = ingest(folder / "source.zh.md", PUB)
    segments = document.segment_map()
    updates = {
        "s1.p1.s1": {
            "text": f"Study {SCRIPT} hard.",
            "status": "draft",
            "source_hash": segments["s1.p1.s1"].hash,
        },
        "s1.p1.s2": {
            "text": f"Build {IMAGE} the group.",
            "status": "draft",
            "source_hash": segments["s1.p1.s2"].hash,
        },
        "s1.p1.s3": {
            "text": f"Train {LINK} staff.",
            "status": "draft",
            "source_hash": segments["s1.p1.s3"].hash,
        },
        "s1.p1.s4": {"text": BROKEN, "status": "draft", "source_hash": segments["s1.p1.s4"].hash},
        "s1.title": {
            "text": f"Title {SCRIPT} **",
            "status": "draft",
            "source_hash": segments["s1.title"].hash,
        },
    }
    (folder / "en.yml").write_text(
        write_updates(folder / "en.yml", "en", document, updates), encoding="utf-8"
    )
    edit_yaml(
        translations / "glossary.yml",
        lambda data: data["terms"][0]["note"].__setitem__("en", f"Note {IMAGE}"),
    )
    edit_yaml(
        translations / "references.yml",
        lambda data: data["references"][0].__setitem__("en", f"Opinions {SCRIPT}"),
    )
    site = build(project)
    server, url = serve_directory(site)
    yield url
    server.shutdown()


pytestmark = pytest.mark.browser


def test_markup_in_a_translation_is_shown_as_text(page, hostile_site: str) -> None:
    page.goto(f"{hostile_site}en/{PUB}/s1/")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("window.__pwned") is None
    cell = page.locator('[id="s1.p1"] .tl-cell--target')
    text = cell.inner_text()
    for payload in (SCRIPT, IMAGE, LINK):
        assert payload in text
    assert cell.locator("script, img, a[href^='javascript']").count() == 0
    title = page.locator('[id="s1.title"] .tl-cell--target').inner_text()
    assert SCRIPT in title


def test_broken_markdown_stays_inside_its_paragraph(page, hostile_site: str) -> None:
    page.goto(f"{hostile_site}en/{PUB}/s1/")
    assert BROKEN in page.locator('[id="s1.p1"] .tl-cell--target').inner_text()
    assert page.locator(".tl-parallel strong, .md-content table").count() == 0
    rows = page.locator(".tl-parallel > .tl-row:not(.tl-row--head)")
    assert rows.count() == 2, "title row and the one paragraph, nothing spilled"
    assert "**" in page.locator(".md-content h1").inner_text()


def test_markup_in_glossary_notes_and_reference_titles_is_text(page, hostile_site: str) -> None:
    page.goto(f"{hostile_site}en/glossary/")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("window.__pwned") is None
    assert IMAGE in page.locator("section.tl-entry#cnipa").inner_text()
    page.goto(f"{hostile_site}en/references/")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("window.__pwned") is None
    assert SCRIPT in page.locator("section.tl-entry#opinions-strengthening-ip-protection").inner_text()
    page.goto(f"{hostile_site}ja/{PUB}/s3/")
    page.locator("a.tl-reference").first.focus()
    assert page.evaluate("window.__pwned") is None
