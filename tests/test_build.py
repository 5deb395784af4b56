"""The built site: every segment in every language, marked with its language, switchable."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT
from trilingual.model import Document
from trilingual.translations import load_translation_file

LANGS = {"zh": "", "ja": "ja/", "en": "en/"}
PUB = "cnipa-2021-work-plan"


def page(site: Path, lang: str, path: str) -> BeautifulSoup:
    return BeautifulSoup(
        (site / LANGS[lang] / path / "index.html").read_text(encoding="utf-8"), "html.parser"
    )


@pytest.mark.parametrize("lang", LANGS)
def test_every_segment_of_every_section_is_on_its_page(
    built_site: Path, plan_2021: Document, lang: str
) -> None:
    for section in plan_2021.sections:
        soup = page(built_site, lang, f"{PUB}/{section.id}")
        expected = [s.id for s in section.segments()]
        source_ids = [span["data-seg"] for span in soup.select(".tl-cell--source [data-seg]")]
        assert source_ids == expected, section.id
        if lang != "zh":
            target_ids = [span["data-seg"] for span in soup.select(".tl-cell--target [data-seg]")]
            assert target_ids == expected, section.id
        for paragraph in section.paragraphs:
            assert soup.find(id=paragraph.id) is not None, paragraph.id


@pytest.mark.parametrize("lang", LANGS)
def test_source_text_is_shown_verbatim_after_cleaning(
    built_site: Path, plan_2021: Document, lang: str
) -> None:
    soup = page(built_site, lang, f"{PUB}/s1")
    shown = "".join(span.get_text() for span in soup.select(".tl-cell--source [data-seg]"))
    assert shown == "".join(s.text for s in plan_2021.section("s1").segments())


@pytest.mark.parametrize(("lang", "other"), [("ja", "en"), ("en", "ja")])
def test_columns_are_marked_with_their_language(built_site: Path, lang: str, other: str) -> None:
    soup = page(built_site, lang, f"{PUB}/s3")
    assert soup.html is not None and soup.html["lang"] == lang
    rows = soup.select(".tl-parallel > .tl-row:not(.tl-row--head)")
    assert rows
    for row in rows:
        source, target, third = row.select(":scope > .tl-cell")
        assert "tl-cell--source" in source["class"] and source["lang"] == "zh-Hans"
        assert "tl-cell--target" in target["class"] and target["lang"] == lang
        assert "tl-cell--other" in third["class"] and third["lang"] == other, "for the three-language view"


def test_the_original_site_reads_the_original_with_translations_on_request(built_site: Path) -> None:
    """The Chinese edition's text is the original; the translations are there for its view
    modes, marked as other languages and kept out of its search index."""
    soup = page(built_site, "zh", f"{PUB}/s3")
    assert soup.html is not None and soup.html["lang"] == "zh"
    assert not soup.select(".tl-cell--target")
    assert {cell["lang"] for cell in soup.select(".tl-row[id] > .tl-cell--source")} == {"zh-Hans"}
    others = soup.select(".tl-row[id] > .tl-cell--other")
    assert others and all(cell.has_attr("data-search-exclude") for cell in others)
    assert {cell["lang"] for cell in others} == {"ja", "en"}


def test_translated_sentences_stand_in_the_target_column(built_site: Path, plan_2021: Document) -> None:
    folder = ROOT / "translations" / PUB
    for lang, separator in (("ja", ""), ("en", " ")):
        entries = load_translation_file(folder / f"{lang}.yml", lang).entries
        soup = page(built_site, lang, f"{PUB}/s1")
        cell = soup.select_one('[id="s1.p1"] .tl-cell--target')
        assert cell is not None
        expected = separator.join(entries[s.id].text for s in plan_2021.section("s1").paragraphs[0].sentences)
        assert cell.get_text() == expected


@pytest.mark.parametrize("lang", LANGS)
def test_language_switcher_lands_on_the_same_page(built_site: Path, lang: str) -> None:
    soup = page(built_site, lang, f"{PUB}/s5")
    links = {a["hreflang"]: a["href"] for a in soup.select("a.md-select__link[hreflang]")}
    assert set(links) == set(LANGS)
    here = built_site / LANGS[lang] / PUB / "s5"
    for other, prefix in LANGS.items():
        target = (here / links[other]).resolve()
        assert target == (built_site / prefix / PUB / "s5").resolve(), (lang, other)
        assert (target / "index.html").is_file()


def test_home_pages_list_the_publication_in_each_language(built_site: Path) -> None:
    for lang in LANGS:
        soup = page(built_site, lang, "")
        links = [a for a in soup.select(".md-content a") if a.get("href", "").rstrip("/").endswith(PUB)]
        assert links, lang


def test_navigation_lists_sections_in_order(built_site: Path) -> None:
    here = f"/en/{PUB}/s1/"
    soup = page(built_site, "en", f"{PUB}/s1")
    hrefs = [urljoin(here, a["href"]) for a in soup.select(".md-nav--primary a.md-nav__link[href]")]
    sections = [h for h in dict.fromkeys(hrefs) if h.startswith(f"/en/{PUB}/s")]
    assert sections == [f"/en/{PUB}/s{n}/" for n in range(9)]
