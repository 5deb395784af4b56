"""axe-core finds no serious or critical accessibility violation on the pages readers use."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from plan_text import PUB, UI, term_names

pytestmark = pytest.mark.browser
PAGES = [
    "",
    f"{PUB}/",
    f"{PUB}/s3/",
    f"ja/{PUB}/s7/",
    f"en/{PUB}/",
    f"en/{PUB}/s1/",
    "en/glossary/",
    "ja/references/",
    "ja/about/",
    "en/translate/",
]


@pytest.mark.parametrize("path", PAGES)
def test_no_serious_or_critical_violation(page, site_url: str, path: str) -> None:
    page.goto(site_url + path)
    violations = Axe().run(page).response["violations"]
    serious = [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
        for v in violations
        if v["impact"] in {"serious", "critical"}
    ]
    assert serious == []


def test_the_search_dialog_and_view_controls_are_accessible_too(page, site_url: str) -> None:
    page.goto(f"{site_url}en/{PUB}/s2/")
    page.get_by_role("button", name=UI["en"]["view_compare"], exact=True).click()
    page.locator(".tl-search__open").click()
    page.keyboard.type(term_names("patent")["en"])  # a glossary term: results of every kind
    page.wait_for_selector(".tl-search__result")
    violations = Axe().run(page).response["violations"]
    assert [v["id"] for v in violations if v["impact"] in {"serious", "critical"}] == []
