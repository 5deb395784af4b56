"""The one gate where text from translators' and maintainers' files becomes page text.

Translations, the glossary, references, ``publication.yml`` and ``ui.yml`` come from people
the maintainer may not know, and the built site is public. Every string from them reaches a
page through this module, and only as text:

* in HTML, by the template environment made here (autoescape on, undefined names an error);
* in Markdown (page headings), by :func:`markdown_text`, which leaves Markdown nothing to
  interpret: no attribute lists (``{: onclick=…}``), links, images, emphasis or line breaks;
* in a page's front matter (its title, which the theme inserts as HTML), by
  :func:`front_matter_string`;
* in an ``href``, by :func:`safe_url`: ``http(s):`` and ``mailto:`` URLs and relative paths only;
* interface strings with placeholders (``{label}、{title}``) are filled by :func:`fill`, never
  by ``str.format`` or Jinja: a placeholder is a name and nothing else.
"""

from __future__ import annotations

import json
import re
from urllib.parse import urlsplit

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from . import markup

# Characters Markdown (with attr_list) gives a meaning to inside a line. They are written as
# numeric character references, which Python-Markdown passes through as text.
_MARKDOWN_RE = re.compile(r"[\\`*_{}\[\]()#+\-.!|~:=^$]")
_WHITESPACE_RE = re.compile(r"\s+")
_LINE_BREAK_RE = re.compile(r"[^\S\r\n]*[\r\n\u2028\u2029\x0b\x0c\x1c-\x1e\x85][\s]*")
_NON_PRINTABLE_RE = re.compile(r"[^\S ]|[\x7f-\x9f\u2028\u2029]")
_PLACEHOLDER_RE = re.compile(r"\{([a-z_]+)\}")
SAFE_SCHEMES = ("http", "https", "mailto")


def markdown_text(text: str) -> Markup:
    """Text for one line of Markdown (a heading): HTML-escaped, Markdown punctuation made
    inert, and line breaks folded into spaces so nothing can start a new block."""
    escaped = str(escape(_WHITESPACE_RE.sub(" ", text).strip()))
    return Markup(_MARKDOWN_RE.sub(lambda m: f"&#{ord(m.group())};", escaped))


def front_matter_string(text: str) -> Markup:
    """A page title for YAML front matter: a JSON (so YAML) string of HTML-escaped text,
    with every character a YAML reader could choke on written as an escape."""
    value = json.dumps(str(escape(_WHITESPACE_RE.sub(" ", text).strip())), ensure_ascii=False)
    return Markup(_NON_PRINTABLE_RE.sub(lambda m: f"\\u{ord(m.group()):04x}", value))


def safe_url(url: str) -> str:
    """``url`` when it is an ``http(s):`` or ``mailto:`` URL or a relative path, else ``""``."""
    url = url.strip()
    if not url or any(ord(c) < 0x21 or c in "\\<>\"'`" for c in url):
        return ""
    try:
        parts = urlsplit(url)
    except ValueError:
        return ""
    if parts.scheme:
        allowed = parts.scheme.lower() in SAFE_SCHEMES and (parts.netloc or parts.scheme == "mailto")
        return url if allowed else ""
    return "" if url.startswith("//") else url


def css_string(text: str) -> Markup:
    """Text as a quoted CSS string (for generated content): every character that is not a
    letter, a digit, a space or a CJK character is written as a CSS escape, so nothing can
    close the string, the rule or the <style> element it stands in."""
    out = []
    for char in _WHITESPACE_RE.sub(" ", text).strip():
        plain = char.isalnum() or char == " " or ord(char) > 0x2E7F
        out.append(char if plain and char.isprintable() else f"\\{ord(char):x} ")
    return Markup('"' + "".join(out) + '"')


def placeholders(template: str) -> set[str]:
    """The names a template string uses (``{title}`` → ``title``)."""
    return set(_PLACEHOLDER_RE.findall(template))


def fill(template: str, **values: object) -> str:
    """Put values in a template's ``{name}`` placeholders; an unknown name stays as written."""
    return _PLACEHOLDER_RE.sub(
        lambda m: str(values[m.group(1)]) if m.group(1) in values else m.group(0), template
    )


def _one_line(value: object) -> object:
    """Every value a template prints stays on one line: a blank line inside an HTML block
    would end it, and Markdown would read what follows (links, headings) as markup."""
    if isinstance(value, str) and not isinstance(value, Markup) and not value.isprintable():
        return _LINE_BREAK_RE.sub(" ", value)  # every line break is unprintable: most values are not
    return value


def environment() -> Environment:
    """The Jinja environment of every generated page: everything escaped unless marked safe here."""
    env = Environment(
        finalize=_one_line,
        loader=PackageLoader("trilingual", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md_inline"] = markdown_text
    env.filters["title_meta"] = front_matter_string
    env.filters["safe_url"] = safe_url
    env.globals["markup"] = markup  # the class and attribute names of the markup contract
    env.globals["body_marker"] = Markup(markup.BODY)  # where the page's HTML begins (see pagebody)
    return env


def print_margins(title: str, url: str) -> Markup:
    """A page's printed margins: its title at the top, its address and page numbers at the
    bottom (CSS paged media, which Chromium prints). ``title`` is the theme's, already escaped."""
    import html

    top = css_string(html.unescape(title))
    bottom = css_string(url)
    return Markup(
        "@page { @top-left { content: " + top + "; font-size: 8pt; color: #555; } "
        "@bottom-left { content: " + bottom + "; font-size: 7pt; color: #777; } }"
    )
