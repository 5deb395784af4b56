"""A second plan in the same style, with the variations real plans have, goes through unchanged code."""

from __future__ import annotations

import datetime as dt

from trilingual.model import Document


def texts(doc: Document, section_id: str) -> list[list[str]]:
    return [[s.text for s in p.sentences] for p in doc.section(section_id).paragraphs]


def test_metadata_with_a_chinese_date_and_crlf_lines(second_plan: Document) -> None:
    meta = second_plan.metadata
    assert meta.title.text == "江南省知识产权局2022年工作要点"
    assert meta.date == dt.date(2022, 3, 1)
    assert meta.issuer == "江南省知识产权局"
    assert meta.source_note == "来源：江南省知识产权局网站"
    assert meta.source_url == "https://ip.example.gov.cn/art/2022/3/1/art_1_2.html"
    assert "\r" not in second_plan.cleaned_text


def test_full_width_indentation_is_dropped(second_plan: Document) -> None:
    assert all(not s.text.startswith("\u3000") for s in second_plan.segments())
    assert texts(second_plan, "s0")[0][0].startswith("2022年全省知识产权工作的总体要求是：")


def test_numbering_past_ten(second_plan: Document) -> None:
    assert [s.label for s in second_plan.sections[1:]] == [
        "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二",
    ]  # fmt: skip
    assert [s.number for s in second_plan.sections] == list(range(13))


def test_title_standing_alone_takes_the_following_paragraphs(second_plan: Document) -> None:
    eleventh = second_plan.section("s11")
    assert eleventh.title is not None and eleventh.title.text == "加强组织保障"
    assert texts(second_plan, "s11") == [["各地要加强领导，确保各项任务落到实处。"]]
    second = second_plan.section("s2")
    assert second.title is not None and second.title.text == "促进知识产权运用。"
    assert len(second.paragraphs) == 2


def test_sub_items_are_paragraphs_of_their_section(second_plan: Document) -> None:
    assert texts(second_plan, "s2") == [
        ["（一）推进专利转化。", "全年实现专利转让许可1200件以上。"],
        ["（二）发展知识产权金融。", "扩大质押融资规模；", "探索证券化。"],
    ]


def test_page_break_inside_a_number_and_inside_a_title(second_plan: Document) -> None:
    assert "许可1200件以上" in second_plan.cleaned_text
    assert texts(second_plan, "s4") == [
        ["积极宣传《专利合作条约》和《工业品外观设计国际注册海牙协定》，服务企业“走出去”。"]
    ]


def test_title_without_bold_is_the_first_sentence(second_plan: Document) -> None:
    third = second_plan.section("s3")
    assert third.title is not None and third.title.text == "提升审查质量。"
    assert texts(second_plan, "s3") == [["优化审查流程，压缩审查周期。"]]
