"""Glossary terms and references in rendered HTML become links with a tooltip.

Works on the HTML of a page, so that hand-written and generated pages are treated alike:
each text node is matched in the language of its nearest ``lang`` attribute (CJK-safe,
longest term first, see :mod:`trilingual.terms`). Nothing inside a heading, a link, code,
a script, a style or an element marked ``tl-no-annotate`` is touched. The other languages'
names live in attributes (``data-tip``, all in one line for the no-script tooltip, and
``data-zh``, ``data-ja``, ``data-en`` one each, for the reader script's popover), so the search
index, which reads text only, keeps the plain text.

Only a term's first occurrence on a page (a section) in each language becomes a link; later
ones stay plain text in a ``<span>`` that keeps ``data-term`` for the search index, so the text
stays calm and the page is not a row of Tab stops.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass

from . import markup
from .config import LATIN_LANGUAGES
from .entries import Entry
from .markup import Text, walk
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
            self._matchers[base] = TermMatcher(forms, ignore_case=base in LATIN_LANGUAGES)
        return self._matchers[base]

    def annotate_text(self, text: str, lang: str, seen: set[tuple[str, str]] | None = None) -> str:
        """Plain text → escaped HTML with links for the entries found in it (only for those not
        yet in ``seen``, when given: the others keep their key in a plain ``<span>``)."""
        base = _base_language(lang)
        matches = self.matcher(lang).find(text)
        out, position = [], 0
        for match in matches:
            entry = self.by_key[match.key]
            out.append(html.escape(text[position : match.start], quote=False))
            key = f'{markup.ENTRY_KEY[entry.kind]}="{html.escape(entry.id)}"'
            if seen is not None and (base, entry.key) in seen:
                out.append(f"<span {key}>{html.escape(match.text, quote=False)}</span>")
                position = match.end
                continue
            if seen is not None:
                seen.add((base, entry.key))
            others = [code for code in self.label_languages if code != base and code in entry.labels]
            tip = " · ".join(entry.labels[code] for code in others)
            names = "".join(
                f' {markup.name_attribute(code)}="{html.escape(entry.labels[code])}"' for code in others
            )
            out.append(
                f'<a class="{markup.ENTRY_LINK[entry.kind]}" href="{html.escape(self.href(entry))}" '
                f'{key} {markup.TIP}="{html.escape(tip)}"{names}>'
                f"{html.escape(match.text, quote=False)}</a>"
            )
            position = match.end
        out.append(html.escape(text[position:], quote=False))
        return "".join(out)

    def annotate_html(self, fragment: str, lang: str) -> str:
        """Annotate every eligible text node of an HTML fragment whose default language is ``lang``;
        everything else (tags, attributes, comments, text left alone) is copied as written."""
        seen: set[tuple[str, str]] = set()  # (language, entry) already linked on this page
        out = []
        for piece in walk(fragment, lang):
            if isinstance(piece, Text) and piece.element.annotated and piece.raw.strip():
                out.append(self.annotate_text(piece.text, piece.element.lang, seen))
            else:
                out.append(piece.raw)
        return "".join(out)


def _base_language(lang: str) -> str:
    return lang.split("-")[0].lower()
