"""Translations stay on their sentence: alignment finds what each translation translates."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from conftest import PLAN_2021, make_project
from trilingual.align import Kind, align, diff_marked
from trilingual.ingest import parse
from trilingual.model import Document, Segment
from trilingual.publication import Publication, load_publication
from trilingual.qa import check_publication
from trilingual.translations import State, Status, Translation, TranslationFile, load_translation_file

PUB = "cnipa-2021-work-plan"


def entry(segment: Segment, text: str, status: Status = Status.REVIEWED) -> Translation:
    return Translation(segment.id, text, status, segment.hash, source=segment.text)


def file_for(document: Document) -> TranslationFile:
    """A translation file whose every text names its source: 〈source〉."""
    file = TranslationFile(Path("ja.yml"), "ja")
    for segment in document.segments():
        file.entries[segment.id] = entry(segment, f"〈{segment.text}〉")
    return file


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path / "project")


def revise(root: Path, old: str, new: str) -> None:
    source = root / "translations" / PUB / "source.zh.md"
    text = source.read_text(encoding="utf-8")
    assert old in text
    source.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_an_unchanged_file_is_kept_as_it_is(plan_2021: Document) -> None:
    alignment = align(plan_2021, file_for(plan_2021))
    assert not alignment.needs_realign and not alignment.homeless
    assert {p.kind for p in alignment.placed.values()} == {Kind.KEPT}


def test_a_sentence_inserted_near_the_start_of_a_paragraph_moves_nobody(project: Path) -> None:
    """The issue's first report: 7 of 8 translations of a paragraph beside the wrong sentence."""
    before = load_publication(project / "translations" / PUB, ["ja", "en"])
    paragraph = before.document.section("s3").paragraphs[1]
    texts = {s.id: s.text for s in paragraph.sentences}
    first = paragraph.sentences[0].text
    # The source is verbatim PDF text: insert after the first sentence's last characters.
    revise(
        project, "制修订。" if first.endswith("制修订。") else first[-6:], first[-6:] + "新增一句测试文字。"
    )
    after = load_publication(project / "translations" / PUB, ["ja", "en"])
    moved = after.document.section("s3").paragraphs[1].sentences
    assert moved[1].text == "新增一句测试文字。"
    for language in ("ja", "en"):
        assert after.state(language, moved[1]) is State.MISSING
        assert after.translation(language, moved[0]) == dataclasses.replace(
            before.translation(language, paragraph.sentences[0]), segment_id=moved[0].id
        )
        for old_id, segment in zip(list(texts)[1:], moved[2:], strict=True):
            old = before.translations[language].entries[old_id]
            shown = after.translation(language, segment)
            assert shown is not None and shown.text == old.text and shown.source == texts[old_id]
            assert after.state(language, segment) is State(old.status.value)
        findings = check_publication(after, None, [language])
        assert {f.check for f in findings if f.severity == "error"} == {"realign"}


def test_an_edited_sentence_is_stale_and_shows_the_difference(project: Path) -> None:
    revise(project, "新建 20 家左右", "新建 30 家左右")
    publication = load_publication(project / "translations" / PUB, ["ja", "en"])
    segment = publication.document.segment_map()["s3.p3.s2"]
    assert publication.state("en", segment) is State.STALE
    stale = [f for f in check_publication(publication, None, ["en"]) if f.check == "stale"]
    assert len(stale) == 1 and "新建[-2-]{+3+}0家左右" in stale[0].message
    assert not publication.alignments["en"].needs_realign


def test_a_translation_of_another_sentence_is_never_shown(plan_2021: Document) -> None:
    """An entry filed under an id whose sentence it does not translate: missing, realign."""
    file = file_for(plan_2021)
    a, b = "s2.p1.s1", "s5.p1.s1"
    file.entries[a], file.entries[b] = (
        dataclasses.replace(file.entries[b], segment_id=a),
        dataclasses.replace(file.entries[a], segment_id=b),
    )
    alignment = align(plan_2021, file)
    segments = plan_2021.segment_map()
    for sid in (a, b):
        shown = alignment.translation(sid)
        assert shown is not None and shown.source == segments[sid].text
        assert alignment.placed[sid].kind is Kind.MOVED
    assert alignment.needs_realign


def test_an_unrelated_translation_under_an_id_is_homeless(plan_2021: Document) -> None:
    file = file_for(plan_2021)
    sid = "s4.p1.s2"
    other = Segment(sid, "完全不同的一句话，与原文无关。")
    file.entries[sid] = entry(other, "unrelated")
    alignment = align(plan_2021, file)
    assert alignment.translation(sid) is None
    assert [e.text for e in alignment.homeless] == ["unrelated"]


def test_a_legacy_entry_without_source_is_placed_by_its_hash_only(plan_2021: Document) -> None:
    file = file_for(plan_2021)
    sid = "s4.p1.s2"
    file.entries[sid] = Translation(sid, "old", Status.REVIEWED, "0123456789ab")
    alignment = align(plan_2021, file)
    assert alignment.translation(sid) is None and [e.text for e in alignment.homeless] == ["old"]


def test_split_and_merge(plan_2021: Document) -> None:
    file = file_for(plan_2021)
    source = PLAN_2021.read_text(encoding="utf-8")
    sentence = plan_2021.segment_map()["s2.p1.s1"].text
    cut = len(sentence) // 2
    # Split s2.p1.s1 into two sentences, and merge s5.p1.s1 with s5.p1.s2.
    s5 = plan_2021.segment_map()["s5.p1.s1"].text
    edited = parse(source, PUB)
    sections = []
    for section in edited.sections:
        paragraphs = []
        for paragraph in section.paragraphs:
            texts = [s.text for s in paragraph.sentences]
            if texts[0] == sentence:
                texts[0:1] = [sentence[:cut] + "。", sentence[cut:]]
            if texts[0] == s5:
                texts[0:2] = [texts[0][:-1] + "，" + texts[1]]
            sentences = tuple(Segment(f"{paragraph.id}.s{i}", t) for i, t in enumerate(texts, 1))
            paragraphs.append(dataclasses.replace(paragraph, sentences=sentences))
        sections.append(dataclasses.replace(section, paragraphs=tuple(paragraphs)))
    document = dataclasses.replace(edited, sections=tuple(sections))
    alignment = align(document, file)
    split = alignment.placed["s2.p1.s1"]
    assert split.kind is Kind.SPLIT and split.translation.text == f"〈{sentence}〉"
    assert "s2.p1.s2" not in alignment.placed or alignment.placed["s2.p1.s2"].kind is not Kind.SPLIT
    merged = alignment.placed["s5.p1.s1"]
    assert merged.kind is Kind.MERGED and len(merged.entries) == 2
    assert merged.translation.text == "".join(e.text for e in merged.entries)
    segments = document.segment_map()
    for sid in ("s2.p1.s1", "s5.p1.s1"):
        assert alignment.translation(sid) is not None
        assert alignment.translation(sid).source_hash != segments[sid].hash, "stale, never reviewed"


def test_diff_marking() -> None:
    assert diff_marked("新建20家", "新建30家") == "新建[-2-]{+3+}0家"
    assert diff_marked("abc", "abc") == "abc"


def test_publication_view_uses_alignment(project: Path) -> None:
    publication: Publication = load_publication(project / "translations" / PUB, ["ja"])
    file = load_translation_file(project / "translations" / PUB / "ja.yml", "ja")
    for segment in publication.document.segments():
        assert publication.translation("ja", segment) == file.entries[segment.id]
