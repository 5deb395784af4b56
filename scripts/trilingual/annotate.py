"""Glossary terms and references in rendered HTML become links with a tooltip.

Works on the HTML of a page, so that hand-written and generated pages are treated alike:
each text node is matched in the language of its nearest ``lang`` attribute (CJK-safe,
longest term first, see :mod:`trilingual.terms`). Nothing inside a heading, a link, code,
a script, a style or an element marked ``tl-no-annotate`` is touched. The other languages'
names live in attributes (``data-tip``, all in one line for the no-script tooltip, and
``data-zh``, ``data-ja``, ``data-en`` one each, for the reader script's popover), so the search
index, which reads text only, keeps the plain text.

Malformed HTML is never made worse: after text holding a ``<`` that started no tag (``<x y="…``
with its quote never closed), which the quotes and ``>`` of a link could turn into a tag,
nothing is annotated.

Only a term's first occurrence on a page (a section) in each language becomes a link; later
ones stay plain text in a ``<span>`` that keeps ``data-term`` for the search index, so the text
stays calm and the page is not a row of Tab stops.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from . import markup
from .config import LATIN_LANGUAGES
from .entries import Entry
from .markup import RAW_TEXT_TAGS, Element, End, Event, Start, Text, walk
from .terms import TermMatcher


@dataclass
class Annotator:
    entries: tuple[Entry, ...]
    href: Callable[[Entry], str]
    """The link target of an entry, relative to the page being annotated."""
    label_languages: tuple[str, ...] = ("zh", "ja", "en")

    def __post_init__(self) -> None:
        self.by_key = {entry.key: entry for entry in self.entries}
        self._matchers: dict[str, TermMatcher] = {}

    def matcher(self, lang: str) -> TermMatcher:
        """The compiled forms of every entry in ``lang`` (built once per annotator)."""
        base = _base_language(lang)
        if base not in self._matchers:
            forms = [(form, entry.key) for entry in self.entries for form in entry.forms.get(base, ())]
            self._matchers[base] = TermMatcher(forms, ignore_case=base in LATIN_LANGUAGES, remember=True)
        return self._matchers[base]

    def annotated(self, fragment: str, lang: str) -> Iterator[Event]:
        """The pieces of an HTML fragment whose default language is ``lang``, every eligible text
        node annotated: what :func:`trilingual.markup.walk` reads from the annotated HTML, made in
        the same pass (the search index reads them: the page is not walked twice). Everything
        else (tags, attributes, comments, text left alone) is copied as written."""
        seen: set[tuple[str, str]] = set()  # (language, entry) already linked on this page
        intact = True
        for piece in walk(fragment, lang):
            if intact and isinstance(piece, Text) and piece.element.tag not in RAW_TEXT_TAGS:
                # A "<" that started no tag (malformed HTML, as in <x y="…) could become one with
                # the quotes and ">" of a link written after it: nothing after it is annotated.
                intact = not _TAG_LIKE.search(piece.raw)
            if intact and isinstance(piece, Text) and piece.element.annotated and piece.raw.strip():
                yield from self._linked(piece.text, piece.element, seen)
            else:
                yield piece

    def annotate_html(self, fragment: str, lang: str) -> str:
        """The annotated HTML of a fragment (see :meth:`annotated`)."""
        return "".join(piece.raw for piece in self.annotated(fragment, lang))

    def _linked(self, text: str, parent: Element, seen: set[tuple[str, str]]) -> Iterator[Event]:
        """The pieces of ``text`` in ``parent``, annotated: escaped text, and links around the
        entries' names not yet in ``seen`` (the others keep their key in a plain ``<span>``), each
        with the element :func:`walk` would read from its tag."""
        base = _base_language(parent.lang)
        position = 0
        for match in self.matcher(base).find(text):
            entry = self.by_key[match.key]
            if match.start > position:
                yield _text(text[position : match.start], parent)
            attrs = {markup.ENTRY_KEY[entry.kind]: entry.id}
            if (base, entry.key) in seen:
                tag = "span"
            else:
                seen.add((base, entry.key))
                others = [code for code in self.label_languages if code != base and code in entry.labels]
                tag = "a"
                attrs = {
                    "class": markup.ENTRY_LINK[entry.kind],
                    "href": self.href(entry),
                    **attrs,
                    markup.TIP: " · ".join(entry.labels[code] for code in others),
                    **{markup.name_attribute(code): entry.labels[code] for code in others},
                }
            element = parent.child(tag, attrs)
            written = "".join(f' {name}="{html.escape(value)}"' for name, value in attrs.items())
            yield Start(element, f"<{tag}{written}>")
            yield _text(match.text, element)
            yield End(element, f"</{tag}>")
            position = match.end
        if position < len(text):
            yield _text(text[position:], parent)


_TAG_LIKE = re.compile(r"<[A-Za-z!/?]")


def _text(text: str, element: Element) -> Text:
    return Text(text, html.escape(text, quote=False), element)


def _base_language(lang: str) -> str:
    return lang.split("-")[0].lower()
