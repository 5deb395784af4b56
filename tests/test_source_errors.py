"""Bad sources are refused with the file, the line and what to do — and nothing is written."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import ROOT
from trilingual.config import SiteLanguages
from trilingual.errors import SourceError, UserError
from trilingual.generate import generate
from trilingual.ingest import ingest, parse

LANGS = SiteLanguages("zh", ("ja", "en"))


def error_of(text: str) -> SourceError:
    with pytest.raises(SourceError) as caught:
        parse(text, "bad", path="bad.zh.md")
    return caught.value


def test_no_title() -> None:
    error = error_of("\n发布时间：2021-05-19\n\n**一、标题。**正文。\n")
    assert error.path == "bad.zh.md" and error.line == 2
    assert "no title" in str(error) and "'# '" in str(error)


def test_empty_source() -> None:
    assert "empty" in str(error_of("\n\n  \n"))


def test_no_sections() -> None:
    error = error_of("# 某局工作要点\n\n总体要求是：做好工作。\n")
    assert error.line == 3
    assert "no numbered sections" in str(error)


def test_two_sections_with_the_same_number() -> None:
    error = error_of("# 工作要点\n\n**一、甲。**正文。\n\n**二、乙。**正文。\n\n**二、丙。**正文。\n")
    assert error.line == 7
    assert "appears twice (first on line 5)" in str(error)


def test_a_gap_in_the_numbering() -> None:
    error = error_of("# 工作要点\n\n**一、甲。**正文。\n\n**三、丙。**正文。\n")
    assert error.line == 5 and "expected 2" in str(error)


def test_a_section_heading_with_no_body() -> None:
    error = error_of("# 工作要点\n\n**一、甲**\n\n**二、乙。**正文。\n")
    assert error.line == 3 and "no text" in str(error)


def test_an_unreadable_encoding(tmp_path: Path) -> None:
    source = tmp_path / "source.zh.md"
    source.write_bytes(
        "# 工作要点\n\n**一、甲。**正文。\n".encode("shift_jis", errors="replace") + b"\xff\xfe\x80"
    )
    with pytest.raises(SourceError) as caught:
        ingest(source, "bad")
    assert str(source) in str(caught.value) and "UTF-8" in str(caught.value)


def test_gbk_and_bom_sources_are_decoded(tmp_path: Path) -> None:
    text = "# 工作要点\r\n\r\n**一、加强保护。**新建20家保护中心。\r\n"
    (tmp_path / "gbk.md").write_bytes(text.encode("gbk"))
    (tmp_path / "bom.md").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    for name in ("gbk.md", "bom.md"):
        doc = ingest(tmp_path / name, "ok")
        assert doc.metadata.title.text == "工作要点"
        assert doc.section("s1").paragraphs[0].text == "新建20家保护中心。"


def test_a_bad_source_writes_nothing(tmp_path: Path) -> None:
    translations = tmp_path / "translations"
    shutil.copytree(ROOT / "translations", translations)
    docs = tmp_path / "docs"
    generate(translations, docs, LANGS)
    before = {p: p.read_bytes() for p in docs.rglob("*") if p.is_file()}
    source = translations / "cnipa-2021-work-plan" / "source.zh.md"
    source.write_text(source.read_text(encoding="utf-8").replace("**二、", "**一、"), encoding="utf-8")
    with pytest.raises(UserError, match="appears twice"):
        generate(translations, docs, LANGS)
    assert {p: p.read_bytes() for p in docs.rglob("*") if p.is_file()} == before
