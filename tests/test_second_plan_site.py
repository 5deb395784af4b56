"""The second plan builds into a site with no code change: pages, order past 十, titles."""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup

from conftest import FIXTURES, ROOT, build, make_project
from trilingual.model import Document
from trilingual.pagetext import fill
from trilingual.yamlfile import read

UI = read(ROOT / "translations" / "ui.yml")  # the fixture site's interface strings are the real ones


@pytest.fixture(scope="module")
def second_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    translations = tmp_path_factory.mktemp("translations")
    shutil.copy(ROOT / "translations" / "ui.yml", translations / "ui.yml")
    shutil.copytree(FIXTURES / "second-plan", translations / "second-plan")
    return build(make_project(tmp_path_factory.mktemp("project"), translations, home_only=True))


def soup_of(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_a_page_per_section_in_every_language(second_site: Path) -> None:
    for prefix in ("", "ja/", "en/"):
        for n in range(13):
            assert (second_site / prefix / "second-plan" / f"s{n}" / "index.html").is_file(), (prefix, n)


def test_sections_past_ten_are_ordered_by_number(second_site: Path) -> None:
    here = "/second-plan/s1/"
    soup = soup_of(second_site / "second-plan" / "s1" / "index.html")
    hrefs = [urljoin(here, a["href"]) for a in soup.select(".md-nav--primary a.md-nav__link[href]")]
    sections = [h for h in dict.fromkeys(hrefs) if h.startswith("/second-plan/s")]
    assert sections == [f"/second-plan/s{n}/" for n in range(13)]


def test_headings_carry_the_numeral_and_the_title(second_site: Path) -> None:
    soup = soup_of(second_site / "second-plan" / "s11" / "index.html")
    h1 = soup.select_one(".md-content h1")
    heading = fill(UI["zh"]["section_heading"], label="十一", number=11, title="加强组织保障")
    assert h1 is not None and h1.get_text().strip().rstrip("¶") == heading
    english = soup_of(second_site / "en" / "second-plan" / "s0" / "index.html")
    h1 = english.select_one(".md-content h1")
    assert h1 is not None and h1.get_text().strip().rstrip("¶") == "General requirements"


def test_untranslated_segments_show_the_original_with_a_mark_in_the_readers_language(
    second_site: Path, second_plan: Document
) -> None:
    for lang, mark in ((lang, UI[lang]["missing"]) for lang in ("ja", "en")):
        soup = soup_of(second_site / lang / "second-plan" / "s2" / "index.html")
        spans = soup.select(".tl-cell--target [data-seg]")
        assert [s["data-seg"] for s in spans] == [s.id for s in second_plan.section("s2").segments()]
        for span in spans:
            segment = second_plan.segment_map()[span["data-seg"]]
            label = span.select_one(".tl-mark")
            assert span["data-state"] == "missing"
            assert label is not None and label.get_text() == mark and label["lang"] == lang
            assert span["lang"] == "zh-Hans"
            assert span.get_text() == mark + segment.text
