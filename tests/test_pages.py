"""The publication's own page: what it is, the plan at a glance, its quantitative targets."""

from __future__ import annotations

from pathlib import Path

import yaml
from bs4 import BeautifulSoup

from conftest import ROOT
from trilingual.search_index import load_edition
from trilingual.segment import HAN_RE

PUB = "cnipa-2021-work-plan"
CONFIG = yaml.safe_load((ROOT / "translations" / PUB / "publication.yml").read_text(encoding="utf-8"))


def soup(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_publication_page_says_who_issued_it_when_and_where_from(built_site: Path) -> None:
    page = soup(built_site, f"en/{PUB}")
    meta = {
        dt.get_text(): dd
        for dt, dd in zip(page.select(".tl-meta dt"), page.select(".tl-meta dd"), strict=True)
    }
    assert meta["Issued by"].get_text() == "China National Intellectual Property Administration (CNIPA)"
    assert meta["Date of publication"].select_one("time")["datetime"] == "2021-05-19"
    assert (
        meta["Source"].select_one("a")["href"] == "https://www.cnipa.gov.cn/art/2021/5/19/art_92_159514.html"
    )


def test_cards_give_each_section_a_one_line_summary_in_the_readers_language(built_site: Path) -> None:
    for lang, prefix in (("zh", ""), ("ja", "ja/"), ("en", "en/")):
        cards = soup(built_site, f"{prefix}{PUB}").select("a.tl-card")
        summaries = [card.select_one(".tl-card__summary").get_text() for card in cards]
        assert summaries == [CONFIG["summaries"][f"s{n}"][lang] for n in range(9)]


def test_targets_table_links_each_figure_to_the_sentence_that_sets_it(built_site: Path) -> None:
    page = soup(built_site, f"ja/{PUB}")
    rows = [
        (tr.select("td")[0].get_text(), tr.select_one("a")["href"])
        for tr in page.select("table.tl-targets tbody tr")
    ]
    assert rows == [("≈ 20", "s3/#s3.p3"), ("100", "s6/#s6.p1")]
    section = soup(built_site, f"ja/{PUB}/s3")
    assert "20カ所前後" in section.find(id="s3.p3").get_text()


def test_other_translations_for_the_three_language_view_stay_out_of_the_search_index(
    built_site: Path,
) -> None:
    index = load_edition(built_site / "en" / "search")
    record = index.doc(f"en/{PUB}/s1/#s1.p1")
    assert [lang for lang, _ in record["p"]] == ["zh", "en"], "the original and the page's translation only"
    assert HAN_RE.search(record["p"][0][1]) and record["p"][1][1].startswith("Consistently treat")
    vocabulary = set(index.lexicon)
    assert "最重要" in set(load_edition(built_site / "ja" / "search").lexicon)
    assert "最重要" not in vocabulary, (
        "the hidden Japanese column (…最重要の政治任務…) is not indexed in English"
    )
