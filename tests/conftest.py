from __future__ import annotations

from pathlib import Path

import pytest

from trilingual.ingest import ingest
from trilingual.model import Document

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
PLAN_2021 = ROOT / "translations" / "cnipa-2021-work-plan" / "source.zh.md"


@pytest.fixture(scope="session")
def plan_2021() -> Document:
    return ingest(PLAN_2021, "cnipa-2021-work-plan")


@pytest.fixture(scope="session")
def second_plan() -> Document:
    return ingest(FIXTURES / "second-plan" / "source.zh.md", "second-plan")


def make_project(destination: Path, translations: Path | None = None) -> Path:
    """A copy of the site's project files (not its generated pages) to build in isolation."""
    import shutil

    destination.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", destination / "mkdocs.yml")
    shutil.copytree(ROOT / "overrides", destination / "overrides")
    docs = destination / "docs"
    docs.mkdir()
    for page in (ROOT / "docs").iterdir():
        if page.is_file():
            shutil.copy(page, docs / page.name)
    shutil.copytree(translations or ROOT / "translations", destination / "translations")
    return destination


def build(project: Path, *args: str) -> Path:
    """``mkdocs build --strict`` in a subprocess, as a maintainer would run it."""
    import os
    import subprocess
    import sys

    site = project / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site), *args],
        cwd=project,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built once per test session from a copy of the project."""
    return build(make_project(tmp_path_factory.mktemp("project")))
