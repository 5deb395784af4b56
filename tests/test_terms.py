"""CJK-safe term matching: longest wins, no overlaps, whole Latin words."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from trilingual import terms
from trilingual.ingest import parse
from trilingual.terms import find_terms

NESTED = [("知识产权", "ip"), ("知识产权保护", "ip-protection"), ("知识产权保护中心", "ip-protection-center")]


def keys(text: str, forms: list[tuple[str, str]], **kwargs: bool) -> list[tuple[str, str]]:
    return [(m.text, m.key) for m in find_terms(text, forms, **kwargs)]


def test_longest_term_wins_over_the_terms_inside_it() -> None:
    assert keys("新建知识产权保护中心", NESTED) == [("知识产权保护中心", "ip-protection-center")]
    assert keys("加强知识产权保护工作", NESTED) == [("知识产权保护", "ip-protection")]
    assert keys("知识产权事业", NESTED) == [("知识产权", "ip")]


def test_every_occurrence_is_found_in_order() -> None:
    text = "知识产权保护中心和知识产权保护、知识产权"
    assert [k for _, k in keys(text, NESTED)] == ["ip-protection-center", "ip-protection", "ip"]


def test_a_longer_term_starting_inside_a_shorter_one_wins() -> None:
    forms = [("产权", "a"), ("权保护中心", "b")]
    assert keys("知识产权保护中心", forms) == [("权保护中心", "b")]


def test_a_one_character_term_is_found_where_the_longer_ones_sharing_its_start_are_not() -> None:
    forms = [("专", "one"), ("专利", "patent"), ("X", "x"), ("XML", "xml"), ("It's", "its")]
    assert keys("专家的专利", forms) == [("专", "one"), ("专利", "patent")]
    assert keys("X and xml, IT’S", forms, ignore_case=True) == [("X", "x"), ("xml", "xml"), ("IT’S", "its")]


def test_overlapping_terms_of_equal_length_the_earliest_wins() -> None:
    assert keys("甲乙丙", [("甲乙", "x"), ("乙丙", "y")]) == [("甲乙", "x")]


def test_a_term_across_a_repaired_page_break_is_found() -> None:
    doc = parse("# 工作要点\n\n**一、宣传。**办好全国知识产权宣\n\n传周等活动。\n", "x")
    text = doc.section("s1").paragraphs[0].text
    assert keys(text, [("全国知识产权宣传周", "week")]) == [("全国知识产权宣传周", "week")]


def test_latin_terms_match_whole_words_with_plurals_and_any_case() -> None:
    forms = [("IP", "ip"), ("patent agency", "agency"), ("IP protection center", "center")]
    text = "IPR and ship are not IP; Patent Agencies and IP protection centers are."
    assert keys(text, forms, ignore_case=True) == [
        ("IP", "ip"),
        ("Patent Agencies", "agency"),
        ("IP protection centers", "center"),
    ]


def test_case_matters_unless_asked() -> None:
    assert keys("rcep", [("RCEP", "r")]) == []
    assert keys("rcep", [("RCEP", "r")], ignore_case=True) == [("rcep", "r")]


cjk = st.text(alphabet="知识产权保护中心和的", max_size=40)
term_forms = st.lists(st.text(alphabet="知识产权保护中心", min_size=1, max_size=6), min_size=1, max_size=8)


@given(cjk, term_forms)
def test_matches_never_overlap_and_each_is_a_form_found_at_its_place(text: str, forms: list[str]) -> None:
    matches = find_terms(text, [(f, f) for f in forms])
    for match in matches:
        assert text[match.start : match.end] == match.text == match.key
    for first, second in itertools.pairwise(matches):
        assert first.end <= second.start


def test_straight_and_typographic_apostrophes_match_each_other() -> None:
    forms = [("leading Party members' group", "a"), ("China’s IP stories", "b")]
    found = find_terms("the leading Party members’ group tells China's IP stories", forms, ignore_case=True)
    assert [m.key for m in found] == ["a", "b"]


def test_a_matcher_that_remembers_finds_what_a_fresh_one_finds(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(terms, "KEPT_TEXTS", 2)
    remembering = terms.TermMatcher(NESTED, remember=True)
    texts = ["新建知识产权保护中心", "加强知识产权保护工作", "知识产权事业", "新建知识产权保护中心"]
    for text in texts * 2:
        found = remembering.find(text)
        assert found == terms.TermMatcher(NESTED).find(text)
        found.clear()  # the caller's list, not the remembered one
    compiled = terms.TermMatcher(NESTED, remember=True)._matcher
    assert compiled is not None and 0 < len(compiled.found) <= 2
