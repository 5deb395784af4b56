"""Glossary terms, references, concordances, permalinks and section links in the built site."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT
from trilingual.glossary import load_glossary
from trilingual.model import Document
from trilingual.references import load_references
from trilingual.search_index import load_edition
from trilingual.terms import find_terms

LANGS = {"zh": "", "ja": "ja/", "en": "en/"}
PUB = "cnipa-2021-work-plan"
GLOSSARY = load_glossary(ROOT / "translations" / "glossary.yml", tuple(LANGS))
REFERENCES = load_references(ROOT / "translations" / "references.yml", tuple(LANGS))


def soup(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url.lstrip("/") / "index.html").read_text(encoding="utf-8"), "html.parser")


def resolve(site: Path, page_url: str, href: str) -> tuple[Path, str]:
    target = urlparse(urljoin(page_url, href))
    return site / target.path.lstrip("/") / "index.html", target.fragment


@cache
def ids_in(path: Path) -> frozenset[str]:
    page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    return frozenset(str(element["id"]) for element in page.select("[id]"))


def assert_links_resolve(site: Path, page_url: str, links: list[str]) -> None:
    for href in links:
        path, fragment = resolve(site, page_url, href)
        assert path.is_file(), (page_url, href)
        assert not fragment or fragment in ids_in(path), (page_url, href)


def test_a_term_links_to_its_entry_and_the_longest_term_wins(built_site: Path) -> None:
    page = soup(built_site, f"/{PUB}/s3/")
    cell = page.select_one('[id="s3.p3"] .tl-cell--source')
    assert cell is not None
    links = {a["data-term"]: a for a in cell.select("a.tl-term")}
    center = links["ip-protection-center"]
    term = next(t for t in GLOSSARY if t.id == "ip-protection-center")
    assert center.get_text() == term.terms["zh"]
    assert center["href"] == "../../glossary/#ip-protection-center"
    assert term.terms["ja"] in center["data-tip"] and term.terms["en"] in center["data-tip"]


def test_named_documents_link_to_the_references_page_in_every_language(built_site: Path) -> None:
    for lang, prefix in LANGS.items():
        page = soup(built_site, f"/{prefix}{PUB}/s7/")
        hague = page.select('[id="s7.p1"] a.tl-reference[data-reference="hague-agreement"]')
        assert len(hague) == 3, lang  # the original, and each translation column (every edition has all)
        for link in hague:
            assert link["href"] == "../../references/#hague-agreement"


def test_the_number_of_links_in_the_original_matches_the_terms_it_contains(
    built_site: Path, plan_2021: Document
) -> None:
    forms = [(f, f"reference:{r.id}") for r in REFERENCES for f in r.forms("zh")]
    forms += [(f, f"term:{t.id}") for t in GLOSSARY for f in t.forms("zh")]
    for section in plan_2021.sections:
        page = soup(built_site, f"/{PUB}/{section.id}/")
        linked: set[str] = set()
        for row in page.select(".tl-row[id]"):
            cell = row.select_one(".tl-cell--source")
            assert cell is not None
            if "tl-cell--heading" in cell["class"]:  # the page's heading shows it: not annotated
                assert not cell.select("[data-term], [data-reference]")
                continue
            expected = find_terms(cell.get_text(), forms)
            found = cell.select("[data-term], [data-reference]")
            assert [a.get_text() for a in found] == [m.text for m in expected], row["id"]
            for element in found:
                key = element.get("data-term") or element.get("data-reference")
                is_link = element.name == "a"
                assert is_link == (key not in linked), (row["id"], key, "only the first is a link")
                linked.add(str(key))


@pytest.mark.parametrize("lang", LANGS)
def test_every_term_link_points_at_an_existing_entry(built_site: Path, lang: str) -> None:
    for n in range(9):
        url = f"/{LANGS[lang]}{PUB}/s{n}/"
        links = [
            a["href"]
            for a in soup(built_site, url).select(".md-content a.tl-term, .md-content a.tl-reference")
        ]
        assert links
        assert_links_resolve(built_site, url, links)


@pytest.mark.parametrize("lang", LANGS)
def test_every_concordance_link_resolves_to_a_paragraph(built_site: Path, lang: str) -> None:
    for page_name in ("glossary", "references"):
        url = f"/{LANGS[lang]}{page_name}/"
        page = soup(built_site, url)
        links = [a["href"] for a in page.select(".tl-entry__occurrences a")]
        assert len(links) >= (100 if page_name == "glossary" else 10)
        assert all(f"{PUB}/s" in href and "#s" in href for href in links)
        assert_links_resolve(built_site, url, links)


def test_glossary_pages_are_sorted_the_way_each_language_sorts(built_site: Path) -> None:
    from trilingual.collation import sort_key

    for lang, prefix in LANGS.items():
        page = soup(built_site, f"/{prefix}glossary/")
        ids = [section["id"] for section in page.select("section.tl-entry")]
        terms = {t.id: t for t in GLOSSARY}
        assert len(ids) == len(GLOSSARY)
        reading = {"zh": lambda t: t.pinyin, "ja": lambda t: t.kana, "en": lambda t: ""}[lang]
        keys = [sort_key(lang, terms[i].terms[lang], reading(terms[i])) for i in ids]
        assert keys == sorted(keys), lang
        jump = [a["href"] for a in page.select(".tl-jump a")]
        assert jump and all(page.find(id=h[1:]) is not None for h in jump)


def test_search_index_holds_plain_text(built_site: Path) -> None:
    record = load_edition(built_site / "search").doc(f"{PUB}/s3/#s3.p3")
    text = " ".join(part for _, part in record["p"])
    term = next(t for t in GLOSSARY if t.id == "ip-protection-center")
    assert term.terms["zh"] in text
    assert "data-tip" not in text and term.terms["ja"] not in text and "<a" not in text


def test_every_paragraph_has_a_permalink(built_site: Path, plan_2021: Document) -> None:
    page = soup(built_site, f"/en/{PUB}/s5/")
    for paragraph in plan_2021.section("s5").paragraphs:
        row = page.find(id=paragraph.id)
        assert row is not None
        link = row.select_one("a.tl-permalink")
        assert link is not None and link["href"] == f"#{paragraph.id}" and link["aria-label"]


def test_sections_show_key_terms_and_related_sections(built_site: Path) -> None:
    url = f"/ja/{PUB}/s3/"
    page = soup(built_site, url)
    terms = [a["href"] for a in page.select(".tl-links__terms a")]
    related = [a["href"] for a in page.select(".tl-links__related a")]
    assert 3 <= len(terms) <= 8 and 1 <= len(related) <= 3
    assert "../s3/" not in related
    assert_links_resolve(built_site, url, terms + related)


def test_publication_page_has_a_card_per_section(built_site: Path, plan_2021: Document) -> None:
    url = f"/en/{PUB}/"
    cards = [a["href"] for a in soup(built_site, url).select("a.tl-card")]
    assert cards == [f"{s.id}/" for s in plan_2021.sections]
    assert_links_resolve(built_site, url, cards)


def test_key_terms_are_what_sets_a_section_apart() -> None:
    from trilingual.config import SiteLanguages
    from trilingual.library import load

    library = load(ROOT / "translations", SiteLanguages("zh", ("ja", "en")))
    everywhere = library.term_refs.key_entries(PUB, "s7")
    assert "intellectual-property" not in everywhere, "a term of every section characterises none"
    assert "wipo" in everywhere, "世界知识产权组织 occurs in section 七 only"
    assert all(library.term_refs.weight(PUB, key) > 0 for key in everywhere)
