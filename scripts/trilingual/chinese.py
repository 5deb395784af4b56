"""Text transforms for Chinese official documents: spacing, sentence splitting, numerals.

Pure functions on strings, with no knowledge of any particular publication.
"""

from __future__ import annotations

import re

# Han ideographs, kana and CJK punctuation / full-width forms: characters that are never
# separated by spaces in Chinese or Japanese running text.
_CJK = (
    r"\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3100-\u312f\u31a0-\u31ff\u3400-\u4dbf"
    r"\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\u201c\u201d\u2018\u2019\u2014\u2026"
)
_HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
HAN_RE = re.compile(f"[{_HAN}]")

# A run of ASCII spaces / tabs with a CJK character on at least one side and a visible
# character on the other: an artefact of PDF conversion (``2021 年`` → ``2021年``).
_PDF_SPACE_RE = re.compile(f"(?<=[{_CJK}])[ \\t\\u00a0]+(?=\\S)|(?<=\\S)[ \\t\\u00a0]+(?=[{_CJK}])")

SENTENCE_END = "。！？；"
CLOSERS = "”’」』）》〕】〉\"')"
# Punctuation after which a paragraph is complete (a colon introduces a list on the next line).
PARAGRAPH_END = SENTENCE_END + "：…"

_SENTENCE_RE = re.compile(f"[^{SENTENCE_END}]*(?:[{SENTENCE_END}]+[{re.escape(CLOSERS)}]*|$)")

DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
CHINESE_NUMERAL = "[零〇一二两三四五六七八九十百]+"


def normalize_spaces(text: str) -> str:
    """Remove spaces that PDF conversion left between CJK characters and their neighbours.

    Spaces between two Latin words or numbers are kept (``World Intellectual Property``).
    """
    return _PDF_SPACE_RE.sub("", text)


def split_sentences(text: str) -> list[str]:
    """Split after 。！？； keeping closing quotes and brackets with their sentence.

    Joining the result gives ``text`` back unchanged.
    """
    parts = [match.group(0) for match in _SENTENCE_RE.finditer(text) if match.group(0)]
    return parts or ([text] if text else [])


def ends_paragraph(text: str) -> bool:
    """Whether a block of text ends where a paragraph may end (final punctuation)."""
    stripped = text.rstrip().rstrip("*_").rstrip()
    stripped = stripped.rstrip(CLOSERS)
    return bool(stripped) and stripped[-1] in PARAGRAPH_END


def join_broken(first: str, second: str) -> str:
    """Join two halves of a paragraph split by a page break.

    Latin words keep a space between them; everything else (Han, digits) joins directly.
    """
    left, right = first.rstrip(), second.lstrip()
    if (
        left
        and right
        and left[-1].isascii()
        and left[-1].isalpha()
        and right[0].isascii()
        and right[0].isalpha()
    ):
        return f"{left} {right}"
    return left + right


def chinese_numeral_value(numeral: str) -> int:
    """Value of a Chinese numeral up to 999 (``八`` → 8, ``十一`` → 11, ``二十`` → 20)."""
    if not numeral or not re.fullmatch(CHINESE_NUMERAL, numeral):
        raise ValueError(f"not a Chinese numeral: {numeral!r}")
    total, current = 0, 0
    for char in numeral:
        if char == "百":
            total += (current or 1) * 100
            current = 0
        elif char == "十":
            total += (current or 1) * 10
            current = 0
        else:
            current = DIGITS[char]
    return total + current


_ESCAPE_RE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>~])")


def unescape_markdown(text: str) -> str:
    r"""Undo Markdown backslash escapes, including doubled ones (``art\\_92`` → ``art_92``)."""
    previous = None
    while previous != text:
        previous, text = text, _ESCAPE_RE.sub(r"\1", text)
    return text
