"""What a reader does, in a real Chromium against the built site served on 127.0.0.1."""

from __future__ import annotations

import re

import pytest
from plan_text import (
    CONFIG,
    ORIGINAL_TITLE,
    PUB,
    UI,
    date_text,
    pattern,
    term_names,
    translation,
)

pytestmark = pytest.mark.browser


def test_language_switch_lands_on_the_same_page(page, site_url: str) -> None:
    page.goto(f"{site_url}ja/{PUB}/s4/")
    page.locator(".md-select > button").hover()
    page.locator('a.md-select__link[hreflang="en"]').click()
    page.wait_for_url(f"{site_url}en/{PUB}/s4/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.external_requests == [] and page.console_errors == []


def test_a_paragraph_link_scrolls_to_and_highlights_the_paragraph(page, site_url: str) -> None:
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{site_url}en/{PUB}/s8/#s8.p2")
    row = page.locator('[id="s8.p2"]')
    assert "tl-highlight" in (row.get_attribute("class") or "")
    box = row.bounding_box()
    assert box is not None and 0 <= box["y"] < 300, box
    assert (
        page.evaluate("getComputedStyle(document.getElementById('s8.p2')).backgroundColor")
        != "rgba(0, 0, 0, 0)"
    )


def test_copy_buttons_give_the_paragraph_link_and_a_citation(page, site_url: str) -> None:
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(f"{site_url}en/{PUB}/s2/")
    row = page.locator('[id="s2.p1"]')
    row.hover()
    row.get_by_role("button", name=UI["en"]["copy_link"]).click()
    assert page.evaluate("navigator.clipboard.readText()") == f"{site_url}en/{PUB}/s2/#s2.p1"
    row.get_by_role("button", name=UI["en"]["copy_citation"]).click()
    citation = page.evaluate("navigator.clipboard.readText()")
    # Issuer, the title in the translation and the original, the date in the page's language,
    # the paragraph's number, the stable URL and the access date, as ui.yml's template orders them.
    expected = pattern(
        UI["en"]["citation"],
        issuer=re.escape(CONFIG["issuer"]["en"]),
        title=re.escape(translation("en", "title")),
        original_title=re.escape(ORIGINAL_TITLE),
        date=re.escape(date_text("en")),
        number=re.escape("2.1"),
        url=re.escape(f"{site_url}en/{PUB}/s2/#s2.p1"),
        accessed=r".*\d{4}.*",  # the reader's browser writes today's date
    )
    assert re.fullmatch(expected, citation), citation
    assert "{" not in citation


def test_a_citation_in_chinese_uses_chinese_punctuation(page, site_url: str) -> None:
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(f"{site_url}{PUB}/s3/")
    row = page.locator('[id="s3.p2"]')
    row.hover()
    row.get_by_role("button", name=UI["zh"]["copy_citation"]).click()
    citation = page.evaluate("navigator.clipboard.readText()")
    expected = pattern(
        UI["zh"]["citation"],
        issuer=re.escape(CONFIG["issuer"]["zh"]),
        title=re.escape(ORIGINAL_TITLE),
        date=re.escape(date_text("zh")),
        number=re.escape("3.2"),
        url=re.escape(f"{site_url}{PUB}/s3/#s3.p2"),
        accessed=r"\d{4}年\d{1,2}月\d{1,2}日",  # the reader's browser writes today's date
    )
    assert re.fullmatch(expected, citation), citation
    assert "：《" in citation, "Chinese punctuation"


def test_glossary_tooltip_opens_by_keyboard(page, site_url: str) -> None:
    page.goto(f"{site_url}en/{PUB}/s3/")
    term = page.locator('[id="s3.p3"] .tl-cell--target a.tl-term[data-term="ip-protection-center"]').first
    term.focus()
    tip = page.locator("#tl-popover").inner_text()
    names = term_names("ip-protection-center")
    assert names["zh"] in tip and names["ja"] in tip
    page.keyboard.press("Enter")
    page.wait_for_url(f"{site_url}en/glossary/#ip-protection-center")


def test_no_request_leaves_the_site_and_no_console_error(page, site_url: str) -> None:
    for path in ("", f"{PUB}/", f"ja/{PUB}/s1/", f"en/{PUB}/s7/", "en/glossary/", "ja/references/"):
        page.goto(site_url + path)
        page.wait_for_load_state("networkidle")
    assert page.external_requests == []
    assert page.console_errors == []


def test_view_modes_switch_and_persist_across_pages(page, site_url: str) -> None:
    page.set_viewport_size({"width": 1400, "height": 900})
    page.goto(f"{site_url}ja/{PUB}/s2/")
    parallel = page.locator(".tl-parallel")
    row = page.locator('[id="s2.p1"]')

    def visible_languages() -> list[str]:
        cells = row.locator(".tl-cell")
        return [cells.nth(i).get_attribute("lang") for i in range(cells.count()) if cells.nth(i).is_visible()]

    assert parallel.get_attribute("data-view") == "side"
    assert visible_languages() == ["zh-Hans", "ja"]
    page.get_by_role("button", name=UI["ja"]["view_compare"]).click()
    assert sorted(visible_languages()) == ["en", "ja", "zh-Hans"]
    boxes = {lang: row.locator(f'.tl-cell[lang="{lang}"]').bounding_box() for lang in ("zh-Hans", "ja", "en")}
    assert boxes["zh-Hans"]["x"] < boxes["ja"]["x"] < boxes["en"]["x"], "中文 | 日本語 | English"
    page.get_by_role("button", name=UI["ja"]["view_translation"]).click()
    assert visible_languages() == ["ja"]
    page.get_by_role("button", name=UI["ja"]["view_original"]).click()
    assert visible_languages() == ["zh-Hans"]
    page.get_by_role("button", name=UI["ja"]["view_interleaved"]).click()
    source, target = (row.locator(f'.tl-cell[lang="{lang}"]').bounding_box() for lang in ("zh-Hans", "ja"))
    assert target["y"] > source["y"] and abs(target["x"] - source["x"]) < 2, "translation below its original"
    page.goto(f"{site_url}ja/{PUB}/s5/")
    assert page.locator(".tl-parallel").get_attribute("data-view") == "interleaved", "the choice persists"
    assert (
        page.get_by_role("button", name=UI["ja"]["view_interleaved"]).get_attribute("aria-pressed") == "true"
    )


def test_without_javascript_the_original_stands_beside_the_translation(browser, site_url: str) -> None:
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{site_url}en/{PUB}/s2/")
    row = page.locator('[id="s2.p1"]')
    source = row.locator(".tl-cell--source").bounding_box()
    target = row.locator(".tl-cell--target").bounding_box()
    assert source and target and abs(source["y"] - target["y"]) < 2 and target["x"] > source["x"]
    assert not row.locator(".tl-cell--other").is_visible()
    context.close()


def test_hovering_a_sentence_highlights_its_counterparts(page, site_url: str) -> None:
    page.goto(f"{site_url}en/{PUB}/s1/")
    page.locator('[id="s1.p1"] .tl-cell--target [data-seg="s1.p1.s3"]').hover()
    aligned = page.locator(".tl-aligned")
    assert (
        sorted(aligned.nth(i).get_attribute("data-seg") for i in range(aligned.count())) == ["s1.p1.s3"] * 3
    )
    assert page.locator('[id="s1.p1"] .tl-cell--source .tl-aligned').count() == 1
    page.mouse.move(0, 0)
    assert page.locator(".tl-aligned").count() == 0
    page.locator('[id="s1.p1"] .tl-cell--source [data-seg="s1.p1.s5"] a').first.focus()
    assert page.locator('[id="s1.p1"] .tl-cell--target .tl-aligned').get_attribute("data-seg") == "s1.p1.s5"


def test_narrow_screens_stack_the_original_above_the_translation(page, site_url: str) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{site_url}ja/{PUB}/s3/")
    row = page.locator('[id="s3.p2"]')
    source = row.locator(".tl-cell--source").bounding_box()
    target = row.locator(".tl-cell--target").bounding_box()
    assert source and target and target["y"] > source["y"] + source["height"] - 1
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, "no horizontal scrolling"


def test_printing_keeps_the_columns_and_hides_navigation(page, site_url: str) -> None:
    page.goto(f"{site_url}en/{PUB}/s3/")
    page.emulate_media(media="print")
    assert not page.locator(".md-sidebar--primary").is_visible()
    assert not page.locator(".md-header").is_visible()
    row = page.locator('[id="s3.p2"]')
    source = row.locator(".tl-cell--source").bounding_box()
    target = row.locator(".tl-cell--target").bounding_box()
    assert source and target and abs(source["y"] - target["y"]) < 2
