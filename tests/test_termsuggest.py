"""Terms for a new document (``terms --suggest``) and the library's concordance."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from plan_text import term_names
from ruamel.yaml import YAML

from conftest import FIXTURES, make_project
from conftest import run_cli as run
from trilingual.yamlfile import read

PUB = "cnipa-2021-work-plan"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = make_project(tmp_path / "project")
    shutil.copytree(FIXTURES / "second-plan", root / "translations" / "second-plan")
    monkeypatch.chdir(root)
    return root


def test_suggested_terms_are_new_and_ready_to_fill(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "terms", "--suggest", "--publication", "second-plan", "--min-count", "1")
    assert code == 0, err
    data = YAML(typ="safe").load(out)
    terms = {entry["zh"]: entry for entry in data["terms"]}
    references = {entry["zh"]: entry for entry in data["references"]}
    assert "专利合作条约" in references, "a 《…》 title references.yml does not name"
    assert "工业品外观设计国际注册海牙协定" not in references, "named already"
    assert "审查流程" in terms and "审查质量" in terms, "two nouns in a row: one term"
    assert "知识产权" not in terms and "地理标志" not in terms, "in the glossary already"
    assert "深化" not in terms and "体系" not in terms, "everyday words are not terms"
    assert terms["审查流程"]["id"] == "shen-cha-liu-cheng" and terms["审查流程"]["ja"] == ""
    assert "e.g. s" in out, "each candidate shows a sentence it comes from"
    code, out, _ = run(capsys, "terms", "--suggest", "--publication", "second-plan")
    assert "审查流程" not in out, "said once: below the default count of 2"


def test_concordance(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "concordance", "保护中心")
    assert code == 0
    assert "second-plan/s1.p1.s1" in out and f"{PUB}/s3.p3.s2" in out
    english = read(project / "translations" / PUB / "en.yml")["segments"]["s3.p3.s2"]["text"]
    assert "⟦保护中心⟧" in out and "(not translated)" in out and english in out
    word = term_names("hague-agreement")["en"].split()[0]
    code, out, _ = run(capsys, "concordance", word.lower(), "--lang", "en", "--json")
    lines = json.loads(out)
    assert lines and all(word.lower() in line["en"].lower() for line in lines)
    assert {line["publication"] for line in lines} == {PUB}
