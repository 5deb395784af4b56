"""The house style (``trilingual.style``): each rule on a small case where it must fire and one
where it must not, then the rules reported by ``check`` at the entry's file:line."""

from __future__ import annotations

from pathlib import Path

import pytest

from trilingual.model import text_hash
from trilingual.publication import load_publication
from trilingual.qa import Severity, check_publication
from trilingual.style import check_text, curly, groupings


def issues(text: str, language: str, source: str = "") -> set[tuple[str, Severity]]:
    return {(issue.rule, issue.severity) for issue in check_text(text, source, language)}


# English


def test_straight_quotes_and_apostrophes_are_errors_in_english() -> None:
    assert issues("""Uphold the "Two Upholds".""", "en") == {("quotes", Severity.ERROR)}
    assert issues("General Secretary Xi Jinping's speech.", "en") == {("quotes", Severity.ERROR)}
    assert issues("General Secretary Xi Jinping’s speech on the “Two Upholds.”", "en") == set()


def test_the_remedy_shows_the_text_with_typographic_quotes() -> None:
    (issue,) = check_text("""the "Blue Sky" campaign""", "", "en")
    assert "“Blue Sky”" in issue.message()
    assert curly("""'look-back' and "Two Upholds," China's""") == "‘look-back’ and “Two Upholds,” China’s"


def test_full_width_and_cjk_punctuation_are_errors_in_english() -> None:
    assert issues("Around 20 centers，and more（new）.", "en") == {("full-width", Severity.ERROR)}
    assert issues("Launch the 2021 plan.", "en") == set()
    assert issues("Issue the 2０21 plan.", "en") == {("full-width", Severity.ERROR)}


def test_dates_are_day_month_year() -> None:
    assert issues("Issued on May 19, 2021.", "en") == {("date", Severity.WARNING)}
    assert issues("Issued on 19 May 2021.", "en") == set()


def test_spaces() -> None:
    assert issues("Strengthen  support.", "en") == {("spaces", Severity.WARNING)}
    assert issues("Strengthen support .", "en") == {("spaces", Severity.WARNING)}
    assert issues(" Strengthen support.", "en") == {("spaces", Severity.WARNING)}
    assert issues("強化する。  次に", "ja") == {("spaces", Severity.WARNING)}
    assert issues("強化 する。", "ja") == {("spaces", Severity.WARNING)}
    assert issues("TM5 及び ID5", "ja") == set(), "a space next to Latin text is the writer's choice"


# Japanese


@pytest.mark.parametrize(
    "text", ["世界知的所有権機関(WIPO)", "強化し,推進する", "次のとおり:", "重要;", "なぜ?"]
)
def test_half_width_punctuation_is_an_error_in_japanese(text: str) -> None:
    assert issues(text, "ja") == {("half-width", Severity.ERROR)}


@pytest.mark.parametrize(
    "text", ["世界知的所有権機関（WIPO）", "1,000件", "12:30に", "https://www.cnipa.gov.cn"]
)
def test_full_width_brackets_and_numbers_with_separators_pass(text: str) -> None:
    assert issues(text, "ja") == set()


def test_digits_and_latin_letters_are_half_width_in_japanese() -> None:
    assert issues("２０２１年のＴＭ５会合", "ja") == {("digits", Severity.WARNING)}
    (issue,) = check_text("２０２１年", "", "ja")
    assert "2021" in issue.remedy
    assert issues("2021年のTM5会合", "ja") == set()


def test_titles_and_quotations_take_japanese_marks() -> None:
    assert issues("《商標法》を改正する", "ja") == {("marks", Severity.ERROR)}
    assert issues("“藍天”特別行動", "ja") == {("marks", Severity.WARNING)}
    assert issues("強化し，推進する．", "ja") == {("marks", Severity.WARNING)}
    assert issues("『商標法』を改正し、「藍天」特別行動を展開する。", "ja") == set()


# Country order


def test_groupings_are_read_in_order_in_each_language() -> None:
    assert [g.codes for g in groupings("办好中美欧日韩商标五局会议，中日韩、中国—东盟等会议", "zh")] == [
        ("CN", "US", "EU", "JP", "KR"),
        ("CN", "JP", "KR"),
        ("CN", "ASEAN"),
    ]
    assert [g.codes for g in groupings("日米欧中韓及び中・米・欧・日・韓、中国・ASEAN", "ja")] == [
        ("JP", "US", "EU", "CN", "KR"),
        ("CN", "US", "EU", "JP", "KR"),
        ("CN", "ASEAN"),
    ]
    text = "of China, the US, the EU, Japan, and Korea, and the China–Japan–Korea, China–ASEAN meetings"
    assert [g.codes for g in groupings(text, "en")] == [
        ("CN", "US", "EU", "JP", "KR"),
        ("CN", "JP", "KR"),
        ("CN", "ASEAN"),
    ]
    assert groupings("中央の決定、日常の監督", "zh") == [], "single characters are no grouping"


def test_a_grouping_reordered_from_the_source_is_reported() -> None:
    source = "办好中美欧日韩商标五局和中日韩局长会议。"
    assert issues("日米欧中韓の商標五庁及び日中韓長官会合", "ja", source) == {
        ("country-order", Severity.WARNING)
    }
    assert issues("中・米・欧・日・韓の商標五庁及び中日韓長官会合", "ja", source) == set()
    assert issues("the TM5 of the US, the EU, Japan, China and Korea", "en", source) == {
        ("country-order", Severity.WARNING)
    }
    assert (
        issues(
            "the TM5 of China, the US, the EU, Japan and Korea, the China–Japan–Korea meeting", "en", source
        )
        == set()
    )
    assert issues("日中韓", "ja", "加强区域合作。") == set(), "no grouping in the source: nothing to compare"


# Reported by check


SOURCE = """# 江南省知识产权局 2022 年工作要点

发布日期：2022年3月1日

2022年的总体要求是：加强合作。

**一、加强合作。**办好中美欧日韩商标五局会议。加强宣传。
"""


def write_translations(folder: Path, language: str, texts: dict[str, str]) -> None:
    sources = {"s1.title": "加强合作。", "s1.p1.s1": "办好中美欧日韩商标五局会议。", "s1.p1.s2": "加强宣传。"}
    lines = [f"language: {language}", "segments:"]
    for segment_id, text in texts.items():
        source = sources[segment_id]
        lines += [
            f"  {segment_id}:",
            f"    source: {source}",
            f"    text: {text}",
            "    status: draft",
            "    origin: human",
            f"    source_hash: {text_hash(source)}",
        ]
    (folder / f"{language}.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_check_reports_style_at_the_entrys_line(tmp_path: Path) -> None:
    folder = tmp_path / "jiangnan-2022"
    folder.mkdir()
    (folder / "source.zh.md").write_text(SOURCE, encoding="utf-8")
    (folder / "publication.yml").write_text(
        "source: source.zh.md\nsource_language: zh-Hans\n", encoding="utf-8"
    )
    write_translations(
        folder,
        "ja",
        {"s1.p1.s1": "日米欧中韓の商標五庁会合を開催する(TM5)。", "s1.p1.s2": "宣伝を強化する。"},
    )
    write_translations(
        folder, "en", {"s1.title": "Strengthen cooperation", "s1.p1.s2": 'Step up "publicity".'}
    )
    publication = load_publication(folder, ["ja", "en"])
    style = {
        (f.language, f.segment_id, f.check, f.severity, f.line)
        for f in check_publication(publication, None, ["ja", "en"])
        if f.check.startswith("style-")
    }
    assert style == {
        ("ja", "s1.p1.s1", "style-half-width", Severity.ERROR, 5),
        ("ja", "s1.p1.s1", "style-country-order", Severity.WARNING, 5),
        ("en", "s1.p1.s2", "style-quotes", Severity.ERROR, 11),
    }
    message = next(str(f) for f in check_publication(publication, None, ["en"]) if f.check == "style-quotes")
    assert message.startswith(f"{folder / 'en.yml'}:11: error: s1.p1.s2:") and "“publicity”" in message
