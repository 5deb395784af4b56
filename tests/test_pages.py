"""The publication's own page: what it is, the plan at a glance, its quantitative targets.

Built from the second-plan fixture with a small configuration and translations written here, so
that a translator's edit of the real plan cannot change what these rules are tested on.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import FIXTURES, ROOT, build, make_project
from trilingual.chinese import HAN_RE
from trilingual.ingest import ingest
from trilingual.model import Document
from trilingual.search_index import load_edition

PUB = "second-plan"
LANGUAGES = (("zh", ""), ("ja", "ja/"), ("en", "en/"))
UI = yaml.safe_load((ROOT / "translations" / "ui.yml").read_text(encoding="utf-8"))
DOCUMENT: Document = ingest(FIXTURES / PUB / "source.zh.md", PUB)
SECTIONS = [section.id for section in DOCUMENT.sections]

ISSUER = {"zh": "江南省知识产权局", "ja": "江南省知識産権局", "en": "Jiangnan Provincial IP Office (JPIPO)"}
SUMMARIES = {
    section: {"zh": f"第{n}节摘要。", "ja": f"第{n}節の要約。", "en": f"Summary of section {n}."}
    for n, section in enumerate(SECTIONS)
}
TARGETS = [
    {
        "segment": "s1.p1.s1",
        "figure": "3",
        "label": {"zh": "新建保护中心", "ja": "新設する保護センター", "en": "New protection centers"},
    },
    {
        "segment": "s5.p1.s1",
        "figure": "15",
        "label": {"zh": "信息服务网点", "ja": "情報サービス拠点", "en": "Information service points"},
    },
]
# s1.p1.s1 translated into both languages: the Japanese one carries a katakana word (センター)
# that no Chinese or English text of the fixture has, to tell whether it reached an index.
TRANSLATIONS = {
    "ja": {"s1.p1.s1": "保護体系を整備し、保護センターを3カ所新設する。"},
    "en": {"s1.p1.s1": "Improve the protection system and set up 3 new protection centers."},
}


def translation_file(lang: str) -> dict[str, object]:
    segments = DOCUMENT.segment_map()
    return {
        "language": lang,
        "segments": {
            id_: {
                "source": segments[id_].text,
                "text": text,
                "status": "draft",
                "source_hash": segments[id_].hash,
            }
            for id_, text in TRANSLATIONS[lang].items()
        },
    }


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    translations = tmp_path_factory.mktemp("translations")
    shutil.copy(ROOT / "translations" / "ui.yml", translations / "ui.yml")
    folder = translations / PUB
    shutil.copytree(FIXTURES / PUB, folder)
    config = yaml.safe_load((folder / "publication.yml").read_text(encoding="utf-8"))
    config.update(issuer=ISSUER, summaries=SUMMARIES, targets=TARGETS)
    (folder / "publication.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    for lang in TRANSLATIONS:
        (folder / f"{lang}.yml").write_text(
            yaml.safe_dump(translation_file(lang), allow_unicode=True), encoding="utf-8"
        )
    return build(make_project(tmp_path_factory.mktemp("project"), translations, home_only=True))


def soup(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_publication_page_says_who_issued_it_when_and_where_from(site: Path) -> None:
    for lang, prefix in LANGUAGES:
        page = soup(site, f"{prefix}{PUB}")
        meta = {
            dt.get_text(): dd
            for dt, dd in zip(page.select(".tl-meta dt"), page.select(".tl-meta dd"), strict=True)
        }
        labels = UI[lang]
        assert meta[labels["issuer"]].get_text() == ISSUER[lang], lang
        assert meta[labels["date"]].select_one("time")["datetime"] == "2022-03-01"
        assert meta[labels["source"]].select_one("a")["href"] == DOCUMENT.metadata.source_url


def test_cards_give_each_section_a_one_line_summary_in_the_readers_language(site: Path) -> None:
    for lang, prefix in LANGUAGES:
        cards = soup(site, f"{prefix}{PUB}").select("a.tl-card")
        summaries = [card.select_one(".tl-card__summary").get_text() for card in cards]
        assert summaries == [SUMMARIES[section][lang] for section in SECTIONS]


def test_targets_table_links_each_figure_to_the_sentence_that_sets_it(site: Path) -> None:
    for lang, prefix in LANGUAGES:
        page = soup(site, f"{prefix}{PUB}")
        rows = [
            (tr.select("td")[0].get_text(), tr.select_one("a").get_text(), tr.select_one("a")["href"])
            for tr in page.select("table.tl-targets tbody tr")
        ]
        assert rows == [
            ("3", TARGETS[0]["label"][lang], "s1/#s1.p1"),
            ("15", TARGETS[1]["label"][lang], "s5/#s5.p1"),
        ]
    section = soup(site, f"ja/{PUB}/s1")
    assert TRANSLATIONS["ja"]["s1.p1.s1"] in section.find(id="s1.p1").get_text()


def test_other_translations_for_the_three_language_view_stay_out_of_the_search_index(site: Path) -> None:
    index = load_edition(site / "en" / "search")
    record = index.doc(f"en/{PUB}/s1/#s1.p1")
    assert [lang for lang, _ in record["p"]] == ["zh", "en"], "the original and the page's translation only"
    assert HAN_RE.search(record["p"][0][1]) and record["p"][1][1] == TRANSLATIONS["en"]["s1.p1.s1"]
    japanese = load_edition(site / "ja" / "search")
    assert [lang for lang, _ in japanese.doc(f"ja/{PUB}/s1/#s1.p1")["p"]] == ["zh", "ja"]
    assert "センター" in set(japanese.lexicon)
    assert "センター" not in set(index.lexicon), "the hidden Japanese column is not indexed in English"
