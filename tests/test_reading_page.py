"""The reading page as a reader meets it in Chromium: controls that do not move the text and are
there in every view, provenance said in words, calm term links, the place kept across a
language switch, and the frame (navigation labels, width, fonts, dates, footer, home page)."""

from __future__ import annotations

import re

import pytest
from plan_text import (
    CONFIG,
    DATE,
    PUB,
    UI,
    date_pattern,
    date_text,
    pattern,
    section_heading,
    term_names,
    translation,
)

pytestmark = pytest.mark.browser
VIEWS = ("side", "interleaved", "translation", "original", "compare")


def set_view(page, view: str) -> None:
    page.evaluate("v => document.querySelectorAll('.tl-parallel').forEach(p => p.dataset.view = v)", view)


def boxes(page) -> list[tuple[str, float, float, float, float]]:
    """Where every row and cell of the text stands."""
    return page.evaluate(
        """() => Array.from(document.querySelectorAll('.tl-row[id], .tl-row[id] > .tl-cell')).map(e => {
             const b = e.getBoundingClientRect();
             return [e.id || e.parentNode.id + ' ' + e.lang, b.x, b.y + scrollY, b.width, b.height];
           }).filter(b => b[3] > 0)"""
    )


@pytest.mark.parametrize("view", VIEWS)
def test_hovering_a_paragraph_moves_nothing_and_shows_its_tools_in_every_view(
    page, site_url: str, view: str
) -> None:
    page.set_viewport_size({"width": 1400, "height": 900})
    page.goto(f"{site_url}en/{PUB}/s3/")
    set_view(page, view)
    page.mouse.move(5, 5)
    before = boxes(page)
    row = page.locator('[id="s3.p2"]')
    row.hover()
    page.wait_for_timeout(250)
    assert boxes(page) == before, "showing the paragraph's tools shifts no text"
    tools = row.locator(":scope > .tl-tools")
    assert tools.evaluate("e => getComputedStyle(e).opacity") == "1"
    for control in (
        tools.locator("a.tl-permalink"),
        tools.get_by_role("button", name=UI["en"]["copy_link"], exact=True),
        tools.get_by_role("button", name=UI["en"]["copy_citation"], exact=True),
    ):
        box = control.bounding_box()
        assert box and box["width"] >= 16 and box["height"] >= 16, (view, control)
        x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
        assert page.evaluate(
            "([x, y, e]) => e.contains(document.elementFromPoint(x, y))", [x, y, control.element_handle()]
        ), (
            view,
            "the control is on top and can be clicked",
        )


def test_copy_link_works_in_translation_only(page, site_url: str) -> None:
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(f"{site_url}en/{PUB}/s2/")
    page.get_by_role("button", name=UI["en"]["view_translation"], exact=True).click()
    row = page.locator('[id="s2.p1"]')
    row.hover()
    row.get_by_role("button", name=UI["en"]["copy_link"], exact=True).click()
    assert page.evaluate("navigator.clipboard.readText()") == f"{site_url}en/{PUB}/s2/#s2.p1"


def test_unreviewed_sentences_are_marked_in_words_with_a_legend_for_the_visible_columns(
    page, site_url: str
) -> None:
    page.set_viewport_size({"width": 1400, "height": 900})
    page.goto(f"{site_url}en/{PUB}/s7/")
    draft = page.locator(".tl-cell--target .tl-seg--draft").first
    assert draft.locator(".tl-mark").inner_text() == UI["en"]["mark_draft"]
    background = draft.evaluate("e => getComputedStyle(e).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent"), "the whole sentence is marked"
    legend = page.locator(".tl-legend")
    for view, shown in (("side", True), ("translation", True), ("original", False), ("compare", True)):
        set_view(page, view)
        assert legend.is_visible() == shown, view
        if shown:
            assert UI["en"]["draft"] in legend.inner_text()
    # A section without marks has no legend.
    page.goto(f"{site_url}en/{PUB}/s1/")
    assert page.locator(".tl-legend").count() == 0


def test_the_notice_is_a_callout_in_the_translations_language_linking_to_the_method(
    page, site_url: str
) -> None:
    for edition in ("ja", "en"):
        page.goto(f"{site_url}{edition}/{PUB}/s4/")
        notice = page.locator(".tl-notice")
        assert notice.get_attribute("lang") == edition and notice.get_attribute("role") == "note"
        assert UI[edition]["unofficial"] in notice.inner_text()
        link = notice.locator("a")
        assert link.inner_text() == UI[edition]["notice_link"]
        link.click()
        page.wait_for_url(f"{site_url}{edition}/about/#translation-method")
        page.emulate_media(media="print")
        page.go_back()
        assert page.locator(".tl-notice").is_visible(), "also in print"
        page.emulate_media(media="screen")
    page.goto(f"{site_url}{PUB}/s4/")
    assert page.locator(".tl-notice").count() == 0, "the original needs none"


def test_the_publication_page_says_how_much_is_reviewed_and_links_the_rest(page, site_url: str) -> None:
    page.goto(f"{site_url}en/{PUB}/")
    status = page.locator(".tl-review")
    line = status.locator(".tl-review__line").inner_text()
    status_line = pattern(UI["en"]["status_line"], reviewed=r"(?P<reviewed>\d+)", total=r"(?P<total>\d+)")
    match = re.fullmatch(status_line, line)
    assert match, line
    reviewed, total = int(match["reviewed"]), int(match["total"])
    links = status.locator(".tl-review__pending a")
    assert links.count() == total - reviewed > 0
    status.locator("summary").click()
    href = links.first.get_attribute("href")
    links.first.click()
    row_id = href.split("#")[1]
    page.wait_for_url(re.compile(re.escape(row_id) + "$"))
    assert page.locator(f'[id="{row_id}"] .tl-cell--target .tl-mark').count() >= 1
    page.goto(f"{site_url}{PUB}/")
    lines = page.locator(".tl-review__language")
    assert lines.count() == 2, "the original's page gives both translations' status"
    assert re.search(
        pattern(UI["zh"]["status_line"], reviewed=r"\d+", total=r"\d+"), lines.first.inner_text()
    )


def test_editorial_matter_is_labelled_and_set_apart(page, site_url: str) -> None:
    page.goto(f"{site_url}en/{PUB}/")
    box = page.locator(".tl-editorial")
    assert box.locator(".tl-editorial__label").inner_text() == UI["en"]["editorial_label"]
    assert box.locator(".tl-card").count() == 9 and box.locator("table.tl-targets").count() == 1
    body = page.evaluate("getComputedStyle(document.querySelector('.md-main')).backgroundColor")
    assert box.evaluate("e => getComputedStyle(e).backgroundColor") not in (body, "rgba(0, 0, 0, 0)")


def test_hidden_glossary_terms_leave_the_tab_order(page, site_url: str) -> None:
    page.goto(f"{site_url}en/{PUB}/s3/")
    shown = page.locator(".md-content a.tl-term, .md-content a.tl-reference")
    assert shown.count() > 10
    page.get_by_role("checkbox", name=UI["en"]["show_terms"], exact=True).uncheck()
    assert (
        page.locator(
            ".md-content a.tl-term:not([tabindex='-1']), .md-content a.tl-reference:not([tabindex='-1'])"
        ).count()
        == 0
    )
    focused = set()
    page.locator(".tl-terms input").focus()
    for _ in range(40):
        page.keyboard.press("Tab")
        focused.add(page.evaluate("document.activeElement.className"))
    assert not any("tl-term" in c or "tl-reference" in c for c in focused), focused
    assert any("tl-permalink" in c for c in focused), "the paragraph links are reached instead"
    assert page.locator("a.tl-term").first.evaluate("e => getComputedStyle(e).textDecorationLine") == "none"
    page.reload()
    assert not page.get_by_role("checkbox", name=UI["en"]["show_terms"], exact=True).is_checked(), (
        "the choice is kept"
    )


def test_a_term_is_linked_once_per_section_in_each_language(page, site_url: str) -> None:
    page.goto(f"{site_url}en/{PUB}/s3/")
    for lang in ("zh-Hans", "en"):
        keys = page.locator(f'.tl-cell[lang="{lang}"] a.tl-term').evaluate_all(
            "l => l.map(a => a.dataset.term)"
        )
        assert keys and len(keys) == len(set(keys)), lang


def test_a_popover_names_the_term_in_each_language_and_links_its_entry(page, site_url: str) -> None:
    page.goto(f"{site_url}{PUB}/s3/")
    term = page.locator('[id="s3.p3"] .tl-cell--source a.tl-term[data-term="ip-protection-center"]')
    term.focus()
    popover = page.locator("#tl-popover")
    assert popover.is_visible() and term.get_attribute("aria-describedby") == "tl-popover"
    lines = popover.locator(".tl-popover__line > span:last-child")
    assert {
        (lines.nth(i).get_attribute("lang"), lines.nth(i).inner_text()) for i in range(lines.count())
    } == {(lang, term_names("ip-protection-center")[lang]) for lang in ("ja", "en")}
    assert popover.locator("a").evaluate("a => a.href") == term.evaluate("a => a.href")
    page.keyboard.press("Escape")
    assert not popover.is_visible()


def test_on_touch_a_tap_toggles_the_popover_inside_the_viewport(browser, site_url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    page = context.new_page()
    url = f"{site_url}en/{PUB}/s7/"
    page.goto(url)
    links = page.locator(".tl-cell--target a.tl-reference")
    term = links.nth(links.count() - 1)
    term.scroll_into_view_if_needed()
    term.tap()
    popover = page.locator("#tl-popover")
    assert popover.is_visible() and page.url.split("#")[0] == url, (
        "a tap shows the names and stays on the page"
    )
    box = popover.bounding_box()
    assert (
        box
        and box["x"] >= 0
        and box["x"] + box["width"] <= 390
        and box["y"] >= 0
        and box["y"] + box["height"] <= 844
    )
    term.tap()
    assert not popover.is_visible()
    context.close()


def test_interleaved_keeps_the_original_at_full_contrast_with_language_pills(page, site_url: str) -> None:
    page.goto(f"{site_url}en/{PUB}/s2/")
    page.get_by_role("button", name=UI["en"]["view_interleaved"], exact=True).click()
    source = page.locator('[id="s2.p1"] > .tl-cell--source')
    target = page.locator('[id="s2.p1"] > .tl-cell--target')
    assert source.evaluate("e => getComputedStyle(e).color") == target.evaluate(
        "e => getComputedStyle(e).color"
    )
    pill = "e => [getComputedStyle(e, '::before').display, getComputedStyle(e, '::before').content]"
    assert source.evaluate(pill)[0] == "block" and UI["en"]["original"] in source.evaluate(pill)[1]
    assert UI["en"]["translation"] in target.evaluate(pill)[1]
    page.get_by_role("button", name=UI["en"]["view_side"], exact=True).click()
    assert source.evaluate(pill)[0] == "none", "beside each other, the column headers say it"


def test_phone_stacks_cells_with_pills_and_offers_one_button_for_what_looks_the_same(
    browser, site_url: str
) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.goto(f"{site_url}ja/{PUB}/s2/")
    source = page.locator('[id="s2.p1"] > .tl-cell--source')
    assert source.evaluate("e => getComputedStyle(e, '::before').display") == "block"
    buttons = page.locator(".tl-views button")
    shown = [buttons.nth(i).inner_text() for i in range(buttons.count()) if buttons.nth(i).is_visible()]
    assert UI["ja"]["view_side"] not in shown and UI["ja"]["view_interleaved"] in shown
    assert (
        page.get_by_role("button", name=UI["ja"]["view_interleaved"]).get_attribute("aria-pressed") == "true"
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    context.close()


def test_the_place_is_kept_across_a_language_switch_after_scrolling(page, site_url: str) -> None:
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{site_url}ja/{PUB}/s3/")
    page.evaluate("document.getElementById('s3.p3').scrollIntoView({block: 'start'}); scrollBy(0, -60)")
    for _ in range(30):
        if page.evaluate("location.hash") == "#s3.p3":
            break
        page.wait_for_timeout(100)
    assert page.evaluate("location.hash") == "#s3.p3", "the address follows the reader"
    page.locator(".md-select > button").hover()
    current = page.locator('a.md-select__link[aria-current="true"]')
    assert current.get_attribute("hreflang") == "ja", "the menu marks the current language"
    page.locator('a.md-select__link[hreflang="en"]').click()
    page.wait_for_url(f"{site_url}en/{PUB}/s3/#s3.p3")
    box = page.locator('[id="s3.p3"]').bounding_box()
    assert box and 0 <= box["y"] < 200, box
    assert page.external_requests == [] and page.console_errors == []


def test_a_focused_paragraph_is_the_place_too(page, site_url: str) -> None:
    page.goto(f"{site_url}en/{PUB}/s5/")
    page.locator('[id="s5.p2"] a.tl-permalink').focus()
    assert page.evaluate("location.hash") == "#s5.p2"


def test_navigation_labels_are_short_and_the_heading_keeps_the_title(page, site_url: str) -> None:
    page.set_viewport_size({"width": 1400, "height": 900})
    page.goto(f"{site_url}en/{PUB}/s3/")
    active = page.locator(".md-nav--primary .md-nav__link--active").last
    assert active.inner_text().strip() == section_heading("en", 3, CONFIG["nav_titles"]["s3"]["en"])
    heading = section_heading("en", 3, translation("en", "s3.title"))
    assert page.locator("h1").inner_text().removesuffix("¶") == heading, "the full title, and its anchor"
    assert not page.locator(".tl-row--title .tl-cell--target").is_visible(), "the title is not shown twice"
    nav = page.locator(".md-nav--primary .md-nav__list").first.bounding_box()
    title = page.locator(".md-nav--primary > .md-nav__title").bounding_box()
    assert nav and title and title["y"] + title["height"] <= nav["y"] + 1, (
        "the site title does not cover Home"
    )


def test_three_columns_use_the_width_the_empty_rail_left(page, site_url: str) -> None:
    page.set_viewport_size({"width": 1024, "height": 768})
    page.goto(f"{site_url}en/{PUB}/s3/")
    assert not page.locator(".md-sidebar--secondary").is_visible()
    page.get_by_role("button", name=UI["en"]["view_compare"], exact=True).click()
    cells = page.locator('[id="s3.p1"] > .tl-cell')
    widths = [cells.nth(i).bounding_box()["width"] for i in range(3)]
    assert min(widths) >= 240, widths


@pytest.mark.parametrize(
    ("edition", "font"), [("", "Noto Sans CJK SC"), ("ja/", "Noto Sans CJK JP"), ("en/", "-apple-system")]
)
def test_headings_and_interface_take_the_editions_font_first(
    page, site_url: str, edition: str, font: str
) -> None:
    page.goto(f"{site_url}{edition}{PUB}/s2/")
    for selector in ("h1", ".md-header__topic", ".md-nav__link"):
        family = page.locator(selector).first.evaluate("e => getComputedStyle(e).fontFamily")
        assert family.strip('"').startswith(font), (selector, family)


@pytest.mark.parametrize(("edition", "lang"), [("", "zh"), ("ja/", "ja"), ("en/", "en")])
def test_dates_read_as_each_edition_writes_them(page, site_url: str, edition: str, lang: str) -> None:
    page.goto(f"{site_url}{edition}{PUB}/")
    date = page.locator(".tl-meta time")
    assert date.inner_text() == date_text(lang) and date.get_attribute("datetime") == DATE.isoformat()


def test_the_footer_gives_the_notice_the_licence_and_the_translations_date(page, site_url: str) -> None:
    page.goto(f"{site_url}en/{PUB}/s1/")
    footer = page.locator(".tl-footer")
    assert UI["en"]["footer_notice"] in footer.inner_text()
    assert (
        footer.get_by_role("link", name=UI["en"]["footer_licence"]).get_attribute("href")
        == "../../about/#licence"
    )
    date = footer.locator("time")
    assert re.fullmatch(r"\d{4}-\d\d-\d\d", date.get_attribute("datetime") or "")
    assert re.fullmatch(pattern(UI["en"]["translated_as_of"], date=date_pattern("en")), date.inner_text())


def test_the_home_page_has_a_card_per_publication(page, site_url: str) -> None:
    page.goto(f"{site_url}en/")
    card = page.locator(".tl-pubcard")
    assert card.count() == 1
    titles = card.locator(".tl-pubcard__titles li")
    assert [titles.nth(i).get_attribute("lang") for i in range(titles.count())] == ["zh-Hans", "ja"]
    assert CONFIG["issuer"]["en"] in card.locator(".tl-pubcard__meta").inner_text()
    assert card.locator("time").get_attribute("datetime") == DATE.isoformat()
    status_line = pattern(UI["en"]["status_line"], reviewed=r"\d+", total=r"\d+")
    assert re.search(status_line, card.locator(".tl-pubcard__status").inner_text())
    card.get_by_role("link", name=UI["en"]["start_reading"], exact=True).click()
    page.wait_for_url(f"{site_url}en/{PUB}/s0/")


def test_a_tap_on_a_sentence_keeps_its_counterparts_lit(browser, site_url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.goto(f"{site_url}en/{PUB}/s1/")
    sentence = page.locator('[id="s1.p1"] .tl-cell--target [data-seg="s1.p1.s2"]')
    sentence.tap(position={"x": 3, "y": 3})
    lit = page.locator(".tl-aligned")
    assert lit.evaluate_all("l => l.map(e => e.dataset.seg)") == ["s1.p1.s2"] * 3
    colour = page.locator('[id="s1.p1"] .tl-cell--source .tl-aligned').evaluate(
        "e => getComputedStyle(e).backgroundColor"
    )
    assert colour not in ("rgba(0, 0, 0, 0)", "transparent")
    sentence.tap(position={"x": 3, "y": 3})
    assert lit.count() == 0, "a second tap lets go"
    context.close()
