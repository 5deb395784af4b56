"""A generated page's HTML body goes past Markdown.

A generated page is its title as a Markdown heading (the theme and the table of contents read
it from there), then HTML the templates wrote. Python-Markdown gives raw HTML back as it was,
but only after parsing all of it to find where each block ends, and MkDocs parses it once more
for the anchors other pages may link to: at 50 publications, a seventh of a full build, for
nothing. So the templates write :data:`trilingual.markup.BODY` on its own line between the two;
before Markdown runs, :func:`split` takes the HTML after it out of the page, and after, :func:`join`
puts it back where the marker was, normalised as Markdown normalises its input; the plugin
adds the body's anchors (:func:`trilingual.markup.anchors`), which MkDocs checks links against.

What differs from Markdown's own rendering is whitespace between top-level HTML blocks, which
Markdown rejoins with a single line break (``tests/test_pagebody.py`` compares the two). Without
the plugin, the marker is an HTML comment and Markdown renders the page whole, as before.
"""

from __future__ import annotations

import re

from .markup import BODY

_LINE = f"\n{BODY}\n"
TAB_LENGTH = 4
"""Python-Markdown's default, which MkDocs does not change."""
PLACEHOLDER_MARKS = ("\x02", "\x03")
"""What Python-Markdown wraps its placeholders in (``markdown.util.STX``, ``ETX``): removed from its input."""


def split(markdown: str) -> tuple[str, str | None]:
    """The page's Markdown up to and with the marker, and the HTML after it (``None`` without one)."""
    head, found, body = markdown.partition(_LINE)
    if not found:
        return markdown, None
    return f"{head}{_LINE}", _normalised(body)


def join(content: str, body: str) -> str:
    """The page's HTML with its body back in place of the marker (the last thing Markdown read)."""
    before, found, after = content.rpartition(BODY)
    if not found:
        raise ValueError("the page's HTML lost its body marker")
    return f"{before}{body}{after}"


def _normalised(body: str) -> str:
    """What Python-Markdown makes of raw HTML before keeping it (its ``NormalizeWhitespace``):
    its placeholder characters removed, line breaks unified, tabs expanded, blank lines emptied."""
    text = body.replace(PLACEHOLDER_MARKS[0], "").replace(PLACEHOLDER_MARKS[1], "")
    text = text.replace("\r\n", "\n").replace("\r", "\n").expandtabs(TAB_LENGTH)
    return re.sub(r"(?m)^ +$", "", text).strip("\n")
