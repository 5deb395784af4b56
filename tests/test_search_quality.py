"""Search measured as a reader uses it: the query set of ``search_queries.py`` typed key by key in
Chromium on a library of two publications, hit@5 per kind, and what the index transfers.

``TL_SEARCH_REPORT=<file> pytest tests/test_search_quality.py`` also writes the figures the
README reports (hit@5 per kind, transfer per edition) as JSON.
"""

from __future__ import annotations

import json
import os
import shutil
from collections import defaultdict
from pathlib import Path

import pytest
from search_queries import QUERIES

from conftest import FIXTURES, build, make_project
from trilingual_tools.localsite import serve

pytestmark = pytest.mark.browser
HIT_AT_5 = 0.95
"""The share of queries whose answer must be among the first five results."""
FIRST_SEARCH_KB = 300


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site with the 2021 plan and the second plan (Chinese only) side by side."""
    project = make_project(tmp_path_factory.mktemp("library"))
    shutil.copytree(FIXTURES / "second-plan", project / "translations" / "second-plan")
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "translations_dir: translations", "translations_dir: translations\n      pdf: false"
        ),
        encoding="utf-8",
    )
    return build(project)


@pytest.fixture(scope="module")
def library_url(library: Path):
    server, url = serve(library, compress=True)
    yield url
    server.shutdown()


def typed(page, query: str) -> list[str]:
    """Results (paths from the site's root, in the order shown) of ``query`` typed key by key."""
    page.locator(".tl-search input[name=q]").fill("")
    page.keyboard.type(query)
    page.wait_for_function(
        "q => document.querySelector('.tl-search__results').dataset.query === q", arg=query
    )
    root = page.evaluate("new URL(document.getElementById('tl-search').dataset.base, location.href).href")
    links = page.eval_on_selector_all(".tl-search__results a[role=option]", "ls => ls.map(a => a.href)")
    return [str(link)[len(root) :] for link in links]


def index_responses(page) -> list[int]:
    """The compressed size of each index file the page fetches from now on."""
    sizes: list[int] = []

    def count(response) -> None:
        if "/search/" in response.url:
            sizes.append(int(response.headers.get("content-length", "0")))

    page.on("response", count)
    return sizes


def is_answer(path: str, answers: tuple[str, ...]) -> bool:
    return any(path.startswith(a[:-1]) if a.endswith("*") else path == a for a in answers)


def test_the_query_set_is_large_and_covers_every_kind() -> None:
    kinds = {kind for kind, *_ in QUERIES}
    assert len(QUERIES) >= 60
    assert {"prefix", "typo", "pinyin", "phrase", "chinese", "kana", "width"} <= kinds
    assert {edition for _, edition, *_ in QUERIES} == {"", "ja/", "en/"}
    assert any("second-plan" in a for *_, answers in QUERIES for a in answers), "both publications"


def test_hit_at_5_over_the_query_set(page, library_url: str) -> None:
    hits: dict[str, list[bool]] = defaultdict(list)
    misses = []
    edition = None
    for kind, query_edition, query, answers in QUERIES:
        if query_edition != edition:
            page.goto(f"{library_url}{query_edition}")
            page.locator(".tl-search__open").click()
            edition = query_edition
        top = typed(page, query)[:5]
        hit = any(is_answer(path, answers) for path in top)
        hits[kind].append(hit)
        if not hit:
            misses.append((query_edition, query, top))
    total = sum(sum(v) for v in hits.values()) / len(QUERIES)
    report = {kind: [sum(v), len(v)] for kind, v in sorted(hits.items())}
    print(f"\nhit@5 {total:.3f} over {len(QUERIES)} queries; per kind: {report}")
    _report({"hit_at_5": total, "queries": len(QUERIES), "per_kind": report, "misses": misses})
    assert total >= HIT_AT_5, misses
    assert all(sum(v) / len(v) >= 0.8 for v in hits.values()), report
    assert page.console_errors == [] and page.external_requests == []


def test_the_first_search_transfers_little_and_the_next_less(page, library_url: str) -> None:
    figures = {}
    searches = (("", "知识产权保护中心", "专利导航"), ("en/", "geographical indications", "Hauge"))
    for edition, first, second in searches:
        sizes = index_responses(page)
        page.goto(f"{library_url}{edition}")
        page.locator(".tl-search__open").click()
        typed(page, first)
        first_kb = sum(sizes) / 1024
        typed(page, second)
        figures[edition or "zh"] = (round(first_kb, 1), round(sum(sizes) / 1024 - first_kb, 1))
        assert all(size > 0 for size in sizes), "served compressed, with its length"
    print(f"\nindex transferred (KB, gzip), first query / the next: {figures}")
    _report({"transfer_kb": figures})
    assert all(first < FIRST_SEARCH_KB and nxt < first * 2 for first, nxt in figures.values()), figures


def test_a_publication_filter_keeps_its_results_only(page, library_url: str) -> None:
    page.goto(f"{library_url}en/")
    page.locator(".tl-search__open").click()
    both = typed(page, "海牙协定")
    assert any(p.startswith("en/second-plan/") for p in both) and any(p.startswith("en/cnipa-") for p in both)
    select = page.locator(".tl-search__publication select")
    assert select.is_visible()
    labels = select.locator("option").all_inner_texts()
    assert labels[0] == "All publications" and any(label.startswith("江南省知识产权局") for label in labels)
    value = select.locator("option", has_text="江南省").get_attribute("value")
    select.select_option(value)
    page.wait_for_function(
        "() => [...document.querySelectorAll('.tl-search__group--page a[role=option]')]"
        ".every(a => a.href.includes('/second-plan/'))"
    )
    assert page.locator(".tl-search__group--page a[role=option]").count() >= 1
    assert page.locator(".tl-search__group--glossary, .tl-search__group--card").count() >= 1, (
        "the glossary belongs to every publication"
    )


def _report(figures: dict[str, object]) -> None:
    path = os.environ.get("TL_SEARCH_REPORT")
    if not path:
        return
    report = Path(path)
    data = json.loads(report.read_text(encoding="utf-8")) if report.exists() else {}
    data.update(figures)
    report.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
