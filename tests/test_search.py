"""Search in Chinese, Japanese and English, in the browser, in each language edition."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from trilingual.search import Segmenter, stem

PUB = "cnipa-2021-work-plan"

# (edition, query, paragraph that must be among the results): 4+ character compounds, kanji
# terms, katakana terms, English phrases, and the Chinese original searched from the
# Japanese and English editions.
QUERIES = [
    ("", "知识产权保护中心", "s3/#s3.p3"),
    ("", "专利审查指南", "s3/#s3.p2"),
    ("", "海牙协定", "s7/#s7.p1"),
    ("", "地理标志", "s3/#s3.p3"),
    ("", "技术与创新支持中心", "s6/#s6.p1"),
    ("ja/", "ハーグ協定", "s7/#s7.p1"),
    ("ja/", "地理的表示", "s3/#s3.p3"),
    ("ja/", "知的財産権保護センター", "s3/#s3.p3"),
    ("ja/", "専利審査指南", "s3/#s3.p2"),
    ("ja/", "グリーンチャネル", "s4/#s4.p1"),
    ("ja/", "知识产权保护中心", "s3/#s3.p3"),
    ("en/", "Hague Agreement", "s7/#s7.p1"),
    ("en/", "geographical indications", "s3/#s3.p3"),
    ("en/", "Technology and Innovation Support Centers", "s6/#s6.p1"),
    ("en/", "patent navigation", "s5/#s5.p2"),
    ("en/", "海牙协定", "s7/#s7.p1"),
]


def results(page, site_url: str, edition: str, query: str) -> list[str]:  # type: ignore[no-untyped-def]
    page.goto(f"{site_url}{edition}{PUB}/")
    page.locator(".tl-search__open").click()
    page.keyboard.type(query)
    page.wait_for_function("document.querySelector('.tl-search__status').textContent.length > 0")
    page.wait_for_function(
        "q => document.querySelector('.tl-search input').value === q && "
        "document.querySelector('.tl-search__status').textContent !== "
        "document.getElementById('tl-search').dataset.placeholder",
        arg=query,
    )
    links = page.locator(".tl-search__result a")
    return [str(links.nth(i).get_attribute("href")) for i in range(links.count())]


@pytest.mark.browser
@pytest.mark.parametrize(("edition", "query", "paragraph"), QUERIES)
def test_query_finds_its_paragraph_in_the_readers_edition(
    page, site_url: str, edition: str, query: str, paragraph: str
) -> None:  # type: ignore[no-untyped-def]
    found = results(page, site_url, edition, query)
    assert f"{site_url}{edition}{PUB}/{paragraph}" in found, found
    assert all(href.startswith(site_url + edition) for href in found), (
        "results come from the reader's edition"
    )
    if edition:
        assert not any(
            href.startswith(site_url + other)
            for other in ("ja/", "en/")
            if other != edition
            for href in found
        )
    assert page.console_errors == [] and page.external_requests == []


@pytest.mark.browser
def test_a_result_opens_the_page_at_the_paragraph_and_says_its_language(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    results(page, site_url, "en/", "Hague Agreement")
    result = page.locator(".tl-search__result", has=page.locator(f'a[href$="{PUB}/s7/#s7.p1"]'))
    badges = result.locator(".tl-search__lang")
    assert sorted(badges.nth(i).inner_text() for i in range(badges.count())) == ["English", "中文"]
    result.locator("a").click()
    page.wait_for_url(f"{site_url}en/{PUB}/s7/#s7.p1")
    assert "tl-highlight" in (page.locator('[id="s7.p1"]').get_attribute("class") or "")


def test_each_edition_has_its_own_index_without_the_third_language(built_site: Path) -> None:
    for edition, absent in (("", "ハーグ"), ("ja/", "Hague Agreement Concerning"), ("en/", "ハーグ")):
        index = json.loads((built_site / edition / "search" / "index.json").read_text(encoding="utf-8"))
        assert all(
            not doc["u"].startswith(("ja/", "en/")) or doc["u"].startswith(edition) for doc in index["docs"]
        )
        section_docs = [doc for doc in index["docs"] if f"{PUB}/s7/#s7.p1" in doc["u"]]
        assert len(section_docs) == 1
        shown = " ".join(text for _, text in section_docs[0]["p"])
        assert absent not in shown


def test_chinese_terms_from_the_glossary_stay_whole() -> None:
    plain = Segmenter()
    with_terms = Segmenter({"zh": {"知识产权保护中心", "快速维权中心"}})
    text = "新建20家左右知识产权保护中心和快速维权中心"
    assert "知识产权保护中心" not in plain.tokens(text, "zh")
    tokens = with_terms.tokens(text, "zh")
    assert {"知识产权保护中心", "快速维权中心", "知识", "产权", "保护", "中心"} <= set(tokens), (
        "whole, and its parts"
    )


def test_japanese_is_cut_into_words_and_english_is_stemmed() -> None:
    tokens = Segmenter({"ja": {"ハーグ協定"}}).tokens("『意匠の国際登録に関するハーグ協定』", "ja")
    assert {"意匠", "国際", "登録", "ハーグ", "協定", "ハーグ協定"} <= set(tokens)
    assert Segmenter().tokens("Geographical Indications and the centers", "en") == [
        "geographical",
        "indication",
        "center",
    ]
    assert [stem(w) for w in ("agencies", "boxes", "centers", "protecting", "improved", "is", "gas")] == [
        "agency", "box", "center", "protect", "improv", "is", "gas",
    ]  # fmt: skip
