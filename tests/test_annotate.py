"""Annotating rendered HTML: the right language, nothing inside headings, links or code, text kept."""

from __future__ import annotations

import re

from trilingual.annotate import Annotator, Entry
from trilingual.markup import walk

IP = Entry(
    "intellectual-property",
    "term",
    {"zh": ("知识产权",), "ja": ("知的財産権",), "en": ("intellectual property", "IP")},
    {"zh": "知识产权", "ja": "知的財産権", "en": "intellectual property"},
)
CENTER = Entry(
    "ip-protection-center",
    "term",
    {"zh": ("知识产权保护中心",), "en": ("IP protection center",)},
    {"zh": "知识产权保护中心", "ja": "知的財産権保護センター", "en": "IP protection center"},
)
HAGUE = Entry("hague", "reference", {"zh": ("海牙协定",)}, {"zh": "海牙协定", "en": "Hague Agreement"})


def annotator() -> Annotator:
    return Annotator((HAGUE, CENTER, IP), lambda e: f"../glossary/#{e.id}")


def text_of(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)


def test_terms_in_each_column_are_matched_in_that_columns_language() -> None:
    html = '<div lang="zh-Hans">新建知识产权保护中心</div><div lang="en">Build IP protection centers.</div>'
    out = annotator().annotate_html(html, "en")
    assert out.count('data-term="ip-protection-center"') == 2
    assert 'data-term="intellectual-property"' not in out, "the longer term wins in both languages"


def test_tooltip_lists_the_other_languages_in_an_attribute_not_in_the_text() -> None:
    out = annotator().annotate_html('<p lang="zh-Hans">知识产权</p>', "zh")
    assert 'data-tip="知的財産権 · intellectual property"' in out
    assert text_of(out) == "知识产权", "the search index reads the same text as before"


def test_headings_links_code_and_opted_out_elements_are_untouched() -> None:
    html = (
        '<h2 id="x">知识产权</h2><a href="/x">知识产权</a><code>知识产权</code><pre>知识产权</pre>'
        '<div class="tl-no-annotate"><span>知识产权</span></div><p>知识产权</p>'
    )
    out = annotator().annotate_html(html, "zh")
    assert out.count("tl-term") == 1
    expected = (
        '<p><a class="tl-term" href="../glossary/#intellectual-property" data-term="intellectual-property" '
        'data-tip="知的財産権 · intellectual property" data-ja="知的財産権" data-en="intellectual property">'
        "知识产权</a></p>"
    )
    assert out.endswith(expected)


def test_references_link_to_the_references_page_kind() -> None:
    annotate = Annotator((HAGUE,), lambda e: f"../{e.kind}s/#{e.id}")
    out = annotate.annotate_html("<p>加入《海牙协定》</p>", "zh")
    assert '<a class="tl-reference" href="../references/#hague" data-reference="hague"' in out


def test_text_is_escaped_and_entities_survive() -> None:
    out = annotator().annotate_html("<p>a &lt;b&gt; &amp; 知识产权 &quot;x&quot;</p>", "zh")
    assert out.startswith('<p>a &lt;b&gt; &amp; <a class="tl-term"')
    assert text_of(out).endswith('知识产权 "x"')


def test_void_and_self_closing_tags_do_not_break_nesting() -> None:
    html = '<div lang="en"><img src="x.png"><br/>IP<hr></div><p lang="zh-Hans">知识产权</p>'
    out = annotator().annotate_html(html, "ja")
    assert out.count("tl-term") == 2


def test_only_the_first_occurrence_on_a_page_in_each_language_is_a_link() -> None:
    html = (
        '<p lang="zh-Hans">知识产权与知识产权</p><p lang="en">IP and IP</p><p lang="zh-Hans">再说知识产权</p>'
    )
    out = annotator().annotate_html(html, "en")
    assert out.count("<a ") == 2, "one link per language"
    assert out.count('data-term="intellectual-property"') == 5, "later ones keep their key for search"
    assert out.count('<span data-term="intellectual-property">') == 3
    assert text_of(out) == "知识产权与知识产权IP and IP再说知识产权"
    again = annotator().annotate_html(html, "en")
    assert again == out, "a new page starts afresh"


def test_a_greater_than_sign_inside_an_attribute_value_is_not_the_end_of_the_tag() -> None:
    from trilingual.annotate import Annotator
    from trilingual.entries import Entry

    ip = Entry("ip", "term", {"zh": ("知识产权",)}, {"zh": "知识产权", "en": "IP"})
    annotator = Annotator((ip,), lambda entry: f"#{entry.id}")
    html = "<p title=\"a>知识产权\" data-x='b>c'>1 < 2 知识产权</p>"
    out = annotator.annotate_html(html, "zh")
    assert out.startswith('<p title="a>知识产权" data-x=\'b>c\'>1 &lt; 2 <a class="tl-term" href="#ip"')


ANNOTATED_PAGES = [
    '<div lang="zh-Hans"><p>新建知识产权保护中心，知识产权</p></div><p lang="en">IP &amp; "IP" &lt;x&gt;</p>',
    '<p lang="ja">知的財産権</p><h2>知识产权</h2><code>知识产权</code>'
    "<p>加入《海牙协定》&#12290;知识产权</p>",
    '<div class="tl-no-annotate">知识产权</div><p title="知识产权">a<br>知识产权<img src=x>知识产权</p>',
    '<p>知识产权<span lang="en">intellectual property<b>IP</b></span></p><script>知识产权</script>',
    "<ul><li>知识产权<li>知识产权</ul>  \n  <p>\t知识产权\u3000</p>",
]


def test_the_pieces_made_with_the_links_are_those_the_annotated_html_is_read_as() -> None:
    """The search index reads the pieces :meth:`Annotator.annotated` makes; they must be what
    walking the annotated HTML would give, or search would index another page than the reader's."""
    for page in ANNOTATED_PAGES:
        pieces = list(annotator().annotated(page, "zh"))
        html = "".join(piece.raw for piece in pieces)
        assert 'data-term="intellectual-property"' in html
        assert pieces == list(walk(html, "zh")), page
