"""The site as deployed to GitHub Pages under a project subpath: links, alternates, 404s, robots."""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlparse

import pytest

from conftest import build, make_project, serve_directory
from trilingual.yamlfile import read

SITE_URL = "https://example.github.io/repo/"
LANGS = ("zh", "ja", "en")


@pytest.fixture(scope="module")
def subpath_site(tmp_path_factory: pytest.TempPathFactory, monkeypatch_module: pytest.MonkeyPatch) -> Path:
    monkeypatch_module.setenv("SITE_URL", SITE_URL)
    return build(make_project(tmp_path_factory.mktemp("project")))


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as patch:
        yield patch


@pytest.fixture(scope="module")
def served(subpath_site: Path):
    server, url = serve_directory(subpath_site, prefix="/repo/")
    yield url
    server.shutdown()


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.alternates: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name in ("href", "src"):
            if values.get(name) and tag in {"a", "link", "script", "img"}:
                self.links.append(str(values[name]))
        if tag == "link" and values.get("rel") == "alternate" and values.get("hreflang"):
            self.alternates.append((str(values["hreflang"]), str(values["href"])))


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8", errors="replace")
    except urllib.error.HTTPError as error:
        return error.code, ""


def local(url: str, served: str) -> str | None:
    """Same-site URLs (relative, /repo/…, or the production site_url) mapped onto the local server."""
    if url.startswith(SITE_URL):
        return served + url[len(SITE_URL) :]
    parsed = urlparse(url)
    if parsed.scheme in ("http", "https") and not url.startswith(served):
        return None
    if parsed.scheme not in ("", "http", "https"):
        return None
    return url


def test_no_broken_link_or_missing_asset_in_any_language(served: str) -> None:
    queue = [served, served + "ja/", served + "en/"]
    seen: set[str] = set()
    broken: list[tuple[str, str]] = []
    anchors_to_check: list[tuple[str, str, str]] = []
    pages: dict[str, str] = {}
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        status, body = fetch(url)
        if status != 200:
            broken.append((url, str(status)))
            continue
        if not url.endswith("/") and not url.endswith(".html"):
            continue
        pages[url] = body
        parser = Links()
        parser.feed(body)
        for href in parser.links:
            target = local(urljoin(url, href), served)
            if target is None:
                continue
            assert target.startswith(served), f"{url} links outside the subpath: {href}"
            target, fragment = urldefrag(target)
            if fragment:
                anchors_to_check.append((url, target, fragment))
            queue.append(target)
    assert broken == []
    assert len(pages) >= 3 * 12, "home, publication, nine sections, glossary, references per language"
    for page_url, target, fragment in anchors_to_check:
        body = pages.get(target) or fetch(target)[1]
        assert re.search(rf'id="{re.escape(fragment)}"', body), (page_url, target, fragment)


def test_hreflang_alternates_point_only_at_pages_that_exist(served: str) -> None:
    for path in ("", "ja/cnipa-2021-work-plan/s3/", "en/glossary/"):
        parser = Links()
        parser.feed(fetch(served + path)[1])
        languages = [lang for lang, _ in parser.alternates]
        assert sorted(languages) == sorted([*LANGS, "x-default"])
        for lang, href in parser.alternates:
            assert href.startswith(SITE_URL), "absolute, on the configured site"
            assert fetch(local(href, served) or "")[0] == 200, (path, lang, href)
        x_default = dict(parser.alternates)["x-default"]
        assert x_default == dict(parser.alternates)["zh"]


def test_sitemap_lists_every_page_with_its_alternates(served: str) -> None:
    sitemap = fetch(served + "sitemap.xml")[1]
    locations = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert len(locations) == len(set(locations)) >= 36
    for loc in locations:
        assert fetch(local(loc, served) or "")[0] == 200, loc
    assert sitemap.count('hreflang="x-default"') == len(locations)


def test_canonical_description_and_open_graph_in_the_pages_language(served: str) -> None:
    for lang, prefix in (("zh", ""), ("ja", "ja/"), ("en", "en/")):
        body = fetch(f"{served}{prefix}cnipa-2021-work-plan/s2/")[1]
        assert f'<link rel="canonical" href="{SITE_URL}{prefix}cnipa-2021-work-plan/s2/">' in body
        title = re.search(r'<meta property="og:title" content="([^"]+)"', body)
        description = re.search(r'<meta name="description" content="([^"]+)"', body)
        assert title and description
        if lang == "en":
            assert title.group(1).startswith("2. ") and description.group(1).startswith(
                "Chinese intellectual"
            )
        if lang == "ja":
            assert title.group(1).startswith("二、") and "対訳" in description.group(1)
        assert (
            f'<meta property="og:locale" content="{ {"zh": "zh_CN", "ja": "ja_JP", "en": "en_US"}[lang] }">'
            in body
        )


def test_robots_names_the_sitemap(served: str) -> None:
    status, robots = fetch(served + "robots.txt")
    assert status == 200 and f"Sitemap: {SITE_URL}sitemap.xml" in robots


def test_a_404_page_in_each_language(served: str) -> None:
    ui = read(Path(__file__).resolve().parents[1] / "translations" / "ui.yml")
    for prefix, heading in (
        ("", ui["zh"]["not_found"]),
        ("ja/", ui["ja"]["not_found"]),
        ("en/", ui["en"]["not_found"]),
    ):
        status, body = fetch(f"{served}{prefix}404.html")
        assert status == 200 and heading in body
        assert re.search(r'<link rel="stylesheet" href="/repo/assets/', body), (
            "assets load from any missing path"
        )


@pytest.mark.browser
def test_switcher_keeps_the_page_and_the_paragraph_under_the_subpath(page, served: str) -> None:
    page.goto(f"{served}en/cnipa-2021-work-plan/s6/#s6.p2")
    page.locator(".md-select > button").hover()
    page.locator('a.md-select__link[hreflang="ja"]').click()
    page.wait_for_url(f"{served}ja/cnipa-2021-work-plan/s6/#s6.p2")
    assert page.locator("html").get_attribute("lang") == "ja"
    assert page.external_requests == [] and page.console_errors == []
