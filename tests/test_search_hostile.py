"""Hostile text in translators' files reaches search results as text: the index holds it as data,
the dialog shows it with textContent, marks are the only elements it adds around it."""

from __future__ import annotations

from pathlib import Path

import pytest
from hostile import FRAGMENTS
from test_gate import FIELDS, make_translations

from conftest import build, make_project, serve_directory
from trilingual.search_index import load_edition

HOSTILE = " ".join(fragment for fragment in FRAGMENTS if "{" not in fragment or "{:" in fragment)
PAYLOADS = {field: f"{field} {HOSTILE}" for field in FIELDS}
PAYLOADS["section_heading"] = "{label}、{title}"
OURS = {"section", "p", "div", "a", "span", "strong", "mark"}
"""Every element the dialog makes for results."""


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    translations = make_translations(tmp_path_factory.mktemp("hostile-search"), PAYLOADS)
    return build(make_project(tmp_path_factory.mktemp("project"), translations, home_only=True))


def test_the_index_holds_hostile_text_as_data(hostile_site: Path) -> None:
    edition = load_edition(hostile_site / "en" / "search")
    shown = [text for doc in edition.docs for _, text in doc.get("p", [])]
    assert any("<script>alert(3)</script>" in text for text in shown), "kept verbatim, as text"
    entry = next(doc for doc in edition.docs if doc["kind"] == "glossary")
    assert "<img src=x onerror=alert(4)>" in entry["g"]["t"][0][1]


@pytest.mark.browser
@pytest.mark.parametrize("query", ["alert", "script", "onerror", "term", "note", "en-text", "知识产权"])
def test_results_of_hostile_text_run_nothing_and_show_it_as_text(
    page, hostile_site: Path, query: str
) -> None:
    server, url = serve_directory(hostile_site)
    try:
        dialogs: list[str] = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.add_init_script("window.__pwned = 0")
        page.goto(f"{url}en/second-plan/s1/")
        page.locator(".tl-search__open").click()
        page.keyboard.type(query)
        page.wait_for_function(
            "q => document.querySelector('.tl-search__results').dataset.query === q", arg=query
        )
        results = page.locator(".tl-search__results")
        assert results.locator("a[role=option]").count() > 0
        tags = set(page.eval_on_selector_all(".tl-search__results *", "es => es.map(e => e.localName)"))
        assert tags <= OURS, tags - OURS
        handlers = page.eval_on_selector_all(
            ".tl-search__results *",
            "es => es.flatMap(e => [...e.attributes].map(a => a.name)).filter(n => n.startsWith('on'))",
        )
        assert handlers == []
        hrefs = page.eval_on_selector_all(".tl-search__results a", "as => as.map(a => a.href)")
        assert all(href.startswith(url) for href in hrefs), hrefs
        if query in ("alert", "script"):
            assert "alert(" in results.inner_text(), "the hostile text is shown, as text"
        page.keyboard.press("ArrowDown")
        assert dialogs == [] and page.evaluate("window.__pwned") == 0
        assert [e for e in page.console_errors if "Content Security Policy" in e] == []
        assert [e for e in page.console_errors if "search" in e] == []
    finally:
        server.shutdown()
