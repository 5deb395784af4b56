"""Glossary order: Chinese by pinyin, Japanese by kana, English alphabetically."""

from __future__ import annotations

from trilingual.collation import index_letter, pinyin, sort_key


def ordered(language: str, items: list[tuple[str, str]]) -> list[str]:
    return [term for term, _ in sorted(items, key=lambda i: sort_key(language, i[0], i[1]))]


def test_chinese_sorts_by_pinyin_not_by_code_point() -> None:
    terms = [("专利", ""), ("商标", ""), ("地理标志", ""), ("“十四五”规划", ""), ("知识产权", "")]
    assert ordered("zh", terms) == ["地理标志", "商标", "“十四五”规划", "知识产权", "专利"]
    assert pinyin("知识产权") == "zhi shi chan quan"


def test_japanese_sorts_by_kana_reading_with_katakana_folded() -> None:
    terms = [
        ("専利", "せんり"),
        ("意匠", "いしょう"),
        ("ガバナンス", ""),
        ("地理的表示", "ちりてきひょうじ"),
        ("商標", "しょうひょう"),
    ]
    assert ordered("ja", terms) == ["意匠", "ガバナンス", "商標", "専利", "地理的表示"]


def test_english_ignores_case_articles_and_quotes() -> None:
    terms = [
        ("the Belt and Road", ""),
        ("“Blue Sky” campaign", ""),
        ("abnormal patent application", ""),
        ("IP", ""),
    ]
    assert ordered("en", terms) == [
        "abnormal patent application",
        "the Belt and Road",
        "“Blue Sky” campaign",
        "IP",
    ]


def test_index_letters() -> None:
    assert index_letter("zh", "知识产权") == "Z"
    assert index_letter("ja", "専利", "せんり") == "さ"
    assert index_letter("ja", "ガバナンス") == "か"
    assert index_letter("ja", "地理的表示", "ちりてきひょうじ") == "た"
    assert index_letter("en", "the Belt and Road") == "B"
    assert index_letter("en", "100th anniversary") == "#"
