"""Every column header names the language of the column under it, in every view, edition and width.

A mislabelled column is the worst error a parallel text can make, so this test reads the
labels as a reader does (their text and where they stand) and compares them with the
language of the body cells drawn beneath them.
"""

from __future__ import annotations

import pytest

from conftest import ROOT
from trilingual.yamlfile import read

pytestmark = pytest.mark.browser
PUB = "cnipa-2021-work-plan"
UI = read(ROOT / "translations" / "ui.yml")
NAMES = {"zh": "中文", "ja": "日本語", "en": "English"}
VIEWS = ("side", "interleaved", "translation", "original", "compare")
WIDTHS = (1400, 1024, 390)


def _label_language(edition: str, label: str) -> str:
    """Which language a header label names, by the edition's interface strings."""
    meaning = {UI[edition]["original"]: "zh", UI[edition]["translation"]: edition}
    meaning.update({name: code for code, name in NAMES.items()})
    return meaning[label.strip()]


@pytest.mark.parametrize("edition", ["ja", "en"])
def test_each_header_names_the_language_of_its_column(page, site_url: str, edition: str) -> None:
    checked = 0
    page.goto(f"{site_url}{edition}/{PUB}/s3/")
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        for view in VIEWS:
            page.evaluate(
                "view => document.querySelector('.tl-parallel').setAttribute('data-view', view)", view
            )
            heads = page.locator(".tl-row--head > .tl-cell")
            body = page.locator('[id="s3.p1"] > .tl-cell')
            cells = [
                (body.nth(i).get_attribute("lang") or "", body.nth(i).bounding_box())
                for i in range(body.count())
                if body.nth(i).is_visible()
            ]
            for i in range(heads.count()):
                head = heads.nth(i)
                if not head.is_visible():
                    continue
                box = head.bounding_box()
                assert box is not None
                centre = box["x"] + box["width"] / 2
                under = [lang for lang, b in cells if b and b["x"] <= centre <= b["x"] + b["width"]]
                assert len(under) == 1, (edition, width, view, head.inner_text(), under)
                named = _label_language(edition, head.inner_text())
                assert under[0].split("-")[0] == named, (edition, width, view, head.inner_text(), under)
                checked += 1
    # The side-by-side and three-language views show headers on the wider screens.
    assert checked >= 2 * (2 + 3), checked
