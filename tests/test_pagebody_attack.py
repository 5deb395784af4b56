"""From the outside attack on the body past Markdown (5df72ab) and annotation and search in one
walk (849c1f6): what a hand-written page, hostile raw HTML or a link to a generated anchor does."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from test_annotate import annotator

from conftest import make_project, two_plans
from trilingual.markup import BODY, Other, walk
from trilingual.search import page_records, records_of

# Raw HTML a hand-written page may hold (Markdown passes raw blocks as written).
UNENDED_COMMENT = "<p>知识产权</p><div>\n<!-- <b> draft\n知识产权"
"""A comment with no end: the walker ends it at the last '>', the link the annotator writes
after it adds one, and the annotated HTML is read as one comment to its end."""
UNBALANCED_QUOTE = '<p>知识产权</p><p><code><x y="</code>知识产权</p>'
"""Tag-like text with an unbalanced quote in code (left alone): a link's first quote after it
would close it, so nothing after it is annotated."""


def pieces_and_walk(page: str, links: int = 1) -> None:
    pieces = list(annotator().annotated(page, "zh"))
    html = "".join(piece.raw for piece in pieces)
    assert html.count('data-term="intellectual-property"') == links
    assert pieces == list(walk(html, "zh"))
    assert records_of(pieces, "x/", "T", "zh") == page_records(html, "x/", "T", "zh")


def test_the_pieces_of_a_page_with_an_unended_comment_are_its_annotated_html() -> None:
    pieces_and_walk(UNENDED_COMMENT)


def test_the_pieces_of_a_page_with_an_unbalanced_quote_are_its_annotated_html() -> None:
    pieces_and_walk(UNBALANCED_QUOTE, links=1)


def test_a_comment_with_no_end_runs_to_the_end() -> None:
    pieces = list(walk("<div><!-- <b> hidden draft", "zh"))
    assert isinstance(pieces[-1], Other) and pieces[-1].raw == "<!-- <b> hidden draft"


def build(project: Path, site: Path) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "TRILINGUAL_PDF": "false"}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)]
    return subprocess.run(command, cwd=project, capture_output=True, text=True, env=environment, check=False)


def project_with(tmp_path: Path, page: str) -> Path:
    """The two-plans library with ``page`` as a hand-written page in every language, anchors checked."""
    project = make_project(tmp_path / "project", two_plans(tmp_path / "translations"), home_only=True)
    config = project / "mkdocs.yml"
    checked = config.read_text(encoding="utf-8") + "\nvalidation:\n  anchors: warn\n"
    config.write_text(checked, encoding="utf-8")
    for lang in ("zh", "ja", "en"):
        (project / "docs" / f"notes.{lang}.md").write_text(page, encoding="utf-8")
    return project


def test_links_to_anchors_inside_a_generated_body_are_checked(tmp_path: Path) -> None:
    """The body's ids reach MkDocs' anchor check: a link to one passes in strict mode, to none fails."""
    links = "[term](glossary/index.md#protection), [paragraph](second-plan/s1.md#s1.p1)"
    project = project_with(tmp_path, f"# Notes\n\n{links}, [missing](second-plan/s1.md#s1.p99).\n")
    result = build(project, tmp_path / "site")
    assert result.returncode == 1
    warnings = [line for line in result.stderr.splitlines() if line.startswith("WARNING")]
    assert warnings and all("'#s1.p99'" in line for line in warnings), warnings
    for lang in ("zh", "ja", "en"):
        (project / "docs" / f"notes.{lang}.md").write_text(f"# Notes\n\n{links}.\n", encoding="utf-8")
    assert build(project, tmp_path / "site").returncode == 0


def test_a_hand_written_page_quoting_the_marker_is_markdown_to_its_end(tmp_path: Path) -> None:
    page = f"# Notes\n\nThe templates write:\n\n{BODY}\n\nThen *emphasis* and a [link](index.md).\n"
    project = project_with(tmp_path, page)
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site" / "notes" / "index.html").read_text(encoding="utf-8")
    assert "<em>emphasis</em>" in html and "*emphasis*" not in html
