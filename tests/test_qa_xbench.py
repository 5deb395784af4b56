"""The checks Xbench and Verifika make, across the library, and warnings accepted with a reason."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT, TWO_PLANS_GLOSSARY, make_project
from conftest import run_cli as run
from trilingual.model import Segment
from trilingual.qa import check_segment, chinese_numbers
from trilingual.translations import State, Status, Translation

SMALL_PLAN = FIXTURES / "small-plan"
ONLY_EN = ("--publication", "small-plan", "--lang", "en", "--no-terms")


def checks(source: str, target: str, language: str, segment_id: str = "s1.p1.s1") -> set[str]:
    segment = Segment(segment_id, source)
    translation = Translation(segment_id, target, Status.DRAFT, segment.hash, source=source)
    return {check for _, check, _ in check_segment(segment, translation, State.DRAFT, language, None)}


def test_chinese_numerals() -> None:
    assert chinese_numbers("“十四五”规划、党的十九大、第二十五次、一百零八项、二〇二一年") == [
        ("十四五", 14),
        ("十九", 19),
        ("二十五", 25),
        ("一百零八", 108),
        ("二〇二一", 2021),
    ]
    assert chinese_numbers("四个意识、十分重要、千方百计、三五成群、每万人") == [], "words, not figures"


def test_numerals_must_match_digits() -> None:
    source = "启动实施“十四五”规划，开展第二十五次集体学习。"
    assert "numeral" not in checks(
        source, "Launch the 14th Five-Year Plan and hold the 25th study session.", "en"
    )
    assert "numeral" in checks(
        source, "Launch the Fourteenth Five-Year Plan and hold the 25th study session.", "en"
    )
    assert "numeral" not in checks(source, "第14次5カ年計画を始動し、第25回集団学習を行う。", "ja")
    assert "numeral" in checks("专利增长百分之二十。", "Patents grow by 20.", "en"), "the per cent is gone"
    assert "numeral" not in checks("专利增长百分之二十。", "Patents grow by 20%.", "en")
    assert "numeral" not in checks("专利增长百分之三点五。", "専利が3.5パーセント増加する。", "ja")


def test_typography() -> None:
    assert "final-punctuation" in checks("加强保护。", "Strengthen protection", "en")
    assert "final-punctuation" not in checks("加强保护。", "Strengthen protection.", "en")
    assert "final-punctuation" not in checks("加强保护。", "Strengthen protection", "en", "s1.title"), (
        "an English heading takes no full stop"
    )
    assert "final-punctuation" in checks("加强保护。", "保護を強化する", "ja", "s1.title")
    assert "final-punctuation" not in checks("加强保护；", "保護を強化し、", "ja")
    assert "double-space" in checks("加强保护。", "Strengthen  protection.", "en")
    assert "repeated-word" in checks("加强保护。", "Strengthen the the protection.", "en")
    assert "repeated-word" in checks("加强保护。", "知的財産知的財産を保護する。", "ja")
    assert "repeated-word" not in checks("加强合作共赢。", "ますますウィンウィンの協力を強化する。", "ja")
    assert "half-width" in checks("加强保护。", "保護を強化する(TM5)。", "ja")
    assert "half-width" not in checks("加强保护。", "保護を強化する（TM5）。3.5%増。", "ja")
    assert not checks("加强保护。", "Strengthen protection.", "en")


def test_check_strict_passes_on_the_shipped_data(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "check", "--strict")
    assert code == 0, out + err
    code, out, _ = run(capsys, "check", "--format", "json")
    accepted = [f for f in json.loads(out) if f["accepted"]]
    assert accepted and all(f["severity"] == "warning" for f in accepted)


@pytest.fixture
def library(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project of two copies of a small, fully translated plan (tests/fixtures/small-plan),
    with the glossary of ``two_plans``: the checks' rules are tested on it, so that a
    translator's edit of the real plan cannot change what they see."""
    translations = tmp_path / "translations"
    translations.mkdir()
    shutil.copy(ROOT / "translations" / "ui.yml", translations / "ui.yml")
    (translations / "glossary.yml").write_text(TWO_PLANS_GLOSSARY, encoding="utf-8")
    for order, name in enumerate(("small-plan", "copy-plan"), start=1):
        shutil.copytree(SMALL_PLAN, translations / name)
        config = translations / name / "publication.yml"
        config.write_text(config.read_text(encoding="utf-8") + f"order: {order}\n", encoding="utf-8")
    root = make_project(tmp_path / "project", translations, home_only=True)
    monkeypatch.chdir(root)
    return root


def test_accepting_a_warning_once(library: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = library / "translations" / "small-plan" / "en.yml"
    text = path.read_text(encoding="utf-8")
    entry = "    source_hash: 53a4820630d2\n"
    assert text.count(entry) == 1
    code, out, err = run(capsys, "check", "--strict", *ONLY_EN)
    assert code == 0, out + err
    # a word twice: a warning; --strict fails
    path.write_text(
        text.replace("intellectual property", "intellectual intellectual property", 1), encoding="utf-8"
    )
    code, out, err = run(capsys, "check", "--strict", *ONLY_EN)
    assert code == 1 and "[repeated-word]" in out
    # accepted with a reason: reported as accepted, --strict passes
    accepted = path.read_text(encoding="utf-8").replace(
        entry, entry + "    accept:\n      repeated-word: kept as in the official English release\n"
    )
    path.write_text(accepted, encoding="utf-8")
    code, out, err = run(capsys, "check", "--strict", *ONLY_EN)
    assert code == 0 and "[repeated-word]" not in out and "1 accepted" in err, out + err
    code, out, _ = run(capsys, "check", *ONLY_EN[:-1], "--show-accepted")
    assert "accepted: s1.title" in out and "kept as in the official English release" in out
    # the warning gone, the acceptance is reported as no longer needed
    path.write_text(accepted.replace("intellectual intellectual", "intellectual"), encoding="utf-8")
    code, out, _ = run(capsys, "check", "--strict", *ONLY_EN)
    assert code == 1 and "[accept-unused]" in out


def test_errors_cannot_be_accepted(library: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = library / "translations" / "small-plan" / "ja.yml"
    code, out, _ = run(capsys, "check", "--lang", "ja", "--publication", "small-plan")
    assert code == 0, out
    text = path.read_text(encoding="utf-8")
    assert "3カ所" in text
    text = text.replace("3カ所", "三カ所")
    text = text.replace(
        "    source_hash: 47ab16feeccd\n", "    source_hash: 47ab16feeccd\n    accept:\n      number: no\n", 1
    )
    path.write_text(text, encoding="utf-8")
    code, out, _ = run(capsys, "check", "--lang", "ja", "--publication", "small-plan")
    assert code == 1 and "error: s1.p1.s1" in out and "[number]" in out


def test_inconsistency_across_the_library(library: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "check", "--lang", "en")
    assert "[inconsistent-library]" not in out, "the same sentence, the same translation"
    en = library / "translations" / "copy-plan" / "en.yml"
    text = en.read_text(encoding="utf-8")
    assert text.count("Build 15 information service outlets.") == 1
    en.write_text(text.replace("Build 15 information service outlets.",
                               "Set up 15 information service points."), encoding="utf-8")  # fmt: skip
    _, out, _ = run(capsys, "check", "--lang", "en", "--publication", "copy-plan")
    found = [line for line in out.splitlines() if "[inconsistent-library]" in line]
    assert len(found) == 1 and "small-plan/s2.p1.s1" in found[0] and "copy-plan/en.yml" in found[0]
    _, out, _ = run(capsys, "check", "--lang", "en", "--publication", "small-plan")
    assert "[inconsistent-library]" not in out, "the first rendering in library order is the reference"
