from __future__ import annotations

from pathlib import Path

import pytest

from trilingual.ingest import ingest
from trilingual.model import Document
from trilingual_tools.localsite import copy_project, serve

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
PLAN_2021 = ROOT / "translations" / "cnipa-2021-work-plan" / "source.zh.md"


@pytest.fixture(scope="session")
def plan_2021() -> Document:
    return ingest(PLAN_2021, "cnipa-2021-work-plan")


@pytest.fixture(scope="session")
def second_plan() -> Document:
    return ingest(FIXTURES / "second-plan" / "source.zh.md", "second-plan")


def make_project(destination: Path, translations: Path | None = None, *, home_only: bool = False) -> Path:
    """A copy of the project to build in isolation (see :func:`trilingual_tools.localsite.copy_project`)."""
    return copy_project(destination, translations, hand_written=not home_only)


TWO_PLANS_GLOSSARY = """\
terms:
  - id: protection
    category: ip-concept
    zh: 知识产权保护
    ja: 知的財産権保護
    en: intellectual property protection
  - id: service
    category: ip-concept
    zh: 公共服务
    ja: 公共サービス
    en: public services
"""

TWO_PLANS_JA = """\
language: ja
segments:
  title:
    source: 江南省知识产权局2022年工作要点
    text: 江南省知識産権局2022年活動要点
    status: draft
    source_hash: 7839b4de87ac
"""


def two_plans(translations: Path) -> Path:
    """A small library in ``translations``: the second-plan fixture twice (``second-plan``,
    ``third-plan``), a Japanese title for the first, two glossary terms found in both, ui.yml."""
    import shutil

    translations.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "translations" / "ui.yml", translations / "ui.yml")
    for order, name in enumerate(("second-plan", "third-plan"), start=1):
        shutil.copytree(FIXTURES / "second-plan", translations / name)
        config = translations / name / "publication.yml"
        config.write_text(config.read_text(encoding="utf-8") + f"order: {order}\n", encoding="utf-8")
    (translations / "second-plan" / "ja.yml").write_text(TWO_PLANS_JA, encoding="utf-8")
    (translations / "glossary.yml").write_text(TWO_PLANS_GLOSSARY, encoding="utf-8")
    return translations


def build(
    project: Path, *args: str, pdf: bool = False, env: dict[str, str] | None = None, site: Path | None = None
) -> Path:
    """``mkdocs build --strict`` in a subprocess, as a maintainer would run it (without the
    PDFs, which take seconds each, unless a test is about them)."""
    import os
    import subprocess
    import sys

    site = site or project / "site"
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "TRILINGUAL_PDF": "true" if pdf else "false"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site), *args],
        cwd=project,
        capture_output=True,
        text=True,
        env={**environment, **(env or {})},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built once per test session from a copy of the project."""
    return build(make_project(tmp_path_factory.mktemp("project")))


def serve_directory(directory: Path, prefix: str = "/"):
    """Serve ``directory`` on 127.0.0.1 under ``prefix``; returns (server, base URL)."""
    return serve(directory, prefix)


@pytest.fixture(scope="session")
def site_url(built_site: Path):
    server, url = serve_directory(built_site)
    yield url
    server.shutdown()


CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright (no browser download), isolated from the network."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    """A fresh page that records console errors and every request leaving 127.0.0.1."""
    context = browser.new_context(locale="en-US")
    page = context.new_page()
    page.console_errors = []
    page.external_requests = []
    page.on("console", lambda m: m.type == "error" and page.console_errors.append(m.text))
    page.on("pageerror", lambda e: page.console_errors.append(str(e)))

    def guard(route):
        url = route.request.url
        if url.startswith(("http://127.0.0.1", "data:", "blob:")):
            route.continue_()
        else:
            page.external_requests.append(url)
            route.abort()

    page.route("**/*", guard)
    yield page
    context.close()


# -- the command line, in a copy of the project ------------------------------------------------


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the project, made the working folder (as a translator runs `trilingual`)."""
    root = make_project(tmp_path / "project")
    monkeypatch.chdir(root)
    return root


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """``trilingual <argv>``: its exit code, standard output and standard error."""
    from trilingual.cli import main

    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def remove_entries(path: Path, ids: list[str]) -> None:
    """Delete entries (three to five lines each) from a translation file, keeping the rest as is."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    out, skipping = [], False
    for line in lines:
        if line.startswith("  ") and not line.startswith("    "):
            skipping = line.strip().rstrip(":") in ids
        if not skipping:
            out.append(line)
    path.write_text("".join(out), encoding="utf-8")
