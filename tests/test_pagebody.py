"""A generated page's HTML body goes past Markdown and comes back as Markdown would have given it."""

from __future__ import annotations

import re

import markdown
import pytest
from test_generate import LANGS

from conftest import two_plans
from trilingual import pagebody
from trilingual.generate import regenerate
from trilingual.markup import BODY

EXTENSIONS = ["attr_list", "toc"]


def whole(page: str) -> str:
    """What Markdown makes of the page, body and all, as it did before the body went past it."""
    return markdown.markdown(page.replace(f"\n{BODY}\n", "\n"), extensions=EXTENSIONS)


def passed(page: str) -> str:
    """What the plugin makes of it: Markdown for the heading, the body put back after."""
    head, body = pagebody.split(page)
    assert body is not None
    return pagebody.join(markdown.markdown(head, extensions=EXTENSIONS), body)


def between_blocks(html: str) -> str:
    """Whitespace between tags: where Markdown rejoins raw blocks with one line break."""
    return re.sub(r">\s+<", "><", html)


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    folder = tmp_path_factory.mktemp("pagebody")
    generation, _ = regenerate(two_plans(folder / "translations"), folder / "docs", LANGS, pdfs=False)
    return generation.pages


def test_every_generated_page_has_a_body(generated: dict[str, str]) -> None:
    for path, page in generated.items():
        assert page.count(f"\n{BODY}\n") == 1, path


def test_a_page_passed_by_equals_markdown_rendering_it_whole(generated: dict[str, str]) -> None:
    for path, page in generated.items():
        text = page.split("\n---\n", 1)[1]  # after the front matter, as MkDocs hands it over
        assert between_blocks(passed(text)) == between_blocks(whole(text)), path


def test_markdown_never_sees_the_body(generated: dict[str, str]) -> None:
    page = next(page for path, page in generated.items() if path.endswith("s1.ja.md"))
    head, body = pagebody.split(page)
    assert body is not None and 'class="tl-parallel"' in body
    assert "<div" not in head and head.rstrip().endswith(BODY)


@pytest.mark.parametrize(
    "body",
    [
        "<div>\ta\x02b\x03c</div>",
        "<div>one\r\ntwo\rthree</div>",
        "<pre>x\n   \ny\n\tz</pre>",
        "<p>a</p>\n\n\n<p>b</p>",
    ],
)
def test_the_body_is_normalised_as_markdown_normalises_raw_html(body: str) -> None:
    page = f"# Title\n\n{BODY}\n\n{body}\n"
    assert between_blocks(passed(page)) == between_blocks(whole(page))


def test_a_page_without_the_marker_is_left_to_markdown() -> None:
    page = f"# Title\n\n<p>{BODY} inline, not on its own line</p>\n"
    assert pagebody.split(page) == (page, None)


def test_joining_without_the_marker_fails_loudly() -> None:
    with pytest.raises(ValueError, match="body marker"):
        pagebody.join("<h1>Title</h1>", "<p>body</p>")
