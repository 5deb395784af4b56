"""The text transforms ingestion is built from."""

from __future__ import annotations

import pytest

from trilingual.chinese import (
    chinese_numeral_value,
    ends_paragraph,
    join_broken,
    normalize_spaces,
    split_sentences,
    unescape_markdown,
)


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("国家知识产权局 2021 年工作要点", "国家知识产权局2021年工作要点"),
        ("新建 20 家左右", "新建20家左右"),
        ("完成 100 家技术与创新支持中心", "完成100家技术与创新支持中心"),
        ("落实 RCEP 协定", "落实RCEP协定"),
        ("“四个意识” 、坚定", "“四个意识”、坚定"),
        ("World Intellectual Property Organization", "World Intellectual Property Organization"),
        ("WIPO 2021 report", "WIPO 2021 report"),
    ],
)
def test_pdf_spaces_next_to_cjk_are_removed_and_latin_spaces_kept(raw: str, clean: str) -> None:
    assert normalize_spaces(raw) == clean


def test_full_width_punctuation_is_kept() -> None:
    text = "增强“四个意识”、坚定“四个自信”；完成《专利审查指南》修改。"
    assert normalize_spaces(text) == text


def test_sentences_split_after_final_punctuation_keeping_closers() -> None:
    text = "巩固深化中央巡视整改成果，适时开展“回头看。”支持配合工作；自觉接受监督！是否？余下"
    assert split_sentences(text) == [
        "巩固深化中央巡视整改成果，适时开展“回头看。”",
        "支持配合工作；",
        "自觉接受监督！",
        "是否？",
        "余下",
    ]


def test_commas_and_enumeration_marks_do_not_split() -> None:
    text = "加强工妇、团青、统战和老干部工作，推动文明和谐机关建设。"
    assert split_sentences(text) == [text]


def test_bracketed_sentence_end_stays_with_its_sentence() -> None:
    assert split_sentences("见《办法》。（试行。）下一句。") == ["见《办法》。", "（试行。）", "下一句。"]


@pytest.mark.parametrize(
    ("text", "complete"),
    [
        ("做好建党100周年庆", False),
        ("加快完成我国加入《工业品外观设计国际注册海牙协定》工", False),
        ("加强统筹，", False),
        ("推动文明和谐机关建设。", True),
        ("主要任务如下：", True),
        ("服务企业“走出去”。”", True),
        ("**一、讲政治守纪律。**", True),
    ],
)
def test_a_paragraph_is_complete_only_after_final_punctuation(text: str, complete: bool) -> None:
    assert ends_paragraph(text) is complete


def test_broken_halves_join_directly_except_between_latin_words() -> None:
    assert join_broken("建党100周年庆", "祝活动") == "建党100周年庆祝活动"
    assert join_broken("许可 1", "200 件") == "许可 1200 件"
    assert join_broken("the Hague", "Agreement") == "the Hague Agreement"


@pytest.mark.parametrize(
    ("numeral", "value"),
    [
        ("一", 1),
        ("八", 8),
        ("十", 10),
        ("十一", 11),
        ("十二", 12),
        ("二十", 20),
        ("二十三", 23),
        ("一百零五", 105),
    ],
)
def test_chinese_numerals(numeral: str, value: int) -> None:
    assert chinese_numeral_value(numeral) == value


def test_not_a_numeral_is_refused() -> None:
    with pytest.raises(ValueError):
        chinese_numeral_value("甲")


def test_markdown_escapes_are_undone_even_when_doubled() -> None:
    assert unescape_markdown(r"art\\_92\\_159514.html") == "art_92_159514.html"
    assert unescape_markdown(r"a\_b \*c\*") == "a_b *c*"
