"""A site built from hostile files runs no script of theirs, and its policy blocks any that slips in."""

from __future__ import annotations

from pathlib import Path

import pytest
from hostile import FRAGMENTS, dangers
from test_gate import FIELDS, make_translations

from conftest import build, make_project, serve_directory

pytestmark = pytest.mark.browser
HOSTILE = " ".join(fragment for fragment in FRAGMENTS if "{" not in fragment or "{:" in fragment)
PAYLOADS = {field: f"{field} {HOSTILE}" for field in FIELDS}
PAYLOADS["section_heading"] = "{label}、{title}"
PAYLOADS["ui-all"] = f"ui {HOSTILE}"


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    translations = make_translations(tmp_path_factory.mktemp("hostile"), PAYLOADS)
    return build(make_project(tmp_path_factory.mktemp("project"), translations, home_only=True))


@pytest.fixture(scope="module")
def hostile_url(hostile_build: Path):
    server, url = serve_directory(hostile_build)
    yield url
    server.shutdown()


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_no_built_page_has_a_handler_or_script_url(hostile_build: Path) -> None:
    found = {
        str(p.relative_to(hostile_build)): dangers(p.read_text(encoding="utf-8"))
        for p in pages(hostile_build)
    }
    assert len(found) > 20 and {page: d for page, d in found.items() if d} == {}


def test_every_page_carries_a_script_policy(hostile_build: Path) -> None:
    for page in pages(hostile_build):
        head = page.read_text(encoding="utf-8").split("</head>")[0]
        assert "Content-Security-Policy" in head and "object-src 'none'" in head, page


def test_opening_every_page_runs_nothing(page, hostile_build: Path, hostile_url: str) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    for path in pages(hostile_build):
        relative = path.relative_to(hostile_build).as_posix()
        page.goto(hostile_url + relative.removesuffix("index.html"))
        page.keyboard.press("Tab")
        page.mouse.move(200, 300)
    assert dialogs == []
    assert [e for e in page.console_errors if "Content Security Policy" in e] == []


def test_the_policy_blocks_a_handler_that_got_into_a_page(
    page, hostile_build: Path, hostile_url: str
) -> None:
    """As if the gate had let markup through: plant handlers in a built page and load it."""
    target = hostile_build / "en" / "second-plan" / "s1" / "index.html"
    html = target.read_text(encoding="utf-8")
    planted = (
        '<img id="planted" src="x" onerror="window.__pwned=1">'
        '<a id="js" href="javascript:window.__pwned=2">x</a>'
        "<script>window.__pwned=3</script>"
    )
    target.write_text(
        html.replace('<div class="tl-parallel', planted + '<div class="tl-parallel', 1), encoding="utf-8"
    )
    page.add_init_script(
        "window.__violations = []; document.addEventListener('securitypolicyviolation',"
        " e => window.__violations.push(e.violatedDirective))"
    )
    page.goto(f"{hostile_url}en/second-plan/s1/")
    page.wait_for_load_state("networkidle")
    page.locator("#js").click()
    assert page.evaluate("window.__pwned") is None
    assert len(page.evaluate("window.__violations")) >= 2
    # The theme's own inline scripts still run: the palette and the search still work.
    assert page.locator("#tl-search").count() == 1
    assert [e for e in page.console_errors if "Content Security Policy" in e and "planted" not in e]
