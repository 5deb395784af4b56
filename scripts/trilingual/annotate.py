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
import re
from collections.abc import Callable
from dataclasses import dataclass

from .config import LATIN_LANGUAGES
from .entries import Entry
from .terms import TermMatcher

# A tag ends at the first ">" outside a quoted attribute value ("a>b" is text inside a title).
_TOKEN_RE = re.compile(r"""(<!--.*?-->|<[!/?a-zA-Z](?:[^>"']|"[^"]*"|'[^']*')*>)""", re.DOTALL)
_QUOTED = r"""(?:[^>"']|"[^"]*"|'[^']*')"""
_TAG_RE = re.compile(rf"<\s*(/)?\s*([a-zA-Z][a-zA-Z0-9-]*)({_QUOTED}*?)(/)?\s*>", re.DOTALL)
_ATTR_RE = re.compile(r"""([a-zA-Z_:][-a-zA-Z0-9_:.]*)\s*=\s*("[^"]*"|'[^']*'|[^\s"'>]+)""")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
SKIP = {
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
SKIP_CLASSES = {"tl-no-annotate", "headerlink", "md-nav", "tl-mark"}


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
            key = f'data-{entry.kind}="{html.escape(entry.id)}"'
            if seen is not None and (base, entry.key) in seen:
                out.append(f"<span {key}>{html.escape(match.text, quote=False)}</span>")
                position = match.end
                continue
            if seen is not None:
                seen.add((base, entry.key))
            others = [code for code in self.label_languages if code != base and code in entry.labels]
            tip = " · ".join(entry.labels[code] for code in others)
            names = "".join(f' data-{code}="{html.escape(entry.labels[code])}"' for code in others)
            out.append(
                f'<a class="tl-{entry.kind}" href="{html.escape(self.href(entry))}" '
                f'{key} data-tip="{html.escape(tip)}"{names}>'
                f"{html.escape(match.text, quote=False)}</a>"
            )
            position = match.end
        out.append(html.escape(text[position:], quote=False))
        return "".join(out)

    def annotate_html(self, fragment: str, lang: str) -> str:
        """Annotate every eligible text node of an HTML fragment whose default language is ``lang``."""
        stack: list[tuple[str, str, bool]] = []  # (tag, lang, skip)
        seen: set[tuple[str, str]] = set()  # (language, entry) already linked on this page
        out = []
        for index, token in enumerate(_TOKEN_RE.split(fragment)):
            if not token:
                continue
            if index % 2:  # a tag or a comment (split keeps them at odd places)
                out.append(token)
                tag = _TAG_RE.match(token)
                if token.startswith("<!") or tag is None:
                    continue
                closing, name, attributes, self_closing = tag.groups()
                name = name.lower()
                if closing:
                    while stack:
                        if stack.pop()[0] == name:
                            break
                elif name not in VOID and not self_closing:
                    attrs = dict((k.lower(), v.strip("\"'")) for k, v in _ATTR_RE.findall(attributes))
                    parent_lang, parent_skip = (stack[-1][1], stack[-1][2]) if stack else (lang, False)
                    skip = (
                        parent_skip
                        or name in SKIP
                        or bool(SKIP_CLASSES & set(attrs.get("class", "").split()))
                    )
                    stack.append((name, attrs.get("lang", parent_lang), skip))
                continue
            current_lang, skip = (stack[-1][1], stack[-1][2]) if stack else (lang, False)
            if skip or not token.strip():
                out.append(token)
            else:
                out.append(self.annotate_text(html.unescape(token), current_lang, seen))
        return "".join(out)


def _base_language(lang: str) -> str:
    return lang.split("-")[0].lower()
