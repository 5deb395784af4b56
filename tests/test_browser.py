"""What a reader does, in a real Chromium against the built site served on 127.0.0.1."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser
PUB = "cnipa-2021-work-plan"


def test_language_switch_lands_on_the_same_page(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{site_url}ja/{PUB}/s4/")
    page.locator(".md-select > button").hover()
    page.locator('a.md-select__link[hreflang="en"]').click()
    page.wait_for_url(f"{site_url}en/{PUB}/s4/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.external_requests == [] and page.console_errors == []


def test_a_paragraph_link_scrolls_to_and_highlights_the_paragraph(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
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


def test_copy_buttons_give_the_paragraph_link_and_a_citation(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(f"{site_url}en/{PUB}/s2/")
    row = page.locator('[id="s2.p1"]')
    row.hover()
    row.get_by_role("button", name="Copy link").click()
    assert page.evaluate("navigator.clipboard.readText()") == f"{site_url}en/{PUB}/s2/#s2.p1"
    row.get_by_role("button", name="Copy citation").click()
    citation = page.evaluate("navigator.clipboard.readText()")
    assert citation.startswith(
        "Key Points of the Work of the China National Intellectual Property Administration"
    )
    assert "2021-05-19" in citation and citation.endswith("#s2.p1")


def test_glossary_tooltip_opens_by_keyboard(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{site_url}en/{PUB}/s3/")
    term = page.locator('[id="s3.p3"] .tl-cell--target a.tl-term[data-term="ip-protection-center"]').first
    term.focus()
    tip = page.evaluate("el => getComputedStyle(el, '::after').content", term.element_handle())
    assert "知识产权保护中心" in tip and "知的財産権保護センター" in tip
    page.keyboard.press("Enter")
    page.wait_for_url(f"{site_url}en/glossary/#ip-protection-center")


def test_no_request_leaves_the_site_and_no_console_error(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    for path in ("", f"{PUB}/", f"ja/{PUB}/s1/", f"en/{PUB}/s7/", "en/glossary/", "ja/references/"):
        page.goto(site_url + path)
        page.wait_for_load_state("networkidle")
    assert page.external_requests == []
    assert page.console_errors == []
