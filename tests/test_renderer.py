"""One renderer renders every page from the library's data: one publication's pages, the shared
pages, and all of them, each a part of the whole (on the second-plan fixture)."""

from __future__ import annotations

import dataclasses
import shutil

import pytest
import yaml

from conftest import FIXTURES, ROOT
from trilingual.config import SiteLanguages
from trilingual.library import Library, load
from trilingual.render import Renderer

LANGS = SiteLanguages("zh", ("ja", "en"), (("zh", "中文"), ("ja", "日本語"), ("en", "English")))


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Library:
    translations = tmp_path_factory.mktemp("translations")
    shutil.copy(ROOT / "translations" / "ui.yml", translations / "ui.yml")
    for name in ("second-plan", "another-plan"):
        shutil.copytree(FIXTURES / "second-plan", translations / name)
    term = {"id": "ip", "category": "ip-concept", "zh": "知识产权", "ja": "知的財産権", "en": "IP"}
    (translations / "glossary.yml").write_text(
        yaml.safe_dump({"terms": [term]}, allow_unicode=True), encoding="utf-8"
    )
    return load(translations, LANGS)


def test_the_pages_are_each_publications_pages_and_the_shared_ones(library: Library) -> None:
    renderer = Renderer(library)
    first, second = library.publications
    one, other, shared = (
        renderer.publication_pages(first, pdfs=False),
        renderer.publication_pages(second, pdfs=False),
        renderer.shared_pages(),
    )
    assert renderer.pages(pdfs=False) == {**one, **other, **shared}
    assert all(path.startswith(f"{first.id}/") for path in one)
    sections = [section.id for section in first.sections()]
    for lang in LANGS.all:
        for page in ["index", *sections, "full", "downloads"]:
            assert f"{first.id}/{page}.{lang}.md" in one
    assert set(shared) == {f"glossary/index.{lang}.md" for lang in LANGS.all}


def test_the_downloads_pages_list_pdfs_only_when_asked(library: Library) -> None:
    renderer = Renderer(library)
    publication = library.publications[0]
    with_pdfs = renderer.publication_pages(publication, pdfs=True)
    without = renderer.publication_pages(publication, pdfs=False)
    page = f"{publication.id}/downloads.en.md"
    assert ".pdf" in with_pdfs[page] and ".pdf" not in without[page]


def test_what_the_pages_show_comes_from_the_library_not_from_files(library: Library) -> None:
    """Interface strings and navigation titles are the library's: changed there, changed on the page."""
    publication = library.publications[0]
    section = next(publication.sections())
    config = dataclasses.replace(publication.config, nav_titles={section.id: {"en": "Short label"}})
    changed = dataclasses.replace(publication, config=config)
    ui = {lang: dict(strings) for lang, strings in library.ui.items()}
    ui["en"]["views"] = "Ways to read"
    other = dataclasses.replace(library, publications=(changed,), ui=ui, _annotators={})
    page = Renderer(other).publication_pages(changed, pdfs=False)[f"{changed.id}/{section.id}.en.md"]
    assert "Short label" in page and "Ways to read" in page
    before = Renderer(library).publication_pages(publication, pdfs=False)[
        f"{publication.id}/{section.id}.en.md"
    ]
    assert "Short label" not in before and "Ways to read" not in before
