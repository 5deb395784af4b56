"""Hostile text for the tests of the gate: what a careless or malicious contributor might write."""

from __future__ import annotations

from html.parser import HTMLParser

from hypothesis import strategies as st

FRAGMENTS = [
    "{: tabindex=0 autofocus onfocus=alert(1) }",
    "{: #content }",
    "{: .x onclick='alert(2)' }",
    "<script>alert(3)</script>",
    "<img src=x onerror=alert(4)>",
    '"><svg onload=alert(5)>',
    "[click](javascript:alert(6))",
    "![x](javascript:alert(7))",
    "<javascript:alert(8)>",
    "[a]: javascript:alert(9)",
    "**",
    "_",
    "`",
    "# ",
    "|",
    "{title}",
    "{0}",
    "{title:>99}",
    "{title.__class__}",
    "{{ 7*7 }}",
    "{% raw %}",
    "\n",
    "\n\n# H\n\n",
    "---\n",
    "&amp;",
    "&#x3C;script&#x3E;",
    "'",
    '"',
    ">",
    ":",
    "\\",
    "知识产权",
    "専利",
    "patent",
    "ﬁling",
    "\u3000",
]

hostile_text = (
    st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=5)
    .map("".join)
    .filter(lambda text: text.strip() != "")
)


class Elements(HTMLParser):
    """Every element and attribute of an HTML page (with the text of ``<title>``)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.attributes: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.attributes += [(tag, name, value or "") for name, value in attrs]


def elements(html: str) -> Elements:
    parser = Elements()
    parser.feed(html)
    parser.close()
    return parser


def dangers(html: str) -> list[str]:
    """What would run in a reader's browser: event handlers, script URLs, autofocus."""
    found = []
    for tag, name, value in elements(html).attributes:
        if name.startswith("on") or name == "autofocus":
            found.append(f"<{tag} {name}={value!r}>")
        if name in ("href", "src", "action", "formaction", "xlink:href") and value.strip().lower().startswith(
            ("javascript:", "data:text/html", "vbscript:")
        ):
            found.append(f"<{tag} {name}={value!r}>")
    return found
