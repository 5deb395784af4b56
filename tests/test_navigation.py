"""The navigation and what the theme's templates get, as functions of the library (navigation.py,
pagecontext.py), on a small library: the second-plan fixture twice (see ``conftest.two_plans``)."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from mkdocs.structure.nav import Section

from conftest import TWO_PLANS_JA, two_plans
from trilingual.config import SiteLanguages
from trilingual.library import Library, load
from trilingual.navigation import navigation, strip_locale, title_sections
from trilingual.pagecontext import alternates, not_found_context, reader_context, search_settings

LANGS = SiteLanguages("zh", ("ja", "en"), (("zh", "中文"), ("ja", "日本語"), ("en", "English")))
JA_TITLE = "江南省知識産権局2022年活動要点 & <計画>"


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Library:
    translations = two_plans(tmp_path_factory.mktemp("translations"))
    ja = TWO_PLANS_JA.replace("江南省知識産権局2022年活動要点", JA_TITLE)
    (translations / "second-plan" / "ja.yml").write_text(ja, encoding="utf-8")
    return load(translations, LANGS)


def test_the_navigation_is_home_publications_shared_pages_then_hand_written_ones(
    library: Library, tmp_path: Path
) -> None:
    for name in ("index.md", "index.ja.md", "about.md", "about.en.md", "notes.fr.md", "second-plan.md"):
        (tmp_path / name).write_text("# x\n", encoding="utf-8")
    nav = navigation(library, LANGS, tmp_path)
    sections = [f"s{number}" for number in range(13)]
    title = "江南省知识产权局2022年工作要点"
    assert nav == [
        "index.md",
        {
            title: [
                "second-plan/index.md",
                *[f"second-plan/{s}.md" for s in sections],
                "second-plan/full.md",
                "second-plan/downloads.md",
            ]
        },
        {
            title: [
                "third-plan/index.md",
                *[f"third-plan/{s}.md" for s in sections],
                "third-plan/full.md",
                "third-plan/downloads.md",
            ]
        },
        "glossary/index.md",  # the library has terms, and no references: no references page
        "about.md",  # once for its three locales
        "notes.fr.md",  # fr is no site language: a page of its own name
    ]  # second-plan.md is the publication's, listed once, as its section


def test_a_file_name_loses_only_a_site_languages_suffix() -> None:
    assert strip_locale("about.ja.md", LANGS) == "about.md"
    assert strip_locale("about.md", LANGS) == "about.md"
    assert strip_locale("about.fr.md", LANGS) == "about.fr.md"
    assert strip_locale("v1.2.md", LANGS) == "v1.2.md"


def _section(first: str) -> Section:
    return Section("as in mkdocs.yml", [SimpleNamespace(file=SimpleNamespace(src_uri=first))])


def test_each_publications_section_takes_its_title_in_the_edition_escaped(library: Library) -> None:
    first, second, other, empty = (
        _section("second-plan/index.md"),
        _section("third-plan/index.md"),
        _section("about.md"),
        Section("empty", []),
    )
    title_sections([first, second, other, empty], library, "ja")
    assert first.title == "江南省知識産権局2022年活動要点 &amp; &lt;計画&gt;"
    assert second.title == "江南省知识产权局2022年工作要点"  # no Japanese title: the original's
    assert (other.title, empty.title) == ("as in mkdocs.yml", "empty")
    title_sections([first], library, "zh")
    assert first.title == "江南省知识产权局2022年工作要点"


LINKS = [  # as mkdocs-static-i18n sets extra.alternate: relative to the site
    {"lang": "zh", "link": "second-plan/s1/"},
    {"lang": "ja", "link": "ja/second-plan/s1/"},
    {"lang": "en", "link": "en/second-plan/s1/"},
]


def test_alternates_are_absolute_with_a_site_url_and_the_original_is_also_x_default() -> None:
    assert alternates(LINKS, "zh", "https://example.org/ip/", None) == [
        ("zh", "https://example.org/ip/second-plan/s1/"),
        ("x-default", "https://example.org/ip/second-plan/s1/"),
        ("ja", "https://example.org/ip/ja/second-plan/s1/"),
        ("en", "https://example.org/ip/en/second-plan/s1/"),
    ]


def test_alternates_are_relative_to_the_page_without_a_site_url() -> None:
    page: Any = SimpleNamespace(url="ja/second-plan/s1/")
    assert alternates(LINKS, "zh", "", page) == [
        ("zh", "../../../second-plan/s1/"),
        ("x-default", "../../../second-plan/s1/"),
        ("ja", "./"),
        ("en", "../../../en/second-plan/s1/"),
    ]
    assert alternates([], "zh", "", page) == []


def test_search_finds_its_editions_index_from_the_page(library: Library) -> None:
    page: Any = SimpleNamespace(url="ja/second-plan/s1/")
    ja = search_settings("ja", LANGS, library, page)
    assert ja["index"] == "../../search/meta.json"  # the Japanese edition's, under ja/
    assert search_settings("zh", LANGS, library, page)["index"] == "../../../search/meta.json"
    assert search_settings("zh", LANGS, library, None)["index"] == "search/meta.json"
    assert ja["languages"] == {"zh": "中文", "ja": "日本語", "en": "English"}
    assert ja["strings"]["glossary"] == library.ui["ja"]["glossary"]


def test_the_reader_gets_the_editions_strings_and_about_page(library: Library) -> None:
    assert reader_context(library, LANGS, "en") == {
        "tl_ui": library.ui["en"],
        "tl_languages": {"zh": "中文", "ja": "日本語", "en": "English"},
        "tl_about": "en/about/",
    }
    assert reader_context(library, LANGS, "zh")["tl_about"] == "about/"


def test_the_404_page_links_every_edition_and_its_search_index_from_the_sites_path(library: Library) -> None:
    context = not_found_context(library, LANGS, "ja", "/ip")
    assert "tl_alternates" not in context
    assert context["tl_search"]["index"] == "/ip/ja/search/meta.json"
    assert context["tl_ui"] == library.ui["ja"]
    assert [(e["lang"], e["home"]) for e in context["tl_editions"]] == [
        ("zh", "/ip/"),
        ("ja", "/ip/ja/"),
        ("en", "/ip/en/"),
    ]
    assert context["tl_editions"][2]["ui"] == library.ui["en"]
    assert not_found_context(library, LANGS, "zh", "")["tl_search"]["index"] == "/search/meta.json"
