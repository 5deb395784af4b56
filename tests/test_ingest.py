"""Ingestion of the 2021 plan: metadata, page-break repairs, spacing, structure, ids."""

from __future__ import annotations

import datetime as dt
import re

from conftest import PLAN_2021
from trilingual.ingest import ingest, parse
from trilingual.model import Document


def sentence(doc: Document, segment_id: str) -> str:
    return doc.segment_map()[segment_id].text


def test_metadata_is_read_from_the_text(plan_2021: Document) -> None:
    meta = plan_2021.metadata
    assert meta.title.text == "国家知识产权局2021年工作要点"
    assert meta.date == dt.date(2021, 5, 19)
    assert meta.issuer == "国家知识产权局"
    assert meta.source_note == "出所：2021年5月19日付け中国国家知識産権局ウェブサイト"


def test_source_url_loses_the_doubled_markdown_escapes(plan_2021: Document) -> None:
    assert plan_2021.metadata.source_url == "https://www.cnipa.gov.cn/art/2021/5/19/art_92_159514.html"


def test_metadata_and_closing_note_are_not_body_text(plan_2021: Document) -> None:
    body = plan_2021.cleaned_text
    assert "发布时间" not in body
    assert "出所" not in body
    assert "https://" not in body


def test_the_five_page_breaks_are_repaired(plan_2021: Document) -> None:
    body = plan_2021.cleaned_text
    for repaired in (
        "做好建党100周年庆祝活动",
        "在主持中央政治局第二十五次集体学习时重要讲话精神的意见",
        "《工业品外观设计国际注册海牙协定》工作。",
        "做好相关知识产权创造和储备。",
        "全国知识产权宣传周等大型活动",
    ):
        assert repaired in body


def test_repaired_paragraphs_are_one_paragraph_each(plan_2021: Document) -> None:
    # Counted by hand from the source: one paragraph per blank-line block, minus the five breaks.
    counts = {section.id: len(section.paragraphs) for section in plan_2021.sections}
    assert counts == {"s0": 1, "s1": 1, "s2": 1, "s3": 3, "s4": 2, "s5": 2, "s6": 2, "s7": 2, "s8": 2}


def test_repaired_sentence_is_whole(plan_2021: Document) -> None:
    assert (
        sentence(plan_2021, "s1.p1.s4")
        == "按照党中央统一部署，做好建党100周年庆祝活动，抓好党史学习教育，加强意识形态工作。"
    )
    assert sentence(plan_2021, "s7.p1.s1") == (
        "积极参与世界知识产权组织多边事务，加快完成我国加入《工业品外观设计国际注册海牙协定》工作。"
    )


def test_pdf_spaces_are_gone_and_nothing_else_changed(plan_2021: Document) -> None:
    for segment in plan_2021.segments():
        assert not re.search(r"\s", segment.text), segment.id
        assert "**" not in segment.text, segment.id
    assert "新建20家左右知识产权保护中心" in plan_2021.cleaned_text
    assert "完成100家技术与创新支持中心" in plan_2021.cleaned_text
    # Full-width punctuation as in the source.
    assert "增强“四个意识”、坚定“四个自信”、做到“两个维护”，" in plan_2021.cleaned_text


def test_preamble_and_eight_numbered_sections(plan_2021: Document) -> None:
    assert [s.id for s in plan_2021.sections] == [f"s{n}" for n in range(9)]
    assert [s.label for s in plan_2021.sections] == ["", *"一二三四五六七八"]
    preamble = plan_2021.sections[0]
    assert preamble.title is None
    assert preamble.paragraphs[0].text.startswith("国家知识产权局2021年工作的总体要求是：")


def test_bold_title_opens_the_first_paragraph_and_is_split_from_it(plan_2021: Document) -> None:
    first = plan_2021.section("s1")
    assert first.title is not None
    assert first.title.id == "s1.title"
    assert first.title.text == "讲政治守纪律，持续深化全面从严治党。"
    assert first.paragraphs[0].sentences[0].text == (
        "要坚持把学习贯彻习近平新时代中国特色社会主义思想作为首要政治任务，持续强化理论武装。"
    )
    last = plan_2021.section("s8")
    assert last.title is not None and last.title.text == "强队伍优保障，为事业发展提供有力支撑。"
    assert last.paragraphs[-1].text.endswith("完善全局办公运行体系。")


def test_section_boundaries_follow_the_numbering(plan_2021: Document) -> None:
    # The second paragraph of section 三 starts a topic of its own but belongs to 三 until 四、.
    assert plan_2021.section("s3").paragraphs[1].text.startswith("加快推进相关法律制度建设。")
    assert plan_2021.section("s4").paragraphs[0].text.startswith("建立和完善专利、商标全流程审查质量管控机制")


def test_sentences_split_after_full_stops_and_semicolons(plan_2021: Document) -> None:
    paragraph = plan_2021.section("s5").paragraphs[1]
    assert [s.id for s in paragraph.sentences][:4] == ["s5.p2.s1", "s5.p2.s2", "s5.p2.s3", "s5.p2.s4"]
    assert paragraph.sentences[0].text == "促进产业发展。"
    assert paragraph.sentences[3].text == "配合实施产业基础再造工程，做好相关知识产权创造和储备。"
    assert paragraph.sentences[2].text.endswith("助力破解“卡脖子”问题；")


def test_segment_ids_are_unique_and_well_formed(plan_2021: Document) -> None:
    ids = [segment.id for segment in plan_2021.segments()]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"title|s\d+\.title|s\d+\.p\d+\.s\d+", i) for i in ids)


def test_ingesting_twice_gives_the_same_document(plan_2021: Document) -> None:
    again = ingest(PLAN_2021, "cnipa-2021-work-plan")
    assert again == plan_2021
    assert [(s.id, s.hash) for s in again.segments()] == [(s.id, s.hash) for s in plan_2021.segments()]


def test_a_changed_sentence_changes_only_its_own_hash(plan_2021: Document) -> None:
    text = PLAN_2021.read_text(encoding="utf-8").replace("新建 20 家左右", "新建 30 家左右")
    changed = parse(text, "cnipa-2021-work-plan")
    before = {s.id: s.hash for s in plan_2021.segments()}
    after = {s.id: s.hash for s in changed.segments()}
    assert before.keys() == after.keys()
    assert [i for i in before if before[i] != after[i]] == ["s3.p3.s2"]


def test_segments_know_the_source_line_they_come_from(plan_2021: Document) -> None:
    lines = PLAN_2021.read_text(encoding="utf-8").splitlines()
    title = plan_2021.section("s1").title
    assert title is not None
    assert lines[title.line - 1].startswith("**一、讲政治守纪律")
    assert lines[plan_2021.section("s8").line - 1].startswith("**八、")
