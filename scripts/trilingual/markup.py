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
from collections.abc import Iterable, Iterator, Mapping
from functools import lru_cache
from typing import NamedTuple

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

BODY = "<!-- trilingual:body -->"
"""On its own line after a generated page's heading: the HTML after it goes past Markdown
(see :mod:`trilingual.pagebody`)."""

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


class Element(NamedTuple):
    """An open element, with what it passes on to its content."""

    tag: str
    attrs: Mapping[str, str] = {}
    lang: str = ""
    """Its language: its own ``lang`` attribute, else its parent's (the page's at the root)."""
    annotated: bool = True
    """Its text may be annotated (neither it nor an ancestor is left alone by the annotator)."""
    indexed: bool = True
    """Its text is indexed (neither it nor an ancestor is left out of the search index)."""

    @property
    def classes(self) -> frozenset[str]:
        return _classes(self.attrs.get("class", ""))

    def child(self, tag: str, attrs: Mapping[str, str]) -> Element:
        classes = _classes(attrs.get("class", ""))
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


@lru_cache(maxsize=4096)
def _classes(value: str) -> frozenset[str]:
    return frozenset(value.split())


# The pieces are named tuples: a page has tens of thousands, and a tuple is the cheapest to make.


class Start(NamedTuple):
    """A start tag; ``void`` for an element with no content (``<br>``, ``<img/>``, ``<span/>``)."""

    element: Element
    raw: str
    void: bool = False


class End(NamedTuple):
    """An element ends: by its end tag (``raw``), or, with ``raw`` empty, by an ancestor's."""

    element: Element
    raw: str


class Text(NamedTuple):
    """A run of text (entities decoded) in the element it stands in."""

    text: str
    """``raw`` with its character references decoded (``script`` and ``style``: ``raw`` itself)."""
    raw: str
    element: Element


class Other(NamedTuple):
    """A comment, a declaration, a processing instruction or a stray end tag: copied as is."""

    raw: str


Event = Start | End | Text | Other


# The tokenizer. A start tag's attribute values may hold ``>`` and ``<`` in quotes; ``script`` and
# ``style`` hold raw text up to their end tag, read as a browser reads it (``</script`` then a space,
# ``/`` or ``>``: ``</ script>`` is script text); a ``<`` that starts no tag is text. Attributes
# follow a space, a quote or a ``/``, and their names may hold quotes (as html.parser and browsers
# read them); each is matched atomically and the list possessively, and a comment with no end runs
# to the end, so hostile input (``<a x"x"x"…``, thousands of ``<a x`` before a stray quote or of
# ``<!--`` with no ``-->``) is read in one pass instead of trying every cut or rescanning.
_NAME = r"[^\s>/=][^\s/=>]*"
_VALUE = r"""(?:"[^"]*"|'[^']*'|[^\s>"'][^\s>]*)"""
_ATTRIBUTE = rf"{_NAME}(?:\s*=+\s*{_VALUE})?"
_TOKEN = re.compile(
    rf"""<(?:
        (?P<start>[a-zA-Z][^\s/>\x00]*)
        (?P<attrs>(?:(?:\s+|(?<=["'/]))(?>{_ATTRIBUTE})|\s*/(?!>))*+)
        \s*(?P<void>/)?>
      | /\s*(?P<end>[a-zA-Z][^\s/>\x00]*)[^>]*>
      | !--.*?(?:-->|\Z)
      | [!?/][^>]*>
    )""",
    re.S | re.X,
)
_ATTRIBUTES = re.compile(rf"({_NAME})(?:\s*=+\s*({_VALUE}))?")
RAW_TEXT_TAGS = ("script", "style")
"""Elements whose content is raw text up to their end tag, never tags."""
_RAW_TEXT = {tag: re.compile(rf"</{tag}(?=[\s/>])[^>]*>", re.I) for tag in RAW_TEXT_TAGS}


@lru_cache(maxsize=4096)
def _attributes(source: str) -> Mapping[str, str]:
    """A start tag's attributes, names in lower case, values unquoted and decoded; the last of
    a repeated name wins. Kept by their source (most tags of a page repeat another's), so the
    mapping is shared and never changed."""
    attrs: dict[str, str] = {}
    if not source or source.isspace():
        return attrs
    for match in _ATTRIBUTES.finditer(source):
        value = match.group(2) or ""
        if value[:1] in ('"', "'"):
            value = value[1:-1]
        attrs[match.group(1).lower()] = html.unescape(value) if "&" in value else value
    return attrs


def walk(source: str, lang: str) -> Iterator[Event]:
    """Every piece of an HTML page or fragment whose language is ``lang``, in order; the ``raw``
    of the pieces, joined, is ``source``. Attribute values are never text (``title="a>b"`` is
    one attribute), and ``script`` and ``style`` hold raw text."""
    stack = [Element("", {}, lang)]
    open_tags: dict[str, int] = {}  # how many of each tag are open
    position = 0
    length = len(source)
    tags_end = source.rfind(">") + 1  # every tag ends with ">": past the last one, all is text
    while position < length:
        match = _TOKEN.search(source, position, tags_end)
        end = match.start() if match else length
        if end > position:
            raw = source[position:end]
            yield Text(html.unescape(raw) if "&" in raw else raw, raw, stack[-1])
        if match is None:
            return
        raw = match.group()
        position = match.end()
        if raw.startswith("<!--") and not raw.endswith("-->"):  # the search stopped at the last ">"
            yield Other(source[match.start() :])  # a comment with no end runs to the end
            return
        tag = match.group("start")
        if tag is not None:
            tag = tag.lower()
            element = stack[-1].child(tag, _attributes(match.group("attrs")))
            void = bool(match.group("void")) or tag in VOID
            yield Start(element, raw, void)
            if void:
                continue
            closing = _RAW_TEXT.get(tag)
            if closing is None:
                stack.append(element)
                open_tags[tag] = open_tags.get(tag, 0) + 1
                continue
            found = closing.search(source, position)  # script and style: raw text, then the end tag
            text_end = found.start() if found else length
            if text_end > position:
                yield Text(source[position:text_end], source[position:text_end], element)
            if found:
                yield End(element, found.group())
            position = found.end() if found else length
            continue
        tag = match.group("end")
        if tag is not None and open_tags.get(tag := tag.lower()):
            while True:  # elements left open end with their ancestor
                element = stack.pop()
                open_tags[element.tag] -= 1
                if element.tag == tag:
                    break
                yield End(element, "")
            yield End(element, raw)
        else:
            yield Other(raw)


def anchors(pieces: Iterable[Event]) -> set[str]:
    """The anchors a page's pieces hold, as MkDocs collects them from raw HTML: every ``id``,
    and the ``name`` of ``a`` elements."""
    found = set()
    for piece in pieces:
        if isinstance(piece, Start):
            attrs = piece.element.attrs
            if "id" in attrs:
                found.add(attrs["id"])
            if piece.element.tag == "a" and "name" in attrs:
                found.add(attrs["name"])
    return found
