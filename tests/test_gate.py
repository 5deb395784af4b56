"""The one gate: hostile text in any field of any file that reaches a page is shown as text.

Pages are rendered in-process the way the build renders them (templates, Python-Markdown
with the site's extensions, term annotation), from the second-plan fixture with every field
filled by hypothesis from an alphabet of Markdown, HTML, attribute-list, template and
control syntax. The full build and a browser see the same in ``test_hostile_site.py``.
"""

from __future__ import annotations

import html
import json
import shutil
import tempfile
from pathlib import Path

import markdown
import pytest
from hostile import dangers, elements, hostile_text
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mkdocs.utils.meta import get_data

from conftest import FIXTURES, ROOT
from trilingual.config import SiteLanguages
from trilingual.errors import UserError
from trilingual.generate import generate
from trilingual.ingest import ingest
from trilingual.pagetext import _LINE_BREAK_RE, _one_line, fill, front_matter_string, markdown_text, safe_url
from trilingual.render import Renderer
from trilingual.schema import SCHEMA_DIR
from trilingual.translations import write_updates
from trilingual.yamlfile import read, round_trip

LANGS = SiteLanguages("zh", ("ja", "en"), (("zh", "中文"), ("ja", "日本語"), ("en", "English")))
PUB = "second-plan"
UI_TEMPLATES = {
    *json.loads((SCHEMA_DIR / "ui.schema.json").read_text(encoding="utf-8"))["additionalProperties"][
        "properties"
    ],
    *("sentence_separator", "date_locale", "month_names"),
}
"""Interface strings with a form of their own (placeholders, a locale): hostile text there is refused."""
UI_KEYS = ("at_a_glance", "original", "translation", "unofficial", "legend_draft", "glossary", "draft")


def _dump(data: object) -> str:
    import io

    buffer = io.StringIO()
    round_trip().dump(data, buffer)
    return buffer.getvalue()


def make_translations(root: Path, text: dict[str, str]) -> Path:
    """A translations folder with the second plan, where ``text[field]`` fills each field."""
    folder = root / "translations" / PUB
    shutil.copytree(FIXTURES / PUB, folder)
    t = lambda key: text.get(key, key)  # noqa: E731
    (folder / "publication.yml").write_text(
        _dump(
            {
                "source": "source.zh.md",
                "source_language": "zh-Hans",
                "issuer": {"ja": t("issuer"), "en": t("issuer")},
                "preamble_title": {"zh": t("preamble"), "ja": t("preamble"), "en": t("preamble")},
                "summaries": {"s1": {"zh": t("summary"), "ja": t("summary"), "en": t("summary")}},
                "targets": [{"segment": "s2.p1.s1", "figure": t("figure"), "label": {"ja": t("label")}}],
            }
        ),
        encoding="utf-8",
    )
    document = ingest(folder / "source.zh.md", PUB)
    for lang in LANGS.targets:
        updates = {
            segment.id: {"text": t(f"{lang}-text"), "status": "draft", "source_hash": segment.hash}
            for segment in document.segments()
        }
        (folder / f"{lang}.yml").write_text(
            write_updates(folder / f"{lang}.yml", lang, document, updates), encoding="utf-8"
        )
    ui = read(ROOT / "translations" / "ui.yml")
    for lang in LANGS.all:
        for key in UI_KEYS:
            ui[lang][key] = t(f"ui-{key}")
        if "ui-all" in text:  # every free-text interface string (not templates, locales, separators)
            for key in ui[lang]:
                if key not in UI_TEMPLATES and isinstance(ui[lang][key], str):
                    ui[lang][key] = text["ui-all"]
        ui[lang]["section_heading"] = t("section_heading")
    (root / "translations" / "ui.yml").write_text(
        _dump({k: dict(v) for k, v in ui.items()}), encoding="utf-8"
    )
    term = {"id": "ip", "category": "ip-concept", "zh": "知识产权", "ja": t("term"), "en": t("term")}
    term["note"] = {"zh": t("note"), "ja": t("note"), "en": t("note")}
    (root / "translations" / "glossary.yml").write_text(_dump({"terms": [term]}), encoding="utf-8")
    reference = {
        "id": "ref",
        "kind": "law",
        "zh": "专利法",
        "ja": t("reference"),
        "en": t("reference"),
        "issuer": {"en": t("issuer")},
        "url": "https://example.org/" + t("url"),
        "note": {"en": t("note")},
    }
    (root / "translations" / "references.yml").write_text(
        _dump({"references": [reference]}), encoding="utf-8"
    )
    return root / "translations"


def rendered_pages(translations: Path, docs: Path) -> dict[str, tuple[str, str]]:
    """Each generated page as the build makes it: (title for <title> and navigation, body HTML)."""
    library, _ = generate(translations, docs, LANGS)
    pages = {}
    sources = {p.relative_to(docs).as_posix(): p.read_text(encoding="utf-8") for p in docs.rglob("*.md")}
    for lang in LANGS.all:
        sources[f"catalogue.{lang}.md"] = Renderer(library).render_catalogue(lang)
        sources[f"status.{lang}.md"] = Renderer(library).render_status(lang)
    for name, source in sources.items():
        lang = name.rsplit(".", 2)[-2]
        body, meta = get_data(source)
        page_html = markdown.markdown(body, extensions=["attr_list", "toc"])
        url = "" if lang == "zh" else f"{lang}/"
        page_html = library.annotator(lang, url + name.rsplit(".", 2)[0] + "/").annotate_html(page_html, lang)
        pages[name] = (str(meta.get("title", "")), page_html)
    return pages


BENIGN = {}
_allowed_tags: set[str] = set()


def allowed_tags() -> set[str]:
    """The elements the templates make, from the same fixture with plain text in every field."""
    if not _allowed_tags:
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            translations = make_translations(root, BENIGN)
            for _, body in rendered_pages(translations, root / "docs").values():
                _allowed_tags.update(elements(body).tags)
    return _allowed_tags


FIELDS = [
    *("issuer", "preamble", "summary", "figure", "label", "ja-text", "en-text"),
    *("term", "note", "reference", "url", "section_heading"),
    *(f"ui-{key}" for key in UI_KEYS),
]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.fixed_dictionaries(
        {
            **{field: hostile_text for field in FIELDS},
            # Mostly a valid heading template around hostile text, sometimes anything at all.
            "section_heading": st.one_of(
                hostile_text.map(lambda text: text.replace("{", "").replace("}", "") + "{label}{title}"),
                hostile_text,
            ),
        }
    )
)
def test_hostile_text_in_every_field_is_text_or_a_clean_error(text: dict[str, str]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        try:
            translations = make_translations(root, text)
            pages = rendered_pages(translations, root / "docs")
        except UserError as error:
            assert error.path and "Traceback" not in str(error)
            return
    for name, (title, body) in pages.items():
        assert dangers(body) == [], name
        assert elements(body).tags <= allowed_tags(), (name, elements(body).tags - allowed_tags())
        # The theme inserts the title as HTML: it must arrive escaped.
        assert "<" not in title and elements(title).tags == set(), (name, title)


# -- the gate's rules, one by one --------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "政治 {: tabindex=0 autofocus onfocus=alert(1) }",
        "T {: #content }",
        "[x](javascript:alert(1))",
        "a\n\n# b",
    ],
)
def test_markdown_heading_text_has_no_syntax_left(text: str) -> None:
    out = markdown.markdown(f"# {markdown_text(text)}", extensions=["attr_list", "toc"])
    assert dangers(out) == [] and "<a" not in out and out.count("<h1") == 1
    assert html.unescape(out.split(">", 1)[1].rsplit("<", 1)[0]) == " ".join(text.split())


def test_a_front_matter_title_is_escaped_and_parses_whatever_it_holds() -> None:
    title = 'S3 \x7f "quoted" <b>bold</b>\n---\nnext: 1 \u2028'
    _, meta = get_data(f"---\ntitle: {front_matter_string(title)}\n---\n\nbody")
    assert "<" not in meta["title"] and html.unescape(meta["title"]) == " ".join(title.split())


@pytest.mark.parametrize(
    ("url", "safe"),
    [
        ("https://www.cnipa.gov.cn/art/2021/5/19/art_92_159514.html", True),
        ("http://example.org/", True),
        ("mailto:editor@example.org", True),
        ("../glossary/#ip", True),
        ("javascript:alert(1)", False),
        ("JaVaScRiPt:alert(1)", False),
        (" javascript:alert(1)", False),
        ("java\tscript:alert(1)", False),
        ("data:text/html,<script>alert(1)</script>", False),
        ("vbscript:msgbox", False),
        ("//evil.example/", False),
        ('https://x/"onmouseover="alert(1)', False),
    ],
)
def test_urls_are_allow_listed_by_scheme(url: str, safe: bool) -> None:
    assert (safe_url(url) != "") is safe


@pytest.mark.parametrize(
    ("template", "filled"),
    [
        ("{label}、{title} {oops", "三、T {oops"),
        ("{nope}", "{nope}"),
        ("{0}", "{0}"),
        ("{title:>9999999}", "{title:>9999999}"),
        ("{title.__class__.__mro__}", "{title.__class__.__mro__}"),
    ],
)
def test_interface_templates_fill_names_only(template: str, filled: str) -> None:
    """A placeholder is a bare name: formats, indexes and attribute access stay as written."""
    assert fill(template, label="三", number=3, title="T") == filled


def test_a_title_in_printed_margins_is_a_css_string_it_cannot_leave() -> None:
    from trilingual.pagetext import css_string, print_margins

    hostile = '3. Title" } body { display: none } </style><script>alert(1)</script> \\ 知识产权'
    value = str(css_string(hostile))
    assert value.startswith('"') and value.endswith('"') and value.count('"') == 2
    assert not any(c in value[1:-1] for c in '"<>{};') and "知识产权" in value
    margins = str(print_margins("A &amp; B", "https://example.org/en/x/"))
    assert margins.count("{") == margins.count("}") == 3 and "A \\26  B" in margins


def test_a_printed_value_keeps_to_one_line_whatever_breaks_it() -> None:
    """Values with no unprintable character skip the line-break rule: none of them can hold a break."""
    breaks = [chr(code) for code in range(0x110000) if _LINE_BREAK_RE.search(f"a{chr(code)}b")]
    assert "\n" in breaks and "\u2028" in breaks and "\x85" in breaks
    assert not [char for char in breaks if char.isprintable()]
    assert _one_line("a\r\n\n  b\u2029c") == "a b c"
