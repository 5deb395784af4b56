"""The markup contract, and the one walker over the HTML of a page.

The templates write these class and attribute names; :mod:`trilingual.annotate` (terms → links)
and :mod:`trilingual.search` (page → records) read them back from the rendered HTML, and so do
``overrides/assets/trilingual.js`` and ``trilingual.css``. Each name is written here once: the
templates use them through the Jinja global ``markup`` (``{{ markup.ROW }}``, registered by
:func:`trilingual.pagetext.environment`), the two passes through this module. Renaming one here
renames it on every generated page and in both passes; the JS and CSS are changed alongside.

:func:`walk` is the one HTML walker both passes use: it yields every piece of a page in order,
with its exact source text, so a pass can copy what it does not change byte for byte; each
text run comes with the element it stands in, its language and whether it may be annotated and
indexed.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from html.parser import HTMLParser

# The parallel text (templates/_parallel.html.j2).
PARALLEL = "tl-parallel"
ROW = "tl-row"
"""A row of parallel text; with an ``id``, one search record (a paragraph or a title)."""
ROW_HEAD = f"{ROW}--head"
"""The column labels above the rows."""
CELL = "tl-cell"
CELL_LANG = "data-cell-lang"
SEG = "tl-seg"
"""One sentence of a cell; ``SEG_ID`` names it, so the reader script highlights its translations."""
SEG_ID = "data-seg"
SEG_MISSING = f"{SEG}--missing"
"""An untranslated sentence, shown in the original (already in the record: not indexed twice)."""
MARK = "tl-mark"
"""A state label ("Not yet translated"): neither annotated nor indexed."""
TOOLS = "tl-tools"
PERMALINK = "tl-permalink"
LEGEND = "tl-legend"
NOTICE = "tl-notice"
"""The same notice on every page of a translation: not indexed."""

# What the reader script reads on the parallel text (its strings and its views).
VIEWS = "data-views"
CITE = "data-cite"
CITE_LOCALE = "data-cite-locale"
LABEL_LINK = "data-label-link"
LABEL_CITE = "data-label-cite"
LABEL_COPIED = "data-label-copied"
LABEL_TERMS = "data-label-terms"
LABEL_TERM = "data-label-term"
LABEL_REFERENCE = "data-label-reference"

# Other pages.
CARD = "tl-card"
CARD_TITLE = "tl-card__title"
CARD_SUMMARY = "tl-card__summary"
CARD_TERMS = "tl-card__terms"
"""Key terms listed on a card: a list, not text that uses them (not indexed)."""
JUMP = "tl-jump"

# Opting out.
NO_ANNOTATE = "tl-no-annotate"
"""Nothing inside is annotated."""
SEARCH_EXCLUDE = "data-search-exclude"
"""Nothing inside is indexed."""

# What the annotator writes: a link per entry kind, its key, its tooltip, its other names.
ENTRY_LINK = {"term": "tl-term", "reference": "tl-reference"}
"""The class of an annotated entry's link, per kind."""
ENTRY_KEY = {"term": "data-term", "reference": "data-reference"}
"""The attribute holding an annotated entry's id, per kind (the search index reads it)."""
TIP = "data-tip"


def name_attribute(lang: str) -> str:
    """The attribute of an annotated link holding the entry's name in ``lang`` (``data-ja``)."""
    return f"data-{lang}"


# What each pass leaves alone (an element's descendants with it).
VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
)
NO_ANNOTATE_TAGS = frozenset(
    {
        "a",
        "code",
        "pre",
        "script",
        "style",
        "kbd",
        "samp",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "svg",
        "button",
    }
)
NO_ANNOTATE_CLASSES = frozenset({NO_ANNOTATE, "headerlink", "md-nav", MARK})
NO_INDEX_TAGS = frozenset({"script", "style", "nav", "button", "template", "svg"})
NO_INDEX_CLASSES = frozenset(
    {MARK, SEG_MISSING, ROW_HEAD, PERMALINK, "headerlink", NOTICE, LEGEND, CARD_TERMS, JUMP}
)


def names() -> dict[str, str]:
    """Every name of the contract (constant → value), for the templates and the tests."""
    out = {key: value for key, value in globals().items() if key.isupper() and isinstance(value, str)}
    for kind in ENTRY_LINK:
        out[f"ENTRY_LINK[{kind}]"] = ENTRY_LINK[kind]
        out[f"ENTRY_KEY[{kind}]"] = ENTRY_KEY[kind]
    return out


@dataclass(frozen=True)
class Element:
    """An open element, with what it passes on to its content."""

    tag: str
    attrs: Mapping[str, str] = field(default_factory=dict)
    lang: str = ""
    """Its language: its own ``lang`` attribute, else its parent's (the page's at the root)."""
    annotated: bool = True
    """Its text may be annotated (neither it nor an ancestor is left alone by the annotator)."""
    indexed: bool = True
    """Its text is indexed (neither it nor an ancestor is left out of the search index)."""

    @property
    def classes(self) -> frozenset[str]:
        return frozenset(self.attrs.get("class", "").split())

    def child(self, tag: str, attrs: Mapping[str, str]) -> Element:
        classes = set(attrs.get("class", "").split())
        return Element(
            tag,
            attrs,
            attrs.get("lang") or self.lang,
            self.annotated and tag not in NO_ANNOTATE_TAGS and not classes & NO_ANNOTATE_CLASSES,
            self.indexed
            and tag not in NO_INDEX_TAGS
            and SEARCH_EXCLUDE not in attrs
            and not classes & NO_INDEX_CLASSES,
        )


@dataclass(frozen=True)
class Start:
    """A start tag; ``void`` for an element with no content (``<br>``, ``<img/>``, ``<span/>``)."""

    element: Element
    raw: str
    void: bool = False


@dataclass(frozen=True)
class End:
    """An element ends: by its end tag (``raw``), or, with ``raw`` empty, by an ancestor's."""

    element: Element
    raw: str


@dataclass(frozen=True)
class Text:
    """A run of text (entities decoded) in the element it stands in."""

    text: str
    raw: str
    element: Element

    @property
    def rewritable(self) -> bool:
        """The run is its source text and nothing else, so a pass may write it anew."""
        return html.unescape(self.raw) == self.text


@dataclass(frozen=True)
class Other:
    """A comment, a declaration, a processing instruction or a stray end tag: copied as is."""

    raw: str


Event = Start | End | Text | Other


class _Parser(HTMLParser):
    """html.parser's events, each with its offset in the source."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", source)]
        self.events: list[tuple[int, str, str, list[tuple[str, str | None]]]] = []

    def _add(self, kind: str, value: str = "", attrs: list[tuple[str, str | None]] | None = None) -> None:
        line, column = self.getpos()  # html.parser calls every handler at the start of its piece
        self.events.append((self._line_starts[line - 1] + column, kind, value, attrs or []))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._add("start", tag, attrs)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._add("void", tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        self._add("end", tag)

    def handle_data(self, data: str) -> None:
        self._add("text", data)

    def handle_comment(self, data: str) -> None:
        self._add("other")

    def handle_decl(self, decl: str) -> None:
        self._add("other")

    def handle_pi(self, data: str) -> None:
        self._add("other")

    def unknown_decl(self, data: str) -> None:
        self._add("other")


def walk(source: str, lang: str) -> Iterator[Event]:
    """Every piece of an HTML page or fragment whose language is ``lang``, in order; the ``raw``
    of the pieces, joined, is ``source``. Attribute values are never text (``title="a>b"`` is
    one attribute), and ``script`` and ``style`` hold raw text."""
    parser = _Parser(source)
    parser.feed(source)
    parser.close()
    events = parser.events
    stack = [Element("", {}, lang)]
    index = 0
    while index < len(events):
        start, kind, value, attrs = events[index]
        index += 1
        if kind == "text":  # adjacent runs ("1 ", "<", " 2") are one
            text = [value]
            while index < len(events) and events[index][1] == "text":
                text.append(events[index][2])
                index += 1
        end = events[index][0] if index < len(events) else len(source)
        raw = source[start:end]
        if kind == "text":
            yield Text("".join(text), raw, stack[-1])
        elif kind in ("start", "void"):
            element = stack[-1].child(value, {k: v or "" for k, v in attrs})
            void = kind == "void" or value in VOID
            if not void:
                stack.append(element)
            yield Start(element, raw, void)
        elif kind == "end" and any(element.tag == value for element in stack[1:]):
            while stack[-1].tag != value:  # elements left open end with their ancestor
                yield End(stack.pop(), "")
            yield End(stack.pop(), raw)
        else:
            yield Other(raw)
