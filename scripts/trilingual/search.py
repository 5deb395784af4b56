"""Search: what is indexed and how text is cut into tokens, the same way at build time and in the browser.

Material's lunr search cannot do what a trilingual site needs (one index for all languages,
English and katakana queries failing, see the README), so the site has its own:

* **records** are paragraphs of section pages (a result opens the page at the paragraph),
  heading sections of other pages, and (built by :mod:`trilingual.search_index` from the
  glossary and the references themselves) one record per glossary term and per reference;
* **Chinese** is cut with jieba in search mode, with the glossary and reference titles as a
  user dictionary, so 知识产权保护中心 is a token as well as 知识产权, 保护 and 中心;
* **Japanese** is cut with Sudachi (long units and their short parts), glossary terms whole;
* **Latin** words are folded (full-width to half-width, case, diacritics: ``zhuānlì`` is
  ``zhuanli``) and stemmed with :func:`stem`; overrides/assets/search.js runs the same steps;
* a paragraph is also found by the other languages' names of the terms it contains;
* the browser splits a CJK query by longest match against the index's own vocabulary, so
  queries are segmented exactly as the text was, whatever the tokenizer.

Each edition's index holds only its own pages: results come in the reader's language, and on
the Japanese and English editions the Chinese original is searchable too (it stands there).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from . import markup
from .markup import Element, End, Event, Start, Text, walk

_CJK_RUN = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u30fc々〆]+")
_WORD = re.compile(r"[0-9a-z\u00c0-\u024f\u1e00-\u1eff]+(?:['’][a-z]+)?")
_MARKS = re.compile(r"[\u0300-\u036f]")
_STOP = frozenset(
    {
        "a", "an", "and", "are", "as", "at", "be", "by", "for", "from",
        "in", "into", "is", "it", "of", "on", "or", "the", "to", "with",
    }
)  # fmt: skip
_PUNCTUATION = frozenset("、。，；：！？・「」『』（）《》“”")


SUDACHI_CHUNK = 4000
"""Characters of a Japanese run given to Sudachi at once (its limit is 49,149 bytes of UTF-8)."""


def stem(word: str) -> str:
    """A light English stemmer (plurals, -ing, -ed); the browser runs the same steps."""
    if len(word) <= 3 or not word.isalpha():
        return word
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith("es") and word[:-2].endswith(("ss", "x", "ch", "sh", "z")):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    if word.endswith("ing") and len(word) > 5:
        word = word[:-3]
    elif word.endswith("ed") and len(word) > 4:
        word = word[:-2]
    return word


def fold(text: str) -> str:
    """Full-width and half-width forms unified (NFKC) and lower case: what every token starts from."""
    return unicodedata.normalize("NFKC", text).lower()


def plain(word: str) -> str:
    """A Latin word without diacritics (pinyin tone marks included: ``zhuānlì`` → ``zhuanli``)."""
    return unicodedata.normalize("NFC", _MARKS.sub("", unicodedata.normalize("NFD", word)))


def latin_words(text: str) -> Iterator[str]:
    """The folded Latin words of ``text``, stop words included, not stemmed."""
    for word in _WORD.findall(fold(text)):
        word = plain(word.replace("’", "'").split("'")[0])
        if word:
            yield word


def latin_tokens(text: str) -> Iterator[str]:
    for word in latin_words(text):
        if word not in _STOP:
            yield stem(word)


def is_cjk(text: str) -> bool:
    return bool(_CJK_RUN.fullmatch(text))


@dataclass
class Tokenizer:
    """CJK tokenization per language, with the site's terms kept whole."""

    terms: dict[str, set[str]] = field(default_factory=dict)
    """Whole terms per language (glossary terms and reference titles)."""

    def __post_init__(self) -> None:
        self._jieba: Any = None
        self._sudachi: Any = None
        self._cache: dict[tuple[str, str], tuple[str, ...]] = {}

    def chinese(self, run: str) -> list[str]:
        if self._jieba is None:
            import jieba

            jieba.setLogLevel(60)
            tokenizer = jieba.Tokenizer()
            tokenizer.initialize()
            for term in sorted(self.terms.get("zh", ())):
                if _CJK_RUN.fullmatch(term):
                    tokenizer.add_word(term, freq=2_000_000)
            self._jieba = tokenizer
        return list(self._search_words(run))

    def _search_words(self, run: str) -> Iterator[str]:
        """jieba's words, and every dictionary word inside a long one (cut_for_search only
        gives those of two and three characters: 海牙协定 inside a treaty's full title is lost)."""
        assert self._jieba is not None
        frequencies = self._jieba.FREQ
        for word in self._jieba.cut(run):
            if not word.strip():
                continue
            yield word
            for size in range(2, len(word)):
                for start in range(len(word) - size + 1):
                    if frequencies.get(word[start : start + size]):
                        yield word[start : start + size]

    def japanese(self, run: str) -> list[str]:
        """Sudachi's long units (知的財産権) and their short parts (知的, 財産, 権)."""
        if self._sudachi is None:
            from sudachipy import Dictionary

            self._sudachi = Dictionary(dict="core").tokenizer()
        from sudachipy import SplitMode

        tokens: list[str] = []
        # Sudachi refuses inputs past about 49 KB; a run with no punctuation that long is cut
        # into pieces (a word cut at a piece's edge is found by its parts).
        for start in range(0, len(run), SUDACHI_CHUNK):
            piece = run[start : start + SUDACHI_CHUNK]
            tokens += [m.surface() for m in self._sudachi.tokenize(piece, SplitMode.C)]
            tokens += [m.surface() for m in self._sudachi.tokenize(piece, SplitMode.A)]
        # Glossary terms found in the run are tokens too, whole.
        tokens += [term for term in self.terms.get("ja", ()) if term in run and _CJK_RUN.fullmatch(term)]
        return tokens

    def tokens(self, text: str, lang: str) -> list[str]:
        """Every token of ``text`` in ``lang`` (zh, ja, en …); titles and names recur, so cached."""
        key = (text, lang)
        if key not in self._cache:
            self._cache[key] = tuple(self._tokens(text, lang))
        return list(self._cache[key])

    def _tokens(self, text: str, lang: str) -> list[str]:
        out: list[str] = []
        position = 0
        text = unicodedata.normalize("NFKC", text)
        for run in _CJK_RUN.finditer(text):
            out += latin_tokens(text[position : run.start()])
            out += self.japanese(run.group()) if lang == "ja" else self.chinese(run.group())
            position = run.end()
        out += latin_tokens(text[position:])
        return [t for t in out if t not in _PUNCTUATION]


@dataclass
class Record:
    """One searchable unit of a page, as the page shows it."""

    url: str
    """The page's URL with the unit's anchor (``en/plan/s3/#s3.p2``)."""
    title: str
    """The page's title."""
    parts: list[tuple[str, str]]
    """(language, text) of what the record shows: the original and the translation."""
    concepts: list[str] = field(default_factory=list)
    """Glossary terms and references annotated in it (``term:<id>``), found in any language."""
    heading: str = ""
    """The heading the unit stands under, when it is not the page's title."""
    number: str = ""
    """The paragraph's number (``2`` for ``s3.p2``), empty for titles and other units."""
    row: bool = False
    """A row of parallel text (a paragraph or a title), not a heading section."""


_BLOCKS = frozenset(
    {"p", "div", "li", "dt", "dd", "td", "th", "tr", "br", "h4", "h5", "h6", "section", "blockquote", "pre"}
)
_BLOCK_CLASSES = frozenset({markup.CARD, markup.CARD_TITLE, markup.CARD_SUMMARY})
_HEADINGS = frozenset({"h1", "h2", "h3"})
_WIDE = "\u3000-\u30ff\u3400-\u9fff\uff00-\uffef"
_CJK_SPACE = re.compile(f"(?<=[{_WIDE}]) (?=[{_WIDE}])")


class _Extractor:
    """Records from a page's HTML: paragraph rows of parallel texts, else heading sections."""

    def __init__(self, page_lang: str) -> None:
        self.page_lang = page_lang
        self.records: list[tuple[str, list[tuple[str, str]], str, list[str], bool]] = []
        self.concepts: list[str] = []
        self.heading = ""
        self.heading_anchor = ""
        self.in_heading = False
        self.current: dict[str, list[str]] | None = None
        self.row_anchor = ""
        self.loose: dict[str, list[str]] = {}

    def feed(self, pieces: Iterable[Event]) -> None:
        for piece in pieces:
            if isinstance(piece, Start):
                self.start(piece.element, piece.void)
            elif isinstance(piece, End):
                self.end(piece.element)
            elif isinstance(piece, Text) and piece.element.indexed:
                self.text(piece.text, piece.element.lang.split("-")[0].lower())

    def _break(self) -> None:
        """A block starts or ends: its text is not glued to the next block's."""
        target = self.current if self.current is not None else self.loose
        for texts in target.values():
            if texts and texts[-1] != "\n":
                texts.append("\n")

    def start(self, element: Element, void: bool) -> None:
        values, classes = element.attrs, element.classes
        if element.tag in _BLOCKS or classes & _BLOCK_CLASSES:
            self._break()
        if void or not element.indexed:  # inside an excluded element, nothing counts (rows of a full text)
            return
        for kind, key in markup.ENTRY_KEY.items():
            if values.get(key) and not self.in_heading:
                self.concepts.append(f"{kind}:{values[key]}")
        if markup.ROW in classes and values.get("id"):
            self._flush_loose()
            self.current = {}
            self.row_anchor = values["id"]
            self.concepts = []
        if element.tag in _HEADINGS:
            self._flush_loose()
            self.in_heading = True
            self.heading = ""
            self.heading_anchor = values.get("id", "")

    def end(self, element: Element) -> None:
        if element.tag in _BLOCKS or element.classes & _BLOCK_CLASSES:
            self._break()
        if markup.ROW in element.classes and self.current is not None:
            parts = [(lang, _squeeze("".join(texts))) for lang, texts in self.current.items()]
            parts = [p for p in parts if p[1]]
            if parts:
                self.records.append((self.row_anchor, parts, self.heading, self.concepts, True))
            self.current = None
            self.concepts = []
        if element.tag in _HEADINGS:
            self.in_heading = False

    def text(self, data: str, lang: str) -> None:
        if self.in_heading:
            self.heading += data
            return
        target = self.current if self.current is not None else self.loose
        if data.strip():
            target.setdefault(lang, []).append(data)
        elif lang in target:
            target[lang].append(data)

    def _flush_loose(self) -> None:
        parts = [(lang, _squeeze("".join(texts))) for lang, texts in self.loose.items()]
        parts = [p for p in parts if p[1]]
        if parts:
            self.records.append((self.heading_anchor, parts, self.heading, self.concepts, False))
        self.loose = {}
        self.concepts = []

    def close(self) -> None:
        self._flush_loose()


def _squeeze(text: str) -> str:
    """Whitespace runs as one space; a space between two CJK characters (from a line break) dropped."""
    return _CJK_SPACE.sub("", " ".join(text.split()))


def page_records(html: str, url: str, page_title: str, page_lang: str) -> list[Record]:
    """The search records of a page's HTML (its content, as the theme puts it on the page)."""
    return records_of(walk(html, page_lang), url, page_title, page_lang)


def records_of(pieces: Iterable[Event], url: str, page_title: str, page_lang: str) -> list[Record]:
    """:func:`page_records` from the pieces of the page's HTML (see :func:`trilingual.markup.walk`)."""
    extractor = _Extractor(page_lang)
    extractor.feed(pieces)
    extractor.close()
    records = []
    for anchor, parts, heading, concepts, row in extractor.records:
        heading = " ".join(heading.replace("¶", "").split())
        number = anchor.rsplit(".p", 1)[1] if row and re.search(r"\.p\d+$", anchor) else ""
        records.append(
            Record(
                f"{url}#{anchor}" if anchor else url,
                page_title,
                parts,
                sorted(set(concepts)),
                heading="" if row or heading == page_title else heading,
                number=number,
                row=row,
            )
        )
    return records
