"""A Content-Security-Policy for every page: the second wall behind :mod:`trilingual.pagetext`.

GitHub Pages cannot send headers, so the policy is a ``<meta http-equiv>`` as the first
element of ``<head>`` after the charset. Scripts run only from the site itself or when they
are one of the page's own inline scripts (the theme's, each allowed by its SHA-256 hash), so
an inline event handler (``onerror=…``) or a ``javascript:`` URL that got into a page is
blocked even if the gate failed.
"""

from __future__ import annotations

import base64
import hashlib
import re

_INLINE_SCRIPT_RE = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.DOTALL | re.IGNORECASE)
_CHARSET_RE = re.compile(r"<meta charset=[\"']?utf-8[\"']?\s*/?>", re.IGNORECASE)
_TYPE_RE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)
_JS_TYPES = {"", "text/javascript", "module", "application/javascript"}

STATIC_DIRECTIVES = (
    "default-src 'self'",
    "img-src 'self' data:",
    "style-src 'self' 'unsafe-inline'",
    "font-src 'self' data:",
    "connect-src 'self' data:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
)


def inline_script_hashes(html: str) -> list[str]:
    """CSP source expressions (``'sha256-…'``) for each inline script the page runs."""
    hashes = []
    for script in _INLINE_SCRIPT_RE.finditer(html):
        attrs = script.group("attrs")
        kind = _TYPE_RE.search(attrs)
        if re.search(r"\bsrc\s*=", attrs, re.IGNORECASE) or (kind and kind.group(1).lower() not in _JS_TYPES):
            continue
        digest = hashlib.sha256(script.group("body").encode("utf-8")).digest()
        hashes.append(f"'sha256-{base64.b64encode(digest).decode('ascii')}'")
    return sorted(set(hashes))


def policy(html: str) -> str:
    script_src = " ".join(["'self'", *inline_script_hashes(html)])
    return "; ".join([*STATIC_DIRECTIVES[:1], f"script-src {script_src}", *STATIC_DIRECTIVES[1:]])


def add_policy(html: str) -> str:
    """The page with its policy after ``<meta charset>`` (unchanged when it has no such tag)."""
    charset = _CHARSET_RE.search(html)
    if charset is None:
        return html
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(html)}">'
    return f"{html[: charset.end()]}\n  {meta}{html[charset.end() :]}"
