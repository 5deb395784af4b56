"""404 pages as GitHub Pages serves them: the root one for every missing path, under a subpath."""

from __future__ import annotations

import functools
import re
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from plan_text import term_names

from conftest import build, make_project
from trilingual.yamlfile import read

pytestmark = pytest.mark.browser
SITE_URL = "https://example.github.io/repo/"
PREFIX = "/repo/"
LANGS = ("zh", "ja", "en")


@pytest.fixture(scope="module")
def subpath_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SITE_URL", SITE_URL)
        return build(make_project(tmp_path_factory.mktemp("project")))


@pytest.fixture(scope="module")
def pages_url(subpath_site: Path):
    """The site under /repo/, a missing path answered with the root 404.html, as GitHub Pages does."""

    class Handler(SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

        def translate_path(self, path: str) -> str:
            path = path.split("?")[0].split("#")[0]
            if not path.startswith(PREFIX):
                return str(subpath_site / "__outside__")
            return super().translate_path("/" + path[len(PREFIX) :])

        def send_head(self) -> Any:
            path = Path(self.translate_path(self.path))
            if path.is_dir():
                path = path / "index.html"
            if path.exists():
                return super().send_head()
            body = (subpath_site / "404.html").read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            import io

            return io.BytesIO(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(subpath_site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}{PREFIX}"
    server.shutdown()


def urls_of(html: str) -> list[str]:
    return re.findall(r'(?:href|src|data-index|data-base)="([^"]*)"', html)


@pytest.mark.parametrize("lang", LANGS)
def test_every_url_of_a_404_page_starts_at_the_sites_path(subpath_site: Path, lang: str) -> None:
    page = subpath_site / ("" if lang == "zh" else lang) / "404.html"
    html = page.read_text(encoding="utf-8")
    for url in urls_of(html):
        if url.startswith(("http://", "https://", "#", "data:")):
            continue
        assert url.startswith(PREFIX) and "//" not in url, (lang, url)


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_switcher_on_a_404_page_points_at_each_editions_home(page, pages_url: str, lang: str) -> None:
    page.goto(f"{pages_url}{lang}/404.html")
    links = page.locator("a.md-select__link")
    targets = {
        links.nth(i).get_attribute("hreflang"): links.nth(i).get_attribute("href")
        for i in range(links.count())
    }
    assert targets == {"zh": PREFIX, "ja": f"{PREFIX}ja/", "en": f"{PREFIX}en/"}
    assert page.locator('a.md-select__link[aria-current="true"]').get_attribute("hreflang") == lang


def test_the_root_404_speaks_all_three_languages_without_a_script(browser, pages_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{pages_url}no/such/page/")
    ui = read(Path(__file__).resolve().parents[1] / "translations" / "ui.yml")
    for lang in LANGS:
        block = page.locator(f'.tl-404__edition[lang="{lang}"]')
        assert ui[lang]["not_found"] in block.inner_text()
        home = block.get_by_role("link", name=ui[lang]["go_home"])
        assert home.get_attribute("href") == PREFIX + ("" if lang == "zh" else f"{lang}/")
    assert page.evaluate("getComputedStyle(document.body).fontFamily") != "", "the stylesheet loaded"
    assert page.evaluate("document.styleSheets.length") >= 3
    context.close()


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_a_reader_of_an_edition_gets_its_404_at_the_address_they_asked_for(
    page, pages_url: str, lang: str
) -> None:
    heading = read(Path(__file__).resolve().parents[1] / "translations" / "ui.yml")[lang]["not_found"]
    missing = f"{pages_url}{lang}/cnipa-2021-work-plan/s99/?x=1"
    page.goto(missing)
    for _ in range(30):
        if page.evaluate("document.documentElement.lang") == lang and page.url == missing:
            break
        page.wait_for_timeout(100)
    assert page.evaluate("document.documentElement.lang") == lang
    assert page.url == missing, "the address stays the one asked for"
    assert heading in page.locator("h1").inner_text()
    assert page.evaluate("document.styleSheets.length") >= 3


def test_search_works_on_a_404_page(page, pages_url: str) -> None:
    page.goto(f"{pages_url}en/nothing-here/")
    for _ in range(30):
        if page.evaluate("document.documentElement.lang") == "en":
            break
        page.wait_for_timeout(100)
    button = page.locator(".tl-404__search")
    button.click()
    page.keyboard.type(term_names("hague-agreement")["en"])
    result = page.locator("a.tl-search__result, .tl-search__result a").first
    result.wait_for()
    href = result.get_attribute("href") or ""
    assert href.startswith(f"{pages_url}en/") or href.startswith(f"{PREFIX}en/"), href
    result.click()
    page.wait_for_url(re.compile(re.escape(f"{pages_url}en/")))
    assert page.evaluate("document.documentElement.lang") == "en"
    assert page.locator(".tl-parallel, .tl-entry").count() >= 1, "a result of the reader's edition opens"
