"""Bad input is refused clearly and nothing is lost: size limits, paths, encodings, interrupted writes."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import make_project
from trilingual.cli import main
from trilingual.errors import SourceError, TranslationError
from trilingual.files import atomic_write
from trilingual.ingest import ingest, parse
from trilingual.publication import load_config
from trilingual.yamlfile import read

PUB = "cnipa-2021-work-plan"


def test_an_enormous_source_is_refused_before_it_is_read(tmp_path: Path) -> None:
    source = tmp_path / "source.zh.md"
    line = "**一、加强保护。**" + "新建保护中心。" * 200 + "\n\n"
    with source.open("w", encoding="utf-8") as handle:
        handle.write("# 工作要点\n\n")
        while handle.tell() < 10 * 1024 * 1024:
            handle.write(line)
    with pytest.raises(SourceError, match="limit") as caught:
        ingest(source, "big")
    assert "split it" in str(caught.value)


def test_a_source_outside_the_publication_folder_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "evil"
    folder.mkdir()
    (folder / "publication.yml").write_text("source: ../../../etc/passwd\n", encoding="utf-8")
    with pytest.raises(TranslationError, match="outside the publication folder") as caught:
        load_config(folder)
    assert caught.value.line == 1


@pytest.mark.parametrize("name", ["Bad Name", "..x", "x.y", "-x", "ÜBER"])
def test_publication_folder_names_must_be_safe_ids(tmp_path: Path, name: str) -> None:
    folder = tmp_path / name
    folder.mkdir()
    (folder / "publication.yml").write_text("source: source.zh.md\n", encoding="utf-8")
    with pytest.raises(TranslationError, match="invalid publication id"):
        load_config(folder)


def test_a_path_traversing_publication_argument_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(make_project(tmp_path / "project"))
    assert main(["status", "--publication", "../x"]) == 2
    assert "no publication '../x'" in capsys.readouterr().err


def test_a_gb18030_source_with_characters_beyond_gbk(tmp_path: Path) -> None:
    text = "# 工作要点\n\n**一、保护。**保护𠀀字与“引号”。\n"
    (tmp_path / "s.md").write_bytes(text.encode("gb18030"))
    assert ingest(tmp_path / "s.md", "x").section("s1").paragraphs[0].text == "保护𠀀字与“引号”。"


def test_an_interrupted_write_leaves_the_file_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "ja.yml"
    path.write_text("# 翻訳者のコメント\nsegments: {}\n", encoding="utf-8")

    def interrupted(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        atomic_write(path, "half")
    assert path.read_text(encoding="utf-8") == "# 翻訳者のコメント\nsegments: {}\n"
    assert [p.name for p in tmp_path.iterdir()] == ["ja.yml"], "no temporary file left behind"


def test_an_interrupted_import_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_project(tmp_path / "project")
    monkeypatch.chdir(root)
    assert main(["export", "--lang", "en", "-o", str(tmp_path / "x")]) == 0
    xlf = tmp_path / "x" / f"{PUB}.en.xlf"
    title = read(root / "translations" / PUB / "en.yml")["segments"]["title"]["text"]
    exported = xlf.read_text(encoding="utf-8")
    assert exported.count(f">{title}<") == 1, "the title's translation is exported"
    xlf.write_text(exported.replace(f">{title}<", f">{title} (revised)<"), encoding="utf-8")
    before = {p: p.read_bytes() for p in (root / "translations").rglob("*.yml")}
    monkeypatch.setattr(os, "replace", lambda *a: (_ for _ in ()).throw(KeyboardInterrupt()))
    with pytest.raises(KeyboardInterrupt):
        main(["import", str(xlf)])
    assert {p: p.read_bytes() for p in (root / "translations").rglob("*.yml")} == before


# -- properties of the text transforms -----------------------------------------------------------------

HAN = "知识产权保护中心加强建设推进工作完善体系服务运用审查质量专利商标地理标志"
words = st.text(alphabet=HAN + "0123456789，、", max_size=15)
quoted = st.one_of(
    st.just(""), st.builds(lambda q, w: q[0] + w + q[1], st.sampled_from(["《》", "“”"]), words)
)
sentence = st.builds(
    lambda head, quote, tail, end: head + quote + tail + end,
    st.text(alphabet=HAN, min_size=1, max_size=3),
    quoted,
    words,
    st.sampled_from("。！？；"),
)
paragraph = st.lists(sentence, min_size=1, max_size=4)
section = st.tuples(
    st.text(alphabet=HAN, min_size=2, max_size=12), st.lists(paragraph, min_size=1, max_size=3)
)
plan = st.tuples(paragraph, st.lists(section, min_size=1, max_size=12))
NUMERALS = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"]


def render(
    draw_plan: tuple[list[str], list[tuple[str, list[list[str]]]]],
    breaks: list[int],
    spaces: bool,
    crlf: bool,
    indent: bool,
) -> str:
    """Write a generated plan as a converted PDF would: page breaks, PDF spaces, CRLF, indentation."""
    preamble, sections = draw_plan
    blocks = ["".join(preamble)]
    for number, (title, paragraphs) in enumerate(sections):
        texts = ["".join(p) for p in paragraphs]
        blocks.append(f"**{NUMERALS[number]}、{title}。**{texts[0]}")
        blocks.extend(texts[1:])
    broken = []
    for index, block in enumerate(blocks):
        cut = breaks[index % len(breaks)] % max(len(block), 1)
        head, tail = block[:cut], block[cut:]
        # A page break falls anywhere except right after final punctuation (that is a real paragraph end).
        if head and tail and not head.endswith(tuple("。！？；**")) and not head.endswith("**"):
            broken += [head, tail]
        else:
            broken.append(block)
    if spaces:
        broken = [re.sub(r"(?<=[^\d\s*])(?=\d)|(?<=\d)(?=[^\d\s*])", " ", b) for b in broken]
    prefix = "\u3000\u3000" if indent else ""
    text = (
        "# 某局 2021 年工作要点\n\n发布时间：2021-05-19\n\n" + "\n\n".join(prefix + b for b in broken) + "\n"
    )
    return text.replace("\n", "\r\n") if crlf else text


@settings(max_examples=200, deadline=None)
@given(
    plan, st.lists(st.integers(0, 200), min_size=1, max_size=5), st.booleans(), st.booleans(), st.booleans()
)
def test_ingestion_recovers_every_sentence_whatever_the_artifacts(
    generated: tuple[list[str], list[tuple[str, list[list[str]]]]],
    breaks: list[int],
    spaces: bool,
    crlf: bool,
    indent: bool,
) -> None:
    text = render(generated, breaks, spaces, crlf, indent)
    document = parse(text, "generated")
    assert parse(text, "generated") == document, "ingesting twice gives the same document"
    preamble, sections = generated
    expected = [preamble] + [sentences for _, paragraphs in sections for sentences in paragraphs]
    got = [s.text for sec in document.sections for p in sec.paragraphs for s in p.sentences]
    assert got == [s for sentences in expected for s in sentences], "every sentence, whole and in order"
    assert [s.title.text if s.title else None for s in document.sections] == [None] + [
        f"{t}。" for t, _ in sections
    ]
