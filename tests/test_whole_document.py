"""The Chinese edition is an edition too; every paragraph shows its number; print can be cited."""

from __future__ import annotations

import pytest
from plan_text import PUB, UI

pytestmark = pytest.mark.browser


def visible_languages(page, row_id: str) -> list[str]:
    cells = page.locator(f'[id="{row_id}"] > .tl-cell')
    return [
        cells.nth(i).get_attribute("data-cell-lang") or ""
        for i in range(cells.count())
        if cells.nth(i).is_visible()
    ]


def test_the_chinese_edition_offers_the_original_alone_and_beside_each_translation(
    page, site_url: str
) -> None:
    page.set_viewport_size({"width": 1400, "height": 900})
    page.goto(f"{site_url}{PUB}/s2/")
    buttons = page.locator(".tl-views button")
    labels = [UI["zh"][key] for key in ("view_original", "view_side_ja", "view_side_en", "view_compare")]
    assert [buttons.nth(i).inner_text() for i in range(buttons.count())] == labels
    assert visible_languages(page, "s2.p1") == ["zh-Hans"]
    for label, expected in (
        (labels[1], ["zh-Hans", "ja"]),
        (labels[2], ["zh-Hans", "en"]),
        (labels[3], ["zh-Hans", "ja", "en"]),
    ):
        page.get_by_role("button", name=label, exact=True).click()
        assert visible_languages(page, "s2.p1") == expected, label
        boxes = [
            page.locator(f'[id="s2.p1"] > .tl-cell[data-cell-lang="{lang}"]').bounding_box()
            for lang in expected
        ]
        assert all(b is not None for b in boxes)
        assert [b["x"] for b in boxes if b] == sorted(b["x"] for b in boxes if b), (
            "side by side, original first"
        )
    # The choice is kept on the next page; translations stay out of the Chinese search index.
    page.goto(f"{site_url}{PUB}/s3/")
    assert visible_languages(page, "s3.p1") == ["zh-Hans", "ja", "en"]
    assert (
        page.locator('[id="s3.p1"] > .tl-cell[data-cell-lang="en"]').get_attribute("data-search-exclude")
        is not None
    )


@pytest.mark.parametrize("edition", ["", "ja/", "en/"])
def test_every_paragraph_shows_its_number_in_every_view(page, site_url: str, edition: str) -> None:
    page.set_viewport_size({"width": 1024, "height": 768})
    page.goto(f"{site_url}{edition}{PUB}/s3/")
    views = page.locator(".tl-views button")
    for i in range(views.count()):
        views.nth(i).click()
        number = page.locator('[id="s3.p2"] .tl-permalink')
        assert number.is_visible() and number.inner_text() == "3.2"
        assert page.evaluate("el => getComputedStyle(el).opacity", number.element_handle()) == "1"


def test_print_starts_with_the_text_and_numbers_its_paragraphs(page, site_url: str) -> None:
    page.goto(f"{site_url}ja/{PUB}/s7/")
    page.emulate_media(media="print")
    assert page.locator(".md-header").is_hidden() and page.locator(".tl-views").count() in (0, 1)
    assert page.locator('[id="s7.p1"] .tl-permalink').is_visible()
    assert page.locator('[id="s7.p1"] .tl-copy').first.is_hidden()
    assert page.evaluate("getComputedStyle(document.querySelector('.tl-row')).breakInside") == "auto"
    term = page.locator("a.tl-term").first
    assert page.evaluate("el => getComputedStyle(el).position", term.element_handle()) == "static"
    pdf = page.pdf(format="A4")
    from io import BytesIO

    from pypdf import PdfReader

    reader = PdfReader(BytesIO(pdf))
    first = reader.pages[0].extract_text()
    assert "国際協力" in first or "国际合作" in first, first[:200]  # the first page is not empty
    assert len(reader.pages[-1].extract_text().strip()) > 0, "no trailing blank page"


@pytest.mark.parametrize("edition", ["", "en/"])
def test_a_one_line_rows_buttons_stay_inside_it(page, site_url: str, edition: str) -> None:
    page.set_viewport_size({"width": 1400, "height": 900})
    page.goto(f"{site_url}{edition}{PUB}/s8/")
    rows = page.locator(".tl-parallel > .tl-row[id]")
    for i in range(rows.count()):
        row = rows.nth(i)
        if not row.is_visible():
            continue
        row.hover()
        box = row.bounding_box()
        for button in row.locator(".tl-tools > *").all():
            inner = button.bounding_box()
            assert box and inner and inner["y"] + inner["height"] <= box["y"] + box["height"] + 1, (
                row.get_attribute("id")
            )
