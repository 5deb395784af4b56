"""QA checks, each on a small case where it must fire and one where it must not."""

from __future__ import annotations

from pathlib import Path

from trilingual.glossary import Glossary, Term
from trilingual.model import Segment
from trilingual.qa import Severity, check_segment, numbers
from trilingual.translations import State, Status, Translation

GLOSSARY = Glossary(
    Path("glossary.yml"),
    (
        Term(
            "ip-protection-center",
            "institution",
            {"zh": "知识产权保护中心", "ja": "知的財産権保護センター", "en": "IP protection center"},
            variants={"en": ("IP protection centre",)},
            forbidden={"en": ("intellectual property protection centre",)},
        ),
        Term(
            "ip",
            "ip-concept",
            {"zh": "知识产权", "ja": "知的財産権", "en": "intellectual property"},
            variants={"en": ("IP",)},
        ),
    ),
)


def findings(source: str, target: str | None, lang: str = "en", state: State = State.REVIEWED) -> set[str]:
    segment = Segment("s1.p1.s1", source)
    translation = None if target is None else Translation(segment.id, target, Status.REVIEWED, segment.hash)
    return {check for _, check, _ in check_segment(segment, translation, state, lang, GLOSSARY)}


def test_missing_and_empty() -> None:
    assert findings("新建20家。", None) == {"missing"}
    assert findings("新建20家。", "  ") == {"empty"}


def test_stale() -> None:
    assert "stale" in findings("新建20家。", "Build 20.", state=State.STALE)


def test_numbers_of_the_source_must_appear_in_the_translation() -> None:
    assert "number" in findings("新建20家左右知识产权保护中心。", "Build about twenty IP protection centers.")
    assert "number" not in findings("新建20家左右知识产权保护中心。", "Build about 20 IP protection centers.")
    assert "number" not in findings("完成1200件。", "Complete 1,200 cases.")
    assert numbers("２０２１年") == ["2021"]


def test_identical_to_source() -> None:
    assert "identical" in findings("加强保护。", "加强保护。", lang="ja")


def test_han_left_in_english_but_not_in_japanese() -> None:
    assert "han-in-latin" in findings("加强保护。", "Strengthen 保护.")
    assert "han-in-latin" not in findings("加强保护。", "保護を強化する。", lang="ja")


def test_unbalanced_brackets_and_quotes() -> None:
    assert "brackets" in findings("开展“回头看”。", "Conduct “look-back reviews.")
    assert "brackets" in findings("完成《指南》修改。", "『指南』（改正を完了する。", lang="ja")
    assert "brackets" not in findings("开展“回头看”。", "Conduct “look-back” reviews.")


def test_more_sentences_than_the_source() -> None:
    assert "sentences" in findings("加强保护。", "Strengthen protection. Improve it.")
    assert "sentences" in findings("加强保护。", "保護を強化する。改善する。", lang="ja")
    assert "sentences" not in findings("对美知识产权政策。", "Research on U.S. IP policy.")


def test_approved_term_must_be_used_longest_term_first() -> None:
    source = "新建知识产权保护中心。"
    assert "term-missing" in findings(source, "Build new IP rights centers.")
    assert "term-missing" not in findings(source, "Build new IP protection centers.")
    assert "term-missing" not in findings(source, "Build new IP protection centres."), "variants count"
    # 知识产权 inside 知识产权保护中心 is not checked on its own: only the longer term is reported.
    segment = Segment("x", source)
    translation = Translation("x", "Build new centers.", Status.DRAFT, segment.hash)
    messages = [
        m
        for _, check, m in check_segment(segment, translation, State.DRAFT, "en", GLOSSARY)
        if check == "term-missing"
    ]
    assert len(messages) == 1 and "知识产权保护中心" in messages[0]


def test_forbidden_rendering_is_an_error() -> None:
    segment = Segment("x", "新建知识产权保护中心。")
    translation = Translation(
        "x", "Build intellectual property protection centres.", Status.DRAFT, segment.hash
    )
    results = list(check_segment(segment, translation, State.DRAFT, "en", GLOSSARY))
    assert (Severity.ERROR, "term-forbidden") in {(severity, check) for severity, check, _ in results}
