"""Sorting as each language sorts: Chinese by pinyin, Japanese by kana reading, English alphabetically."""

from __future__ import annotations

import re
import unicodedata

from pypinyin import Style, lazy_pinyin

_LEADING_PUNCTUATION = re.compile(r"^[\W_]+")
_GOJUON_ROWS = "あかさたなはまやらわ"
_ROW_STARTS = "ぁかさたなはまゃらゎん"  # first code point of each row, small kana included


def pinyin(text: str) -> str:
    """Toneless pinyin, syllables separated by spaces (``知识产权`` → ``zhi shi chan quan``)."""
    return " ".join(part.strip() for part in lazy_pinyin(_strip(text), style=Style.NORMAL) if part.strip())


def pinyin_with_tones(text: str) -> str:
    """Pinyin with tone marks, for display (``zhī shí chǎn quán``)."""
    return " ".join(part.strip() for part in lazy_pinyin(_strip(text), style=Style.TONE) if part.strip())


def hiragana(text: str) -> str:
    """Katakana folded to hiragana, so that both sort together."""
    return "".join(chr(ord(c) - 0x60) if "ァ" <= c <= "ヶ" else c for c in text)


def _strip(text: str) -> str:
    return _LEADING_PUNCTUATION.sub("", text.replace("“", "").replace("”", ""))


def sort_key(language: str, term: str, reading: str = "") -> tuple[str, str]:
    """A key that orders terms as a reader of ``language`` expects."""
    if language == "zh":
        return (reading or pinyin(term)).casefold(), term
    if language == "ja":
        kana = hiragana(reading or term)
        return _unvoiced(kana), kana + term
    text = _strip(term).casefold()
    return re.sub(r"^(the|a|an) ", "", text), term


def index_letter(language: str, term: str, reading: str = "") -> str:
    """The heading a term is listed under: a pinyin or Latin initial, or a kana row (あ か さ …)."""
    if language == "ja":
        first = _unvoiced(hiragana(reading or term))[:1]
        if "ぁ" <= first <= "ゖ":
            for row, start, end in zip(_GOJUON_ROWS, _ROW_STARTS, _ROW_STARTS[1:], strict=False):
                if start <= first < end:
                    return row
            return "わ"
        return first.upper() if first.isascii() else "#"
    key = sort_key(language, term, reading)[0]
    first = key[:1].upper()
    return first if "A" <= first <= "Z" else "#"


def _unvoiced(text: str) -> str:
    """Dakuten and handakuten removed (が → か), as dictionaries sort."""
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in "\u3099\u309a"))
