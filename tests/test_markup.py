"""The markup contract is written once (markup.py) and read by the templates, the annotator and the
search indexer alike; the one HTML walker keeps attributes, comments and raw text as written."""

from __future__ import annotations

import ast
import re
import shutil
import time
from html.parser import HTMLParser

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import FIXTURES, ROOT
from trilingual import markup
from trilingual.annotate import Annotator
from trilingual.config import SiteLanguages
from trilingual.entries import Entry
from trilingual.library import Library, load
from trilingual.markup import End, Other, Start, Text, anchors, walk
from trilingual.render import Renderer
from trilingual.search import page_records

PACKAGE = ROOT / "scripts" / "trilingual"
NAME = re.compile(r"(?<![\w-])(?:tl|data)-[a-z0-9]+(?:(?:-|__)[a-z0-9]+)*")
IP = Entry("ip", "term", {"zh": ("知识产权",)}, {"zh": "知识产权", "en": "IP"})
LANGS = SiteLanguages("zh", ("ja", "en"), (("zh", "中文"), ("ja", "日本語"), ("en", "English")))


def annotate(html: str) -> str:
    return Annotator((IP,), lambda entry: f"#{entry.id}").annotate_html(html, "zh")


def test_a_greater_than_sign_in_an_attribute_is_not_text_and_the_text_after_it_is_annotated() -> None:
    out = annotate('<p title="a>知识产权">知识产权</p>')
    assert out.startswith('<p title="a>知识产权"><a class="tl-term" href="#ip" data-term="ip"'), out
    assert out.count("<a ") == 1, "nothing inserted inside the attribute value"
    single = annotate("<p title='x\"<b>知识产权' data-x=a>知识产权</p>")
    assert single.startswith('<p title=\'x"<b>知识产权\' data-x=a><a class="tl-term"'), single


def test_comments_and_raw_text_are_copied_as_written() -> None:
    html = (
        '<!-- 知识产权 --><script>var s = "<p>知识产权</p>";</script>'
        '<style>p::after{content:"知识产权"}</style>'
    )
    assert annotate(html) == html
    assert annotate(html + "<p>知识产权</p>").count("<a ") == 1


def test_the_walker_gives_back_every_character_and_text_with_its_language_and_flags() -> None:
    html = (
        '<div lang="en"><p title="a>b">x &amp; y<br/>z</p><!-- c --></DIV>stray</span>'
        f'<div class="{markup.NO_ANNOTATE}" {markup.SEARCH_EXCLUDE}><i>w</i></div>'
    )
    pieces = list(walk(html, "zh"))
    assert "".join(piece.raw for piece in pieces) == html
    texts = {piece.text: piece.element for piece in pieces if isinstance(piece, Text)}
    assert texts["x & y"].lang == "en" and texts["x & y"].tag == "p"
    assert texts["stray"].lang == "zh", "an end tag with nothing open to end ends nothing"
    assert not texts["w"].annotated and not texts["w"].indexed, "inherited from the marked ancestor"
    assert any(isinstance(piece, Start) and piece.element.tag == "br" and piece.void for piece in pieces)


def test_no_contract_name_is_written_outside_markup_py() -> None:
    """Templates and modules use the constants: renaming one in markup.py renames it everywhere."""
    contract = set(markup.names().values())
    found = []
    for template in sorted((PACKAGE / "templates").glob("*.j2")):
        text = re.sub(r"\{#.*?#\}", "", template.read_text(encoding="utf-8"), flags=re.S)
        found += [(template.name, name) for name in NAME.findall(text) if name in contract]
    for module in sorted(PACKAGE.glob("*.py")):
        if module.name == "markup.py":
            continue
        tree = ast.parse(module.read_text(encoding="utf-8"))
        docstrings = {
            id(node.body[0].value)
            for node in ast.walk(tree)
            if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef)
            and node.body
            and isinstance(node.body[0], ast.Expr)
        }
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
                found += [(module.name, name) for name in NAME.findall(node.value) if name in contract]
    assert not found


def _dataset_names(script: str) -> set[str]:
    """``tl-…`` and ``data-…`` names of a script, ``dataset.labelLink`` and ``"labelLink"`` read as
    ``data-label-link``."""
    names = set(NAME.findall(script))
    camel = re.findall(r"dataset\.([a-z][A-Za-z]*)|\[\"(label[A-Z][A-Za-z]*)\"", script)
    for name in (a or b for a, b in camel):
        names.add("data-" + re.sub(r"[A-Z]", lambda m: "-" + m.group().lower(), name))
    return names


def test_every_name_the_reader_script_shares_with_the_pages_is_a_contract_name() -> None:
    script = (ROOT / "overrides" / "assets" / "trilingual.js").read_text(encoding="utf-8")
    pages = "".join(path.read_text(encoding="utf-8") for path in (PACKAGE / "templates").glob("*.j2"))
    contract = set(markup.names().values())
    used = _dataset_names(script)
    assert {"tl-row", "tl-seg", "data-seg", "tl-term", "data-label-link", "data-cite-locale"} <= used
    assert {"tl-row", "data-seg", "data-label-link", "tl-term"} <= contract
    shared_literally = {name for name in used - contract if re.search(rf"(?<![\w-]){name}(?![\w-])", pages)}
    assert not shared_literally, "written in a template and read by the script: make it a markup.py name"


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Library:
    translations = tmp_path_factory.mktemp("translations")
    shutil.copy(ROOT / "translations" / "ui.yml", translations / "ui.yml")
    shutil.copytree(FIXTURES / "second-plan", translations / "second-plan")
    term = {"id": "ip", "category": "ip-concept", "zh": "知识产权", "ja": "知的財産権", "en": "IP"}
    (translations / "glossary.yml").write_text(
        yaml.safe_dump({"terms": [term]}, allow_unicode=True), encoding="utf-8"
    )
    return load(translations, LANGS)


def _section_page(library: Library) -> str:
    publication = library.publications[0]
    pages = Renderer(library).publication_pages(publication, pdfs=False)
    section = next(section for section in publication.sections() if section.paragraphs)
    return pages[f"{publication.id}/{section.id}.en.md"]


def test_a_class_renamed_in_markup_py_is_renamed_on_the_page_and_in_the_index(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _section_page(library)
    rows = [record for record in page_records(before, "en/p/s1/", "T", "en") if record.row]
    assert rows and 'class="tl-row ' in before
    monkeypatch.setattr(markup, "ROW", "tl-line")
    after = _section_page(library)
    assert 'class="tl-row ' not in after and 'class="tl-line ' in after
    assert [r.url for r in page_records(after, "en/p/s1/", "T", "en") if r.row] == [r.url for r in rows]
    assert not [r for r in page_records(before, "en/p/s1/", "T", "en") if r.row], (
        "the indexer reads the renamed class, not the old one"
    )


def test_contract_names_are_unique() -> None:
    values = list(markup.names().values())
    assert len(values) == len(set(values))


# -- the walker reads HTML as html.parser does -------------------------------------------------


class _Reference(HTMLParser):
    """html.parser's reading of a page, for comparison: (kind, tag, attributes, text)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.events: list[tuple[str, str, dict[str, str], str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.events.append(("start", tag, {k: v or "" for k, v in attrs}, ""))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.events.append(("void", tag, {k: v or "" for k, v in attrs}, ""))

    def handle_endtag(self, tag: str) -> None:
        self.events.append(("end", tag, {}, ""))

    def handle_comment(self, data: str) -> None:
        self.events.append(("other", "", {}, ""))

    handle_decl = handle_pi = unknown_decl = handle_comment

    def handle_data(self, data: str) -> None:
        if self.events and self.events[-1][0] == "text":
            data = self.events.pop()[3] + data
        self.events.append(("text", "", {}, data))


def _reference(source: str) -> list[tuple[str, str, dict[str, str], str]]:
    parser = _Reference()
    parser.feed(source)
    parser.close()
    return parser.events


def _ours(source: str) -> list[tuple[str, str, dict[str, str], str]]:
    events: list[tuple[str, str, dict[str, str], str]] = []
    for piece in walk(source, "zh"):
        if isinstance(piece, Start):
            kind = "void" if piece.raw.rstrip(">").rstrip().endswith("/") else "start"
            events.append((kind, piece.element.tag, dict(piece.element.attrs), ""))
        elif isinstance(piece, End) and piece.raw:
            events.append(("end", piece.element.tag, {}, ""))
        elif isinstance(piece, Text):
            events.append(("text", "", {}, piece.text))
        elif stray := re.match(r"</\s*([a-zA-Z][^\s/>]*)", piece.raw):  # an end tag that ends nothing
            events.append(("end", stray.group(1).lower(), {}, ""))
        elif isinstance(piece, Other):
            events.append(("other", "", {}, ""))
    return events


_NAMES = st.sampled_from(["p", "div", "span", "a", "DIV", "br", "img", "code", "h2", "script", "style"])
_VALUES = st.sampled_from(['"a>b"', "'x\"<b>'", "plain", '"&amp;&lt;"', '""', "'知识产权'", '"a\nb"'])
_ATTRS = st.lists(
    st.tuples(st.sampled_from(["class", "lang", "title", "data-x", "HREF", "hidden"]), st.none() | _VALUES),
    max_size=3,
).map(lambda pairs: "".join(f" {name}" + (f"={value}" if value else "") for name, value in pairs))
_TEXT = st.sampled_from(
    ["知识产权", "a &amp; b", "1 < 2", "x > y", "&lt;p&gt;", " ", "\n", "&#x3C;", "「専利」"]
)
_PIECES = st.one_of(
    _TEXT,
    st.builds(lambda n, a, slash: f"<{n}{a}{' /' if slash else ''}>", _NAMES, _ATTRS, st.booleans()),
    _NAMES.map(lambda n: f"</{n}>"),
    st.sampled_from(["<!-- 知识产权 <p> -->", "<!DOCTYPE html>", "<?xml version='1.0'?>", "</ p>"]),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=12).map("".join))
def test_the_walker_reads_tags_attributes_and_text_as_html_parser_does(source: str) -> None:
    """The walker is a tokenizer of its own (html.parser took twice as long); it must read
    what html.parser reads, and give back every character."""
    if re.search(r"<(script|style)\b", source, re.I):  # raw text: its content is compared below
        source = re.sub(r"<(/?)(script|style)", r"<\1b", source, flags=re.I)
    assert "".join(piece.raw for piece in walk(source, "zh")) == source
    assert _ours(source) == _reference(source)


def test_raw_text_and_its_end_tag_as_html_parser_reads_them() -> None:
    source = '<script>if (a < b && c > "</p>") {}</SCRIPT ><style>p>q{}</style>知识产权'
    assert _ours(source) == _reference(source)
    assert "".join(piece.raw for piece in walk(source, "zh")) == source


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="<>/=\"'ab !-&;\n知", max_size=40))
def test_any_text_is_given_back_whole(source: str) -> None:
    assert "".join(piece.raw for piece in walk(source, "zh")) == source


def test_tags_that_never_end_are_read_at_once() -> None:
    """A guard against a hang, not a performance goal: every cut of ``x"x"x"…`` into attributes
    was tried (47 characters took 1.5 s, each two more four times as long), and 48 KB of ``<a ``
    with no ``>`` after them took 17 s (each ``<`` scanned to the end), as did thousands of ``<a x``
    before a stray quote or of ``<!--`` with no end. All take milliseconds now; a regression
    takes many seconds or forever, far past the generous bound."""
    for source in ("<a " + 'x"' * 200, "<a " * 16000, "<a x " * 20000 + '">', "<!--/=>" * 8000 + "'>"):
        start = time.perf_counter()
        assert "".join(piece.raw for piece in walk(source, "zh")) == source
        assert time.perf_counter() - start < 10.0


def test_a_script_ends_where_a_browser_ends_it_and_no_link_is_written_inside() -> None:
    html = '<script>var s = "</ script>知识产权";</script>'
    assert annotate(html) == html, "</ script> is script text: a link there would break the script"
    assert annotate("<script>x</script foo><p>知识产权</p>").count("<a ") == 1, "the script ended"


def test_a_slash_separates_a_tag_name_from_its_attributes() -> None:
    out = annotate('<p/title="知识产权">知识产权</p>')
    assert out.startswith('<p/title="知识产权"><a class="tl-term"'), "not text, its attribute left alone"


def test_anchors_are_those_mkdocs_collects_from_raw_html() -> None:
    body = (
        '<div class="x" id="s1.p2"><p data-id="no" id="a&amp;b">t</p><p id=bare>u</p>'
        '<a name=\'jump\'>j</a><input name="q"><h2 id="ch">h</h2></div>'
    )
    assert anchors(walk(body, "zh")) == {"s1.p2", "a&b", "bare", "jump", "ch"}
